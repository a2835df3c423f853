import { asyncScheduler, Observable, type SchedulerLike, type Subscription, type Unsubscribable } from 'rxjs';
import { scheduleAt } from './internal/schedule';
import { timeoutError } from './internal/timeout-error';
import { checkDelay, checkScheduler } from './internal/validate';

/**
 * A deadline operator, which is also the handle of its latest subscription.
 * Applying it keeps the source's type: `of(1).pipe(timeout(10))` is `Observable<number>`.
 */
export interface DeadlineOperator {
  <T>(source: Observable<T>): Observable<T>;
  /**
   * The latest subscription's deadline, absolute in scheduler time (kept after it ended);
   * `null` before the first subscription or when there is no deadline.
   */
  when(): number | null;
  /**
   * Moves the live subscription's deadline to `when` (absolute; `null`: none). A time
   * already past fires on the next turn. With no live subscription, sets the deadline
   * the next subscription uses (asyncio raises there).
   * @throws {TypeError} When `when` is not a number or null.
   * @throws {RangeError} When `when` is NaN.
   */
  reschedule(when: number | null): void;
  /** `true` once the latest subscription's deadline fired. */
  expired(): boolean;
}

/** The live subscription's deadline machinery. */
interface Live {
  fire: () => void;
  timer: Unsubscribable | null;
}

function deadline(fn: string, initial: (now: number) => number | null, scheduler: SchedulerLike): DeadlineOperator {
  let when: number | null = null;
  let override: { when: number | null } | null = null;
  let expired = false;
  let live: Live | null = null;

  const arm = (state: Live) => {
    state.timer?.unsubscribe();
    state.timer = when === null ? null : scheduleAt(scheduler, when, state.fire);
  };

  const operator = <T>(source: Observable<T>): Observable<T> =>
    new Observable<T>((subscriber) => {
      when = override ? override.when : initial(scheduler.now());
      override = null;
      expired = false;
      let inner: Subscription | null = null;
      const state: Live = {
        timer: null,
        fire: () => {
          state.timer = null;
          if (live === state) {
            expired = true;
            live = null;
          }
          inner?.unsubscribe(); // the source's `finally` runs before the error is seen
          subscriber.error(timeoutError());
        },
      };
      live = state;
      inner = source.subscribe({
        next: (v) => subscriber.next(v),
        error: (e: unknown) => subscriber.error(e),
        complete: () => subscriber.complete(),
      });
      if (!subscriber.closed) arm(state); // a synchronous source may be done already
      return () => {
        state.timer?.unsubscribe();
        state.timer = null;
        if (live === state) live = null;
        inner?.unsubscribe();
      };
    });

  return Object.assign(operator, {
    when: () => when,
    reschedule: (next: number | null) => {
      checkDelay(`${fn}().reschedule`, 'when', next);
      when = next;
      if (live) arm(live);
      else {
        override = { when: next };
        expired = false;
      }
    },
    expired: () => expired,
  });
}

/**
 * A deadline over the whole subscription: `delay` ms after subscribing, the source is
 * unsubscribed and the output errors with `TimeoutError`.
 *
 * asyncio: `async with asyncio.timeout(delay)`, in ms. Unlike RxJS's `timeout` (a limit
 * on the gap between values, and in RxJS's import path) this limits everything from
 * subscribe to complete; import it as `import { timeout as deadline } from
 * 'rxjs-asyncio'` where both are used. The deadline is taken when the output is
 * subscribed (`scheduler.now() + delay`), one per subscription, so `timeout(5_000)`
 * placed before a retry limits every attempt and after it limits the whole. A negative
 * delay fires on the next turn; `Infinity` or `null` means no deadline (until
 * `reschedule`). The returned operator is also the handle of its latest subscription:
 * `when()`, `reschedule(when)`, `expired()` (asyncio's `Timeout` object).
 *
 * **Cancellation.** At the deadline the source is unsubscribed first (its `finalize`
 * runs), then the output errors with RxJS's `TimeoutError`. Completing, erroring or
 * unsubscribing before the deadline removes the timer.
 *
 * ## Example
 * ```ts
 * import { timeout as deadline, sleep } from 'rxjs-asyncio';
 * sleep(10_000).pipe(deadline(1000)).subscribe({ error: (e) => console.log(e.name) });
 * // Logs:
 * // TimeoutError   (after 1 s)
 * ```
 * @param delay Milliseconds from subscription; negative means now, `null`/`Infinity` never.
 * @param scheduler Time source (default `asyncScheduler`).
 * @returns The operator and handle.
 * @throws {TypeError} When `delay` is not a number or null, or `scheduler` is not a SchedulerLike.
 * @throws {RangeError} When `delay` is NaN.
 */
export function timeout(delay: number | null, scheduler?: SchedulerLike): DeadlineOperator {
  checkDelay('timeout', 'delay', delay);
  checkScheduler('timeout', scheduler);
  return deadline('timeout', (now) => (delay === null ? null : now + delay), scheduler ?? asyncScheduler);
}

/**
 * Same as {@link timeout}, with an absolute deadline in scheduler time.
 *
 * asyncio: `async with asyncio.timeout_at(when)`. A time already past fires on the next
 * turn; `null` or `Infinity` means no deadline (until `reschedule`).
 *
 * **Cancellation.** As {@link timeout}: at the deadline the source is unsubscribed, then
 * the output errors with `TimeoutError`.
 *
 * ## Example
 * ```ts
 * import { timeoutAt, sleep } from 'rxjs-asyncio';
 * import { asyncScheduler } from 'rxjs';
 * const limit = timeoutAt(asyncScheduler.now() + 500);
 * sleep(100, 'fast').pipe(limit).subscribe((v) => console.log(v, limit.expired()));
 * // Logs:
 * // fast false
 * ```
 * @param when Absolute time on `scheduler`'s clock, or `null`.
 * @param scheduler Time source (default `asyncScheduler`).
 * @returns The operator and handle.
 * @throws {TypeError} When `when` is not a number or null, or `scheduler` is not a SchedulerLike.
 * @throws {RangeError} When `when` is NaN.
 */
export function timeoutAt(when: number | null, scheduler?: SchedulerLike): DeadlineOperator {
  checkDelay('timeoutAt', 'when', when);
  checkScheduler('timeoutAt', scheduler);
  return deadline('timeoutAt', () => when, scheduler ?? asyncScheduler);
}
