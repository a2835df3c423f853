import { asyncScheduler, Observable, type ObservableInput, type SchedulerLike } from 'rxjs';
import type { Future } from './future';
import { ensureFuture, follow, outcome, toArray, unfollow, type FutureListener } from './follow';
import { scheduleIn } from './internal/schedule';
import { timeoutError } from './internal/timeout-error';
import { checkDelay, checkOptions, checkScheduler } from './internal/validate';

/** Options of {@link asCompleted}. */
export interface AsCompletedOptions {
  /** Milliseconds from subscription after which the output errors with `TimeoutError`; `null` (default): none. */
  timeout?: number | null;
  /** Time source for the timeout; also starts the sources that are not Tasks (default `asyncScheduler`). */
  scheduler?: SchedulerLike;
}

/**
 * Emits each source's result as soon as it is done, in completion order, then completes.
 *
 * asyncio: `for aw in asyncio.as_completed(aws, timeout=...)`, with the results pushed
 * instead of pulled. Each source that is not a Task becomes one, started soon, in input
 * order; Tasks are followed, not subscribed to. The first failure (a cancelled source:
 * `CancelledError`) errors the output; at the timeout it errors with `TimeoutError`. In
 * both cases the other sources keep running, as in asyncio.
 *
 * **Cancellation.** Unsubscribing before the output has ended cancels every source not
 * yet done, in input order, and removes the timer. After the output ended (completed,
 * failed, timed out) nothing is cancelled.
 *
 * ## Example
 * ```ts
 * import { asCompleted, sleep } from 'rxjs-asyncio';
 * asCompleted([sleep(30, 'slow'), sleep(10, 'fast')]).subscribe((v) => console.log(v));
 * // Logs:
 * // fast
 * // slow
 * ```
 * @param sources An iterable of ObservableInputs and Tasks.
 * @param options `timeout` and `scheduler`.
 * @returns An Observable of the results, in completion order.
 * @throws {TypeError} When `sources` is not iterable, an entry is not an ObservableInput,
 *   or an option has the wrong type.
 * @throws {RangeError} When `timeout` is NaN.
 */
export function asCompleted<T>(sources: Iterable<ObservableInput<T>>, options?: AsCompletedOptions): Observable<T> {
  const inputs = toArray('asCompleted', sources);
  checkOptions('asCompleted', options);
  checkDelay('asCompleted', 'options.timeout', options?.timeout ?? null);
  checkScheduler('asCompleted', options?.scheduler);
  const scheduler = options?.scheduler;
  const n = inputs.length;
  return new Observable<T>((subscriber) => {
    if (n === 0) {
      subscriber.complete();
      return;
    }
    const children: (Future<T> | null)[] = inputs.map((input) => ensureFuture(input, scheduler));
    let remaining = n;
    let ended = false;
    const end = () => {
      ended = true;
      timer.unsubscribe();
    };
    const listeners: FutureListener[] = children.map((_, i) => (child) => {
      children[i] = null;
      const result = outcome(child);
      if (ended) return;
      if (!result.ok) {
        end();
        subscriber.error(result.error);
        return;
      }
      subscriber.next(result.value as T);
      if (--remaining === 0) {
        end();
        subscriber.complete();
      }
    });
    const timer = scheduleIn(scheduler ?? asyncScheduler, options?.timeout ?? null, () => {
      end();
      for (let i = 0; i < n; i++) if (children[i]) unfollow(children[i]!, listeners[i]);
      subscriber.error(timeoutError());
    });
    for (let i = 0; i < n; i++) follow(children[i]!, listeners[i]);
    return () => {
      if (ended) return;
      end();
      for (let i = 0; i < n; i++) children[i]?.cancel();
    };
  });
}
