import { asyncScheduler, Observable, type ObservableInput, type SchedulerLike, type Unsubscribable } from 'rxjs';
import { ensureFuture, follow, outcome, unfollow, type FutureListener } from './follow';
import { scheduleIn } from './internal/schedule';
import { timeoutError } from './internal/timeout-error';
import { checkDelay, checkObservableInput, checkScheduler } from './internal/validate';

/**
 * Runs `source` with a time limit: emits its result, or errors with `TimeoutError` if it
 * is not done within `timeout` ms.
 *
 * asyncio: `asyncio.wait_for(aw, timeout)`, in ms. A source that is not a Task becomes
 * one (started soon); a Task is followed, not subscribed to. At the deadline the Task is
 * cancelled and the output errors with `TimeoutError` only once the Task is done (its
 * teardown has run): if it still finished with a result or an error, that is the
 * outcome instead. `null` (or `Infinity`) waits forever; a timeout ≤ 0 cancels at once
 * unless the Task is already done. Like awaiting, the output emits one value (the
 * result) then completes, and errors with the Task's error or `CancelledError`.
 *
 * **Cancellation.** Unsubscribing before the end cancels the Task (a Task handed in too,
 * as cancelling `wait_for` does) and removes the timer.
 *
 * ## Example
 * ```ts
 * import { sleep, waitFor } from 'rxjs-asyncio';
 * waitFor(sleep(3_600_000), 1000).subscribe({ error: () => console.log('timeout!') });
 * // Logs:
 * // timeout!     (after 1 s)
 * ```
 * @param source An ObservableInput or Task.
 * @param timeout Milliseconds, or `null` to wait forever.
 * @param scheduler Time source; also starts the Task (default `asyncScheduler`).
 * @returns An Observable of the result.
 * @throws {TypeError} When `source` is not an ObservableInput, `timeout` not a number or null.
 * @throws {RangeError} When `timeout` is NaN.
 */
export function waitFor<T>(
  source: ObservableInput<T>,
  timeout: number | null,
  scheduler?: SchedulerLike,
): Observable<T> {
  checkObservableInput('waitFor', 'source', source);
  checkDelay('waitFor', 'timeout', timeout);
  checkScheduler('waitFor', scheduler);
  return new Observable<T>((subscriber) => {
    const task = ensureFuture(source, scheduler);
    let timedOut = false;
    let timer: Unsubscribable | null = null;
    const listener: FutureListener = (done) => {
      timer?.unsubscribe();
      timer = null;
      const result = outcome(done);
      if (result.ok) {
        subscriber.next(result.value as T);
        subscriber.complete();
      } else subscriber.error(timedOut && done.cancelled() ? timeoutError() : result.error);
    };
    const expire = () => {
      timer = null;
      if (task.done()) return; // its listener is on the way
      timedOut = true;
      task.cancel();
    };
    follow(task, listener);
    if (timeout !== null && timeout <= 0) expire();
    else timer = scheduleIn(scheduler ?? asyncScheduler, timeout, expire);
    return () => {
      timer?.unsubscribe();
      if (!task.done()) {
        unfollow(task, listener);
        task.cancel();
      }
    };
  });
}
