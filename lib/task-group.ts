import { Observable, type ObservableInput, type SchedulerLike, type Subscription } from 'rxjs';
import { CancelledError, ExceptionGroup, InvalidStateError } from './errors';
import { Task, type TaskSource } from './task';
import { soon } from './internal/ready-queue';
import { rx } from './internal/rx';
import {
  checkFunction,
  checkOptions,
  checkScheduler,
  checkString,
  isObservableInput,
  typeError,
} from './internal/validate';

/** Options of `new TaskGroup()` and {@link taskGroup}. */
export interface TaskGroupOptions {
  /** The scheduler whose ready queue starts the group's Tasks (default `asapScheduler`). */
  scheduler?: SchedulerLike;
}

/** Options of {@link TaskGroup.createTask}. */
export interface TaskGroupTaskOptions {
  /** The Task's name (default `Task-N`). */
  name?: string;
}

/** RUNNING: the body runs or the group waits for its Tasks; ABORTING: an error cancelled the rest; FINISHED. */
type GroupState = 'RUNNING' | 'ABORTING' | 'FINISHED';

const MESSAGE = 'unhandled errors in a TaskGroup';

/**
 * A group of Tasks that ends only when all of them have: structured concurrency.
 *
 * asyncio: `asyncio.TaskGroup`. Tasks are added with `tg.createTask(source)` — by the
 * body, by other Tasks of the group, also after the body has finished while Tasks are
 * still running. The first error that is not a `CancelledError` (of a Task or of the
 * body) cancels the body and every other Task; once all have finished the group fails
 * with an `ExceptionGroup('unhandled errors in a TaskGroup', errors)` holding every such
 * error in the order they happened. `createTask` on a finished group throws
 * `InvalidStateError` (asyncio: `RuntimeError`), as it does while the group is aborting.
 *
 * Use it through {@link taskGroup} from Observable code, or from Promise code with
 * `await using tg = new TaskGroup()`: leaving the block waits for every Task and throws
 * the `ExceptionGroup`. (In that form the block's own code cannot be interrupted, and
 * an error thrown by the block does not reach the group: JavaScript's `asyncDispose` is
 * not told about it.)
 *
 * **Cancellation.** Unsubscribing from {@link taskGroup}'s output (e.g. cancelling the
 * Task that runs it) unsubscribes the body and cancels every Task of the group, in the
 * order they were created; the group is then finished. A group whose body errors with
 * `CancelledError` cancels its Tasks, waits for them and errors with `CancelledError`
 * (not an `ExceptionGroup`, unless some Task failed).
 *
 * ## Example
 * ```ts
 * import { sleep, TaskGroup } from 'rxjs-asyncio';
 * {
 *   await using tg = new TaskGroup();
 *   const a = tg.createTask(sleep(20, 'a'));
 *   const b = tg.createTask(sleep(10, 'b'));
 *   a.subscribe((v) => console.log(v));
 *   b.subscribe((v) => console.log(v));
 * }
 * console.log('both done');
 * // Logs:
 * // b
 * // a
 * // both done
 * ```
 */
export class TaskGroup {
  /** @internal */ _state: GroupState = 'RUNNING';
  /** @internal True once the body (or the `await using` block) has finished. */ _exiting = false;
  /** @internal The pending Tasks, in creation order (a Set: O(1) add and delete). */ _tasks = new Set<Task<unknown>>();
  /** @internal Errors in the order they happened. */ _errors: unknown[] = [];
  /** @internal The body ended with CancelledError. */ _bodyCancelled: CancelledError | null = null;
  /** @internal Interrupts the body (set by taskGroup). */ _cancelBody: (() => void) | null = null;
  /** @internal Called once when the group finishes. */ _onFinish: (() => void) | null = null;
  /** @internal */ readonly _scheduler: SchedulerLike | undefined;
  private readonly onTaskDone = (task: Task<unknown>) => this._taskDone(task);

  constructor(options?: TaskGroupOptions) {
    checkOptions('TaskGroup', options);
    checkScheduler('TaskGroup', options?.scheduler);
    this._scheduler = options?.scheduler;
  }

  /**
   * Starts `source` soon as a Task of this group (see `createTask`).
   * @throws {InvalidStateError} When the group is finished or aborting.
   * @throws {TypeError} When `source` is not an ObservableInput or function.
   */
  createTask<T>(source: TaskSource<T>, options?: TaskGroupTaskOptions): Task<T> {
    checkOptions('TaskGroup.createTask', options);
    if (options?.name !== undefined) checkString('TaskGroup.createTask', 'options.name', options.name);
    if (this._state === 'FINISHED' || (this._exiting && this._tasks.size === 0)) {
      throw new InvalidStateError('TaskGroup.createTask(): the TaskGroup is finished');
    }
    if (this._state === 'ABORTING')
      throw new InvalidStateError('TaskGroup.createTask(): the TaskGroup is shutting down');
    const task = new Task<T>(source, { name: options?.name, scheduler: this._scheduler });
    this._tasks.add(task);
    task._listen(this.onTaskDone);
    return task;
  }

