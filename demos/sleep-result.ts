/**
 * `asyncio.sleep(delay, result)` hands `result` back to its caller when it is done, and
 * `sleep(0)` always suspends, letting other tasks run first.
 *
 * ```python
 * async def main():
 *     print(await asyncio.sleep(1, result='coffee'))
 *     print(await asyncio.sleep(0.5))          # None
 *     async def other(): print('other task ran')
 *     asyncio.create_task(other())
 *     print(await asyncio.sleep(0, 'after a yield'))
 * ```
 *
 * Observable-first: `sleep(delay, result)` is an Observable that emits `result` once.
 */
import { concat, defer, tap } from 'rxjs';
import { createTask, sleep } from '../lib';
import { clock, runIfMain, type DemoOptions, type Log } from './support/harness';

export async function main(log: Log, options: DemoOptions = {}): Promise<unknown> {
  const { scheduler, ms, elapsed } = clock(options);
  const print = (value: unknown) => log(`${String(value)} (${elapsed()})`);
  const body = concat(
    sleep(ms(1000), 'coffee', scheduler).pipe(tap(print)),
    sleep(ms(500), undefined, scheduler).pipe(tap(print)),
    defer(() => {
      createTask(defer(async () => print('other task ran')), { scheduler });
      return sleep(0, 'after a yield', scheduler).pipe(tap(print));
    }),
  );
  return createTask(body, { scheduler });
}

runIfMain(module, main);
