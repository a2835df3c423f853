/**
 * `say_after` in a TaskGroup: both tasks are done when the group ends (≈2 s), and their
 * results can be read. Then a failing child cancels its sibling, and the group fails
 * with an `ExceptionGroup`. The article's `say_after` lost its `print(what)`; restored.
 *
 * ```python
 * async def main():
 *     async with asyncio.TaskGroup() as tg:
 *         task1 = tg.create_task(say_after(1, 'hello'))
 *         task2 = tg.create_task(say_after(2, 'world'))
 *         print(f"started at {time.strftime('%X')}")
 *     # The await is implicit when the context manager exits.
 *     print(f"finished at {time.strftime('%X')}")
 *     print(f"Both tasks have completed now: {task1.result()}, {task2.result()}")
 * ```
 *
 * Observable-first: `taskGroup(tg => …)` is the `async with` block.
 */
import { catchError, concat, defer, EMPTY, finalize, lastValueFrom, mergeMap, tap, throwError } from 'rxjs';
import { ExceptionGroup, sleep, taskGroup, type Task } from '../lib';
import { clock, runIfMain, type DemoOptions, type Log } from './support/harness';

export function main(log: Log, options: DemoOptions = {}): Promise<unknown> {
  const { scheduler, ms, time } = clock(options);

  // async def say_after(delay, what): prints `what` after `delay`, returns it.
  const sayAfter = (delay: number, what: string) => sleep(ms(delay), what, scheduler).pipe(tap(() => log(what)));

  const together = defer(() => {
    let task1: Task<string>;
    let task2: Task<string>;
    return taskGroup(
      (tg) => {
        task1 = tg.createTask(sayAfter(1000, 'hello'));
        task2 = tg.createTask(sayAfter(2000, 'world'));
        log(`started at ${time()}`);
      },
      { scheduler },
    ).pipe(
      finalize(() => {
        // The await is implicit when the group ends.
        log(`finished at ${time()}`);
        log(`Both tasks have completed now: ${task1.result()}, ${task2.result()}`);
      }),
    );
  });

  const failing = defer(() => {
    log('-- a failing child cancels its sibling --');
    log(`started at ${time()}`);
    return taskGroup(
      (tg) => {
        tg.createTask(
          sleep(ms(2000), 'world', scheduler).pipe(
            tap((w) => log(w)),
            finalize(() => log(`say_after(2, 'world') ended at ${time()}`)),
          ),
        );
        tg.createTask(
          sleep(ms(1000), undefined, scheduler).pipe(
            mergeMap(() => {
              log(`raise Error('boom') at ${time()}`);
              return throwError(() => new Error('boom'));
            }),
          ),
        );
      },
      { scheduler },
    ).pipe(
      catchError((error: unknown) => {
        if (!(error instanceof ExceptionGroup)) throw error;
        const inner = error.errors.map((e: Error) => `${e.name}: ${e.message}`).join(', ');
        log(`caught ExceptionGroup('${error.message}', [${inner}]) at ${time()}`);
        return EMPTY;
      }),
    );
  });

  return lastValueFrom(concat(together, failing), { defaultValue: undefined });
}

runIfMain(module, main);
