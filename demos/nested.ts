/**
 * Coroutines are awaitables: calling `nested()` without awaiting it runs nothing (Python
 * only builds a coroutine object); awaiting it prints 42; wrapping it in a Task schedules
 * it to run soon, and awaiting the Task gives 42 too.
 *
 * ```python
 * async def nested():
 *     return 42
 *
 * async def main():
 *     nested()               # a coroutine object is created but not awaited: nothing runs
 *     print(await nested())  # will print "42"
 *     task = asyncio.create_task(nested())
 *     print(await task)      # 42
 * ```
 *
 * Here `nested` returns a cold Observable, the coroutine object: nothing runs until it is
 * subscribed (awaited with `lastValueFrom`, or started by `createTask`).
 */
import { defer, lastValueFrom, of } from 'rxjs';
import { createTask } from '../lib';
import { runIfMain, type DemoOptions, type Log } from './support/harness';

export async function main(log: Log, options: DemoOptions = {}): Promise<unknown> {
  let runs = 0;
  // async def nested(): return 42
  const nested = () =>
    defer(() => {
      runs++;
      return of(42);
    });

  // Nothing happens if we just call "nested()": a cold Observable is created but not subscribed.
  nested();
  log(`nested() called but not awaited: it ran ${runs} times`);

  // Let's do it differently now and await it:
  log(String(await lastValueFrom(nested()))); // will print "42"

  // Schedule nested() to run soon concurrently with main, then await the Task.
  const task = createTask(nested(), { scheduler: options.scheduler });
  log(`${task.name} created, runs so far: ${runs}`);
  log(String(await task)); // 42
  log(`runs in all: ${runs}`);
  return undefined;
}

runIfMain(module, main);
