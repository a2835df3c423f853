import type { ObservableInput, SchedulerLike } from 'rxjs';
import { awaitedValue, Future, succeeded } from './future';
import { Task } from './task';
import { soon } from './internal/ready-queue';
import { checkObservableInputs, typeError } from './internal/validate';

/**
 * Shared plumbing of the combinators (`gather`, `asCompleted`, `wait`, `waitFor`):
 * "combinators watch, they don't own". It imports the core (Future, Task), so it sits
 * with the combinators in the layering, not with the other internal helpers.
 */

/** A listener called once, soon after a Future is done. */
export type FutureListener = (future: Future<unknown>) => void;

/**
 * asyncio's `ensure_future`: a Future (or Task) is followed as is; anything else becomes
 * a Task that starts soon (in call order, so inputs start in input order).
 */
export function ensureFuture<T>(input: ObservableInput<T>, scheduler: SchedulerLike | undefined): Future<T> {
  return input instanceof Future ? (input as Future<T>) : new Task<T>(input, scheduler ? { scheduler } : undefined);
}

/**
 * Calls `listener(future)` soon after `future` is done (soon, if it already is), through
 * the Future's internal listener list: no subscription, so leaving cannot cancel it.
 */
export function follow(future: Future<unknown>, listener: FutureListener): void {
  if (future.done()) soon(listener, future, future._scheduler);
  else future._listen(listener);
}

/**
 * Removes a listener added by {@link follow} from a still-pending Future. O(k) in the
 * Future's own listener count (usually 1 or 2), never in the number of Futures followed.
 */
export function unfollow(future: Future<unknown>, listener: FutureListener): void {
  const listeners = future._listeners as unknown;
  if (listeners === listener) future._listeners = null;
  else if (Array.isArray(listeners)) {
    const i = listeners.indexOf(listener);
    if (i >= 0) listeners.splice(i, 1);
  }
}

/** True when a done Future failed (not cancelled). */
export function failed(future: Future<unknown>): boolean {
  return future._state === 'FINISHED' && future._failed;
}

/**
 * A done Future's outcome as a value or an error, the way an awaiter sees it: the
 * result, the exception (marked retrieved), or a `CancelledError`.
 */
export function outcome(future: Future<unknown>): { ok: true; value: unknown } | { ok: false; error: unknown } {
  const value = awaitedValue(future);
  return succeeded(future) ? { ok: true, value } : { ok: false, error: value };
}

/** Copies an iterable of sources into an array, checking each one at call time. */
export function toArray<T>(fn: string, sources: Iterable<ObservableInput<T>>, arg = 'sources'): ObservableInput<T>[] {
  if (
    sources === null ||
    typeof sources !== 'object' ||
    typeof (sources as Iterable<unknown>)[Symbol.iterator] !== 'function'
  ) {
    typeError(fn, arg, 'an iterable of ObservableInputs', sources);
  }
  const inputs = [...sources];
  checkObservableInputs(fn, arg, inputs);
  return inputs;
}
