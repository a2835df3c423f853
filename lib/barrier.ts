import type { SchedulerLike } from 'rxjs';
import { BrokenBarrierError } from './errors';
import { checkSyncOptions, WaiterLine, type SyncOptions } from './internal/waiter-line';
import { doneTask, failedTask, waitTask } from './sync-base';
import { checkInteger } from './internal/validate';
import type { Task } from './task';

/**
 * A meeting point: `wait()` blocks until `parties` tasks are waiting, then lets them all
 * go together.
 *
 * asyncio: `asyncio.Barrier` (3.11). `wait()` returns a Task of the task's arrival index,
 * 0 to `parties − 1`; the last to arrive is done on the spot and releases the others at
 * once, after which the barrier is ready for the next round. `abort()` breaks it: waiters
 * and later `wait()`s fail with `BrokenBarrierError` until `reset()`. `reset()` fails the
 * current waiters with `BrokenBarrierError` and starts afresh. `reset()` and `abort()`
 * act when called and return a Task that is already done (asyncio's coroutines, which
 * only wait for an internal lock). `nWaiting` counts waiters of the round being filled.
 *
 * **Cancellation.** Cancelling a waiting `wait()` Task (or unsubscribing before it is
 * done) leaves the barrier as if it had never arrived: `nWaiting` drops by one and the
 * barrier stays whole (asyncio does not break it either).
 *
 * ## Example
 * ```ts
 * import { Barrier } from 'rxjs-asyncio';
 * const barrier = new Barrier(3);
 * const waits = [barrier.wait(), barrier.wait()];
 * console.log(barrier.nWaiting, waits[0].done());
 * console.log(await barrier.wait(), await waits[0], await waits[1]);
 * // Logs:
 * // 2 false
 * // 2 0 1
 * ```
 * @param parties How many tasks meet, an integer ≥ 1.
 * @param options `scheduler` delivering the outcome of `wait()`.
 * @throws {TypeError} When `parties` is not a number, or `options` is malformed.
 * @throws {RangeError} When `parties` is below 1 or fractional.
 */
export class Barrier {
  /** How many tasks must call `wait()` to pass. */
  readonly parties: number;
  /** @internal */ _broken = false;
  /** @internal Waiters of the round being filled, each with its arrival index. */
  readonly _line = new WaiterLine<number, number>();
  /** @internal */ readonly _scheduler: SchedulerLike | undefined;

  constructor(parties: number, options?: SyncOptions) {
    checkInteger('Barrier', 'parties', parties, 1);
    this._scheduler = checkSyncOptions('Barrier', options);
    this.parties = parties;
  }

  /** How many tasks wait at the barrier now. */
  get nWaiting(): number {
    return this._line.size;
  }

  /** `true` after `abort()`, until `reset()`. */
  get broken(): boolean {
    return this._broken;
  }

  /**
   * Waits until `parties` tasks wait.
   * @returns A Task of this task's arrival index (0 for the first). It fails with
   * `BrokenBarrierError` when the barrier is broken, aborted or reset.
   */
  wait(): Task<number> {
    if (this._broken) return failedTask('Barrier.wait', this._scheduler, new BrokenBarrierError('Barrier aborted'));
    const index = this._line.size;
    if (index + 1 === this.parties) {
      this._line.wakeAll((waiter) => waiter.payload);
      return doneTask('Barrier.wait', this._scheduler, index);
    }
    return waitTask('Barrier.wait', this._scheduler, (target) => this._line.push(target, index));
  }

  /**
   * Returns the barrier to its initial, empty state; tasks waiting at it fail with
   * `BrokenBarrierError`. Also mends a broken barrier.
   * @returns A Task that is already done.
   */
  reset(): Task<void> {
    this._broken = false;
    this._breakWaiters();
    return doneTask('Barrier.reset', this._scheduler, undefined);
  }

  /**
   * Breaks the barrier: tasks waiting at it, and every later `wait()`, fail with
   * `BrokenBarrierError` until `reset()`.
   * @returns A Task that is already done.
   */
  abort(): Task<void> {
    this._broken = true;
    this._breakWaiters();
    return doneTask('Barrier.abort', this._scheduler, undefined);
  }

  /** `<Barrier [filling, waiters:1/3]>`, like asyncio's repr. */
  toString(): string {
    return `<Barrier [${this._broken ? 'broken' : `filling, waiters:${this._line.size}/${this.parties}`}]>`;
  }

  /** @internal */
  _breakWaiters(): void {
    this._line.failAll(() => new BrokenBarrierError('Abort or reset of barrier'));
  }
}
