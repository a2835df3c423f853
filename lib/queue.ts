import { Observable, type SchedulerLike } from 'rxjs';
import { InvalidStateError, QueueEmpty, QueueFull, QueueShutDown } from './errors';
import { Deque } from './internal/deque';
import { checkSyncOptions, WaiterLine, type SyncOptions, type Waiter } from './internal/waiter-line';
import { doneTask, failedTask, waitTask } from './sync-base';
import { checkBoolean, checkFunction, checkInteger } from './internal/validate';
import type { Task } from './task';

/**
 * A FIFO queue for producers and consumers: `put` waits while it is full, `get` while it
 * is empty.
 *
 * asyncio: `asyncio.Queue` (with Python 3.13's `shutdown`). `maxsize` 0 means unbounded
 * (asyncio takes any `maxsize ≤ 0` so; negative values are rejected here as the bug they
 * usually are). `put()` and `get()` return Tasks that are done on the spot when they need
 * not wait. Waiters are served FIFO, and an item goes straight from a `put` to the oldest
 * waiting `get`: an item leaves the queue only when a `get()` Task completes with it.
 * `taskDone()`/`join()` count unfinished items as asyncio does. `consume()` is the Rx face.
 *
 * **Cancellation.** Cancelling a waiting `get()` Task (or unsubscribing from it before it
 * is done) leaves the line and takes no item; cancelling a waiting `put()` adds no item.
 * Unsubscribing from `consume()` loses no item: it only takes an item as it emits it.
 *
 * ## Example
 * ```ts
 * import { Queue } from 'rxjs-asyncio';
 * const q = new Queue<string>(1);
 * await q.put('a');
 * const waiting = q.put('b');          // full: waits
 * console.log(q.qsize(), waiting.done());
 * console.log(await q.get(), waiting.done(), q.qsize());
 * // Logs:
 * // 1 false
 * // a true 1
 * ```
 * @typeParam T The items.
 * @param maxsize The largest number of items, an integer ≥ 0; 0 (default) is unbounded.
 * @param options `scheduler` delivering the outcome of `get()`, `put()`, `join()`.
 * @throws {TypeError} When `maxsize` is not a number, or `options` is malformed.
 * @throws {RangeError} When `maxsize` is negative, fractional or NaN.
 */
export class Queue<T> {
  /** The largest number of items the queue holds; 0 is unbounded. */
  readonly maxsize: number;
  /** @internal */ readonly _getters = new WaiterLine<T>();
  /** @internal Waiting puts, each with its item. */ readonly _putters = new WaiterLine<void, T>();
  /** @internal */ readonly _joiners = new WaiterLine<void>();
  /** @internal */ _unfinished = 0;
  /** @internal */ _shutdown = false;
  /** @internal */ readonly _scheduler: SchedulerLike | undefined;

  constructor(maxsize = 0, options?: SyncOptions) {
    const fn = new.target.name;
    checkInteger(fn, 'maxsize', maxsize, 0);
    this._scheduler = checkSyncOptions(fn, options);
    this.maxsize = maxsize;
    this._names = { put: `${fn}.put`, get: `${fn}.get`, join: `${fn}.join` };
    this._init();
  }

  /** @internal The names of the Tasks this queue hands out (`Queue.put`, …), built once. */
  readonly _names: { readonly put: string; readonly get: string; readonly join: string };

  /** The number of items in the queue. */
  qsize(): number {
    return this._size();
  }

  /** `true` when the queue holds no item. */
  empty(): boolean {
    return this._size() === 0;
  }

  /** `true` when the queue holds `maxsize` items (never for an unbounded queue). */
  full(): boolean {
    return this.maxsize > 0 && this._size() >= this.maxsize;
  }

  /**
   * Puts `item` in, waiting while the queue is full.
   * @returns A Task done when the item is in (at once when there is room). It fails with
   * `QueueShutDown` if the queue is shut down, also while it waits.
   */
  put(item: T): Task<void> {
    const name = this._names.put;
    if (this._shutdown) return failedTask(name, this._scheduler, new QueueShutDown());
    if (!this.full()) {
      this._add(item);
      return doneTask(name, this._scheduler, undefined);
    }
    return waitTask(name, this._scheduler, (target) => this._putters.push(target, item));
  }

  /**
   * Puts `item` in without waiting.
   * @throws {QueueFull} When the queue is full.
   * @throws {QueueShutDown} When the queue is shut down.
   */
  putNowait(item: T): void {
    if (this._shutdown) throw new QueueShutDown();
    if (this.full()) throw new QueueFull();
    this._add(item);
  }

  /**
   * Takes the next item, waiting while the queue is empty.
   * @returns A Task that completes with the item (at once when there is one). It fails
   * with `QueueShutDown` when the queue is shut down and empty, also while it waits.
   */
  get(): Task<T> {
    const name = this._names.get;
    if (this._size() > 0) return doneTask(name, this._scheduler, this._take());
    if (this._shutdown) return failedTask(name, this._scheduler, new QueueShutDown());
    return waitTask(name, this._scheduler, (target) => this._getters.push(target));
  }

