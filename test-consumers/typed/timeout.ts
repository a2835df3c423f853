// timeout / timeoutAt: operators that are also handles.
import { asyncScheduler, of, type Observable } from 'rxjs';
import { timeout, timeoutAt, type DeadlineOperator } from 'rxjs-asyncio';

export function deadlines(): void {
  const deadline: DeadlineOperator = timeout(1000);
  expectType<Observable<number>>()(of(1).pipe(deadline)); // the operator stays generic
  expectType<Observable<string>>()(of('s').pipe(timeout(null, asyncScheduler)));
  expectType<number | null>()(deadline.when());
  deadline.reschedule(null);
  expectType<boolean>()(deadline.expired());
  expectType<Observable<number>>()(of(1).pipe(timeoutAt(asyncScheduler.now() + 500)));

  // @ts-expect-error a delay is a number of ms or null, not a string
  timeout('1s');
}
