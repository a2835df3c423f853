/**
 * `shield`: the shielded work finishes although its caller was cancelled.
 *
 * ```python
 * task = asyncio.create_task(something())
 * res = await asyncio.shield(task)
 * ```
 *
 * "The two give the same result, but with `shield` the task is not cancelled when the
 * code awaiting it is": first the plain case (same result as awaiting `something()`),
 * then the caller is cancelled after 1 s while `something()` needs 3 s — it still
 * finishes, and its result can be read.
 *
 * Observable-first: the caller is a Task running `task.pipe(shield())`.
 */
import { concat, defer, finalize, lastValueFrom, tap } from 'rxjs';
import { createTask, shield, sleep, type Task } from '../lib';
import { clock, runIfMain, type DemoOptions, type Log } from './support/harness';

export function main(log: Log, options: DemoOptions = {}): Promise<unknown> {
  const { scheduler, ms, time } = clock(options);

  // async def something(): three seconds of work that must not be lost.
  const something = () =>
    defer(() => {
      log(`something: started at ${time()}`);
      return sleep(ms(3000), 'saved', scheduler).pipe(tap(() => log(`something: done at ${time()}`)));
    });

  const plain = defer(() => {
    log('-- res = await shield(task) --');
    const task = createTask(something(), { scheduler });
    return task.pipe(
      shield(),
      tap((res) => log(`res = ${res}`)),
    );
  });

  const cancelled = defer(() => {
    log('-- the caller is cancelled after 1 s --');
    const task = createTask(something(), { scheduler });
    const caller: Task<string> = createTask(task.pipe(shield()), { scheduler });
    caller.addDoneCallback((c) => log(`caller cancelled: ${c.cancelled()} at ${time()}`));
    sleep(ms(1000), undefined, scheduler).subscribe(() => caller.cancel());
    // Awaiting the task itself (not through the cancelled caller) sees it finish.
    return task.pipe(finalize(() => log(`task.cancelled() = ${task.cancelled()}, task.result() = ${task.result()}`)));
  });

  return lastValueFrom(concat(plain, cancelled), { defaultValue: undefined });
}

runIfMain(module, main);
