import { Subscription, type SchedulerAction, type SchedulerLike, type Unsubscribable } from 'rxjs';
import { isRealTime, soon } from './ready-queue';
import { rx } from './rx';
import { TimerHeap } from './timer-heap';

/** Node's (and browsers') timers hold 32-bit signed delays; longer ones fire after 1 ms. */
export const MAX_TIMER_DELAY = 2 ** 31 - 1;

type SetTimeout = (fn: () => void, delay: number) => unknown;
type ClearTimeout = (handle: unknown) => void;
interface TimerGlobals {
  setTimeout: SetTimeout;
  clearTimeout: ClearTimeout;
  /** zone.js, when loaded (Angular with zones). */
  Zone?: { current: object };
}

/**
 * The heap's clock: monotonic, as asyncio's `loop.time()` and Node's own timers are, so
 * setting the wall clock back (NTP, a laptop waking) delays no timer. `performance.now()`
 * where there is one (Node, browsers; fake timers replace it too), else `Date.now()`.
 */
function monotonicNow(): number {
  const perf = (globalThis as { performance?: { now(): number } }).performance;
  return perf ? perf.now() : Date.now();
}

const NO_ZONE = {};
/** One heap per timer environment: per `setTimeout` function, then per zone.js zone. */
const heaps = new WeakMap<SetTimeout, WeakMap<object, TimerHeap>>();
let last: { set: SetTimeout; zone: object; heap: TimerHeap } | null = null;

/**
 * The default clock's real-time timers for the code running now: one heap (asyncio's
 * `_scheduled`) per timer environment. A timer must fire where a `setTimeout` of its own
 * would have, so a heap is kept per `setTimeout` function (fake timers installed by Jest
 * or sinon replace it: their sleeps go to a heap driven by the fake clock, and real ones
 * stay real) and per zone.js zone (Angular's `fakeAsync` and change detection see the
 * timers scheduled in their zone). The host timer of a heap is armed with that
 * environment's own `setTimeout`, from inside that zone.
 */
export function realTimers(): TimerHeap {
  const g = globalThis as unknown as TimerGlobals;
  const set = g.setTimeout;
  const zone = g.Zone?.current ?? NO_ZONE;
  if (last !== null && last.set === set && last.zone === zone) return last.heap;
  let byZone = heaps.get(set);
  if (!byZone) heaps.set(set, (byZone = new WeakMap()));
  let heap = byZone.get(zone);
  if (!heap) {
    const clear = g.clearTimeout;
    heap = new TimerHeap(
      {
        now: monotonicNow,
        setTimer(fn, delay) {
          const handle = set(fn, delay);
          return () => clear(handle);
        },
      },
      MAX_TIMER_DELAY,
    );
    byZone.set(zone, heap);
  }
  last = { set, zone, heap };
  return heap;
}

/**
 * Runs `work(arg)` once `delay` ms have passed on `scheduler`'s clock, and returns what
 * cancels it. (`arg` spares a closure per timer: 10^5 pending sleeps are 10^5 heap
 * entries and nothing more.)
 *
 * - `delay <= 0` (or `-Infinity`) means now: `work` runs on the ready queue's next turn
 *   (asyncio's `call_soon`), not on a timer.
 * - `Infinity` (or `null`) means never: nothing is scheduled.
 * - The default clock (`asyncScheduler`/`asapScheduler`) in real time uses one timer heap
 *   ({@link realTimers}); under `TestScheduler.run`, and for any other scheduler, the
 *   timer is the scheduler's own action.
 * - Delays above 2^31−1 ms are scheduled in steps, so they never overflow into 1 ms.
 */
export function scheduleIn(scheduler: SchedulerLike, delay: number | null, work: () => void): Unsubscribable;
export function scheduleIn<A>(
  scheduler: SchedulerLike,
  delay: number | null,
  work: (arg: A) => void,
  arg: A,
): Unsubscribable;
export function scheduleIn(
  scheduler: SchedulerLike,
  delay: number | null,
  work: (arg: unknown) => void,
  arg?: unknown,
): Unsubscribable {
  if (delay === null || delay === Infinity) return Subscription.EMPTY;
  if (!(delay > 0)) return scheduleSoon(scheduler, work, arg);
  if ((scheduler === rx.asyncScheduler || scheduler === rx.asapScheduler) && isRealTime()) {
    return realTimers().schedule(delay, work, arg);
  }
  if (delay <= MAX_TIMER_DELAY) return scheduler.schedule(work, delay, arg);
  const target = scheduler.now() + delay;
  return scheduler.schedule(function step(this: SchedulerAction<unknown>) {
    const rest = target - scheduler.now();
    if (rest > 0) this.schedule(undefined, Math.min(rest, MAX_TIMER_DELAY));
    else work(arg);
  }, MAX_TIMER_DELAY);
}

/** Runs `work` at the absolute time `when` on `scheduler`'s clock (a past time: soon). */
export function scheduleAt(scheduler: SchedulerLike, when: number | null, work: () => void): Unsubscribable {
  return scheduleIn(scheduler, when === null ? null : when - scheduler.now(), work);
}

/** A "soon" callback that can be called off: the Subscription `scheduleSoon` returns. */
class SoonEntry extends Subscription {
  constructor(
    public work: ((arg: unknown) => void) | undefined,
    readonly arg: unknown,
  ) {
    super();
  }
}

function runSoonEntry(entry: SoonEntry): void {
  const work = entry.work;
  if (work && !entry.closed) {
    entry.work = undefined;
    entry.unsubscribe();
    work(entry.arg);
  }
}

/** Runs `work(arg)` on the ready queue's next turn, unless the returned Subscription is closed first. */
export function scheduleSoon(scheduler: SchedulerLike, work: (arg: unknown) => void, arg?: unknown): Subscription {
  const entry = new SoonEntry(work, arg);
  soon(runSoonEntry, entry, scheduler);
  return entry;
}
