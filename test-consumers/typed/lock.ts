// Lock, Semaphore, BoundedSemaphore and the holding() operator.
import { of, type Observable } from 'rxjs';
import { BoundedSemaphore, Lock, Semaphore, Task, holding } from 'rxjs-asyncio';

export async function locking(): Promise<void> {
  const lock = new Lock();
  expectType<Task<true>>()(lock.acquire());
  expectType<true>()(await lock.acquire());
  expectType<boolean>()(lock.locked());
  lock.release();
  const semaphore = new Semaphore(3);
  expectType<Task<true>>()(semaphore.acquire());
  expectType<Observable<number>>()(of(1).pipe(holding(semaphore)));
  expectType<Observable<string>>()(of('x').pipe(holding(lock)));
  const bounded: Semaphore = new BoundedSemaphore(2);
  bounded.release();

  // @ts-expect-error a Semaphore's value is a number
  new Semaphore('3');
  // @ts-expect-error holding takes a Lock or a Semaphore
  holding({});
}
