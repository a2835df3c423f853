// Barrier.
import { Barrier, Task } from 'rxjs-asyncio';

export async function meeting(): Promise<void> {
  const barrier = new Barrier(2);
  expectType<number>()(await barrier.wait());
  expectType<Task<void>>()(barrier.reset());
  expectType<Task<void>>()(barrier.abort());
  expectType<number>()(barrier.parties + barrier.nWaiting);
  expectType<boolean>()(barrier.broken);
  // @ts-expect-error parties is read-only
  barrier.parties = 3;
}
