import type { SchedulerLike, Unsubscribable } from 'rxjs';
import { checkOptions, checkScheduler } from './validate';
import { EMPTY_FIELD, keepShape } from './keep-shape';

/** Options of the synchronisation primitives and queues. */
export interface SyncOptions {
  /**
   * The scheduler whose ready queue delivers the outcome of `acquire()`, `wait()`,
   * `get()`… to their awaiters and subscribers (default `asapScheduler`). Pass a
   * `TestScheduler` to drive them outside `TestScheduler.run`.
   */
  scheduler?: SchedulerLike;
}

/** What a waiter wakes: the subscriber of a waiting Task's source, or an internal observer. */
export interface Wakeable<V> {
  next(value: V): void;
  error(error: unknown): void;
  complete(): void;
}

/**
 * One place in a {@link WaiterLine}. Its `unsubscribe()` leaves the line in O(1), so it is
 * the teardown of the waiting Task's source: cancelling the Task (or unsubscribing from
 * it) leaves the line, and after a wake-up it does nothing.
 */
export class Waiter<V, P = unknown> implements Unsubscribable {
  /** @internal */ prev: Waiter<V, P> | null = null;
  /** @internal */ next: Waiter<V, P> | null = null;
  /** @internal The line while waiting, null once woken or gone. */ line: WaiterLine<V, P> | null;

  constructor(
    line: WaiterLine<V, P>,
    readonly target: Wakeable<V>,
    /** What the waiter brings: a `put`'s item, a Barrier arrival index. */
    readonly payload: P,
  ) {
    this.line = line;
  }

  /** Leaves the line. @returns `true` if it was still waiting. */
  unsubscribe(): boolean {
    const line = this.line;
    if (line === null) return false;
    line.remove(this);
    return true;
  }
}

/**
 * The waiting line every primitive shares: a doubly linked FIFO with O(1) append, removal
 * of the oldest and removal of any waiter (a cancelled one), so 10^5 waiters cost O(1)
 * each, never an array splice.
 */
export class WaiterLine<V, P = unknown> {
  private head: Waiter<V, P> | null = null;
  private tail: Waiter<V, P> | null = null;
  /** How many are waiting. */
  size = 0;

  /** Appends a waiter and returns its place (its `unsubscribe()` leaves the line). */
  push(target: Wakeable<V>, payload?: P): Waiter<V, P> {
    const waiter = new Waiter<V, P>(this, target, payload as P);
    const tail = this.tail;
    waiter.prev = tail;
    if (tail) tail.next = waiter;
    else this.head = waiter;
    this.tail = waiter;
    this.size++;
    return waiter;
  }

  /** Removes and returns the oldest waiter, or null. */
  shift(): Waiter<V, P> | null {
    const waiter = this.head;
    if (waiter) this.remove(waiter);
    return waiter;
  }

  /** @internal */
  remove(waiter: Waiter<V, P>): void {
    const { prev, next } = waiter;
    if (prev) prev.next = next;
    else this.head = next;
    if (next) next.prev = prev;
    else this.tail = prev;
    waiter.prev = waiter.next = waiter.line = null;
    this.size--;
  }

  /** Wakes the oldest waiter with `value` (its Task completes with it). @returns `false` if none waits. */
  wakeFirst(value: V): boolean {
    const waiter = this.shift();
    if (!waiter) return false;
    resolve(waiter.target, value);
    return true;
  }

  /** Wakes every waiter (oldest first) with `value(waiter)`; waiters joining meanwhile wait on. */
  wakeAll(value: (waiter: Waiter<V, P>) => V): void {
    for (let n = this.size; n > 0; n--) {
      const waiter = this.shift()!;
      resolve(waiter.target, value(waiter));
    }
  }

  /** Fails every waiter (oldest first) with `error()`. */
  failAll(error: () => unknown): void {
    for (let n = this.size; n > 0; n--) this.shift()!.target.error(error());
  }
}

/** Settles a waiter's target with `value`. */
export function resolve<V>(target: Wakeable<V>, value: V): void {
  target.next(value);
  target.complete();
}

/** Checks a primitive's `options` argument. */
export function checkSyncOptions(fn: string, options: unknown): SchedulerLike | undefined {
  checkOptions(fn, options);
  const scheduler = (options as SyncOptions | undefined)?.scheduler;
  checkScheduler(fn, scheduler);
  return scheduler;
}

// A waiter's shape outlives its burst (see keepShape).
keepShape(new Waiter<unknown>(EMPTY_FIELD, EMPTY_FIELD, undefined));
