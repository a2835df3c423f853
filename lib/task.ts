import type { ObservableInput, SchedulerLike, Unsubscribable } from 'rxjs';
import { CancelledError, InvalidStateError } from './errors';
import { cancelledError, describe, Future } from './future';
import { LoneTeardownSubscriber } from './internal/lone-teardown';
import { soon } from './internal/ready-queue';
import { reportError } from './internal/report-error';
import { rx } from './internal/rx';
import { keepShape } from './internal/keep-shape';
import {
  checkObservableInput,
  checkOptions,
  checkScheduler,
  checkString,
  isObservableInput,
  typeError,
} from './internal/validate';

/** What a Task runs: an ObservableInput, or a function of the Task's AbortSignal returning one. */
export type TaskSource<T> = ObservableInput<T> | ((signal: AbortSignal) => ObservableInput<T>);

/** Options of `createTask` and `new Task`. */
export interface TaskOptions {
  /** The Task's name (default `Task-1`, `Task-2`, …). */
  name?: string;
  /** The scheduler whose ready queue starts the Task and delivers its outcome (default `asapScheduler`). */
  scheduler?: SchedulerLike;
}

/** Handler of failed Tasks whose error was never retrieved. */
export type UnobservedErrorHandler = (error: unknown, task: Task<unknown>) => void;

let taskCounter = 0;
let liveTasks: Set<Task<unknown>> | null = null;

/** @internal Starts (or, with null, stops) tracking pending Tasks, for `run()`. */
export function trackTasks(set: Set<Task<unknown>> | null): void {
  liveTasks = set;
}

const defaultHandler: UnobservedErrorHandler = (error, task) => {
  console.error(`Task exception was never retrieved\nfuture: ${String(task)}`, error);
};
let unobservedHandler: UnobservedErrorHandler = defaultHandler;

/**
 * Sets the handler called once for each failed Task whose error was never retrieved —
 * by a subscriber, a `then`/`await`, `result()` or `exception()` — before the Task was
 * garbage-collected (asyncio's rule). `null` restores the default, which writes asyncio's
 * "Task exception was never retrieved" line with the task's name and the error through
 * `console.error`. A cancelled Task is never reported. The `task` the handler receives is
 * a stand-in with the collected Task's name and outcome.
 *
 * asyncio: the loop's exception handler (`loop.set_exception_handler`), for this one case.
 *
 * **Cancellation.** Cancelled Tasks are never reported.
 *
 * ## Example
 * ```ts
 * import { createTask, setUnobservedErrorHandler } from 'rxjs-asyncio';
 * import { throwError } from 'rxjs';
 * const previous = setUnobservedErrorHandler((error, task) => console.warn(task.name, String(error)));
 * createTask(throwError(() => new Error('lost')), { name: 'orphan' }); // never awaited
 * // … once the Task is garbage-collected:
 * // Logs: orphan Error: lost
 * setUnobservedErrorHandler(previous);
 * ```
 * @param handler Called as `handler(error, task)`; `null` restores the default.
 * @throws {TypeError} When `handler` is neither a function nor null.
 * @returns The previous handler.
 */
export function setUnobservedErrorHandler(handler: UnobservedErrorHandler | null): UnobservedErrorHandler | null {
  if (handler !== null && typeof handler !== 'function') {
    typeError('setUnobservedErrorHandler', 'handler', 'a function or null', handler);
  }
  const previous = unobservedHandler;
  unobservedHandler = handler ?? defaultHandler;
  return previous;
}

interface Unobserved {
  name: string;
  error: unknown;
}

const TOMBSTONE: unique symbol = Symbol('rxjs-asyncio.tombstone');

const unobserved =
  typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry<Unobserved>(({ name, error }) => {
        const stand = new Task<unknown>(TOMBSTONE as never, { name });
        stand._state = 'FINISHED';
        stand._value = error;
        stand._failed = true;
        unobservedHandler(error, stand);
      })
    : null;

/**
 * Subscribes a Task to its source and relays the notifications: the one object a started
 * Task adds (a Subscriber subclass, so `subscribe` wraps it in no SafeSubscriber). Like
 * every Subscriber it closes itself, and with it the source, after error or complete;
 * closed, it lets go of its Task (a source's error can keep its subscriber reachable, and
 * a failed Task must stay collectable for the unobserved-error report).
 */
