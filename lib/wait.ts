import { asyncScheduler, Observable, type ObservableInput, type SchedulerLike } from 'rxjs';
import type { Future } from './future';
import type { Task } from './task';
import { ensureFuture, failed, follow, toArray, unfollow, type FutureListener } from './follow';
import { scheduleIn } from './internal/schedule';
import { checkDelay, checkOneOf, checkOptions, checkScheduler, rangeError } from './internal/validate';

/** When {@link wait} emits. */
export type ReturnWhen = 'FIRST_COMPLETED' | 'FIRST_EXCEPTION' | 'ALL_COMPLETED';

const RETURN_WHEN: readonly ReturnWhen[] = ['FIRST_COMPLETED', 'FIRST_EXCEPTION', 'ALL_COMPLETED'];

/** Options of {@link wait}. */
export interface WaitOptions {
  /**
   * `'FIRST_COMPLETED'`: when any Task is done; `'FIRST_EXCEPTION'`: when any Task fails
   * (not cancelled), or all are done; `'ALL_COMPLETED'` (default): when all are done.
   */
  returnWhen?: ReturnWhen;
  /** Milliseconds after which it emits whatever is done by then; `null` (default): none. */
  timeout?: number | null;
  /** Time source for the timeout; also starts the sources that are not Tasks (default `asyncScheduler`). */
  scheduler?: SchedulerLike;
}

/** What {@link wait} emits: the Tasks done and those still pending. */
export interface WaitResult<T> {
  /** The Tasks that are done. */
  done: Set<Task<T>>;
  /** The Tasks still pending. */
  pending: Set<Task<T>>;
}

/**
 * Waits until some or all Tasks are done, then emits `{ done, pending }` and completes.
 *
 * asyncio: `done, pending = await asyncio.wait(aws, return_when=..., timeout=...)`, in
 * ms. Sources that are not Tasks become Tasks (started soon, in input order; you then
 * find them in the sets); duplicates count once. It never errors for a Task's error
 * (look at `task.exception()`), and emits at the timeout whatever is done by then.
 * An empty `tasks` throws at call time, as asyncio raises ValueError.
 *
 * **Cancellation.** It never cancels a Task: neither at the timeout nor when
 * unsubscribed (which only removes its timer and done callbacks).
 *
 * ## Example
 * ```ts
 * import { createTask, sleep, wait } from 'rxjs-asyncio';
 * const fast = createTask(sleep(10, 'fast'));
 * const slow = createTask(sleep(50, 'slow'));
 * wait([fast, slow], { returnWhen: 'FIRST_COMPLETED' }).subscribe(({ done, pending }) =>
 *   console.log(done.has(fast), pending.has(slow)),
 * );
 * // Logs:
 * // true true
 * ```
 * @param tasks An iterable of Tasks and ObservableInputs, not empty.
 * @param options `returnWhen`, `timeout` and `scheduler`.
 * @returns An Observable of one `{ done, pending }`.
 * @throws {RangeError} When `tasks` is empty, `returnWhen` is an unknown string, or `timeout` is NaN.
 * @throws {TypeError} When an entry is not an ObservableInput or an option has the wrong type.
 */
export function wait<T>(
  tasks: Iterable<Task<T> | ObservableInput<T>>,
  options?: WaitOptions,
): Observable<WaitResult<T>> {
  const inputs = toArray('wait', tasks as Iterable<ObservableInput<T>>, 'tasks');
  if (inputs.length === 0) rangeError('wait', 'tasks', 'a non-empty iterable', inputs);
  checkOptions('wait', options);
  // Only undefined means the default: null is checked (and refused) like any other value.
  if (options?.returnWhen !== undefined) checkOneOf('wait', 'options.returnWhen', options.returnWhen, RETURN_WHEN);
  const returnWhen = options?.returnWhen ?? 'ALL_COMPLETED';
  checkDelay('wait', 'options.timeout', options?.timeout ?? null);
  checkScheduler('wait', options?.scheduler);
  const scheduler = options?.scheduler;
  return new Observable<WaitResult<T>>((subscriber) => {
    const futures = [...new Set(inputs.map((input) => ensureFuture(input, scheduler)))];
    let counter = futures.length;
    let ended = false;
    const end = () => {
      ended = true;
      timer.unsubscribe();
      for (const f of futures) if (!f.done()) unfollow(f, listener);
      const done = new Set<Task<T>>();
      const pending = new Set<Task<T>>();
      // A Future handed in is followed like a Task (asyncio's wait takes Futures too).
      // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
      for (const f of futures) (f.done() ? done : pending).add(f as Task<T>);
      subscriber.next({ done, pending });
      subscriber.complete();
    };
    const listener: FutureListener = (f) => {
      if (ended) return;
      counter--;
      const failure = returnWhen === 'FIRST_EXCEPTION' && failed(f);
      if (failure) f._retrieved(); // asyncio reads f.exception() here
      if (counter <= 0 || returnWhen === 'FIRST_COMPLETED' || failure) end();
    };
    const timer = scheduleIn(scheduler ?? asyncScheduler, options?.timeout ?? null, end);
    for (const f of futures as Future<unknown>[]) follow(f, listener);
    return () => {
      if (ended) return;
      ended = true;
      timer.unsubscribe();
      for (const f of futures) if (!f.done()) unfollow(f, listener);
    };
  });
}
