/**
 * Type-level checks of the combinators, compiled by `npm run typecheck` (not a jest spec:
 * jest runs `*.spec.ts` only). A regression fails the build: each `Expect<Equals<…>>`
 * must hold, and each `@ts-expect-error` line must still be an error.
 */
import { type Observable, of } from 'rxjs';
import { asCompleted } from '../../lib/as-completed';
import { gather } from '../../lib/gather';
import { shield } from '../../lib/shield';
import { createTask } from '../../lib/task';
import { taskGroup } from '../../lib/task-group';
import { timeout, timeoutAt } from '../../lib/timeout';
import { wait } from '../../lib/wait';
import { waitFor } from '../../lib/wait-for';

// The usual exact-equality test of two types.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
type Equals<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;

// Arrays give tuples, in input order.
export const tuple = gather([of(1), of('a'), Promise.resolve(true), createTask(of(2n))]);
export type TupleIsTyped = Expect<Equals<typeof tuple, Observable<[number, string, boolean, bigint]>>>;
// @ts-expect-error: the first slot is a number, not a string
export const wrongTuple: Observable<[string, string, boolean, bigint]> = tuple;

// Records give records.
export const record = gather({ a: of(1), b: of('x') });
export type RecordIsTyped = Expect<Equals<typeof record, Observable<{ a: number; b: string }>>>;
// @ts-expect-error: `a` is a number
export const wrongRecord: Observable<{ a: string; b: string }> = record;

// An empty array gives an empty tuple; a readonly tuple a mutable one.
export const empty = gather([]);
export type EmptyIsTyped = Expect<Equals<typeof empty, Observable<[]>>>;
const ro = [of(1), of('s')] as const;
export const fromReadonly = gather(ro);
export type ReadonlyIsTyped = Expect<Equals<typeof fromReadonly, Observable<[number, string]>>>;

// Bad input is a type error too.
// @ts-expect-error: a number is not an ObservableInput
gather([1, 2]);
// @ts-expect-error: not an array or record
gather(42);
// @ts-expect-error: returnExceptions is a boolean
gather([of(1)], { returnExceptions: 'yes' });

// The deadline operator is generic: it keeps the source's type.
const d = timeout(1000);
export const piped = of(1).pipe(d);
export type DeadlineKeepsType = Expect<Equals<typeof piped, Observable<number>>>;
export const at = of('s').pipe(timeoutAt(null));
export type DeadlineAtKeepsType = Expect<Equals<typeof at, Observable<string>>>;
export type WhenIsTyped = Expect<Equals<ReturnType<typeof d.when>, number | null>>;
// @ts-expect-error: a string is not a delay
timeout('1s');

export const shielded = of(1).pipe(shield());
export type ShieldKeepsType = Expect<Equals<typeof shielded, Observable<number>>>;
export const waited = waitFor(of(1), 10);
export type WaitForIsTyped = Expect<Equals<typeof waited, Observable<number>>>;
export const completed = asCompleted([of(1), of(2)]);
export type AsCompletedIsTyped = Expect<Equals<typeof completed, Observable<number>>>;
export const sets = wait([createTask(of('a'))], { returnWhen: 'FIRST_COMPLETED' });
export type WaitIsTyped = Expect<
  Equals<
    typeof sets,
    Observable<{
      done: Set<ReturnType<typeof createTask<string>>>;
      pending: Set<ReturnType<typeof createTask<string>>>;
    }>
  >
>;
// @ts-expect-error: unknown returnWhen
wait([createTask(of('a'))], { returnWhen: 'FIRST' });

export const grouped = taskGroup((tg) => {
  tg.createTask(of(1));
  return of('body');
});
export type TaskGroupIsTyped = Expect<Equals<typeof grouped, Observable<string>>>;
export const groupedVoid = taskGroup((tg) => {
  tg.createTask(of(1));
});
export type TaskGroupVoidIsTyped = Expect<Equals<typeof groupedVoid, Observable<never>>>;