class TaskSubscriber<T> extends LoneTeardownSubscriber<T> {
  constructor(private task: Task<T> | null) {
    super();
  }
  protected override _next(value: T): void {
    this.task!._value = value;
  }
  protected override _error(error: unknown): void {
    const task = this.task!;
    try {
      if (task._state !== 'PENDING' || task._cancelMsg !== NOT_CANCELLED) return;
      task._sub = null;
      if (error instanceof CancelledError) {
        task._finish('CANCELLED', error.message || undefined, false);
        task._controller?.abort(task._cancelledError());
      } else task._finish('FINISHED', error, true);
    } finally {
      this.unsubscribe();
    }
  }
  protected override _complete(): void {
    const task = this.task!;
    try {
      if (task._state !== 'PENDING' || task._cancelMsg !== NOT_CANCELLED) return;
      task._sub = null;
      task._finish('FINISHED', task._value, false);
    } finally {
      this.unsubscribe();
    }
  }
  override unsubscribe(): void {
    try {
      super.unsubscribe();
    } finally {
      this.task = null;
    }
  }
}

const NOT_CANCELLED = Symbol('not cancelled');
const STARTED = Symbol('started');

function startTask(task: Task<unknown>): void {
  const source = task._source;
  task._source = STARTED;
  if (task._cancelMsg !== NOT_CANCELLED) {
    // Cancelled before it started: the source is never subscribed.
    task._finish('CANCELLED', task._cancelMsg, false);
    return;
  }
  let input: unknown = source; // checked by the constructor unless it is a function
  if (typeof source === 'function') {
    try {
      input = (source as (s: AbortSignal) => unknown)(task.signal);
      if (!isObservableInput(input)) typeError(`Task ${task.name}`, 'source()', 'to return an ObservableInput', input);
    } catch (error) {
      task._finish('FINISHED', error, true);
      return;
    }
  }
  if (task._cancelMsg !== NOT_CANCELLED) return; // the source function cancelled its own Task: finishCancelled is queued
  const sub = rx.from(input as ObservableInput<unknown>).subscribe(new TaskSubscriber(task));
  if (task._state !== 'PENDING') return;
  if (task._cancelMsg === NOT_CANCELLED) task._sub = sub;
  else unsubscribeSource(sub); // cancelled while subscribing: cancel() found no subscription to close
}

/** Closes the source's subscription; a teardown that throws is reported, never lost, and the cancel goes on. */
function unsubscribeSource(sub: Unsubscribable): void {
  try {
    sub.unsubscribe();
  } catch (error) {
    reportError(error);
  }
}

function finishCancelled(task: Task<unknown>): void {
  if (task._state === 'PENDING') task._finish('CANCELLED', task._cancelMsg, false);
}

/**
 * A running source: asyncio's `Task`, both an Observable and a Promise.
 *
 * asyncio: `asyncio.Task`. `new Task(source, options)` is the same as
 * `createTask(source, options)`: the source starts *soon* (on the ready queue's next
 * turn, never synchronously) and runs once, however many subscribe or `await` it. The
 * result is the source's last value (`undefined` if it completed without one). The
 * Observable face emits exactly that one value when the Task is done, then completes; a
 * source error becomes the Task's exception; a source that errors with `CancelledError`
 * leaves the Task cancelled. Names default to `Task-1`, `Task-2`, …
 *
 * **Cancellation.** `cancel(msg)` on a pending Task unsubscribes the source at once (its
 * `finalize` — the `finally` block — runs synchronously), aborts `signal` with the
 * `CancelledError` as reason and returns `true`; on the ready queue's next turn the Task
 * is done and cancelled and its awaiters, subscribers and done callbacks hear
 * `CancelledError(msg)`. Until then `done()` is `false` and `cancel()` again returns `true`.
 * A Task cancelled before it started never subscribes its source. A subscriber that
 * unsubscribes before the Task is done cancels it — use `shield()` to prevent that.
 *
 * **Async context (Node).** The source runs in the async context of the code that created
 * the Task; each subscriber, done callback and awaiter continues in its own context, never
 * in the creator's (no `AsyncLocalStorage` store leaks from one request to another).
 *
 * ## Example
 * ```ts
 * import { createTask, sleep } from 'rxjs-asyncio';
 * import { map } from 'rxjs';
 * const task = createTask(sleep(100).pipe(map(() => 42)));
 * console.log(task.name, task.done());
 * console.log(await task, task.done());
 * // Logs:
 * // Task-1 false
 * // 42 true
 * ```
 */