  /**
   * Takes the next item without waiting.
   * @throws {QueueEmpty} When the queue is empty.
   * @throws {QueueShutDown} When the queue is shut down and empty.
   */
  getNowait(): T {
    if (this._size() === 0) throw this._shutdown ? new QueueShutDown() : new QueueEmpty();
    return this._take();
  }

  /**
   * Marks one item taken earlier as processed; when every item put has been marked so,
   * `join()` waiters wake.
   * @throws {InvalidStateError} When called more times than items were put (asyncio's
   * ValueError, `task_done() called too many times`).
   */
  taskDone(): void {
    if (this._unfinished <= 0) throw new InvalidStateError('taskDone() called too many times');
    if (--this._unfinished === 0) this._joiners.wakeAll(() => undefined);
  }

  /** @returns A Task done once every item put has been marked with `taskDone()` (at once if none is unfinished). */
  join(): Task<void> {
    const name = this._names.join;
    if (this._unfinished === 0) return doneTask(name, this._scheduler, undefined);
    return waitTask(name, this._scheduler, (target) => this._joiners.push(target));
  }

  /**
   * Shuts the queue down (Python 3.13): later `put`s fail with `QueueShutDown`, and so do
   * the `put`s waiting now; `get`s still take the items left, then fail with
   * `QueueShutDown` (the `get`s waiting now fail at once, the queue being empty). With
   * `immediate`, the items left are dropped too, each counting as done for `join()`.
   * @param immediate Drop the items left (default `false`).
   * @throws {TypeError} When `immediate` is not a boolean.
   */
  shutdown(immediate = false): void {
    checkBoolean(`${this.constructor.name}.shutdown`, 'immediate', immediate);
    this._shutdown = true;
    if (immediate) {
      while (this._size() > 0) {
        this._get();
        if (this._unfinished > 0) this._unfinished--;
      }
      if (this._unfinished === 0) this._joiners.wakeAll(() => undefined);
    }
    this._getters.failAll(() => new QueueShutDown());
    this._putters.failAll(() => new QueueShutDown());
  }

  /**
   * The Rx face: an Observable of items as they are got, one consumer per subscription.
   * Each subscription takes items like a loop of `get()`s, emitting each as it takes it,
   * and completes when the queue is shut down and empty. Call `taskDone()` per item as
   * usual. Unsubscribing loses no item (an item is taken only to be emitted at once).
   * RxJS has no back-pressure: an operator that buffers (`mergeMap` with a concurrency
   * limit, `concatMap`) holds items it took; for n workers, subscribe n times.
   */
  consume(): Observable<T> {
    return new Observable<T>((subscriber) => {
      let waiter: Waiter<T> | null = null;
      const pump = (): void => {
        while (!subscriber.closed) {
          if (this._size() > 0) {
            subscriber.next(this._take());
          } else if (this._shutdown) {
            subscriber.complete();
          } else {
            waiter = this._getters.push({
              next: (item) => {
                waiter = null;
                subscriber.next(item);
                pump();
              },
              error: () => subscriber.complete(), // only QueueShutDown: the end of the stream
              complete: noop,
            });
            return;
          }
        }
      };
      pump();
      return () => waiter?.unsubscribe();
    });
  }

  /** `<Queue maxsize=0 qsize=2 getters[1]>`, like asyncio's repr. */
  toString(): string {
    let s = `<${this.constructor.name} maxsize=${this.maxsize} qsize=${this._size()}`;
    if (this._getters.size) s += ` getters[${this._getters.size}]`;
    if (this._putters.size) s += ` putters[${this._putters.size}]`;
    if (this._unfinished) s += ` tasks=${this._unfinished}`;
    if (this._shutdown) s += ' shutdown';
    return `${s}>`;
  }

  /** @internal Counts a new item and hands it to the oldest waiting get, else stores it. */
  _add(item: T): void {
    if (this._getters.size === 0) this._put(item); // may throw (a PriorityQueue's compare): nothing counted yet
    this._unfinished++;
    this._getters.wakeFirst(item);
  }

  /** @internal Takes the next stored item and lets the oldest waiting put in. */
  _take(): T {
    const item = this._get();
    const putter = this._putters.shift();
    if (putter) {
      this._put(putter.payload);
      this._unfinished++;
      putter.target.next(undefined);
      putter.target.complete();
    }
    return item;
  }

  // asyncio's storage hooks, overridden by LifoQueue and PriorityQueue.
  /** @internal Set by `_init()` (declared, so no field initializer resets it). */ declare _items: Deque<T>;
  /** @internal */ _init(): void {
    this._items = new Deque<T>();
  }
  /** @internal */ _size(): number {
    return this._items.length;
  }
  /** @internal */ _put(item: T): void {
    this._items.push(item);
  }
  /** @internal */ _get(): T {
    return this._items.shift();
  }
}

