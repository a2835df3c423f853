// gather: tuples in, tuples out; records in, records out.
import { of, type Observable } from 'rxjs';
import { createTask, gather, sleep, type GatherOptions } from 'rxjs-asyncio';

export function gathering(): void {
  const tuple = gather([of(1), sleep(5, 'two'), createTask(of(true)), Promise.resolve(3n)]);
  expectType<Observable<[number, string, boolean, bigint]>>()(tuple);
  const record = gather({ user: of({ id: 1 }), count: Promise.resolve(2) });
  expectType<Observable<{ user: { id: number }; count: number }>>()(record);
  const options: GatherOptions = { returnExceptions: true };
  gather([of(1)], options).subscribe(([first]) => expectType<number>()(first));
  expectType<Observable<[]>>()(gather([]));

  // @ts-expect-error the sources are an array or a record, not a lone Observable
  gather(of(1));
  // @ts-expect-error returnExceptions is a boolean
  gather([of(1)], { returnExceptions: 'yes' });
}