export class Task<T> extends Future<T> {
  /** @internal The name given, or N of the default name `Task-N` (the string is built when read). */
  _name: string | number;
  /** @internal The source until it starts, then STARTED. */ _source: TaskSource<T> | typeof STARTED | typeof TOMBSTONE;
  /** @internal The source's subscription while it runs. */ _sub: Unsubscribable | null = null;
  /** @internal The cancel message once cancel() was called. */ _cancelMsg: string | undefined | typeof NOT_CANCELLED =
    NOT_CANCELLED;
  /** @internal */ _controller: AbortController | undefined = undefined;
  /** @internal True while a failure waits to be retrieved. */ _unretrieved = false;

  constructor(source: TaskSource<T>, options?: TaskOptions) {
    super(options);
    this._source = source;
    if ((source as unknown) === TOMBSTONE) {
      this._name = options!.name!;
      return;
    }
    // MANUAL (a ManualTask: a Queue's put/get, a lock's acquire) is built by our own code
    // from checked values: nothing to check on that hot path, and it names itself.
    if ((source as unknown) === MANUAL) {
      this._name = '';
      liveTasks?.add(this);
      this._begin();
      return;
    }
    const name = options?.name;
    checkOptions('createTask', options);
    if (typeof source !== 'function') checkObservableInput('createTask', 'source', source);
    checkScheduler('createTask', options?.scheduler);
    if (name !== undefined) checkString('createTask', 'options.name', name);
    this._name = name ?? ++taskCounter;
    liveTasks?.add(this);
    this._begin();
  }

  /** @internal Starts the source soon (asyncio's `create_task`); internal subclasses start otherwise. */
  _begin(): void {
    soon(startTask, this as Task<unknown>, this._scheduler);
  }

  /** The Task's name: the one given, or `Task-N`. */
  get name(): string {
    const name = this._name;
    return typeof name === 'string' ? name : (this._name = `Task-${name}`);
  }

  /**
   * An AbortSignal aborted (with the `CancelledError` as reason) when the Task is
   * cancelled. Created on first read, so Tasks that never read it pay nothing.
   */
  get signal(): AbortSignal {
    let controller = this._controller;
    if (!controller) {
      controller = this._controller = new AbortController();
      if (this._cancelMsg !== NOT_CANCELLED || this._state === 'CANCELLED') controller.abort(this._cancelledError());
    }
    return controller.signal;
  }

  /**
   * Requests cancellation (see the class's **Cancellation** paragraph).
   * @returns `false` if the Task is already done, else `true`.
   */
  override cancel(msg?: string): boolean {
    if (this._state !== 'PENDING') return false;
    if (msg !== undefined) checkString(`${this._kind()}.cancel`, 'msg', msg);
    const first = this._cancelMsg === NOT_CANCELLED;
    this._cancelMsg = msg;
    if (!first) return true;
    const sub = this._sub;
    this._sub = null;
    // Not started yet: the queued start sees the request and finishes cancelled.
    if (this._source === STARTED) soon(finishCancelled, this as Task<unknown>, this._scheduler, false);
    this._controller?.abort(this._cancelledError());
    if (sub) unsubscribeSource(sub);
    return true;
  }

  /** A Task's result comes from its source: throws `InvalidStateError` (asyncio raises RuntimeError). */
  override setResult(_result: T): void {
    throw new InvalidStateError("Task does not support setResult(); its result is its source's last value");
  }

  /** A Task's exception comes from its source: throws `InvalidStateError` (asyncio raises RuntimeError). */
  override setException(_exception: unknown): void {
    throw new InvalidStateError('Task does not support setException(); cancel() it or let its source error');
  }

  /** @internal */
  override _finish(state: 'PENDING' | 'CANCELLED' | 'FINISHED', value: unknown, failed: boolean): void {
    super._finish(state, value, failed);
    liveTasks?.delete(this);
    if (failed && unobserved && this._source !== TOMBSTONE) {
      this._unretrieved = true;
      unobserved.register(this, { name: this.name, error: value }, this);
    }
  }

  /** @internal */
  override _retrieved(): void {
    if (this._unretrieved) {
      this._unretrieved = false;
      unobserved?.unregister(this);
    }
  }

  /** @internal */
  override _cancelledError(withStack = false): CancelledError {
    const msg = this._state === 'CANCELLED' ? this._value : this._cancelMsg;
    return cancelledError(msg === NOT_CANCELLED ? undefined : (msg as string | undefined), withStack);
  }

