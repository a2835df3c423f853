import {
  asapScheduler,
  asyncScheduler,
  Subscription,
  type SchedulerAction,
  type SchedulerLike,
  type Unsubscribable,
} from 'rxjs';
import { isRealTime, soon } from './ready-queue';
import { TimerHeap } from './timer-heap';

/** Node's (and browsers') timers hold 32-bit signed delays; longer ones fire after 1 ms. */
export const MAX_TIMER_DELAY = 2 ** 31 - 1;

/**
 * The default clock's real-time timers, one heap (asyncio's `_scheduled`). Globals are
 * looked up at each call, so fake timers installed later (Jest's) are the ones used.
 */
export const realTimers = new TimerHeap(
  {
    now: () => Date.now(),
    setTimer(fn, delay) {
      const handle = setTimeout(fn, delay);
      return () => clearTimeout(handle);
    },
  },
  MAX_TIMER_DELAY,
);

/**
 * Runs `work` once `delay` ms have passed on `scheduler`'s clock, and returns what
 * cancels it.
 *
 * - `delay <= 0` (or `-Infinity`) means now: `work` runs on the ready queue's next turn
 *   (asyncio's `call_soon`), not on a timer.
 * - `Infinity` (or `null`) means never: nothing is scheduled.
 * - The default clock (`asyncScheduler`/`asapScheduler`) in real time uses one timer heap
 *   ({@link realTimers}); under `TestScheduler.run`, and for any other scheduler, the
 *   timer is the scheduler's own action.
 * - Delays above 2^31−1 ms are scheduled in steps, so they never overflow into 1 ms.
 */
export function scheduleIn(scheduler: SchedulerLike, delay: number | null, work: () => void): Unsubscribable {
  if (delay === null || delay === Infinity) return Subscription.EMPTY;
  if (!(delay > 0)) return scheduleSoon(scheduler, work);
  if ((scheduler === asyncScheduler || scheduler === asapScheduler) && isRealTime()) {
    return realTimers.schedule(delay, work);
  }
  if (delay <= MAX_TIMER_DELAY) return scheduler.schedule(work, delay);
  const target = scheduler.now() + delay;
  return scheduler.schedule(function step(this: SchedulerAction<unknown>) {
    const rest = target - scheduler.now();
    if (rest > 0) this.schedule(undefined, Math.min(rest, MAX_TIMER_DELAY));
    else work();
  }, MAX_TIMER_DELAY);
}

/** Runs `work` at the absolute time `when` on `scheduler`'s clock (a past time: soon). */
export function scheduleAt(scheduler: SchedulerLike, when: number | null, work: () => void): Unsubscribable {
  return scheduleIn(scheduler, when === null ? null : when - scheduler.now(), work);
}

/** A "soon" callback that can be called off: the Subscription `scheduleSoon` returns. */
class SoonEntry extends Subscription {
  constructor(public work: (() => void) | undefined) {
    super();
  }
}

function runSoonEntry(entry: SoonEntry): void {
  const work = entry.work;
  if (work && !entry.closed) {
    entry.work = undefined;
    entry.unsubscribe();
    work();
  }
}

/** Runs `work` on the ready queue's next turn, unless the returned Subscription is closed first. */
export function scheduleSoon(scheduler: SchedulerLike, work: () => void): Subscription {
  const entry = new SoonEntry(work);
  soon(runSoonEntry, entry, scheduler);
  return entry;
}
