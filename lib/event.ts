import type { Task } from './task';
import { checkSyncOptions, WaiterLine, type SyncOptions } from './internal/waiter-line';
import { doneTask, waitTask } from './sync-base';
import type { SchedulerLike } from 'rxjs';

/**
 * A flag tasks can wait for: `wait()` is done once the flag is set.
 *
 * asyncio: `asyncio.Event`. `set()` wakes every waiter at once (their Tasks complete
 * with `true`; a `clear()` right after does not take that back); `wait()` on a set Event
 * is done on the spot.
 *
 * **Cancellation.** Cancelling a waiting `wait()` Task (or unsubscribing from it before it
 * is done) removes it from the waiters; the Event is unchanged.
 *
 * ## Example
 * ```ts
 * import { Event as AsyncEvent } from 'rxjs-asyncio';
 * const ready = new AsyncEvent();
 * ready.wait().then((v) => console.log('woken', v));
 * console.log('setting');
 * ready.set();
 * // Logs:
 * // setting
 * // woken true
 * ```
 * @param options `scheduler` delivering the outcome of `wait()` (default `asapScheduler`).
 * @throws {TypeError} When `options` is malformed.
 */
export class Event {
  /** @internal */ _value = false;
  /** @internal */ readonly _line = new WaiterLine<true>();
  /** @internal */ readonly _scheduler: SchedulerLike | undefined;

  constructor(options?: SyncOptions) {
    this._scheduler = checkSyncOptions('Event', options);
  }

  /** Sets the flag and wakes every waiter. Does nothing if already set. */
  set(): void {
    if (this._value) return;
    this._value = true;
    this._line.wakeAll(() => true);
  }

  /** Clears the flag: later `wait()`s wait until the next `set()`. */
  clear(): void {
    this._value = false;
  }

  /** `true` while the flag is set. */
  isSet(): boolean {
    return this._value;
  }

  /**
   * Waits until the flag is set.
   * @returns A Task that completes with `true` — at once if the flag is set.
   */
  wait(): Task<true> {
    if (this._value) return doneTask('Event.wait', this._scheduler, true);
    return waitTask('Event.wait', this._scheduler, (target) => this._line.push(target));
  }

  /** `<Event [set]>` or `<Event [unset, waiters:2]>`. */
  toString(): string {
    return `<Event [${this._value ? 'set' : 'unset'}${this._line.size ? `, waiters:${this._line.size}` : ''}]>`;
  }
}
