/**
 * `waitFor`: wait at most 1 second for an operation that takes an hour.
 *
 * ```python
 * async def eternity():
 *     # Sleep for one hour
 *     await asyncio.sleep(3600)
 *     print('yay!')
 *
 * async def main():
 *     # Wait for at most 1 second
 *     try:
 *         await asyncio.wait_for(eternity(), timeout=1.0)
 *     except TimeoutError:
 *         print('timeout!')
 *
 * # Expected output:
 * #     timeout!
 * ```
 *
 * The snippet lost its `try:`, `print('yay!')` and `print('timeout!')`; restored.
 * `eternity()` is cancelled at the deadline (its `finally` runs) before `timeout!`.
 */
import { catchError, EMPTY, lastValueFrom, tap, TimeoutError } from 'rxjs';
import { sleep, waitFor } from '../lib';
import { clock, runIfMain, type DemoOptions, type Log } from './support/harness';

export function main(log: Log, options: DemoOptions = {}): Promise<unknown> {
  const { scheduler, ms } = clock(options);

  // async def eternity(): sleep for one hour.
  const eternity = () => sleep(ms(3_600_000), undefined, scheduler).pipe(tap(() => log('yay!')));

  // Wait for at most 1 second.
  return lastValueFrom(
    waitFor(eternity(), ms(1000), scheduler).pipe(
      catchError((error: unknown) => {
        if (!(error instanceof TimeoutError)) throw error;
        log('timeout!');
        return EMPTY;
      }),
    ),
    { defaultValue: undefined },
  );
}

runIfMain(module, main);
