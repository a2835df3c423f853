import { AsyncLocalStorage } from 'node:async_hooks';
import { asapScheduler, asyncScheduler } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { realTimers, scheduleIn } from '../../lib/internal/schedule';
import { HOST_RESOLUTION, TimerHeap, type TimerHost } from '../../lib/internal/timer-heap';
import { observableMatcher } from '../helpers/observable-matcher';

/**
 * A host whose clock and timers the spec moves by hand: virtual time for the heap, the
 * way `TestScheduler` is virtual time for RxJS's schedulers.
 */
class HandHost implements TimerHost {
  time = 1000;
  /** Host timers armed and not cleared: [due time, callback]. */
  timers: { at: number; fn: () => void }[] = [];
  armed = 0;

  now(): number {
    return this.time;
  }

  setTimer(fn: () => void, delay: number): () => void {
    this.armed++;
    const timer = { at: this.time + delay, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Moves the clock to `time`, firing the host timers due on the way, earliest first. */
  advanceTo(time: number): void {
    for (;;) {
      const next = [...this.timers].sort((a, b) => a.at - b.at).at(0);
      if (next === undefined || next.at > time) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.time = Math.max(this.time, next.at);
      next.fn();
    }
    this.time = time;
  }
}

function noop(): void {
  // a timer with nothing to do
}

function setup(maxDelay = 2 ** 31 - 1) {
  const host = new HandHost();
  const heap = new TimerHeap(host, maxDelay);
  const log: string[] = [];
  const at = (label: string) => () => log.push(`${label}@${host.time - 1000}`);
  return { host, heap, log, at };
}

describe('TimerHeap', () => {
  it('runs each timer at its due time, earliest first, with one host timer armed at a time', () => {
    const { host, heap, log, at } = setup();
    heap.schedule(30, at('c'));
    heap.schedule(10, at('a'));
    heap.schedule(20, at('b'));
    expect(host.timers).toHaveLength(1);
    expect(host.timers[0].at).toBe(1010);
    host.advanceTo(1100);
    expect(log).toEqual(['a@10', 'b@20', 'c@30']);
    expect(host.timers).toHaveLength(0);
    expect(heap.size).toBe(0);
  });

  it('fires timers due at the same time in the order they were scheduled (FIFO ties)', () => {
    const { host, heap, log, at } = setup();
    for (const label of ['p', 'q', 'r', 's', 't']) heap.schedule(5, at(label));
    heap.schedule(3, at('first'));
    host.advanceTo(1010);
    expect(log).toEqual(['first@3', 'p@5', 'q@5', 'r@5', 's@5', 't@5']);
  });

  it('runs every timer due in one pass; what they schedule waits for a later pass', () => {
    const { host, heap, log, at } = setup();
    heap.schedule(5, () => {
      log.push('a');
      heap.schedule(1, at('child'));
    });
    heap.schedule(5, at('b'));
    host.advanceTo(1005);
    expect(log).toEqual(['a', 'b@5']);
    host.advanceTo(1006);
    expect(log).toEqual(['a', 'b@5', 'child@6']);
  });

  it('runs in one pass the timers due less than the host resolution (1 ms) after the fire, not those 1 ms or more after', () => {
    const { host, heap, log, at } = setup();
    expect(HOST_RESOLUTION).toBe(1);
    heap.schedule(5, at('a'));
    host.advanceTo(1000.3);
    heap.schedule(5, at('b')); // due at 5.3
    host.advanceTo(1000.9);
    heap.schedule(5, at('c')); // due at 5.9
    heap.schedule(5.1, at('d')); // due at 6.0: a whole millisecond after `a`
    host.advanceTo(1005);
    // One pass at 5 runs `a`, `b` and `c`: a host timer for 5.3 could only fire at 6.
    expect(log).toEqual(['a@5', 'b@5', 'c@5']);
    expect(host.armed).toBe(2);
    host.advanceTo(1006);
    expect(log).toEqual(['a@5', 'b@5', 'c@5', 'd@6']);
  });

  it('passes its argument to the work, and a cancelled timer lets go of it', () => {
    const { host, heap, log } = setup();
    const got: string[] = [];
    heap.schedule(5, (x: string) => got.push(x), 'run');
    const cancelled = heap.schedule(5, (x: string) => got.push(x), 'cancelled');
    cancelled.unsubscribe();
    expect((cancelled as unknown as { arg: unknown }).arg).toBeUndefined();
    host.advanceTo(1010);
    expect(got).toEqual(['run']);
    expect(log).toEqual([]);
  });

  it('cancels in O(1): a cancelled timer never runs, and the last cancel clears the host timer', () => {
    const { host, heap, log, at } = setup();
    const a = heap.schedule(10, at('a'));
    const b = heap.schedule(20, at('b'));
    a.unsubscribe();
    a.unsubscribe(); // twice is harmless
    expect(heap.size).toBe(1);
    expect(host.timers).toHaveLength(1); // still armed for `a`'s time: it fires, finds nothing due, re-arms
    host.advanceTo(1010);
    expect(log).toEqual([]);
    b.unsubscribe();
    expect(heap.size).toBe(0);
    expect(host.timers).toHaveLength(0);
    host.advanceTo(2000);
    expect(log).toEqual([]);
  });

  it('skips a due timer cancelled by one that ran before it in the same pass', () => {
    const { host, heap, log, at } = setup();
    let later: { unsubscribe(): void } | null = null;
    heap.schedule(5, () => {
      log.push('first');
      later!.unsubscribe();
    });
    later = heap.schedule(5, at('second'));
    heap.schedule(5, at('third'));
    const far = heap.schedule(50, at('far'));
    host.advanceTo(1005);
    expect(log).toEqual(['first', 'third@5']);
    expect(heap.size).toBe(1);
    // `second` had left the heap: its cancel counts no dead entry there (a wrong count
    // would make every later cancel compact the heap, O(n) each).
    expect((heap as unknown as { dead: number }).dead).toBe(0);
    far.unsubscribe();
    expect(heap.size).toBe(0);
    expect(host.timers).toHaveLength(0);
  });

  it('re-arms for an earlier timer, and a cancelled or run timer does nothing when unsubscribed', () => {
    const { host, heap, log, at } = setup();
    heap.schedule(100, at('late'));
    const early = heap.schedule(10, at('early'));
    expect(host.timers.map((t) => t.at)).toEqual([1010]);
    host.advanceTo(1010);
    early.unsubscribe(); // already ran
    expect(heap.size).toBe(1);
    host.advanceTo(1100);
    expect(log).toEqual(['early@10', 'late@100']);
  });

  it('re-arms for the next timer from the time the due ones finished, not from when they began', () => {
    const { host, heap, log, at } = setup();
    heap.schedule(10, () => {
      host.time += 5; // a timer that takes 5 ms
      log.push('slow@10');
    });
    heap.schedule(30, at('next'));
    host.advanceTo(1100);
    expect(log).toEqual(['slow@10', 'next@30']);
  });

  it('compacts once cancelled timers are the majority, and stays correct', () => {
    const { host, heap, log, at } = setup();
    const subs = Array.from({ length: 1000 }, (_, i) => heap.schedule(10 + i, at(`t${i}`)));
    subs.forEach((s, i) => i % 10 !== 0 && s.unsubscribe());
    const items = (heap as unknown as { items: unknown[] }).items;
    expect(items.length).toBeLessThan(1000); // dead entries were dropped
    expect(heap.size).toBe(100);
    host.advanceTo(3000);
    expect(log).toEqual(Array.from({ length: 100 }, (_, k) => `t${k * 10}@${10 + k * 10}`));
  });

  it('keeps delays above the host limit whole: the host timer is re-armed until the due time', () => {
    const { host, heap, log, at } = setup(100);
    heap.schedule(250, at('far'));
    expect(host.timers[0].at).toBe(1100);
    host.advanceTo(1100);
    expect(log).toEqual([]);
    host.advanceTo(1249);
    expect(log).toEqual([]);
    host.advanceTo(1250);
    expect(log).toEqual(['far@250']);
  });

  it('counts the armed due time as reached when the host fires before the clock gets there', () => {
    // Node counts a timer from the event loop's cached time, and Jest's legacy fake timers
    // fire without moving Date.now(): the heap must not wait for the clock.
    const { host, heap, log } = setup();
    heap.schedule(10, () => log.push('a'));
    heap.schedule(20, () => log.push('b'));
    const fire = host.timers[0].fn;
    host.timers = [];
    fire(); // the clock still reads 1000
    expect(log).toEqual(['a']);
    expect(host.timers.map((t) => t.at)).toEqual([1010]); // b: 10 ms after a's due time
  });

  it('reports a throwing timer and still runs the others', () => {
    jest.useFakeTimers();
    try {
      const { host, heap, log, at } = setup();
      heap.schedule(5, () => {
        throw new Error('boom');
      });
      heap.schedule(5, at('after'));
      host.advanceTo(1005);
      expect(log).toEqual(['after@5']);
      expect(() => jest.runOnlyPendingTimers()).toThrow('boom'); // rethrown on a timer, as RxJS reports
    } finally {
      jest.useRealTimers();
    }
  });

  it('runs each timer in the async context of the code that scheduled it', () => {
    const { host, heap } = setup();
    const als = new AsyncLocalStorage<string>();
    const seen: (string | undefined)[] = [];
    als.run('request-1', () => heap.schedule(5, () => seen.push(als.getStore())));
    als.run('request-2', () => heap.schedule(5, () => seen.push(als.getStore())));
    heap.schedule(5, () => seen.push(als.getStore()));
    als.run('other', () => host.advanceTo(1005));
    expect(seen).toEqual(['request-1', 'request-2', undefined]);
  });
});

describe('scheduleIn on the default clock', () => {
  it('uses the shared heap in real time, for asyncScheduler and asapScheduler alike', () => {
    const before = realTimers().size;
    const a = scheduleIn(asyncScheduler, 60_000, noop);
    const b = scheduleIn(asapScheduler, 60_000, noop);
    expect(realTimers().size).toBe(before + 2);
    expect(asyncScheduler.actions).toHaveLength(0);
    a.unsubscribe();
    b.unsubscribe();
    expect(realTimers().size).toBe(before);
  });

  it('leaves no host timer behind once every timer is cancelled', () => {
    const timeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timeouts();
    const subs = Array.from({ length: 100 }, (_, i) => scheduleIn(asyncScheduler, 1000 + i, noop));
    expect(timeouts()).toBe(before + 1);
    subs.forEach((s) => s.unsubscribe());
    expect(timeouts()).toBe(before);
  });

  it("keeps fake timers' sleeps apart: under Jest's fake timers they fire on the fake clock, real ones stay real", () => {
    const real = scheduleIn(asyncScheduler, 60_000, noop); // arms a real host timer
    const realHeap = realTimers();
    jest.useFakeTimers();
    try {
      const log: string[] = [];
      scheduleIn(asyncScheduler, 50, () => log.push('fake 50'));
      scheduleIn(asyncScheduler, 20, () => log.push('fake 20'));
      expect(realTimers()).not.toBe(realHeap);
      expect(jest.getTimerCount()).toBe(1); // one host timer for the fake clock's heap
      jest.advanceTimersByTime(20);
      expect(log).toEqual(['fake 20']);
      jest.advanceTimersByTime(30);
      expect(log).toEqual(['fake 20', 'fake 50']);
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
    expect(realTimers()).toBe(realHeap);
    expect(realHeap.size).toBe(1);
    real.unsubscribe();
    expect(realHeap.size).toBe(0);
  });

  it('runs on a monotonic clock: setting the wall clock back delays no timer', () => {
    jest.useFakeTimers();
    try {
      const log: string[] = [];
      scheduleIn(asyncScheduler, 50, () => log.push('before the jump'));
      jest.setSystemTime(Date.now() - 3_600_000); // the wall clock goes back an hour
      scheduleIn(asyncScheduler, 10, () => log.push('after the jump'));
      jest.advanceTimersByTime(50);
      expect(log).toEqual(['after the jump', 'before the jump']);
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps one heap per zone.js zone, armed from inside that zone (Angular: fakeAsync, change detection)', () => {
    const g = globalThis as { Zone?: { current: object } };
    const zoneA = { name: 'a' };
    const zoneB = { name: 'b' };
    const seen: object[] = [];
    const realSetTimeout = globalThis.setTimeout;
    const spy = jest.spyOn(globalThis, 'setTimeout').mockImplementation((fn: () => void, ms?: number) => {
      seen.push(g.Zone!.current);
      return realSetTimeout(fn, ms);
    });
    try {
      g.Zone = { current: zoneA };
      const heapA = realTimers();
      const a = scheduleIn(asyncScheduler, 60_000, noop);
      g.Zone = { current: zoneB };
      const heapB = realTimers();
      const b = scheduleIn(asyncScheduler, 60_000, noop);
      expect(heapB).not.toBe(heapA);
      expect([heapA.size, heapB.size]).toEqual([1, 1]);
      expect(seen).toEqual([zoneA, zoneB]); // each host timer armed in its own zone
      a.unsubscribe();
      b.unsubscribe();
      expect([heapA.size, heapB.size]).toEqual([0, 0]);
    } finally {
      delete g.Zone;
      spy.mockRestore();
    }
  });

  it('uses virtual time, not the heap, under TestScheduler.run (ordered with RxJS timers)', () => {
    const testScheduler = new TestScheduler(observableMatcher);
    testScheduler.run(({ flush }) => {
      const log: string[] = [];
      asyncScheduler.schedule(() => log.push(`rxjs@${testScheduler.now()}`), 5);
      scheduleIn(asyncScheduler, 5, () => log.push(`ours@${testScheduler.now()}`));
      expect(realTimers().size).toBe(0);
      flush();
      expect(log).toEqual(['rxjs@5', 'ours@5']);
    });
  });
});
