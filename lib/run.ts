import { CancelledError } from './errors';
import { createTask, trackTasks, type Task, type TaskSource } from './task';
import { checkBoolean, checkObservableInput, checkOptions, typeError } from './internal/validate';

/** Options of `run()`. */
export interface RunOptions {
  /** Cancel the main Task on SIGINT (Ctrl-C) instead of dying mid-write (default `true`). */
  handleSignals?: boolean;
}

interface NodeProcess {
  on(event: 'SIGINT', listener: () => void): void;
  off(event: 'SIGINT', listener: () => void): void;
  exit(code: number): never;
  exitCode?: number | string;
}

/**
 * Runs `main` as the main Task of a Node script and returns a Promise of its result.
 *
 * asyncio: `asyncio.run(main())`. When `main` ends, every other Task still pending is
 * cancelled and awaited (asyncio's `_cancel_all_tasks`), and the SIGINT listener is
 * removed. The first Task created in a script is `Task-1`, so that is main's name there.
 *
 * **Cancellation.** On SIGINT (Ctrl-C) the main Task is cancelled — its teardowns, the
 * `finally` blocks, run — then the Promise rejects with `CancelledError` and
 * `process.exitCode` is 130. A second SIGINT exits at once with 130.
 *
 * ## Example
 * ```ts
 * import { run, sleep } from 'rxjs-asyncio';
 * run(sleep(1000, 'done')).then(console.log);
 * // Logs: done   (after 1 s; Ctrl-C before that cancels and exits with 130)
 * ```
 * @param main An ObservableInput, or a function `(signal) => ObservableInput`.
 * @param options `handleSignals` (default `true`).
 * @returns A Promise of main's result.
 * @throws {TypeError} When `main` is not an ObservableInput or function, or outside Node when signals are handled.
 */
export function run<T>(main: TaskSource<T>, options?: RunOptions): Promise<T> {
  if (typeof main !== 'function') checkObservableInput('run', 'main', main);
  checkOptions('run', options);
  checkBoolean('run', 'options.handleSignals', options?.handleSignals);
  const handleSignals = options?.handleSignals ?? true;
  const proc = (globalThis as { process?: NodeProcess }).process;
  if (handleSignals && typeof proc?.on !== 'function') {
    typeError('run', 'options.handleSignals', 'false outside Node (there is no process to signal)', handleSignals);
  }
  const pending = new Set<Task<unknown>>();
  trackTasks(pending);
  let task: Task<T>;
  try {
    task = createTask(main, { name: undefined });
  } catch (error) {
    trackTasks(null);
    throw error;
  }
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) proc!.exit(130);
    interrupted = true;
    // Ctrl-C is not a crash: a script that never catches run()'s Promise still exits
    // with 130, not with Node's unhandled-rejection code 1. Callers can still catch it.
    result.catch(() => undefined);
    task.cancel();
  };
  if (handleSignals) proc!.on('SIGINT', onSigint);

  const cleanup = async () => {
    pending.delete(task);
    // asyncio.run cancels whatever main left running, then waits for all of it.
    const rest = [...pending];
    for (const t of rest) t.cancel();
    await Promise.all(rest.map((t) => t.then(undefined, () => undefined)));
    trackTasks(null);
    if (handleSignals) proc!.off('SIGINT', onSigint);
  };

  const result = task.then(
    async (value) => {
      await cleanup();
      return value;
    },
    async (error: unknown) => {
      await cleanup();
      if (interrupted && error instanceof CancelledError) proc!.exitCode = 130;
      throw error;
    },
  );
  return result;
}