  /**
   * Waits for every Task of the group (the end of an `await using` block).
   * @returns A Promise that rejects with the `ExceptionGroup` if any Task failed.
   */
  [Symbol.asyncDispose](): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this._onFinish = () => {
        const error = this._failure();
        if (error === undefined) resolve();
        else reject(error);
      };
      this._bodyDone();
    });
  }

  /** @internal The body finished (completed, errored, or the block was left). */
  _bodyDone(error?: unknown): void {
    if (this._state === 'FINISHED') return;
    this._exiting = true;
    this._cancelBody = null;
    if (error !== undefined) {
      if (error instanceof CancelledError) this._bodyCancelled = error;
      else this._errors.push(error);
      if (this._state === 'RUNNING') this._abort();
    }
    this._finishIfIdle();
  }

  /** @internal Cancels the body and every pending Task, in creation order. */
  _abort(): void {
    this._state = 'ABORTING';
    for (const task of this._tasks) task.cancel();
    const cancelBody = this._cancelBody;
    this._cancelBody = null;
    cancelBody?.();
  }

  /** @internal Cancellation from outside: everything is cancelled and the group is finished. */
  _cancel(): void {
    if (this._state === 'FINISHED') return;
    this._abort();
    this._state = 'FINISHED';
    this._onFinish = null;
  }

  /** @internal The error the group ends with, or undefined. */
  _failure(): unknown {
    if (this._errors.length > 0) return new ExceptionGroup(MESSAGE, this._errors);
    return this._bodyCancelled ?? undefined;
  }

  private _taskDone(task: Task<unknown>): void {
    this._tasks.delete(task);
    if (this._state === 'FINISHED') return;
    if (task._state === 'FINISHED' && task._failed) {
      task._retrieved();
      this._errors.push(task._value);
      if (this._state === 'RUNNING') this._abort();
    }
    this._finishIfIdle();
  }

  private _finishIfIdle(): void {
    if (!this._exiting || this._tasks.size > 0 || this._state === 'FINISHED') return;
    this._state = 'FINISHED';
    // The owner hears of it on the next turn, as `async with` wakes after the last done
    // callback: the Tasks' own awaiters hear of them first.
    soon(callOnFinish, this, this._scheduler);
  }
}

function callOnFinish(tg: TaskGroup): void {
  const onFinish = tg._onFinish;
  tg._onFinish = null;
  onFinish?.();
}

/**
 * Runs `body` with a new {@link TaskGroup} and completes when the body and every Task of
 * the group are done, emitting the body's last value, if it had one.
 *
 * asyncio: `async with asyncio.TaskGroup() as tg: …`. The body runs when the output is
 * subscribed; it may return an ObservableInput (the rest of the block, which runs
 * concurrently with the Tasks) or nothing. See {@link TaskGroup} for errors: the first
 * error that is not a `CancelledError` cancels the body and the other Tasks, and the
 * output then errors with an `ExceptionGroup` of every error, in order.
 *
 * **Cancellation.** Unsubscribing before the end unsubscribes the body and cancels every
 * Task of the group in creation order; cancelling a Task that runs the group does the
 * same, and the Task reports `CancelledError` once its children have settled.
 *
 * ## Example
 * ```ts
 * import { sleep, taskGroup } from 'rxjs-asyncio';
 * taskGroup((tg) => {
 *   tg.createTask(sleep(1000, 'hello')).subscribe((v) => console.log(v));
 *   tg.createTask(sleep(2000, 'world')).subscribe((v) => console.log(v));
 * }).subscribe({ complete: () => console.log('both done') });
 * // Logs:
 * // hello       (after 1 s)
 * // world       (after 2 s)
 * // both done
 * ```
 * @param body Called with the group; returns an ObservableInput or nothing.
 * @param options `scheduler` for the group's Tasks.
 * @returns An Observable of the body's result.
 * @throws {TypeError} When `body` is not a function or an option has the wrong type.
 */
export function taskGroup<T = never>(
  // `void`: a body may return nothing, as `async with` blocks do (DESIGN.md's signature).
  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type
  body: (tg: TaskGroup) => ObservableInput<T> | void,
  options?: TaskGroupOptions,
): Observable<T> {
  checkFunction('taskGroup', 'body', body);
  checkOptions('taskGroup', options);
  checkScheduler('taskGroup', options?.scheduler);
  return new Observable<T>((subscriber) => {
    const tg = new TaskGroup(options);
    let hasValue = false;
    let value: T | undefined;
    tg._onFinish = () => {
      const error = tg._failure();
      if (error !== undefined) subscriber.error(error);
      else {
        if (hasValue) subscriber.next(value as T);
        subscriber.complete();
      }
    };
    let bodySub: Subscription | null = null;
    let interrupted = false;
    tg._cancelBody = () => {
      interrupted = true;
      bodySub?.unsubscribe();
      // Interrupted while waiting: the body's await raises CancelledError, not counted.
      tg._bodyDone();
    };
    let input: ObservableInput<T> | undefined;
    try {
      input = body(tg) ?? undefined;
      if (input !== undefined && !isObservableInput(input))
        typeError('taskGroup', 'body()', 'to return an ObservableInput or nothing', input);
    } catch (error) {
      tg._bodyDone(error);
      return () => tg._cancel();
    }
    if (input === undefined) tg._bodyDone();
    else if (!interrupted) {
      const sub = rx.from(input).subscribe({
        next: (v) => {
          hasValue = true;
          value = v;
        },
        error: (error: unknown) => tg._bodyDone(error),
        complete: () => tg._bodyDone(),
      });
      if (!tg._exiting) bodySub = sub;
    }
    return () => tg._cancel();
  });
}
