import { Observable, type SchedulerLike, type Subscriber, type TeardownLogic } from 'rxjs';
import { CancelledError, InvalidStateError } from './errors';
import { captureContext, runInContext } from './internal/context';
import { soon } from './internal/ready-queue';
import { reportError } from './internal/report-error';
import { checkFunction, checkOptions, checkScheduler, checkString } from './internal/validate';

/** A Future's one state variable, as in CPython's futures. */
export type FutureState = 'PENDING' | 'CANCELLED' | 'FINISHED';

/** Options of `new Future()`. */
export interface FutureOptions {
  /** The scheduler whose ready queue runs done callbacks and wakes awaiters (default `asapScheduler`). */
  scheduler?: SchedulerLike;
}

/** A done callback: called with the Future once it is done. */
export type DoneCallback<F> = (future: F) => void;

type Listener = ((future: never) => void) & { original?: unknown };

function subscribeToFuture<T>(this: Observable<T>, subscriber: Subscriber<T>): TeardownLogic {
  return (this as Future<T>)._watch(subscriber);
}

function runListeners(future: Future<unknown>): void {
  const listeners = future._listeners;
  future._listeners = null;
  if (typeof listeners === 'function') {
    callListener(listeners, future);
  } else if (listeners) {
    for (const listener of listeners) callListener(listener, future);
  }
}

function callListener(listener: Listener, future: Future<unknown>): void {
  try {
    (listener as (f: Future<unknown>) => void)(future);
  } catch (error) {
    reportError(error);
  }
}

/**
 * A settable awaitable: the result of an operation that something else will finish.
 *
 * asyncio: `asyncio.Future`. Like a Task it is at once an Observable (it emits its result
 * once, when done, then completes — like an `AsyncSubject`) and a `PromiseLike`
 * (`await future`). Setting a result or an exception twice throws `InvalidStateError`.
 * Done callbacks, subscribers and awaiters hear of the outcome *soon* (on the ready
 * queue's next turn), as asyncio schedules them with `call_soon`; a subscriber arriving
 * when it is already done hears at once.
 *
 * **Cancellation.** `cancel(msg)` makes a pending Future done and cancelled: every
 * awaiter, subscriber and done callback gets `CancelledError(msg)`. A subscriber that
 * unsubscribes before the Future is done cancels it (as a cancelled `await fut` does in
 * asyncio).
 *
 * ## Example
 * ```ts
 * const token = new Future<string>();
 * token.addDoneCallback((f) => console.log('ready:', f.result()));
 * setTimeout(() => token.setResult('noodles'), 100);
 * console.log(await token);
 * // Logs:
 * // ready: noodles
 * // noodles
 * ```
 */
export class Future<T> extends Observable<T> implements PromiseLike<T> {
  /** @internal */ _state: FutureState = 'PENDING';
  /** @internal The result, the error, or the cancel message. */ _value: unknown = undefined;
  /** @internal True when finished with an exception. */ _failed = false;
  /** @internal */ _listeners: Listener | Listener[] | null = null;
  /** @internal */ readonly _scheduler: SchedulerLike | undefined;
  /** @internal */ _promise: Promise<T> | undefined = undefined;

  constructor(options?: FutureOptions) {
    super(subscribeToFuture);
    if (new.target === Future) {
      checkOptions('Future', options);
      checkScheduler('Future', options?.scheduler);
    }
    this._scheduler = options?.scheduler;
  }

  /** `true` once the Future has a result, an exception, or was cancelled. */
  done(): boolean {
    return this._state !== 'PENDING';
  }

  /** `true` once the Future was cancelled. */
  cancelled(): boolean {
    return this._state === 'CANCELLED';
  }

  /**
   * The result. Throws `InvalidStateError` while pending, `CancelledError` if cancelled,
   * and the exception if it failed (which counts as retrieving it).
   */
  result(): T {
    if (this._state === 'PENDING') throw new InvalidStateError('Result is not set.');
    if (this._state === 'CANCELLED') throw this._cancelledError(true);
    if (this._failed) {
      this._retrieved();
      throw this._value;
    }
    return this._value as T;
  }

