/**
 * `say_after` awaited one after the other (≈3 s), then started as two Tasks that run
 * concurrently (≈2 s). The article's `say_after` lost its `print(what)`; it is restored.
 *
 * ```python
 * async def say_after(delay, what):
 *     await asyncio.sleep(delay)
 *     print(what)
 *
 * async def main():
 *     print(f"started at {time.strftime('%X')}")
 *     await say_after(1, 'hello')
 *     await say_after(2, 'world')
 *     print(f"finished at {time.strftime('%X')}")
 *
 * async def main_with_tasks():
 *     task1 = asyncio.create_task(say_after(1, 'hello'))
 *     task2 = asyncio.create_task(say_after(2, 'world'))
 *     print(f"started at {time.strftime('%X')}")
 *     await task1
 *     await task2
 *     print(f"finished at {time.strftime('%X')}")
 * ```
 *
 * Written with `await`, as the article is: a Task is a PromiseLike, and `lastValueFrom`
 * awaits a cold Observable (a coroutine object) by running it.
 */
import { lastValueFrom, tap } from 'rxjs';
import { createTask, sleep } from '../lib';
import { clock, runIfMain, type DemoOptions, type Log } from './support/harness';

export async function main(log: Log, options: DemoOptions = {}): Promise<unknown> {
  // async def say_after(delay, what): a function returning a cold Observable.
  const sayAfter = (scheduler: DemoOptions['scheduler'], delay: number, what: string) =>
    sleep(delay, what, scheduler).pipe(tap((w) => log(w)));

  {
    log('-- awaited one after the other --');
    const { scheduler, ms, time } = clock(options);
    log(`started at ${time()}`);
    await lastValueFrom(sayAfter(scheduler, ms(1000), 'hello'));
    await lastValueFrom(sayAfter(scheduler, ms(2000), 'world'));
    log(`finished at ${time()}`);
  }
  {
    log('-- as two Tasks --');
    const { scheduler, ms, time } = clock(options);
    const task1 = createTask(sayAfter(scheduler, ms(1000), 'hello'), { scheduler });
    const task2 = createTask(sayAfter(scheduler, ms(2000), 'world'), { scheduler });
    log(`started at ${time()}`);
    // Wait until both tasks are completed (should take around 2 seconds.)
    await task1;
    await task2;
    log(`finished at ${time()}`);
  }
  return undefined;
}

runIfMain(module, main);
