/**
 * The errors of rxjs-asyncio. Every class extends `Error` (or `AggregateError`), has its
 * `name` (on its prototype, as `Error` has), and works with `instanceof` after
 * transpiling. Deadlines use RxJS's own `TimeoutError`, re-exported here, so one
 * `instanceof TimeoutError` covers RxJS's `timeout` operator and ours.
 *
 * @module
 */
export { TimeoutError } from 'rxjs';

/**
 * Sets an error class's `name` on its prototype, where `Error.prototype.name` lives: an
 * instance then gets no own `name` property to define, which was half the cost of making
 * one (10^5 `CancelledError`s when a batch of Tasks is cancelled).
 */
function nameOnPrototype(cls: { prototype: Error }, name: string): void {
  Object.defineProperty(cls.prototype, 'name', { value: name, writable: true, configurable: true });
}

/**
 * The error a cancelled Task or Future reports.
 *
 * asyncio: `asyncio.CancelledError`. Python makes it a `BaseException`; here it is an
 * `Error`, since JavaScript and RxJS treat every error alike. Its message is the one
 * given to `cancel(msg)`.
 *
 * **Cancellation.** This *is* the cancellation signal: a source that errors with a
 * `CancelledError` leaves its Task cancelled, not failed.
 *
 * ## Example
 * ```ts
 * const task = createTask(sleep(1000));
 * task.cancel('navigated away');
 * task.then(undefined, (e) => console.log(e instanceof CancelledError, e.message));
 * // Logs: true navigated away
 * ```
 */
export class CancelledError extends Error {
  static {
    nameOnPrototype(this, 'CancelledError');
  }
}

/**
 * An operation was attempted in a state that does not allow it: `result()` of a pending
 * Task, `setResult` on a done Future.
 *
 * asyncio: `asyncio.InvalidStateError`.
 *
 * **Cancellation.** Not related to cancellation.
 *
 * ## Example
 * ```ts
 * const f = new Future<number>();
 * try { f.result(); } catch (e) { console.log(e instanceof InvalidStateError); }
 * // Logs: true
 * ```
 */
export class InvalidStateError extends Error {
  static {
    nameOnPrototype(this, 'InvalidStateError');
  }
}

/**
 * Several errors at once, in the order they happened: what a TaskGroup throws when
 * children fail.
 *
 * asyncio/Python: `ExceptionGroup(message, exceptions)`, with Python's argument order.
 * Extends `AggregateError`, so `.errors` holds the errors.
 *
 * **Cancellation.** A TaskGroup cancelled from outside ends with `CancelledError`, never
 * with an `ExceptionGroup`.
 *
 * ## Example
 * ```ts
 * const group = new ExceptionGroup('unhandled errors in a TaskGroup', [new Error('a')]);
 * console.log(group.errors.length);
 * // Logs: 1
 * ```
 */
export class ExceptionGroup extends AggregateError {
  static {
    nameOnPrototype(this, 'ExceptionGroup');
  }
  constructor(message: string, errors: readonly unknown[], options?: ErrorOptions) {
    super(errors, message, options);
  }
}

/**
 * `getNowait()` on an empty queue.
 *
 * asyncio: `asyncio.QueueEmpty`.
 *
 * **Cancellation.** Not related to cancellation.
 *
 * ## Example
 * ```ts
 * try { new Queue().getNowait(); } catch (e) { console.log(e instanceof QueueEmpty); }
 * // Logs: true
 * ```
 */
export class QueueEmpty extends Error {
  static {
    nameOnPrototype(this, 'QueueEmpty');
  }
}

/**
 * `putNowait()` on a full queue.
 *
 * asyncio: `asyncio.QueueFull`.
 *
 * **Cancellation.** Not related to cancellation.
 *
 * ## Example
 * ```ts
 * const q = new Queue<number>(1);
 * q.putNowait(1);
 * try { q.putNowait(2); } catch (e) { console.log(e instanceof QueueFull); }
 * // Logs: true
 * ```
 */
export class QueueFull extends Error {
  static {
    nameOnPrototype(this, 'QueueFull');
  }
}

/**
 * A `put` or `get` on a queue that was shut down.
 *
 * asyncio: `asyncio.QueueShutDown` (Python 3.13).
 *
 * **Cancellation.** Waiting `put`s (and `get`s, after an immediate shutdown) error with
 * it; they are not cancelled.
 *
 * ## Example
 * ```ts
 * const q = new Queue<number>();
 * q.shutdown();
 * try { q.putNowait(1); } catch (e) { console.log(e instanceof QueueShutDown); }
 * // Logs: true
 * ```
 */
export class QueueShutDown extends Error {
  static {
    nameOnPrototype(this, 'QueueShutDown');
  }
}

/**
 * A Barrier was reset or aborted while a task was waiting at it, or is broken.
 *
 * asyncio: `asyncio.BrokenBarrierError`.
 *
 * **Cancellation.** Cancelling a waiter breaks the barrier for the others, as in asyncio.
 *
 * ## Example
 * ```ts
 * const b = new Barrier(2);
 * b.abort();
 * b.wait().then(undefined, (e) => console.log(e instanceof BrokenBarrierError));
 * // Logs: true
 * ```
 */
export class BrokenBarrierError extends Error {
  static {
    nameOnPrototype(this, 'BrokenBarrierError');
  }
}