  /**
   * The exception, or `undefined` if it succeeded. Throws `InvalidStateError` while
   * pending and `CancelledError` if cancelled.
   */
  exception(): unknown {
    if (this._state === 'PENDING') throw new InvalidStateError('Exception is not set.');
    if (this._state === 'CANCELLED') throw this._cancelledError(true);
    if (!this._failed) return undefined;
    this._retrieved();
    return this._value;
  }

  /** Marks the Future done with `result`. Throws `InvalidStateError` if it is already done. */
  setResult(result: T): void {
    if (this._state !== 'PENDING') throw new InvalidStateError(`Future.setResult(): invalid state ${this._state}`);
    this._finish('FINISHED', result, false);
  }

  /** Marks the Future failed with `exception`. Throws `InvalidStateError` if it is already done. */
  setException(exception: unknown): void {
    if (this._state !== 'PENDING') throw new InvalidStateError(`Future.setException(): invalid state ${this._state}`);
    if (exception instanceof CancelledError) {
      throw new TypeError('Future.setException(): `exception` must not be a CancelledError; call cancel() instead');
    }
    this._finish('FINISHED', exception, true);
  }

  /**
   * Cancels the Future: it becomes done and cancelled at once, and its awaiters,
   * subscribers and done callbacks hear `CancelledError(msg)` soon.
   * @returns `false` if it was already done, else `true`.
   */
  cancel(msg?: string): boolean {
    if (this._state !== 'PENDING') return false;
    if (msg !== undefined) checkString(`${this._kind()}.cancel`, 'msg', msg);
    this._finish('CANCELLED', msg, false);
    return true;
  }

  /**
   * Calls `fn(future)` soon after the Future is done (at once-soon if it already is), in
   * the async context of this call. Each registration is called once.
   */
  addDoneCallback(fn: DoneCallback<this>): void {
    checkFunction(`${this._kind()}.addDoneCallback`, 'fn', fn);
    const context = captureContext();
    const listener: Listener = context
      ? Object.assign((future: never) => runInContext(context, fn, future), { original: fn })
      : fn;
    this._listen(listener);
  }

  /**
   * Removes every registration of `fn` while the Future is pending. Once it is done its
   * callbacks are already scheduled and nothing is removed, as in asyncio.
   * @returns how many were removed.
   */
  removeDoneCallback(fn: DoneCallback<this>): number {
    checkFunction(`${this._kind()}.removeDoneCallback`, 'fn', fn);
    if (this._state !== 'PENDING') return 0;
    const listeners = this._listeners;
    const matches = (l: Listener) => l === fn || l.original === fn;
    if (typeof listeners === 'function') {
      if (!matches(listeners)) return 0;
      this._listeners = null;
      return 1;
    }
    if (!listeners) return 0;
    const kept = listeners.filter((l) => !matches(l));
    this._listeners = kept;
    return listeners.length - kept.length;
  }

