import type { SchedulerLike, Unsubscribable } from 'rxjs';
import { WaiterLine, type Waiter, type Wakeable } from './internal/waiter-line';
import { ManualTask, type Task } from './task';

/*
 * What the synchronisation primitives share, on top of the core: the Tasks their
 * operations return, and the permit pool of Lock and Semaphore. Not exported from the
 * package (lib/internal/ may not import the core, so this lives here).
 */

/**
 * A Task for an operation that waits in a line: `join(task)` puts the Task in the line at
 * once and returns its place, whose `unsubscribe` runs when the Task is cancelled (it
 * leaves the line). Waking the place settles the Task on the spot.
 */
export function waitTask<V>(
  name: string,
  scheduler: SchedulerLike | undefined,
  join: (target: Wakeable<V>) => Unsubscribable,
): Task<V> {
  const task = new ManualTask<V>(name, scheduler);
  task._sub = join(task);
  return task;
}

/** A Task already done with `value`: an operation that need not wait completes on the spot. */
export function doneTask<V>(name: string, scheduler: SchedulerLike | undefined, value: V): Task<V> {
  const task = new ManualTask<V>(name, scheduler);
  task.next(value);
  return task;
}

/** A Task already failed with `error` (e.g. `QueueShutDown`, `BrokenBarrierError`). */
export function failedTask<V>(name: string, scheduler: SchedulerLike | undefined, error: unknown): Task<V> {
  const task = new ManualTask<V>(name, scheduler);
  task.error(error);
  return task;
}

/**
 * What Lock and Semaphore share: a count of free permits and a FIFO line of waiters.
 * A release hands the permit straight to the oldest waiter still waiting (no barging),
 * so there are waiters only while no permit is free.
 */
export abstract class Permits {
  /** @internal Free permits. */ _value: number;
  /** @internal Releases not yet handed on (more than 1 only while one is being handed on). */ _releases = 0;
  /** @internal */ readonly _line = new WaiterLine<true>();
  /** @internal */ readonly _scheduler: SchedulerLike | undefined;

  constructor(value: number, scheduler: SchedulerLike | undefined) {
    this._value = value;
    this._scheduler = scheduler;
  }

  /**
   * Takes a permit: the returned Task is already done with `true` when one is free,
   * else it waits in line (FIFO). Cancelling it, or unsubscribing before it is done,
   * leaves the line and takes nothing.
   */
  acquire(): Task<true> {
    const name = `${this.constructor.name}.acquire`;
    if (this._value > 0) {
      this._value--;
      return doneTask(name, this._scheduler, true);
    }
    return waitTask(name, this._scheduler, (target) => this._line.push(target));
  }

  /** `true` when no permit is free (`acquire()` would wait). */
  locked(): boolean {
    return this._value === 0;
  }

  /** Gives a permit back: to the oldest waiter if there is one. */
  abstract release(): void;

  /** @internal Takes a permit now (returns null) or queues `target`, woken once it holds one. */
  _take(target: Wakeable<true>): Waiter<true> | null {
    if (this._value > 0) {
      this._value--;
      return null;
    }
    return this._line.push(target);
  }

  /** @internal */
  _release(): void {
    // A woken `holding()` subscribes its source at once; a synchronous source releases
    // again inside this call. Hand those permits on from this loop, not by recursion, so a
    // long line of synchronous sources cannot overflow the stack.
    this._releases++;
    if (this._releases > 1) return;
    try {
      while (this._releases > 0) {
        if (!this._line.wakeFirst(true)) this._value++;
        this._releases--;
      }
    } finally {
      this._releases = 0;
    }
  }
}