  /** @internal */
  override _kind(): string {
    return 'Task';
  }

  /** @internal */
  override _reprName(): string {
    return ` name=${describe(this.name)}`;
  }
}

// `await task` finds `then` through V8's generic property lookup, which has no inline cache
// and searches one prototype after another: found on Task's own prototype rather than on
// Future's, it costs about 10 ns less per await (2% of W2, creating and awaiting a Task).
// Non-enumerable, like the method it copies.
// eslint-disable-next-line @typescript-eslint/unbound-method -- a method copied onto a prototype: called on a Task
Object.defineProperty(Task.prototype, 'then', { value: Future.prototype.then, writable: true, configurable: true });

/**
 * @internal A Task whose source is subscribed at once, inside the constructor, instead of
 * soon: for `Condition.wait()`, which must join its line (and release the lock) on the
 * spot, as asyncio's coroutine does without yielding. A source that completes
 * synchronously leaves the Task done before it is returned.
 */
export class EagerTask<T> extends Task<T> {
  /** @internal */
  override _begin(): void {
    startTask(this);
  }
}

/**
 * @internal A Task settled by its owner instead of by a source: the waiting Tasks of the
 * synchronisation primitives (`acquire()`, `get()`, `put()`…; DESIGN.md, "Queues and locks
 * are fair and lose nothing"). Nothing is subscribed. Its owner settles it at once with
 * `next(value)` or `error(e)` — so an operation that need not wait returns a Task already
 * done — and sets `_sub` to its place in a waiting line: `cancel()` (or a subscriber
 * leaving early) unsubscribes that place, leaving the line, and the Task ends cancelled on
 * the next turn, like any Task.
 */
export class ManualTask<T> extends Task<T> {
  /** `name` is the operation's (`Queue.get`…); no options object is made per operation. */
  constructor(name: string, scheduler: SchedulerLike | undefined) {
    super(MANUAL as never, scheduler === undefined ? undefined : { scheduler });
    this._name = name;
  }

  /** @internal */
  override _begin(): void {
    this._source = STARTED;
  }

  /** @internal Finishes the Task with `value` (ignored once done or cancelled). */
  next(value: T): void {
    if (this._state === 'PENDING' && this._cancelMsg === NOT_CANCELLED) {
      this._sub = null;
      this._finish('FINISHED', value, false);
    }
  }

  /** @internal Fails the Task with `error` (ignored once done or cancelled). */
  error(error: unknown): void {
    if (this._state === 'PENDING' && this._cancelMsg === NOT_CANCELLED) {
      this._sub = null;
      this._finish('FINISHED', error, true);
    }
  }

  /** @internal */
  complete(): void {}
}

const MANUAL: readonly never[] = [];

/**
 * Starts `source` soon as a Task and returns the Task.
 *
 * asyncio: `asyncio.create_task(coro, name=...)`. The source is subscribed on the ready
 * queue's next turn (FIFO with every other "soon" callback), so the code right after
 * `createTask` runs first. `source` may be a function of the Task's AbortSignal, so
 * `createTask((signal) => fetch(url, { signal }))` is cancellable. In Node, the source
 * runs in the async context of the code that called `createTask` (asyncio copies the
 * caller's context the same way).
 *
 * **Cancellation.** `task.cancel()` (or unsubscribing from the Task before it is done)
 * unsubscribes the source and aborts `task.signal`; see {@link Task}.
 *
 * ## Example
 * ```ts
 * import { createTask, sleep } from 'rxjs-asyncio';
 * const task = createTask(sleep(10, 'done'), { name: 'worker' });
 * console.log('created', task.name);
 * console.log(await task);
 * // Logs:
 * // created worker
 * // done
 * ```
 * @param source An ObservableInput, or a function `(signal) => ObservableInput`.
 * @param options `name` and `scheduler`.
 * @returns The Task.
 * @throws {TypeError} When `source` is not an ObservableInput or function, or an option has the wrong type.
 */
export function createTask<T>(source: TaskSource<T>, options?: TaskOptions): Task<T> {
  return new Task(source, options);
}

// A task's shapes outlive its burst (see keepShape). The Task is a stand-in, as the
// unobserved-error report makes: never started, tracked or registered. The ManualTask
// waits on nothing: no line holds it and nothing will settle it.
keepShape(
  new Task<unknown>(TOMBSTONE as never, { name: 'kept' }),
  new ManualTask<unknown>('kept', undefined),
  new TaskSubscriber<unknown>(null),
);
