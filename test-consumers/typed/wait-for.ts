// waitFor: a Task or any source with a deadline.
import { asyncScheduler, of, type Observable } from 'rxjs';
import { createTask, waitFor } from 'rxjs-asyncio';

export function waiting(): void {
  expectType<Observable<string>>()(waitFor(createTask(of('w')), 100));
  expectType<Observable<number>>()(waitFor(Promise.resolve(1), null, asyncScheduler));
  // @ts-expect-error waitFor needs a timeout (null waits forever)
  waitFor(of(1));
}
