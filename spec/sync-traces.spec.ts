/**
 * asyncio scenarios run side by side with CPython: each `expected` trace is what the twin
 * script in `spec/python/sync_*.py` prints (checked live when python3 ≥ 3.11 is installed),
 * and ours must print the same. Times are ms, in 100 ms units; ours run on the virtual loop
 * of `helpers/sync-trace.ts`, since the scenarios are written with `await` as in Python.
 */
import { py, pythonTrace } from './helpers/python-trace';
import { Condition, Event, Lock, Queue, Semaphore, clockNow, createTask, gatherAll, runLoop, sleep } from './helpers/sync-trace';

// Each test also runs its CPython twin, which on a busy machine takes seconds.
jest.setTimeout(60_000);

const t = () => clockNow();

/** The trace's lines sorted within each instant. */
const byInstant = (log: readonly string[]) => [...log].sort((a, b) => parseInt(a) - parseInt(b) || a.localeCompare(b));

describe('traces match CPython', () => {
  it('Lock: FIFO, one holder at a time', async () => {
    const expected = ['0 acquired 0', '100 released 0', '100 acquired 1', '200 released 1', '200 acquired 2', '300 released 2'];
    expect(pythonTrace('sync_lock_fifo.py', expected)).toEqual(expected);
    const log: string[] = [];
    await runLoop(async () => {
      const lock = new Lock();
      const w = async (i: number) => {
        await lock.acquire();
        try {
          log.push(`${t()} acquired ${i}`);
          await sleep(100);
          log.push(`${t()} released ${i}`);
        } finally {
          lock.release();
        }
      };
      await gatherAll([0, 1, 2].map(w));
    });
    expect(log).toEqual(expected);
  });

  it('Semaphore(2) bounds five workers', async () => {
    const expected = [
      '0 start 0', '0 start 1', '100 end 0', '100 start 2', '200 end 1',
      '200 start 3', '400 end 2', '400 start 4', '600 end 3', '900 end 4',
    ]; // prettier-ignore
    expect(pythonTrace('sync_semaphore_workers.py', expected)).toEqual(expected);
    const log: string[] = [];
    await runLoop(async () => {
      const sem = new Semaphore(2);
      const w = async (i: number) => {
        await sem.acquire();
        try {
          log.push(`${t()} start ${i}`);
          await sleep(100 * (i + 1));
          log.push(`${t()} end ${i}`);
        } finally {
          sem.release();
        }
      };
      await gatherAll([0, 1, 2, 3, 4].map(w));
    });
    expect(log).toEqual(expected);
  });

  it('Event: waiters wake together when set', async () => {
    const expected = [
      '0 waiting 0',
      '0 waiting 1',
      '0 waiting 2',
      '100 set',
      '100 woken 0 True',
      '100 woken 1 True',
      '100 woken 2 True',
    ];
    expect(pythonTrace('sync_event.py', expected)).toEqual(expected);
    const log: string[] = [];
    await runLoop(async () => {
      const ev = new Event();
      const w = async (i: number) => {
        log.push(`${t()} waiting ${i}`);
        const r = await ev.wait();
        log.push(`${t()} woken ${i} ${py(r)}`);
      };
      const tasks = [0, 1, 2].map((i) => createTask(w(i)));
      await sleep(100);
      log.push(`${t()} set`);
      ev.set();
      await gatherAll(tasks);
    });
    expect(log).toEqual(expected);
  });

  it('Queue(2): producer and two consumers, join, cancel the consumers', async () => {
    const expected = [
      '0 put 0', '0 put 1', '0 c0 got 0', '0 c1 got 1', '0 put 2', '0 put 3',
      '100 c0 got 2', '100 c1 got 3', '100 put 4', '200 c0 got 4', '300 joined',
    ]; // prettier-ignore
    expect(pythonTrace('sync_producer_consumer.py', expected)).toEqual(expected);
    const log: string[] = [];
    await runLoop(async () => {
      const q = new Queue<number>(2);
      const consumer = (name: string) =>
        createTask(async (signal) => {
          while (!signal.aborted) {
            const item = await q.get();
            log.push(`${t()} ${name} got ${item}`);
            await sleep(100);
            q.taskDone();
          }
        });
      const cs = [consumer('c0'), consumer('c1')];
      for (let i = 0; i < 5; i++) {
        await q.put(i);
        log.push(`${t()} put ${i}`);
      }
      await q.join();
      log.push(`${t()} joined`);
      for (const c of cs) c.cancel();
    });
    // JavaScript's `await` yields even on a done Task (asyncio's doesn't), so events of one
    // instant may interleave differently; what happens at each instant, and each
    // consumer's own sequence, are the same.
    expect(byInstant(log)).toEqual(byInstant(expected));
    for (const c of ['c0', 'c1', 'put']) expect(log.filter((l) => l.includes(c))).toEqual(expected.filter((l) => l.includes(c)));
  });

  it('a cancelled get loses nothing', async () => {
    const expected = ['g2 a g1 cancelled True qsize 0'];
    expect(pythonTrace('sync_cancelled_get.py', expected)).toEqual(expected);
    const log: string[] = [];
    await runLoop(async () => {
      const q = new Queue<string>();
      const g1 = createTask(q.get());
      const g2 = createTask(q.get());
      await sleep(0);
      g1.cancel();
      await sleep(0);
      q.putNowait('a');
      log.push(`g2 ${await g2} g1 cancelled ${py(g1.cancelled())} qsize ${q.qsize()}`);
    });
    expect(log).toEqual(expected);
  });
  it('Condition: consumers waitFor items, each notify() wakes the oldest', async () => {
    const expected = [
      '0 consumer 0 waits', '0 consumer 1 waits', '0 consumer 2 waits',
      '100 produced 0', '100 consumer 0 got 0', '200 produced 1', '200 consumer 1 got 1',
      '300 produced 2', '300 consumer 2 got 2', '400 locked False',
    ]; // prettier-ignore
    expect(pythonTrace('sync_condition.py', expected)).toEqual(expected);
    const log: string[] = [];
    await runLoop(async () => {
      const cond = new Condition();
      const items: number[] = [];
      const consumer = async (i: number) => {
        await cond.acquire();
        try {
          log.push(`${t()} consumer ${i} waits`);
          await cond.waitFor(() => items.length > 0);
          log.push(`${t()} consumer ${i} got ${items.shift()}`);
        } finally {
          cond.release();
        }
      };
      const cs = [0, 1, 2].map((i) => createTask(consumer(i)));
      await sleep(100);
      for (let k = 0; k < 3; k++) {
        await cond.acquire();
        try {
          items.push(k);
          cond.notify();
          log.push(`${t()} produced ${k}`);
        } finally {
          cond.release();
        }
        await sleep(100);
      }
      await gatherAll(cs);
      log.push(`${t()} locked ${py(cond.locked())}`);
    });
    expect(log).toEqual(expected);
  });
});