  /**
   * Awaits the outcome: resolves with the result, rejects with the exception or
   * `CancelledError`. The underlying Promise is created on the first call only.
   */
  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this._getPromise().then(onfulfilled, onrejected);
  }

  /** Same as `Promise.prototype.catch`, on the awaited outcome. */
  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this._getPromise().catch(onrejected);
  }

  /** Same as `Promise.prototype.finally`, on the awaited outcome. */
  finally(onfinally?: (() => void) | null): Promise<T> {
    return this._getPromise().finally(onfinally);
  }

  /** `<Future pending>`, `<Task finished name='Task-1' result=42>` … */
  override toString(): string {
    const state = this._state.toLowerCase();
    const detail =
      this._state !== 'FINISHED'
        ? ''
        : this._failed
          ? ` exception=${describe(this._value)}`
          : ` result=${describe(this._value)}`;
    return `<${this._kind()} ${state}${this._reprName()}${detail}>`;
  }

  /** @internal */
  _kind(): string {
    return 'Future';
  }

  /** @internal */
  _reprName(): string {
    return '';
  }

  /** @internal Called when a failure is retrieved (asyncio clears `_log_traceback`). */
  _retrieved(): void {}

  /** @internal The CancelledError to hand out; see {@link cancelledError}. */
  _cancelledError(withStack = false): CancelledError {
    return cancelledError(this._value as string | undefined, withStack);
  }

  /**
   * @internal Registers an internal listener, called soon after the Future is done (soon
   * after this call when it is done already).
   */
  _listen(listener: (future: never) => void): void {
    const listeners = this._listeners;
    if (listeners === null && this._state !== 'PENDING') {
      // Done, and its listeners already ran (or there were none): nothing would call it.
      soon(listener, this as never, this._scheduler, false);
      return;
    }
    if (listeners === null) this._listeners = listener;
    else if (typeof listeners === 'function') this._listeners = [listeners, listener];
    else listeners.push(listener);
  }

  /** @internal Settles the Future and queues its listeners for the ready queue's next turn. */
  _finish(state: FutureState, value: unknown, failed: boolean): void {
    this._state = state;
    this._value = value;
    this._failed = failed;
    if (this._listeners !== null) soon(runListeners, this as Future<unknown>, this._scheduler, false);
  }

  /** @internal The Observable face: one value (the result) when done, then complete. */
  _watch(subscriber: Subscriber<T>): TeardownLogic {
    if (this._state !== 'PENDING') {
      this._deliver(subscriber);
      return;
    }
    // The subscriber's code runs in its own async context, not in the one that finished us.
    const context = captureContext();
    const deliver = () => this._deliver(subscriber);
    this._listen(context ? () => runInContext(context, deliver, undefined) : deliver);
    return () => {
      // Leaving before the outcome cancels, as a cancelled `await fut` does in asyncio.
      if (this._state === 'PENDING') this.cancel();
    };
  }

  /** @internal */
  _deliver(subscriber: Subscriber<T>): void {
    if (subscriber.closed) return;
    if (this._state === 'CANCELLED') {
      subscriber.error(this._cancelledError());
    } else if (this._failed) {
      this._retrieved();
      subscriber.error(this._value);
    } else {
      subscriber.next(this._value as T);
      subscriber.complete();
    }
  }

  /**
   * @internal The Promise behind `then`. A Future already done gets a settled Promise at
   * once (no executor, no listener): `await task` on a finished Task costs one Promise.
   */
  _getPromise(): Promise<T> {
    let promise = this._promise;
    if (!promise) {
      promise = this._promise =
        this._state === 'PENDING'
          ? new Promise<T>((resolve, reject) => this._listen(() => settle(this, resolve, reject)))
          : settle(this, settledPromise, rejectedPromise);
    }
    return promise;
  }
}

const settledPromise = <T>(value: T): Promise<T> => Promise.resolve(value);
const rejectedPromise = (reason: unknown): Promise<never> => Promise.reject(reason);

/** @internal True when a done Future has a result: neither an exception nor cancelled. */
export function succeeded(future: Future<unknown>): boolean {
  return future._state === 'FINISHED' && !future._failed;
}

/**
 * @internal What an awaiter of a done Future gets: the result (when it {@link succeeded}),
 * the exception (marked retrieved) or a `CancelledError`.
 */
export function awaitedValue(future: Future<unknown>): unknown {
  if (future._state === 'CANCELLED') return future._cancelledError();
  if (future._failed) future._retrieved();
  return future._value;
}

/** Hands a done Future's outcome to `resolve` or `reject`, the way an awaiter sees it. */
function settle<T, R>(future: Future<T>, resolve: (value: T) => R, reject: (reason: unknown) => R): R {
  const value = awaitedValue(future);
  return succeeded(future) ? resolve(value as T) : reject(value);
}

/**
 * A `CancelledError(msg)` for a cancelled Future or Task. Without `withStack` it carries no
 * stack trace: one is made per cancelled Task and awaiter (10^5 of them when a batch is
 * cancelled), it is built in a ready-queue turn where the stack says nothing, and capturing
 * it costs more than the rest of the cancellation together. `result()`/`exception()` keep
 * the stack of their caller.
 */
export function cancelledError(msg: string | undefined, withStack: boolean): CancelledError {
  if (withStack) return new CancelledError(msg);
  const V8Error = Error as { stackTraceLimit?: number }; // V8's; elsewhere setting it does nothing
  const limit = V8Error.stackTraceLimit;
  V8Error.stackTraceLimit = 0;
  try {
    return new CancelledError(msg);
  } finally {
    V8Error.stackTraceLimit = limit;
  }
}

/** A short Python-like repr of a value for `toString()` and error reports. */
export function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}(${JSON.stringify(value.message).replace(/^"|"$/g, "'")})`;
  if (typeof value === 'string') return `'${value}'`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value); // cyclic or BigInt: String() is the best we can do
  }
}
