// Condition.
import { Condition, Lock, Task } from 'rxjs-asyncio';

export async function conditioning(): Promise<void> {
  const condition = new Condition(new Lock());
  expectType<true>()(await condition.acquire());
  expectType<Task<true>>()(condition.wait());
  expectType<Task<number>>()(condition.waitFor(() => 1));
  condition.notify(1);
  condition.notifyAll();
  condition.release();
  expectType<boolean>()(condition.locked());
  // @ts-expect-error waitFor takes a predicate function
  condition.waitFor(true);
}
