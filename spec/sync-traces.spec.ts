/**
 * asyncio scenarios run side by side with CPython 3.11: each expected trace below is what
 * the Python twin (in the comments; the full script ran under python3.11) printed, in ms.
 * Time is virtual (`runLoop`), since the scenarios are written with `await`.
 */
import { Event, Lock, Queue, Semaphore, clockNow, createTask, gatherAll, runLoop, sleep } from './helpers/sync-trace';

const UNIT = 100;

/** The trace's lines sorted within each instant. */
const byInstant = (log: string[]) => [...log].sort((a, b) => parseInt(a) - parseInt(b) || a.localeCompare(b));

function tracer() {
  const log: string[] = [];
  const t = () => (clockNow() / UNIT) * 100;
  return { log, t };
}

describe('traces match CPython', () => {
  it('Lock: FIFO, one holder at a time', () =>
    runLoop(async () => {
      // async def w(i):
      //     async with lock:
      //         log(f'{t()} acquired {i}'); await asyncio.sleep(0.1); log(f'{t()} released {i}')
      // await asyncio.gather(*(w(i) for i in range(3)))
      const { log, t } = tracer();
      const lock = new Lock();
      const w = async (i: number) => {
        await lock.acquire();
        try {
          log.push(`${t()} acquired ${i}`);
          await sleep(UNIT);
          log.push(`${t()} released ${i}`);
        } finally {
          lock.release();
        }
      };
      await gatherAll([0, 1, 2].map(w));
      expect(log).toEqual([
        '0 acquired 0',
        '100 released 0',
        '100 acquired 1',
        '200 released 1',
        '200 acquired 2',
        '300 released 2',
      ]);
    }));

  it('Semaphore(2) bounds five workers', () =>
    runLoop(async () => {
      // async with sem: log(start i); await asyncio.sleep(0.1 * (i + 1)); log(end i)
      const { log, t } = tracer();
      const sem = new Semaphore(2);
      const w = async (i: number) => {
        await sem.acquire();
        try {
          log.push(`${t()} start ${i}`);
          await sleep(UNIT * (i + 1));
          log.push(`${t()} end ${i}`);
        } finally {
          sem.release();
        }
      };
      await gatherAll([0, 1, 2, 3, 4].map(w));
      expect(log).toEqual([
        '0 start 0',
        '0 start 1',
        '100 end 0',
        '100 start 2',
        '200 end 1',
        '200 start 3',
        '400 end 2',
        '400 start 4',
        '600 end 3',
        '900 end 4',
      ]);
    }));

  it('Event: waiters wake together when set', () =>
    runLoop(async () => {
      const { log, t } = tracer();
      const ev = new Event();
      const w = async (i: number) => {
        log.push(`${t()} waiting ${i}`);
        const r = await ev.wait();
        log.push(`${t()} woken ${i} ${r ? 'True' : 'False'}`);
      };
      const tasks = [0, 1, 2].map((i) => createTask(w(i)));
      await sleep(UNIT);
      log.push(`${t()} set`);
      ev.set();
      await gatherAll(tasks);
      expect(log).toEqual([
        '0 waiting 0',
        '0 waiting 1',
        '0 waiting 2',
        '100 set',
        '100 woken 0 True',
        '100 woken 1 True',
        '100 woken 2 True',
      ]);
    }));

  it('Queue(2): producer and two consumers, join, cancel the consumers', () =>
    runLoop(async () => {
      const { log, t } = tracer();
      const q = new Queue<number>(2);
      const consumer = (name: string) =>
        createTask(async (signal) => {
          while (!signal.aborted) {
            const item = await q.get();
            log.push(`${t()} ${name} got ${item}`);
            await sleep(UNIT);
            q.taskDone();
          }
        });
      // asyncio's consumers start at the producer's first await: ours are Tasks too, so they start soon.
      const cs = [consumer('c0'), consumer('c1')];
      for (let i = 0; i < 5; i++) {
        await q.put(i);
        log.push(`${t()} put ${i}`);
      }
      await q.join();
      log.push(`${t()} joined`);
      for (const c of cs) c.cancel();
      // JavaScript's `await` yields even on a done Task (asyncio's doesn't), so events of one
      // instant may interleave differently; what happens at each instant is the same.
      expect(byInstant(log)).toEqual(
        byInstant([
          '0 put 0',
          '0 put 1',
          '0 c0 got 0',
          '0 c1 got 1',
          '0 put 2',
          '0 put 3',
          '100 c0 got 2',
          '100 c1 got 3',
          '100 put 4',
          '200 c0 got 4',
          '300 joined',
        ]),
      );
      expect(log.filter((l) => l.includes('c0'))).toEqual(['0 c0 got 0', '100 c0 got 2', '200 c0 got 4']);
    }));

  it('a cancelled get loses nothing', () =>
    runLoop(async () => {
      const q = new Queue<string>();
      const g1 = q.get();
      const g2 = q.get();
      await sleep(0);
      g1.cancel();
      await sleep(0);
      q.putNowait('a');
      expect(`g2 ${await g2} g1 cancelled ${g1.cancelled() ? 'True' : 'False'} qsize ${q.qsize()}`).toBe(
        'g2 a g1 cancelled True qsize 0',
      );
    }));
});
