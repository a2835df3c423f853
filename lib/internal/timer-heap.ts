import type { Unsubscribable } from 'rxjs';
import { captureContext, runInContext, type AsyncContext } from './context';
import { reportError } from './report-error';
import { EMPTY_FIELD, keepShape } from './keep-shape';

/**
 * The real-time timers of the default clock: asyncio's `_scheduled` heap.
 *
 * One binary min-heap of pending timers, ordered by due time and then by arrival (two
 * timers due at the same moment fire in the order they were scheduled), and one host timer
 * (`setTimeout`) armed for the earliest. 10^5 pending sleeps are 10^5 small heap entries,
 * not 10^5 RxJS `AsyncAction`s each holding a `setInterval`; cancelling one marks it dead
 * in O(1) (asyncio's lazy deletion), and the heap is compacted once dead entries are the
 * majority. When no live timer is left, the host timer is cleared and nothing stays
 * scheduled.
 *
 * When the host timer fires, every timer then due (within {@link HOST_RESOLUTION}) runs,
 * in order, in the async context of the code that scheduled it; what they schedule runs
 * on a later pass (asyncio's loop moves the due timers to its ready queue, then runs
 * them). A callback that throws is reported and the others still run.
 *
 * Used only in real time (see `scheduleIn`): under `TestScheduler.run` timers go to the
 * scheduler, so virtual time orders them with RxJS's own.
 */

/** The host's timer functions and clock, injectable for the heap's own specs. */
export interface TimerHost {
  now(): number;
  /** Calls `fn` after `delay` ms; returns what cancels it. */
  setTimer(fn: () => void, delay: number): () => void;
}

/** Dead entries tolerated before a compaction is considered (asyncio: 100). */
const MIN_DEAD_TO_COMPACT = 64;

/**
 * The host timer's resolution, ms: `setTimeout` counts whole milliseconds (and waits at
 * least 1). asyncio's loop runs every timer due before `time() + clock_resolution`; ours
 * is the host timer's, so a pass also runs the timers due less than 1 ms from now,
 * instead of arming a host timer that could only fire a whole tick later. 100 sleeps
 * started 0.3 ms apart wake in one pass, as 100 `setTimeout`s started in one turn do.
 */
export const HOST_RESOLUTION = 1;

/** One pending timer: the Unsubscribable its scheduler returns. */
class TimerEntry implements Unsubscribable {
  constructor(
    readonly when: number,
    readonly seq: number,
    public work: ((arg: unknown) => void) | undefined,
    /** `work`'s argument (so a timer needs no closure of its own). */
    public arg: unknown,
    readonly context: AsyncContext | undefined,
    private readonly heap: TimerHeap,
  ) {}

  /** False once taken off the heap to run (it may still be cancelled until it does). */
  inHeap = true;

  /** Cancels the timer (nothing happens once it ran or was cancelled). */
  unsubscribe(): void {
    if (this.work !== undefined) {
      this.work = undefined;
      this.arg = undefined;
      this.heap.died(this.inHeap);
    }
  }
}

function before(a: TimerEntry, b: TimerEntry): boolean {
  return a.when < b.when || (a.when === b.when && a.seq < b.seq);
}

export class TimerHeap {
  private items: TimerEntry[] = [];
  private live = 0;
  private dead = 0;
  private seq = 0;
  /** Cancels the armed host timer; null when none is armed. */
  private handle: (() => void) | null = null;
  /** The due time the host timer is armed for (meaningful while `handle` is set). */
  private armedFor = 0;

  /** @param maxDelay The longest delay the host timer takes whole (longer ones are re-armed). */
  constructor(
    private readonly host: TimerHost,
    private readonly maxDelay: number,
  ) {}

  /** Live (scheduled, neither run nor cancelled) timers. */
  get size(): number {
    return this.live;
  }

  /** Runs `work(arg)` once `delay` (> 0, finite) ms have passed; the result cancels it. */
  schedule(delay: number, work: () => void): Unsubscribable;
  schedule<A>(delay: number, work: (arg: A) => void, arg: A): Unsubscribable;
  schedule(delay: number, work: (arg: unknown) => void, arg?: unknown): Unsubscribable {
    const now = this.host.now();
    const entry = new TimerEntry(now + delay, this.seq++, work, arg, captureContext(), this);
    this.push(entry);
    this.live++;
    if (this.handle === null || entry.when < this.armedFor) this.arm(now);
    return entry;
  }

  /** @internal A live entry was cancelled; `inHeap`: it is still in the heap, now dead. */
  died(inHeap: boolean): void {
    this.live--;
    if (!inHeap) return; // due in the pass now running, which skips it
    if (this.live === 0) {
      this.reset();
      return;
    }
    this.dead++;
    if (this.dead >= MIN_DEAD_TO_COMPACT && this.dead * 2 > this.items.length) this.compact();
  }

  private readonly fire = (): void => {
    this.handle = null;
    // A host timer can fire a little before the clock reaches its due time (Node counts
    // from the event loop's cached time), and a fake setTimeout fires without the clock
    // moving at all (Jest's legacy fake timers): the armed due time counts as reached.
    const now = Math.max(this.host.now(), this.armedFor);
    const end = now + HOST_RESOLUTION;
    const due: TimerEntry[] = [];
    const items = this.items;
    while (items.length > 0) {
      const top = items[0];
      if (top.work !== undefined && top.when >= end) break;
      this.pop();
      top.inHeap = false;
      if (top.work === undefined) this.dead--;
      else due.push(top);
    }
    for (const entry of due) {
      const work = entry.work;
      if (work === undefined) continue; // cancelled by a timer that ran before it
      const arg = entry.arg;
      entry.work = undefined;
      entry.arg = undefined;
      this.live--;
      try {
        runInContext(entry.context, work, arg);
      } catch (error) {
        reportError(error);
      }
    }
    if (this.live === 0) this.reset();
    else if (this.handle === null) this.arm(Math.max(this.host.now(), now)); // after the time the timers took
  };

  /** Arms the host timer for the earliest live entry (dropping dead ones from the top). */
  private arm(now: number): void {
    const items = this.items;
    while (items[0].work === undefined) {
      this.pop();
      this.dead--;
    }
    const delay = Math.min(Math.max(items[0].when - now, 0), this.maxDelay);
    if (this.handle !== null) this.handle();
    this.armedFor = now + delay;
    this.handle = this.host.setTimer(this.fire, delay);
  }

  private reset(): void {
    if (this.handle !== null) this.handle();
    this.handle = null;
    this.items = [];
    this.dead = 0;
  }

  /** Drops the dead entries and restores the heap order, O(n). */
  private compact(): void {
    const kept = this.items.filter((entry) => entry.work !== undefined);
    this.items = kept;
    this.dead = 0;
    for (let i = (kept.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  private push(entry: TimerEntry): void {
    const items = this.items;
    let i = items.length;
    items.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(entry, items[parent])) break;
      items[i] = items[parent];
      i = parent;
    }
    items[i] = entry;
  }

  private pop(): void {
    const items = this.items;
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      this.siftDown(0);
    }
  }

  private siftDown(start: number): void {
    const items = this.items;
    const n = items.length;
    const entry = items[start];
    let i = start;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && before(items[child + 1], items[child])) child++;
      if (!before(items[child], entry)) break;
      items[i] = items[child];
      i = child;
    }
    items[i] = entry;
  }
}

// A timer's shape outlives its burst (see keepShape); `when` is a double, as real ones are.
keepShape(new TimerEntry(0.5, 0, undefined, undefined, undefined, EMPTY_FIELD));
