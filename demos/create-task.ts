/**
 * The article's first example: `main` prints A, starts `other_function` as a Task, sleeps
 * 1 s (meanwhile the task prints 1), prints B, then awaits the task (which prints 2 at 2 s).
 * The article's snippet lost its prints; they are restored as its prose describes.
 *
 * ```python
 * async def main():
 *     print('A')
 *     task = asyncio.create_task(other_function(), name='other_function')
 *     await asyncio.sleep(1)
 *     print('B')
 *     await task
 *
 * async def other_function():
 *     print('1')
 *     await asyncio.sleep(2)
 *     print('2')
 * ```
 */
import { concat, defer, EMPTY } from 'rxjs';
import { createTask, sleep } from '../lib';
import { clock, runIfMain, type DemoOptions, type Log } from './support/harness';

export async function main(log: Log, options: DemoOptions = {}): Promise<unknown> {
  const { scheduler, ms, elapsed } = clock(options);
  const print = (line: string) => log(`${line} (${elapsed()})`);
  const say = (line: string) => defer(() => (print(line), EMPTY));

  // async def other_function(): a cold Observable runs nothing until a Task subscribes it.
  const otherFunction = () => concat(say('1'), sleep(ms(2000), undefined, scheduler), say('2'));

  const mainBody = defer(() => {
    print('A');
    const task = createTask(otherFunction(), { name: 'other_function', scheduler });
    print(`created ${task}`);
    return concat(
      sleep(ms(1000), undefined, scheduler),
      say('B'),
      task,
      defer(() => (print(`awaited ${task}`), EMPTY)),
    );
  });
  return createTask(mainBody, { name: 'main', scheduler });
}

runIfMain(module, main);
