import { TestScheduler } from 'rxjs/testing';
import { Barrier } from '../lib/barrier';
import { BrokenBarrierError } from '../lib/errors';
import { observableMatcher } from './helpers/observable-matcher';
import { seeded } from './helpers/seeded';
import type { Task } from '../lib/task';

const testScheduler = () => new TestScheduler(observableMatcher);

describe('Barrier', () => {
  it('lets `parties` tasks pass together with their arrival indices', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const barrier = new Barrier(3);
      const w0 = barrier.wait();
      const w1 = barrier.wait();
      expect(barrier.nWaiting).toBe(2);
      expect(String(barrier)).toBe('<Barrier [filling, waiters:2/3]>');
      let last = w0;
      cold('--x|').subscribe(() => (last = barrier.wait()));
      expectObservable(w0).toBe('--(i|)', { i: 0 });
      expectObservable(w1).toBe('--(i|)', { i: 1 });
      cold('--x|').subscribe(() => {
        expect(last.done()).toBe(true);
        expect(last.result()).toBe(2);
        expect(barrier.nWaiting).toBe(0);
      });
    });
  });

  it('is reusable: the next round starts at index 0', () => {
    const barrier = new Barrier(2);
    barrier.wait();
    barrier.wait();
    const next = barrier.wait();
    expect(next.done()).toBe(false);
    expect(barrier.nWaiting).toBe(1);
    expect(barrier.wait().result()).toBe(1);
    expect(next.result()).toBe(0);
  });

  it('Barrier(1) never waits', () => {
    expect(new Barrier(1).wait().result()).toBe(0);
  });

  it('a cancelled waiter leaves without breaking the barrier (as asyncio 3.11)', () => {
    // python3.11: t1, t2 wait at Barrier(3); t1.cancel(); t3, t4 arrive → [1, 1, 2], broken False
    const barrier = new Barrier(3);
    const t1 = barrier.wait();
    const t2 = barrier.wait();
    t1.cancel();
    expect(barrier.nWaiting).toBe(1);
    expect(barrier.broken).toBe(false);
    const t3 = barrier.wait();
    const t4 = barrier.wait();
    expect([t2, t3, t4].map((t) => t.result())).toEqual([1, 1, 2]);
  });

  it('unsubscribing from a waiting wait() leaves the barrier', () => {
    testScheduler().run(({ expectObservable, flush }) => {
      const barrier = new Barrier(2);
      expectObservable(barrier.wait(), '-!').toBe('');
      flush();
      expect(barrier.nWaiting).toBe(0);
    });
  });

  it('abort() breaks it: waiters and later waits fail with BrokenBarrierError; reset() mends it', async () => {
    const barrier = new Barrier(2);
    const waiting = barrier.wait();
    expect(barrier.abort().done()).toBe(true);
    expect(barrier.broken).toBe(true);
    expect(barrier.nWaiting).toBe(0);
    await expect(waiting).rejects.toEqual(new BrokenBarrierError('Abort or reset of barrier'));
    await expect(barrier.wait()).rejects.toEqual(new BrokenBarrierError('Barrier aborted'));
    await barrier.reset();
    expect(barrier.broken).toBe(false);
    const again = barrier.wait();
    expect(barrier.wait().result()).toBe(1);
    expect(await again).toBe(0);
  });

  it('reset() fails the current waiters and starts afresh', async () => {
    const barrier = new Barrier(3);
    const a = barrier.wait();
    barrier.reset();
    await expect(a).rejects.toBeInstanceOf(BrokenBarrierError);
    expect(barrier.broken).toBe(false);
    expect(barrier.nWaiting).toBe(0);
  });

  it('rejects bad parties at call time', () => {
    expect(() => new Barrier(0)).toThrow(new RangeError('Barrier(): `parties` must be an integer ≥ 1, got 0'));
    expect(() => new Barrier(2.5)).toThrow(RangeError);
    expect(() => new Barrier(undefined as never)).toThrow(TypeError);
    expect(() => new Barrier(2, null as never)).toThrow(TypeError);
  });
  it('randomized arrivals and cancels: each round lets exactly `parties` through, none lost (seed 5)', () => {
    const random = seeded(5);
    const barrier = new Barrier(4);
    let waiting: Task<number>[] = [];
    let rounds = 0;
    for (let step = 0; step < 2000; step++) {
      if (random() < 0.7) {
        const t = barrier.wait();
        if (t.done()) {
          // A cancelled waiter frees its index for the next arrival, as in asyncio ([1, 1, 2]).
          expect(waiting).toHaveLength(3);
          expect(t.result()).toBe(3);
          for (const w of waiting) expect(w.result()).toBeLessThan(3);
          rounds++;
          waiting = [];
        } else waiting.push(t);
      } else if (waiting.length > 0) {
        waiting.splice(Math.floor(random() * waiting.length), 1)[0]!.cancel();
      }
      if (barrier.nWaiting !== waiting.length)
        throw new Error(`step ${step}: nWaiting ${barrier.nWaiting}, ${waiting.length} waiting`);
      if (waiting.some((w) => w.done())) throw new Error(`step ${step}: a waiter passed early`);
    }
    expect(rounds).toBeGreaterThan(100);
  });
  it('delivers through the scheduler given (outside run, TestScheduler + flush)', () => {
    const scheduler = testScheduler();
    const barrier = new Barrier(2, { scheduler });
    const seen: number[] = [];
    barrier.wait().subscribe((i) => seen.push(i));
    barrier.wait();
    expect(seen).toEqual([]);
    scheduler.flush();
    expect(seen).toEqual([0]);
  });
});
