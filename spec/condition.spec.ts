import { TestScheduler } from 'rxjs/testing';
import { Condition } from '../lib/condition';
import { CancelledError, InvalidStateError } from '../lib/errors';
import { Lock } from '../lib/lock';
import { observableMatcher } from './helpers/observable-matcher';
import { seeded } from './helpers/seeded';
import type { Task } from '../lib/task';

const testScheduler = () => new TestScheduler(observableMatcher);

describe('Condition', () => {
  it('wait() releases the lock, and after notify() re-acquires it before completing', () => {
    const cond = new Condition();
    cond.acquire();
    const w = cond.wait();
    expect(cond.locked()).toBe(false);
    expect(w.done()).toBe(false);
    cond.acquire();
    cond.notify();
    expect(w.done()).toBe(false); // woken, but the notifier still holds the lock
    cond.release();
    expect(w.done()).toBe(true);
    expect(w.result()).toBe(true);
    expect(cond.locked()).toBe(true); // the waiter holds it now
    cond.release();
  });

  it('notify(n) wakes the n oldest waiters; notifyAll() the rest, in FIFO order', () => {
    const cond = new Condition();
    const order: number[] = [];
    const waits = [0, 1, 2, 3].map((i) => {
      cond.acquire();
      const w = cond.wait();
      w.addDoneCallback(() => order.push(i));
      return w;
    });
    cond.acquire();
    cond.notify(2);
    cond.release();
    expect(waits.map((w) => w.done())).toEqual([true, false, false, false]);
    cond.release(); // waiter 0 done with the lock → waiter 1 takes it
    expect(waits[1]!.done()).toBe(true);
    cond.release();
    expect(cond.locked()).toBe(false);
    cond.acquire();
    cond.notifyAll();
    cond.release();
    cond.release();
    cond.release();
    expect(waits.every((w) => w.done())).toBe(true);
  });

  it('waitFor(predicate) completes with the truthy value, holding the lock', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const cond = new Condition();
      let stock = 0;
      cond.acquire();
      const w = cond.waitFor(() => stock >= 2 && `stock ${stock}`);
      const produce = () => {
        cond.acquire();
        stock++;
        cond.notifyAll();
        cond.release();
      };
      cold('-x-x|').subscribe(produce);
      expectObservable(w).toBe('---(v|)', { v: 'stock 2' });
    });
  });

  it('waitFor() with a true predicate is done on the spot; a throwing predicate fails the Task', () => {
    const cond = new Condition();
    cond.acquire();
    expect(cond.waitFor(() => 7).result()).toBe(7);
    const failing = cond.waitFor(() => {
      throw new Error('bad predicate');
    });
    expect(() => failing.result()).toThrow('bad predicate');
    expect(cond.locked()).toBe(true);
  });

  it('a cancelled wait() still re-acquires the lock before its Task ends', async () => {
    const cond = new Condition();
    await cond.acquire();
    const w = cond.wait();
    await cond.acquire(); // someone else holds the lock
    expect(w.cancel('stop')).toBe(true);
    expect(w.cancel('stop')).toBe(true); // still pending (a later message replaces the earlier, as for any Task)
    await new Promise((r) => setTimeout(r, 5));
    expect(w.done()).toBe(false); // cannot end before it has the lock
    cond.release();
    await expect(w).rejects.toEqual(new CancelledError('stop'));
    expect(cond.locked()).toBe(true); // the cancelled waiter holds it
    cond.release();
    expect(cond.locked()).toBe(false);
  });

  it('a cancelled waiter passes a notification on (asyncio 3.13)', () => {
    const cond = new Condition();
    cond.acquire();
    const a = cond.wait();
    cond.acquire();
    const b = cond.wait();
    cond.acquire();
    cond.notify(1); // wakes a
    a.cancel(); // a was notified: its notification passes to b
    cond.release(); // a takes the lock, ends cancelled, notifies b
    expect(cond.locked()).toBe(true);
    cond.release(); // a's caller releases in its finally
    expect(b.done()).toBe(true);
  });

  it('unsubscribing from a waiting wait() leaves the waiters and re-acquires the lock', () => {
    testScheduler().run(({ expectObservable, flush }) => {
      const cond = new Condition();
      cond.acquire();
      expectObservable(cond.wait(), '--!').toBe('');
      flush();
      expect(cond._line.size).toBe(0);
      expect(cond.locked()).toBe(true);
    });
  });

  it('wait, waitFor, notify and notifyAll throw InvalidStateError without the lock', () => {
    const cond = new Condition();
    expect(() => cond.wait()).toThrow(new InvalidStateError('cannot wait on un-acquired lock'));
    expect(() => cond.waitFor(() => true)).toThrow(InvalidStateError);
    expect(() => cond.notify()).toThrow(new InvalidStateError('cannot notify on un-acquired lock'));
    expect(() => cond.notifyAll()).toThrow(InvalidStateError);
  });

  it('rejects bad input at call time', () => {
    expect(() => new Condition({} as never)).toThrow(
      new TypeError('Condition(): `lock` must be a Lock or undefined, got an object'),
    );
    const cond = new Condition(new Lock());
    cond.acquire();
    expect(() => cond.waitFor(42 as never)).toThrow(TypeError);
    expect(() => cond.notify(-1)).toThrow(RangeError);
    expect(cond._line.size).toBe(0);
  });

  it('shares a lock given to it', () => {
    const lock = new Lock();
    const cond = new Condition(lock);
    lock.acquire();
    expect(cond.locked()).toBe(true);
    cond.release();
    expect(lock.locked()).toBe(false);
  });
  it('randomized waits, notifies and cancels: FIFO wake-ups, each waiter ends once, the lock is never lost (seed 11)', () => {
    const random = seeded(11);
    const cond = new Condition();
    let waiting: Task<true>[] = [];
    let woken = 0;
    const settle = () => {
      // Whoever holds the lock (a woken or a cancelled waiter) releases it, as its `finally` would.
      for (let guard = 0; cond.locked() && guard < 1000; guard++) cond.release();
      if (cond.locked()) throw new Error('the lock is still held');
      const done = waiting.filter((w) => w.done());
      if (!done.every((w, i) => waiting[i] === w)) throw new Error('a younger waiter woke first');
      woken += done.length;
      waiting = waiting.filter((w) => !w.done());
    };
    for (let step = 0; step < 1500; step++) {
      const r = random();
      if (r < 0.5) {
        cond.acquire();
        waiting.push(cond.wait());
      } else if (r < 0.8) {
        cond.acquire();
        cond.notify(1 + Math.floor(random() * 2));
        cond.release();
      } else if (waiting.length > 0) {
        const [t] = waiting.splice(Math.floor(random() * waiting.length), 1);
        t!.cancel();
      }
      settle();
      if (cond._line.size !== waiting.length)
        throw new Error(`step ${step}: ${cond._line.size} in line, ${waiting.length} waiting`);
    }
    expect(woken).toBeGreaterThan(100);
  });
  it('delivers through the scheduler given (outside run, TestScheduler + flush)', () => {
    const scheduler = testScheduler();
    const cond = new Condition(undefined, { scheduler });
    cond.acquire();
    const seen: boolean[] = [];
    cond.wait().subscribe((v) => seen.push(v));
    cond.acquire();
    cond.notify();
    cond.release();
    expect(seen).toEqual([]);
    scheduler.flush();
    expect(seen).toEqual([true]);
  });
});
