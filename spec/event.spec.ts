import { TestScheduler } from 'rxjs/testing';
import { Event } from '../lib/event';
import { CancelledError } from '../lib/errors';
import { observableMatcher } from './helpers/observable-matcher';
import { seeded } from './helpers/seeded';
import type { Task } from '../lib/task';

const testScheduler = () => new TestScheduler(observableMatcher);

describe('Event', () => {
  it('wait() on a set Event is done on the spot with true', () => {
    const ev = new Event();
    ev.set();
    expect(ev.isSet()).toBe(true);
    const w = ev.wait();
    expect(w.done()).toBe(true);
    expect(w.result()).toBe(true);
  });

  it('set() wakes every waiter at once; clear() afterwards does not take it back', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const ev = new Event();
      const a = ev.wait();
      const b = ev.wait();
      expect(String(ev)).toBe('<Event [unset, waiters:2]>');
      cold('---x|').subscribe(() => {
        ev.set();
        ev.clear();
      });
      expectObservable(a).toBe('---(t|)', { t: true });
      expectObservable(b).toBe('---(t|)', { t: true });
    });
  });

  it('after clear(), wait() waits for the next set()', () => {
    const ev = new Event();
    ev.set();
    ev.clear();
    expect(ev.isSet()).toBe(false);
    const w = ev.wait();
    expect(w.done()).toBe(false);
    ev.set();
    ev.set(); // idempotent
    expect(w.done()).toBe(true);
  });

  it('unsubscribing from a waiting wait() cancels it and leaves the waiters', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const ev = new Event();
      const leaver = ev.wait();
      const stayer = ev.wait();
      cold('----x|').subscribe(() => ev.set());
      expectObservable(leaver, '--!').toBe('');
      expectObservable(stayer).toBe('----(t|)', { t: true });
    });
    const ev = new Event();
    const w = ev.wait();
    w.cancel('stop');
    expect(ev._line.size).toBe(0);
    return expect(w).rejects.toEqual(new CancelledError('stop'));
  });

  it('rejects bad options; delivers through the scheduler given', () => {
    expect(() => new Event('x' as never)).toThrow(TypeError);
    const scheduler = testScheduler();
    const ev = new Event({ scheduler });
    const seen: boolean[] = [];
    ev.wait().subscribe((v) => seen.push(v));
    ev.set();
    expect(seen).toEqual([]);
    scheduler.flush();
    expect(seen).toEqual([true]);
  });
  it('randomized waits, cancels, sets and clears: every waiter still waiting at a set() wakes, no other (seed 3)', () => {
    const random = seeded(3);
    const ev = new Event();
    let waiting: Task<true>[] = [];
    let cancelled: Task<true>[] = [];
    for (let step = 0; step < 2000; step++) {
      const r = random();
      if (r < 0.5) {
        const w = ev.wait();
        expect(w.done()).toBe(ev.isSet());
        if (!w.done()) waiting.push(w);
      } else if (r < 0.7 && waiting.length > 0) {
        const [w] = waiting.splice(Math.floor(random() * waiting.length), 1);
        w!.cancel();
        cancelled.push(w!);
      } else if (r < 0.85) {
        ev.set();
        if (!waiting.every((w) => w.done() && w.result() === true)) throw new Error(`step ${step}: a waiter missed set()`);
        waiting = [];
      } else ev.clear();
      if (waiting.some((w) => w.done())) throw new Error(`step ${step}: a waiter woke without set()`);
      if (cancelled.some((w) => w.done() && !w.cancelled())) throw new Error(`step ${step}: a cancelled waiter woke`);
      if (ev._line.size !== waiting.length) throw new Error(`step ${step}: ${ev._line.size} in line, ${waiting.length} waiting`);
      if (cancelled.length > 50) cancelled = [];
    }
  });
});
