import { InvalidStateError } from './errors';
import { Permits } from './sync-base';
import { checkSyncOptions, type SyncOptions } from './internal/waiter-line';
import { checkInteger } from './internal/validate';

/**
 * A counter of `value` permits: at most `value` holders at once, the others wait in a
 * FIFO line.
 *
 * asyncio: `asyncio.Semaphore`. `acquire()` returns a Task (await it or subscribe); it is
 * done on the spot when a permit is free. `release()` hands the permit straight to the
 * oldest waiter still waiting (no barging), else adds it back. `locked()` is `true` when
 * no permit is free. Bound the concurrency of an Observable pipeline with
 * {@link holding}: `from(urls).pipe(mergeMap((u) => fetch$(u).pipe(holding(sem))))`.
 *
 * **Cancellation.** Cancelling a waiting `acquire()` Task (or unsubscribing from it
 * before it is done) removes it from the line at once: it never consumes a permit.
 *
 * ## Example
 * ```ts
 * import { Semaphore } from 'rxjs-asyncio';
 * const sem = new Semaphore(2);
 * sem.acquire();
 * sem.acquire();
 * const third = sem.acquire();
 * console.log(sem.locked(), third.done());
 * sem.release();
 * console.log(third.done());
 * // Logs:
 * // true false
 * // true
 * ```
 * @param value The number of permits, an integer ≥ 0 (default 1).
 * @param options `scheduler` delivering the outcome of `acquire()` (default `asapScheduler`).
 * @throws {TypeError} When `value` is not a number, or `options` is malformed.
 * @throws {RangeError} When `value` is negative or fractional.
 */
export class Semaphore extends Permits {
  constructor(value = 1, options?: SyncOptions) {
    const fn = new.target.name;
    checkInteger(fn, 'value', value, 0);
    super(value, checkSyncOptions(fn, options));
  }

  /** Releases a permit: to the oldest waiter if there is one, else back to the count. */
  release(): void {
    this._release();
  }

  /** `<Semaphore [locked, value:0, waiters:2]>`, as asyncio's repr. */
  override toString(): string {
    const state = this.locked() ? 'locked' : `unlocked, value:${this._value}`;
    return `<${this.constructor.name} [${state}${this._line.size ? `, waiters:${this._line.size}` : ''}]>`;
  }
}

/**
 * A {@link Semaphore} that refuses to be released more times than it was acquired.
 *
 * asyncio: `asyncio.BoundedSemaphore`. Same as `Semaphore`, except that `release()`
 * throws when it would raise the count above the initial value — the sign of a
 * release without an acquire.
 *
 * **Cancellation.** As for `Semaphore`: a cancelled waiting `acquire()` leaves the line
 * and consumes nothing.
 *
 * ## Example
 * ```ts
 * import { BoundedSemaphore } from 'rxjs-asyncio';
 * const sem = new BoundedSemaphore(1);
 * try { sem.release(); } catch (e) { console.log(e.message); }
 * // Logs:
 * // BoundedSemaphore released too many times
 * ```
 * @param value The number of permits, an integer ≥ 0 (default 1).
 * @param options `scheduler` delivering the outcome of `acquire()`.
 * @throws {TypeError} When `value` is not a number, or `options` is malformed.
 * @throws {RangeError} When `value` is negative or fractional.
 */
export class BoundedSemaphore extends Semaphore {
  /** @internal */ readonly _bound: number;

  constructor(value = 1, options?: SyncOptions) {
    super(value, options);
    this._bound = value;
  }

  /**
   * Releases a permit.
   * @throws {InvalidStateError} When every permit is already free (asyncio's ValueError,
   * `BoundedSemaphore released too many times`); nothing changes.
   */
  override release(): void {
    if (this._value >= this._bound) throw new InvalidStateError('BoundedSemaphore released too many times');
    super.release();
  }
}
