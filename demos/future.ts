/**
 * The article's restaurant token: you order, the cashier hands you a token (a Future)
 * instead of food; the kitchen sets its result when the dish is ready; you can look at the
 * token to see whether it is done, or wait on it. A done callback plays the buzzer.
 * A Task, by contrast, is the cook you can watch on the screen: it does the work itself.
 *
 * ```python
 * async def kitchen(token):
 *     print('kitchen: started cooking')
 *     await asyncio.sleep(3)
 *     token.set_result('ramen')
 *     print('kitchen: ramen is ready')
 *
 * async def main():
 *     token = asyncio.get_running_loop().create_future()
 *     token.add_done_callback(lambda t: print(f'buzzer: your {t.result()} is ready'))
 *     print(f'ordered, got a token; done: {token.done()}')
 *     cook = asyncio.create_task(kitchen(token), name='cook')
 *     await asyncio.sleep(1)
 *     print(f'looked at the token; done: {token.done()}')
 *     food = await token
 *     print(f'eating {food}; done: {token.done()}, cook done: {cook.done()}')
 * ```
 */
import { concat, defer, EMPTY } from 'rxjs';
import { createTask, Future, sleep } from '../lib';
import { clock, runIfMain, type DemoOptions, type Log } from './support/harness';

export async function main(log: Log, options: DemoOptions = {}): Promise<unknown> {
  const { scheduler, ms, elapsed } = clock(options);
  const print = (line: string) => log(`${line} (${elapsed()})`);

  const kitchen = (token: Future<string>) =>
    concat(
      defer(() => (print('kitchen: started cooking'), EMPTY)),
      sleep(ms(3000), undefined, scheduler),
      defer(() => {
        token.setResult('ramen');
        print('kitchen: ramen is ready');
        return EMPTY;
      }),
    );

  const token = new Future<string>({ scheduler });
  token.addDoneCallback((t) => print(`buzzer: your ${t.result()} is ready`));
  print(`ordered, got a token; done: ${token.done()}`);
  const cook = createTask(kitchen(token), { name: 'cook', scheduler });
  await createTask(sleep(ms(1000), undefined, scheduler), { scheduler });
  print(`looked at the token; done: ${token.done()}`);
  const food = await token;
  print(`eating ${food}; done: ${token.done()}, cook done: ${cook.done()}`);
  return food;
}

runIfMain(module, main);
