import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer, connect, type AddressInfo } from 'node:net';
import { asyncScheduler, config, EMPTY, Observable, type SchedulerLike } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { createTask, sleep } from '../../lib';
import { soon } from '../../lib/internal/ready-queue';
import { observableMatcher } from '../helpers/observable-matcher';

/** A TestScheduler behind a SchedulerLike that counts schedule() calls. */
function spyScheduler() {
  const inner = new TestScheduler(observableMatcher);
  const calls: number[] = [];
  const scheduler: SchedulerLike = {
    now: () => inner.now(),
    schedule: ((work: never, delay?: number, state?: never) => {
      calls.push(delay ?? 0);
      return inner.schedule(work, delay, state);
    }) as SchedulerLike['schedule'],
  };
  return { scheduler, calls, flush: () => inner.flush() };
}

describe('the ready queue', () => {
  it('starts 10^5 Tasks with one scheduled action', () => {
    const { scheduler, calls, flush } = spyScheduler();
    let started = 0;
    const source = new Observable<never>((subscriber) => {
      started++;
      subscriber.complete();
    });
    for (let i = 0; i < 100_000; i++) createTask(source, { scheduler });
    expect(calls).toHaveLength(1);
    expect(started).toBe(0);
    flush();
    expect(started).toBe(100_000);
  });

  it('uses one asyncScheduler action (delay 0) for the default queue in virtual time', () => {
    // Not asapScheduler: TestScheduler.run's asap emulation throws when an asap action
    // cancels a timer due in the same frame (RxJS 7.8).
    const spy = jest.spyOn(asyncScheduler, 'schedule');
    try {
      new TestScheduler(observableMatcher).run(() => {
        for (let i = 0; i < 1000; i++) createTask(EMPTY);
        expect(spy).toHaveBeenCalledTimes(1);
      });
    } finally {
      spy.mockRestore();
    }
  });

  it('is FIFO, and what a callback queues runs on the next turn, after what was already queued', () => {
    const { scheduler, calls, flush } = spyScheduler();
    const log: string[] = [];
    soon((s: string) => {
      log.push(s);
      soon((t: string) => log.push(t), 'c (queued by a)', scheduler);
    }, 'a', scheduler);
    soon((s: string) => log.push(s), 'b', scheduler);
    flush();
    expect(log).toEqual(['a', 'b', 'c (queued by a)']);
    expect(calls).toHaveLength(2); // two turns, one action each
  });

  it('keeps separate queues per scheduler', () => {
    const one = spyScheduler();
    const two = spyScheduler();
    const log: string[] = [];
    soon(() => log.push('one'), undefined, one.scheduler);
    soon(() => log.push('two'), undefined, two.scheduler);
    two.flush();
    expect(log).toEqual(['two']);
    one.flush();
    expect(log).toEqual(['two', 'one']);
  });

  it('reports a callback that throws and runs the rest of the turn', () => {
    const { scheduler, flush } = spyScheduler();
    const reported: unknown[] = [];
    config.onUnhandledError = (e) => reported.push(e);
    const log: string[] = [];
    try {
      soon(() => {
        throw new Error('bad callback');
      }, undefined, scheduler);
      soon(() => log.push('next'), undefined, scheduler);
      flush();
    } finally {
      config.onUnhandledError = null;
    }
    expect(log).toEqual(['next']);
    expect(reported).toEqual([new Error('bad callback')]);
  });

  it('runs each callback in the async context of the code that queued it', async () => {
    const als = new AsyncLocalStorage<string>();
    const seen: string[] = [];
    await new Promise<void>((resolve) => {
      als.run('A', () => soon(() => seen.push(`A: ${als.getStore()}`), undefined));
      als.run('B', () => soon(() => seen.push(`B: ${als.getStore()}`), undefined));
      soon(() => {
        seen.push(`none: ${als.getStore()}`);
        resolve();
      }, undefined);
    });
    expect(seen).toEqual(['A: A', 'B: B', 'none: undefined']);
  });

  describe('in real time', () => {
    it('makes a turn cheap: many sleep(0) turns per macrotask, not one timer per turn', async () => {
      // A ticker re-posting itself with setImmediate counts macrotask turns. With a timer per
      // ready-queue turn (RxJS's asyncScheduler: a 1 ms setInterval) there would be at most one
      // sleep(0) turn per tick; microtask drains give many, until the ~4 ms fairness budget.
      let ticks = 0;
      let turns = 0;
      let running = true;
      const tick = (): void => {
        ticks++;
        if (running) setImmediate(tick);
      };
      setImmediate(tick);
      await new Promise<void>((resolve) => {
        const spin = (): void => {
          if (++turns === 2000) return resolve();
          sleep(0).subscribe(spin);
        };
        spin();
      });
      running = false;
      expect(turns / Math.max(ticks, 1)).toBeGreaterThan(5);
    });

    /**
     * A Task spinning on sleep(0) for up to 300 ms of real time (then it stops by itself, so
     * a starving queue fails the spec instead of hanging it). `stop()` ends it early.
     */
    function spinner() {
      let turns = 0;
      let stopped = false;
      const started = performance.now();
      const task = createTask(
        new Promise<number>((resolve) => {
          const spin = (): void => {
            if (stopped || performance.now() - started > 300) return resolve(turns);
            turns++;
            sleep(0).subscribe(spin);
          };
          spin();
        }),
      );
      return { task, turns: () => turns, stop: () => (stopped = true) };
    }

    it('is fair: a task spinning on sleep(0) does not starve a 5 ms timer', async () => {
      const spin = spinner();
      await new Promise<void>((resolve) => setTimeout(resolve, 5));
      const turnsAtTimer = spin.turns();
      spin.stop();
      expect(turnsAtTimer).toBeGreaterThan(0);
      expect(spin.task.done()).toBe(false); // the timer fired while the spinner still spun
      expect(await spin.task).toBe(turnsAtTimer);
    });

    it('is fair: a task spinning on sleep(0) does not starve a socket', async () => {
      const server = createServer((socket) => socket.end('hello'));
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      try {
        const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
        client.setEncoding('utf8');
        const spin = spinner();
        const got = await new Promise<string>((resolve, reject) => {
          let data = '';
          client.on('data', (d) => (data += d));
          client.on('end', () => resolve(data));
          client.on('error', reject);
        });
        const spinning = !spin.task.done();
        spin.stop();
        await spin.task;
        expect(got).toBe('hello');
        expect(spinning).toBe(true); // the socket was served while the spinner still spun
      } finally {
        await new Promise((r) => server.close(r));
      }
    });
  });
});
