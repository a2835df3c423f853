// Tasks, Futures, sleep, run, the error classes: every call as users write it, its result
// type asserted, and bad calls that must not compile.
import { asyncScheduler, firstValueFrom, of, type Observable } from 'rxjs';
import {
  BrokenBarrierError,
  CancelledError,
  ExceptionGroup,
  Future,
  InvalidStateError,
  QueueEmpty,
  QueueFull,
  QueueShutDown,
  Task,
  TimeoutError,
  createTask,
  run,
  setUnobservedErrorHandler,
  sleep,
  type DoneCallback,
  type FutureOptions,
  type FutureState,
  type RunOptions,
  type TaskOptions,
  type TaskSource,
  type UnobservedErrorHandler,
} from 'rxjs-asyncio';

export async function core(): Promise<void> {
  expectType<Observable<undefined>>()(sleep(10));
  expectType<Observable<string>>()(sleep(10, 'x', asyncScheduler));

  const task = createTask(sleep(10, 42), { name: 'answer', scheduler: asyncScheduler });
  expectType<Task<number>>()(task);
  expectType<number>()(await task); // a Task awaited is its result
  expectType<number>()(await firstValueFrom(task)); // and it is an Observable of it
  expectType<boolean>()(task.cancel('bye'));
  expectType<boolean>()(task.done() && task.cancelled());
  expectType<number>()(task.result());
  expectType<unknown>()(task.exception());
  expectType<string>()(task.name);
  expectType<AbortSignal>()(task.signal);
  const fromSignal = createTask((signal: AbortSignal) => Promise.resolve(signal.aborted));
  expectType<Task<boolean>>()(fromSignal);
  const source: TaskSource<string> = of('a');
  const options: TaskOptions = { name: 'n' };
  expectType<Task<string>>()(createTask(source, options));

  const callback: DoneCallback<Task<number>> = (t) => void t.result();
  task.addDoneCallback(callback);
  expectType<number>()(task.removeDoneCallback(callback));

  const futureOptions: FutureOptions = { scheduler: asyncScheduler };
  const future = new Future<string>(futureOptions);
  future.setResult('done');
  future.setException(new Error('x'));
  expectType<string>()(await future);
  const states: readonly FutureState[] = ['PENDING', 'CANCELLED', 'FINISHED'];
  for (const state of states) expectType<'PENDING' | 'CANCELLED' | 'FINISHED'>()(state);

  const runOptions: RunOptions = { handleSignals: false };
  expectType<Promise<string>>()(run(of('main'), runOptions));
  expectType<Promise<number>>()(run(() => sleep(1, 1)));

  const handler: UnobservedErrorHandler = (error, failed) => console.error(error, failed.name);
  expectType<UnobservedErrorHandler | null>()(setUnobservedErrorHandler(handler));

  const errors: Error[] = [
    new CancelledError('msg'),
    new InvalidStateError(),
    new ExceptionGroup('unhandled errors in a TaskGroup', [new Error('a')]),
    new QueueEmpty(),
    new QueueFull(),
    new QueueShutDown(),
    new BrokenBarrierError(),
  ];
  expectType<readonly unknown[]>()(new ExceptionGroup('m', []).errors as readonly unknown[]);
  const caught: unknown = errors[0];
  if (caught instanceof TimeoutError) expectType<string>()(caught.message); // RxJS's class, re-exported

  // @ts-expect-error a delay is a number (ms), not a string
  sleep('1s');
  // @ts-expect-error a source is an ObservableInput or a function, not a number
  createTask(42);
  // @ts-expect-error an unknown option
  createTask(of(1), { nmae: 'typo' });
  // @ts-expect-error a Task<number> does not await as a string
  const wrong: string = await task;
  void wrong;
  // @ts-expect-error setResult takes the Future's type
  future.setResult(1);
}
