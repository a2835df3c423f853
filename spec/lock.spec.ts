import { TestScheduler } from 'rxjs/testing';
import { InvalidStateError } from '../lib/errors';
import { holding } from '../lib/holding';
import { Lock } from '../lib/lock';
import { CancelledError } from '../lib/errors';
import type { Task } from '../lib/task';
import { observableMatcher } from './helpers/observable-matcher';
import { seeded } from './helpers/seeded';

const testScheduler = () => new TestScheduler(observableMatcher);

describe('Lock', () => {
  it('acquires a free lock on the spot: the Task is done when returned', () => {
    const lock = new Lock();
    expect(lock.locked()).toBe(false);
    const task = lock.acquire();
    expect(task.done()).toBe(true);
    expect(task.result()).toBe(true);
    expect(lock.locked()).toBe(true);
    expect(String(lock)).toBe('<Lock [locked]>');
  });

  it('hands the lock to waiters in FIFO order, one holder at a time', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const lock = new Lock();
      const a = cold(' --a|');
      const b = cold('    -b|');
      const c = cold('      c|');
      expectObservable(a.pipe(holding(lock))).toBe('--a|');
      expectObservable(b.pipe(holding(lock))).toBe('----b|');
      expectObservable(c.pipe(holding(lock))).toBe('-----c|');
      expectSubscriptions(a.subscriptions).toBe('^--!');
      expectSubscriptions(b.subscriptions).toBe('---^-!');
      expectSubscriptions(c.subscriptions).toBe('-----^!');
    });
  });

  it('a waiter that leaves the line never holds the lock', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const lock = new Lock();
      const a = cold('---a|');
      const b = cold('b|');
      const c = cold('c|');
      expectObservable(a.pipe(holding(lock))).toBe('---a|');
      expectObservable(b.pipe(holding(lock)), '-!').toBe('-');
      expectObservable(c.pipe(holding(lock))).toBe('----c|');
      expectSubscriptions(a.subscriptions).toBe('^---!');
      expectSubscriptions(b.subscriptions).toBe([]);
      expectSubscriptions(c.subscriptions).toBe('----^!');
      flush();
      expect(lock.locked()).toBe(false);
    });
  });

  it('acquire() Task: waits, is granted by release, and its Observable face emits true', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const lock = new Lock();
      lock.acquire();
      const waiting = lock.acquire();
      expect(waiting.done()).toBe(false);
      cold('--x|').subscribe(() => lock.release());
      expectObservable(waiting).toBe('--(t|)', { t: true });
    });
  });

  it('cancelling a waiting acquire() leaves the line: the next waiter gets the lock', async () => {
    const lock = new Lock();
    await lock.acquire();
    const first = lock.acquire();
    const second = lock.acquire();
    expect(first.cancel('bye')).toBe(true);
    lock.release();
    expect(second.done()).toBe(true);
    expect(lock.locked()).toBe(true);
    await expect(first).rejects.toEqual(new CancelledError('bye'));
    expect(first.cancelled()).toBe(true);
    lock.release();
    expect(lock.locked()).toBe(false);
  });

  it('unsubscribing from a waiting acquire() cancels it and leaves the line', () => {
    const lock = new Lock();
    lock.acquire();
    const waiting = lock.acquire();
    waiting.subscribe({ error: () => undefined }).unsubscribe();
    lock.release();
    expect(lock.locked()).toBe(false);
  });

  it('release() of an unlocked lock throws InvalidStateError and changes nothing', () => {
    const lock = new Lock();
    expect(() => lock.release()).toThrow(new InvalidStateError('Lock is not acquired.'));
    expect(() => lock.release()).toThrow(InvalidStateError);
    expect(lock.locked()).toBe(false);
  });

  it('rejects bad options at call time', () => {
    expect(() => new Lock(42 as never)).toThrow(TypeError);
    expect(() => new Lock({ scheduler: 1 as never })).toThrow('Lock(): `scheduler` must be a SchedulerLike, got 1');
  });

  it('delivers through the scheduler given (outside run, TestScheduler + flush)', () => {
    const scheduler = testScheduler();
    const lock = new Lock({ scheduler });
    lock.acquire();
    const waiting = lock.acquire();
    const seen: unknown[] = [];
    waiting.addDoneCallback((t) => seen.push(t.result()));
    lock.release();
    expect(seen).toEqual([]);
    scheduler.flush();
    expect(seen).toEqual([true]);
  });

  it('randomized acquires, cancels and releases: one holder, FIFO, nobody lost (seed 7)', () => {
    const random = seeded(7);
    const lock = new Lock();
    const line: { id: number; task: Task<true> }[] = [];
    const granted: number[] = [];
    const expected: number[] = [];
    let holder: number | null = null;
    let nextId = 0;
    for (let step = 0; step < 600; step++) {
      const r = random();
      if (r < 0.45) {
        const id = nextId++;
        const task = lock.acquire();
        if (task.done()) {
          expect(holder).toBeNull();
          holder = id;
          granted.push(id);
          expected.push(id);
        } else line.push({ id, task });
      } else if (r < 0.6 && line.length > 0) {
        const [w] = line.splice(Math.floor(random() * line.length), 1);
        w!.task.cancel();
      } else if (holder !== null) {
        lock.release();
        holder = null;
        const next = line.shift();
        if (next) {
          expect(next.task.done()).toBe(true);
          holder = next.id;
          granted.push(next.id);
          expected.push(next.id);
        } else expect(lock.locked()).toBe(false);
      }
      for (const w of line) expect(w.task.done()).toBe(false);
    }
    expect(granted).toEqual(expected);
    expect(new Set(granted).size).toBe(granted.length);
  });
});
