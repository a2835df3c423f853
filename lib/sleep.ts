import { Observable, type SchedulerLike, type Subscriber, type TeardownLogic } from 'rxjs';
import { soon } from './internal/ready-queue';
import { keepShape } from './internal/keep-shape';
import { rx } from './internal/rx';
import { scheduleIn } from './internal/schedule';
import { checkDelay, checkScheduler } from './internal/validate';

/**
 * Emits `result` after `delay` milliseconds, then completes.
 *
 * asyncio: `asyncio.sleep(delay, result)`, with the delay in ms, not seconds. Like
 * asyncio, `sleep(0)` (and any delay ≤ 0) still yields: it goes through the ready queue,
 * so other tasks run first, but it takes no timer. `Infinity` or `null` never emits.
 * Delays above 2^31−1 ms are kept whole (Node's timers would fire them after 1 ms).
 *
 * It is cold, like a coroutine object: nothing is scheduled until it is subscribed.
 *
 * **Cancellation.** Unsubscribing before the delay is up removes the scheduled action.
 * Nothing is emitted and nothing stays scheduled.
 *
 * ## Example
 * ```ts
 * import { sleep } from 'rxjs-asyncio';
 * sleep(1500, 'rested').subscribe((v) => console.log(v));
 * console.log('first');
 * // Logs:
 * // first
 * // rested      (1.5 s later)
 * ```
 * @param delay Milliseconds. Negative means now; `Infinity` or `null` means never.
 * @param result Value to emit (default `undefined`).
 * @param scheduler Time source (default `asyncScheduler`; `sleep(0)` uses its ready queue).
 * @returns An Observable that emits `result` once and completes.
 * @throws {TypeError} When `delay` is not a number or null, or `scheduler` is not a SchedulerLike.
 * @throws {RangeError} When `delay` is NaN.
 */
export function sleep<T = undefined>(delay: number, result?: T, scheduler?: SchedulerLike): Observable<T> {
  checkDelay('sleep', 'delay', delay);
  checkScheduler('sleep', scheduler);
  return new Sleep(delay, result, scheduler ?? rx.asyncScheduler);
}

/**
 * A `sleep()`: its delay, result and clock as fields, so 10^4 jobs made up front (W3) or
 * 10^5 yields (W1) keep one small object each, not a closure and its context.
 */
class Sleep<T> extends Observable<T> {
  constructor(
    readonly delay: number | null,
    readonly result: T | undefined,
    readonly clock: SchedulerLike,
  ) {
    super(subscribeSleep);
  }
}

// A timer's argument, not a closure: a pending `sleep()` is one timer entry (W5).
function subscribeSleep<T>(this: Observable<T>, subscriber: Subscriber<T>): TeardownLogic {
  const { delay, result, clock } = this as Sleep<T>;
  return result === undefined
    ? wakeAfter(delay, clock, wake, subscriber as Subscriber<unknown>)
    : wakeAfter(delay, clock, wakeWith, { subscriber, result });
}

/** Calls `work(arg)` after `delay` on `clock`; the result cancels it. */
function wakeAfter<A>(delay: number | null, clock: SchedulerLike, work: (arg: A) => void, arg: A): TeardownLogic {
  if (delay !== null && !(delay > 0)) {
    // A yield: one ready-queue entry and nothing to tear down (an unsubscribed subscriber
    // is closed, and the entry then does nothing). `gather` of 10^5 `sleep(0)` is W1.
    soon(work, arg, clock);
    return;
  }
  return scheduleIn(clock, delay, work, arg);
}

/** The delay is up: emit `undefined` and complete (unless unsubscribed meanwhile). */
function wake(subscriber: Subscriber<unknown>): void {
  if (subscriber.closed) return;
  subscriber.next(undefined);
  subscriber.complete();
}

/** The delay is up: emit the result and complete (unless unsubscribed meanwhile). */
function wakeWith(entry: { subscriber: Subscriber<unknown>; result: unknown }): void {
  const { subscriber, result } = entry;
  if (subscriber.closed) return;
  subscriber.next(result);
  subscriber.complete();
}

// A sleep's shape outlives its burst (see keepShape): `sleep(null)`, which schedules nothing.
keepShape(new Sleep<unknown>(null, undefined, rx.asyncScheduler));
