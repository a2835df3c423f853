import { AsyncSubject, share, type MonoTypeOperatorFunction } from 'rxjs';

/**
 * Protects the underlying work from its subscribers' unsubscription.
 *
 * asyncio: `asyncio.shield(aw)`. Same as RxJS's `share`, with an `AsyncSubject`
 * connector and no reset: the first subscriber starts the source once; unsubscribing
 * (even every subscriber, even the Task awaiting it being cancelled) leaves the source
 * running to its end; every subscriber, also a later one, gets its outcome — the last
 * value then complete, or the error — without a second run. Pipe it after a Task
 * (`task.pipe(shield())`) to await the Task without the power to cancel it.
 *
 * **Cancellation.** Unsubscribing the shielded Observable cancels nothing. If the
 * underlying work is cancelled by other means (`task.cancel()`), the output errors with
 * `CancelledError`.
 *
 * ## Example
 * ```ts
 * import { createTask, shield, sleep } from 'rxjs-asyncio';
 * const work = createTask(sleep(100, 'saved'));
 * const caller = createTask(work.pipe(shield()));
 * setTimeout(() => caller.cancel(), 10);
 * work.then((v) => console.log(v, caller.cancelled()));
 * // Logs:
 * // saved true
 * ```
 * @returns An operator mirroring the source's outcome, shared and uncancellable.
 */
export function shield<T>(): MonoTypeOperatorFunction<T> {
  return share<T>({
    connector: () => new AsyncSubject<T>(),
    resetOnError: false,
    resetOnComplete: false,
    resetOnRefCountZero: false,
  });
}
