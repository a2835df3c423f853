import { InvalidStateError } from './errors';
import { Permits } from './sync-base';
import { checkSyncOptions, type SyncOptions } from './internal/waiter-line';

/**
 * A mutual-exclusion lock: one holder at a time, the others wait in a FIFO line.
 *
 * asyncio: `asyncio.Lock`. `acquire()` returns a Task: `await lock.acquire()` or
 * subscribe to it. An acquire that need not wait is done on the spot (no yield, as in
 * asyncio). `release()` hands the lock straight to the oldest waiter still waiting, so a
 * later `acquire()` cannot barge in. Use {@link holding} to run an Observable while holding
 * it (asyncio's `async with lock`). Unlike asyncio, `locked()` stays `true` while the lock
 * passes from one holder to the next waiter.
 *
 * **Cancellation.** Cancelling a waiting `acquire()` Task — `task.cancel()`, or
 * unsubscribing from it before it is done — removes it from the line at once: it never
 * takes the lock. A done acquire holds the lock until `release()`.
 *
 * ## Example
 * ```ts
 * import { Lock } from 'rxjs-asyncio';
 * const lock = new Lock();
 * await lock.acquire();
 * const second = lock.acquire();
 * console.log(lock.locked(), second.done());
 * lock.release();
 * console.log(second.done(), lock.locked());
 * // Logs:
 * // true false
 * // true true
 * ```
 * @param options `scheduler` delivering the outcome of `acquire()` (default `asapScheduler`).
 * @throws {TypeError} When `options` is not an object or its scheduler not a SchedulerLike.
 */
export class Lock extends Permits {
  constructor(options?: SyncOptions) {
    super(1, checkSyncOptions('Lock', options));
  }

  /**
   * Releases the lock: the oldest waiter, if any, gets it at once.
   * @throws {InvalidStateError} When the lock is not held (asyncio's RuntimeError, message `Lock is not acquired.`).
   */
  release(): void {
    if (this._value > 0) throw new InvalidStateError('Lock is not acquired.');
    this._release();
  }

  /** `<Lock [locked, waiters:2]>`, as asyncio's repr. */
  override toString(): string {
    const state = this._value > 0 ? 'unlocked' : 'locked';
    return `<Lock [${state}${this._line.size ? `, waiters:${this._line.size}` : ''}]>`;
  }
}
