import { TestScheduler } from 'rxjs/testing';
import { from, mergeMap } from 'rxjs';
import { InvalidStateError } from '../lib/errors';
import { holding } from '../lib/holding';
import { BoundedSemaphore, Semaphore } from '../lib/semaphore';
import { observableMatcher } from './helpers/observable-matcher';
import { seeded } from './helpers/seeded';
import type { Task } from '../lib/task';

const testScheduler = () => new TestScheduler(observableMatcher);

describe('Semaphore', () => {
  it('grants `value` permits on the spot, then makes acquirers wait', () => {
    const sem = new Semaphore(2);
    expect(sem.acquire().done()).toBe(true);
    expect(sem.locked()).toBe(false);
    expect(sem.acquire().done()).toBe(true);
    expect(sem.locked()).toBe(true);
    const third = sem.acquire();
    expect(third.done()).toBe(false);
    expect(String(sem)).toBe('<Semaphore [locked, waiters:1]>');
    sem.release();
    expect(third.done()).toBe(true);
    expect(sem.locked()).toBe(true);
  });

  it('defaults to one permit; Semaphore(0) starts locked', () => {
    const one = new Semaphore();
    one.acquire();
    expect(one.locked()).toBe(true);
    const zero = new Semaphore(0);
    expect(zero.locked()).toBe(true);
    const waiting = zero.acquire();
    zero.release();
    expect(waiting.done()).toBe(true);
  });

  it('bounds concurrency: at most 2 sources run, started in FIFO order', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const sem = new Semaphore(2);
      const sources = [cold('--a|'), cold('------b|'), cold('-c|'), cold('d|')];
      const out = from(sources).pipe(mergeMap((s) => s.pipe(holding(sem))));
      expectObservable(out).toBe('--a-cdb|');
      expectSubscriptions(sources[0]!.subscriptions).toBe('^--!');
      expectSubscriptions(sources[1]!.subscriptions).toBe('^------!');
      expectSubscriptions(sources[2]!.subscriptions).toBe('---^-!');
      expectSubscriptions(sources[3]!.subscriptions).toBe('-----^!');
    });
  });

  it('no barging: a release hands the permit to the oldest waiter, not to a later acquire', () => {
    const sem = new Semaphore(1);
    sem.acquire();
    const waiter = sem.acquire();
    sem.release();
    const late = sem.acquire();
    expect(waiter.done()).toBe(true);
    expect(late.done()).toBe(false);
  });

  it('a cancelled waiting acquire() never consumes a permit', () => {
    const sem = new Semaphore(1);
    sem.acquire();
    const a = sem.acquire();
    const b = sem.acquire();
    a.cancel();
    b.cancel();
    sem.release();
    expect(sem.locked()).toBe(false);
    expect(sem.acquire().done()).toBe(true);
  });

  it('rejects bad values at call time, naming the class and argument', () => {
    expect(() => new Semaphore(-1)).toThrow(new RangeError('Semaphore(): `value` must be an integer ≥ 0, got -1'));
    expect(() => new Semaphore(1.5)).toThrow(RangeError);
    expect(() => new Semaphore(NaN)).toThrow(RangeError);
    expect(() => new Semaphore('2' as never)).toThrow(TypeError);
    expect(() => new BoundedSemaphore(-1)).toThrow('BoundedSemaphore(): `value`');
    expect(() => new Semaphore(1, { scheduler: {} as never })).toThrow(TypeError);
  });

  it('randomized acquires, cancels and releases: permits never exceed value, none lost (seed 42)', () => {
    const random = seeded(42);
    const sem = new Semaphore(3);
    let holders = 0;
    const line: Task<true>[] = [];
    for (let step = 0; step < 600; step++) {
      const r = random();
      if (r < 0.45) {
        const t = sem.acquire();
        if (t.done()) holders++;
        else line.push(t);
      } else if (r < 0.6 && line.length > 0) {
        line.splice(Math.floor(random() * line.length), 1)[0]!.cancel();
      } else if (holders > 0) {
        sem.release();
        const next = line.shift();
        if (next) expect(next.done()).toBe(true);
        else holders--;
      }
      expect(holders).toBeLessThanOrEqual(3);
      expect(sem.locked()).toBe(holders === 3);
      for (const t of line) expect(t.done()).toBe(false);
    }
  });
});

describe('BoundedSemaphore', () => {
  it('throws InvalidStateError on over-release and keeps its count', () => {
    const sem = new BoundedSemaphore(2);
    expect(sem).toBeInstanceOf(Semaphore);
    sem.acquire();
    sem.release();
    expect(() => sem.release()).toThrow(new InvalidStateError('BoundedSemaphore released too many times'));
    sem.acquire();
    sem.acquire();
    expect(sem.locked()).toBe(true);
  });

  it('a release to a waiter is not an over-release', () => {
    const sem = new BoundedSemaphore(1);
    sem.acquire();
    const waiter = sem.acquire();
    sem.release();
    expect(waiter.done()).toBe(true);
    sem.release();
    expect(() => sem.release()).toThrow(InvalidStateError);
  });
  it('delivers through the scheduler given (outside run, TestScheduler + flush)', () => {
    const scheduler = testScheduler();
    const sem = new BoundedSemaphore(1, { scheduler });
    sem.acquire();
    const seen: boolean[] = [];
    sem.acquire().subscribe((v) => seen.push(v));
    sem.release();
    expect(seen).toEqual([]);
    scheduler.flush();
    expect(seen).toEqual([true]);
  });
});
