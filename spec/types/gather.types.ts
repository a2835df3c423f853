/**
 * Type-level checks of the combinators, compiled by `npm run typecheck` (not a jest spec).
 * Each `@ts-expect-error` line fails the build if the error it expects goes away.
 */
import { type Observable, of } from 'rxjs';
import { gather } from '../../lib/gather';
import { createTask } from '../../lib/task';
import { timeout, timeoutAt } from '../../lib/timeout';
import { waitFor } from '../../lib/wait-for';
import { asCompleted } from '../../lib/as-completed';
import { wait } from '../../lib/wait';
import { taskGroup } from '../../lib/task-group';
import { shield } from '../../lib/shield';

type Equals<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(): T => true as T;

// Arrays give tuples, in input order.
const tuple = gather([of(1), of('a'), Promise.resolve(true), createTask(of(2n))]);
assertType<Equals<typeof tuple, Observable<[number, string, boolean, bigint]>>>();
// @ts-expect-error: not a tuple of strings
const wrongTuple: Observable<[string, string, boolean, bigint]> = tuple;
void wrongTuple;

// Records give records.
const record = gather({ a: of(1), b: of('x') });
assertType<Equals<typeof record, Observable<{ a: number; b: string }>>>();
// @ts-expect-error: `a` is a number
const wrongRecord: Observable<{ a: string; b: string }> = record;
void wrongRecord;

// An empty array gives an empty tuple.
assertType<Equals<typeof gatherEmpty, Observable<[]>>>();
const gatherEmpty = gather([]);

// A readonly tuple works too.
const ro = [of(1), of('s')] as const;
const roResult = gather(ro);
assertType<Equals<typeof roResult, Observable<[number, string]>>>();

// @ts-expect-error: a number is not an ObservableInput
gather([1, 2]);
// @ts-expect-error: not an array or record
gather(42);
// @ts-expect-error: returnExceptions is a boolean
gather([of(1)], { returnExceptions: 'yes' });

// The deadline operator keeps the source's type.
const d = timeout(1000);
const piped = of(1).pipe(d);
assertType<Equals<typeof piped, Observable<number>>>();
const at = of('s').pipe(timeoutAt(null));
assertType<Equals<typeof at, Observable<string>>>();
assertType<Equals<ReturnType<typeof d.when>, number | null>>();
// @ts-expect-error: a string is not a delay
timeout('1s');

assertType<Equals<typeof shielded, Observable<number>>>();
const shielded = of(1).pipe(shield());

const waited = waitFor(of(1), 10);
assertType<Equals<typeof waited, Observable<number>>>();
const completed = asCompleted([of(1), of(2)]);
assertType<Equals<typeof completed, Observable<number>>>();
const waitedSets = wait([createTask(of('a'))], { returnWhen: 'FIRST_COMPLETED' });
waitedSets.subscribe(({ done }) => {
  for (const t of done) assertType<Equals<ReturnType<typeof t.result>, string>>();
});
// @ts-expect-error: unknown returnWhen
wait([createTask(of('a'))], { returnWhen: 'FIRST' });

const grouped = taskGroup((tg) => {
  tg.createTask(of(1));
  return of('body');
});
assertType<Equals<typeof grouped, Observable<string>>>();