/**
 * A queue that hands out the most recently put item first.
 *
 * asyncio: `asyncio.LifoQueue`. Same as {@link Queue}, except for the order.
 *
 * **Cancellation.** As for `Queue`: a cancelled `get` takes nothing, a cancelled `put` adds nothing.
 *
 * ## Example
 * ```ts
 * import { LifoQueue } from 'rxjs-asyncio';
 * const q = new LifoQueue<number>();
 * q.putNowait(1); q.putNowait(2); q.putNowait(3);
 * console.log(q.getNowait(), q.getNowait(), q.getNowait());
 * // Logs:
 * // 3 2 1
 * ```
 * @param maxsize The largest number of items, an integer ≥ 0; 0 (default) is unbounded.
 * @param options `scheduler` delivering the outcome of `get()`, `put()`, `join()`.
 * @throws {TypeError} When `maxsize` is not a number, or `options` is malformed.
 * @throws {RangeError} When `maxsize` is negative, fractional or NaN.
 */
export class LifoQueue<T> extends Queue<T> {
  /** @internal */ override _get(): T {
    return this._items.pop();
  }
}

/**
 * Compares two values the way Python's `<` orders them: the default order of
 * {@link PriorityQueue}, exported for comparators that build on it.
 *
 * asyncio: what `heapq` (inside `asyncio.PriorityQueue`) relies on. Numbers, strings,
 * bigints and booleans compare by `<` with their own kind; arrays (Python's tuples)
 * element by element, a shorter prefix first — so `[priority, item]` entries sort by
 * priority, then by item.
 *
 * **Cancellation.** Not related to cancellation.
 *
 * ## Example
 * ```ts
 * import { pythonCompare } from 'rxjs-asyncio';
 * console.log(pythonCompare([1, 'b'], [1, 'a']), pythonCompare('a', 'b'), pythonCompare([2], [2, 0]));
 * // Logs:
 * // 1 -1 -1
 * ```
 * @param a A number, string, bigint, boolean or array of those.
 * @param b Same kind as `a`.
 * @returns Negative when `a` comes first, positive when `b` does, 0 when equal.
 * @throws {TypeError} For values of different kinds (Python: `'<' not supported between instances`).
 */
export function pythonCompare(a: unknown, b: unknown): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const c = pythonCompare(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  const ta = typeof a;
  if (ta === typeof b && (ta === 'number' || ta === 'string' || ta === 'bigint' || ta === 'boolean')) {
    return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
  }
  throw new TypeError(`PriorityQueue: cannot compare ${ta} with ${typeof b}; pass a compare function`);
}

/**
 * A queue that hands out the smallest item first (a binary heap: O(log n) per item).
 *
 * asyncio: `asyncio.PriorityQueue`. Same as {@link Queue}, except for the order. Without
 * `compare`, items are ordered as Python orders them: numbers and strings ascending, and
 * `[priority, item]` tuples element by element. Like Python's `heapq`, equal items come
 * out in no guaranteed order.
 *
 * **Cancellation.** As for `Queue`: a cancelled `get` takes nothing, a cancelled `put` adds nothing.
 *
 * ## Example
 * ```ts
 * import { PriorityQueue } from 'rxjs-asyncio';
 * const q = new PriorityQueue<[number, string]>();
 * q.putNowait([2, 'write']); q.putNowait([1, 'read']); q.putNowait([3, 'close']);
 * console.log(q.getNowait()[1], q.getNowait()[1], q.getNowait()[1]);
 * // Logs:
 * // read write close
 * ```
 * @param maxsize The largest number of items, an integer ≥ 0; 0 (default) is unbounded.
 * @param compare Negative when `a` comes before `b` (default {@link pythonCompare}).
 * @param options `scheduler` delivering the outcome of `get()`, `put()`, `join()`.
 * @throws {TypeError} When `maxsize` is not a number, `compare` not a function, or `options` is malformed.
 * @throws {RangeError} When `maxsize` is negative, fractional or NaN.
 */
export class PriorityQueue<T> extends Queue<T> {
  /** @internal */ declare _heap: T[];
  /** @internal */ readonly _compare: (a: T, b: T) => number;

  constructor(maxsize = 0, compare: (a: T, b: T) => number = pythonCompare, options?: SyncOptions) {
    super(maxsize, options);
    checkFunction('PriorityQueue', 'compare', compare);
    this._compare = compare;
  }

  /** @internal */ override _init(): void {
    this._heap = [];
  }
  /** @internal */ override _size(): number {
    return this._heap.length;
  }
  /** @internal */ override _put(item: T): void {
    const heap = this._heap;
    const compare = this._compare;
    let i = heap.length;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (compare(item, heap[parent]) >= 0) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = item;
  }
  /** @internal */ override _get(): T {
    const heap = this._heap;
    const top = heap[0];
    const last = heap.pop()!;
    const n = heap.length;
    if (n > 0) {
      const compare = this._compare;
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && compare(heap[child + 1], heap[child]) < 0) child++;
        if (compare(heap[child], last) >= 0) break;
        heap[i] = heap[child]!;
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }
}

function noop(): void {}
