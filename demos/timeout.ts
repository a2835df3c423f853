/**
 * `timeout`: a deadline over a long operation, handled as `TimeoutError`; then a
 * deadline unknown at the start (`null`), rescheduled once known, and `expired()`.
 *
 * ```python
 * async def main():
 *     try:
 *         async with asyncio.timeout(10):
 *             await long_running_task()
 *     except TimeoutError:
 *         print("The long operation timed out, but we've handled it.")
 *     print("This statement will run regardless.")
 *
 * async def main():
 *     try:
 *         # We do not know the timeout when starting, so we pass ``None``.
 *         async with asyncio.timeout(None) as cm:
 *             # We know the timeout now, so we reschedule it.
 *             new_deadline = get_running_loop().time() + 10
 *             cm.reschedule(new_deadline)
 *             await long_running_task()
 *     except TimeoutError:
 *         pass
 *     if cm.expired():
 *         print("Looks like we haven't finished on time.")
 * ```
 *
 * The snippets lost their `try:`, `cm.reschedule(new_deadline)` and `pass` lines;
 * restored. Ours is imported as `deadline`, since RxJS has its own `timeout` (a limit on
 * the gap between values, not on the whole).
 */
import { catchError, concat, defer, EMPTY, finalize, lastValueFrom, TimeoutError } from 'rxjs';
import { sleep, timeout as deadline } from '../lib';
import { clock, runIfMain, type DemoOptions, type Log } from './support/harness';

export function main(log: Log, options: DemoOptions = {}): Promise<unknown> {
  const { scheduler, ms, time, elapsed } = clock(options);
  const start = scheduler.now();
  /** A deadline as the article's seconds from the start, `+10.00s`. */
  const at = (when: number | null) => (when === null ? 'None' : `+${((when - start) / ms(1000)).toFixed(2)}s`);

  // async def long_running_task(): an hour of work.
  const longRunningTask = () =>
    sleep(ms(3_600_000), undefined, scheduler).pipe(finalize(() => log(`long_running_task() stopped at ${time()}`)));

  const handled = longRunningTask().pipe(
    deadline(ms(10_000), scheduler),
    catchError((error: unknown) => {
      if (!(error instanceof TimeoutError)) throw error;
      log("The long operation timed out, but we've handled it.");
      return EMPTY;
    }),
    finalize(() => log('This statement will run regardless.')),
  );

  const rescheduled = defer(() => {
    log('-- reschedule --');
    // We do not know the timeout when starting, so we pass null.
    const cm = deadline(null, scheduler);
    return defer(() => {
      log(`cm.when() = ${at(cm.when())}`);
      // We know the timeout now, so we reschedule it.
      const newDeadline = scheduler.now() + ms(10_000);
      cm.reschedule(newDeadline);
      log(`cm.reschedule(now + 10 s): cm.when() = ${at(cm.when())}`);
      return longRunningTask();
    }).pipe(
      cm,
      catchError((error: unknown) => {
        if (!(error instanceof TimeoutError)) throw error;
        return EMPTY;
      }),
      finalize(() => {
        if (cm.expired()) log(`Looks like we haven't finished on time. (${elapsed()})`);
      }),
    );
  });

  return lastValueFrom(concat(handled, rescheduled), { defaultValue: undefined });
}

runIfMain(module, main);
