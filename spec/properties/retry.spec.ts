/**
 * retryWithDelay in virtual time: random error sequences, tables (row order, subclass
 * before base, predicates, unmatched errors), backoff, jitter, Retry-After, fallback and
 * an unsubscribe at a random moment, against a model of DESIGN.md's retry policy: the
 * attempts made and when, the waits `onRetry` hears, and the outcome. Each case ends with
 * nothing scheduled and the source torn down once per attempt.
 */
import * as fc from 'fast-check';
import { defer, of, timer, map, mergeMap, throwError } from 'rxjs';
import { CancelledError, retryWithDelay, type RetryPolicy } from '../../lib';
import { trackSubscriptions } from '../helpers/leak-accounting';
import { clock, fcOptions } from './support';

class BaseError extends Error {}
class SubError extends BaseError {}
class OtherError extends Error {
  constructor(readonly code: number) {
    super(`other ${code}`);
  }
}
class LimitError extends Error {
  constructor(readonly after: number | undefined) {
    super(`limit ${after}`);
  }
}

type Fault = 'base' | 'sub' | 'other1' | 'other2' | 'limit' | 'limitNoHeader' | 'cancelled';
const make = (f: Fault, after: number): Error =>
  f === 'base'
    ? new BaseError('base')
    : f === 'sub'
      ? new SubError('sub')
      : f === 'other1'
        ? new OtherError(1)
        : f === 'other2'
          ? new OtherError(2)
          : f === 'limit'
            ? new LimitError(after)
            : f === 'limitNoHeader'
              ? new LimitError(undefined)
              : new CancelledError('inner');

type RowKey = 'sub' | 'base' | 'other1' | 'limit';
const matchers = {
  sub: SubError,
  base: BaseError,
  other1: (e: unknown) => e instanceof OtherError && e.code === 1,
  limit: LimitError,
} as const;
const matches = (key: RowKey, e: Error) => (key === 'other1' ? matchers.other1(e) : e instanceof matchers[key]);

interface Case {
  attempts: number;
  rows: [RowKey, number][];
  backoff: { factor: number; max?: number } | null;
  jitter: number;
  randoms: number[];
  useRetryAfter: boolean;
  fallback: boolean;
  /** Per attempt: how long it runs (even) and how it ends. */
  runs: { d: number; fault: Fault | null; after: number }[];
  leaveAt: number | null;
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  attempts: fc.integer({ min: 1, max: 6 }),
  rows: fc.uniqueArray(
    fc.tuple(
      fc.constantFrom<RowKey>('sub', 'base', 'other1', 'limit'),
      fc.integer({ min: 0, max: 10 }).map((n) => n * 2),
    ),
    {
      selector: ([k]) => k,
      maxLength: 4,
    },
  ),
  backoff: fc.option(
    fc.record({
      factor: fc.constantFrom(1, 1.5, 2, 3),
      max: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
    }),
  ),
  jitter: fc.constantFrom(0, 0, 0.5, 1),
  randoms: fc.array(fc.double({ min: 0, max: 0.999, noNaN: true }), { minLength: 8, maxLength: 8 }),
  useRetryAfter: fc.boolean(),
  fallback: fc.boolean(),
  runs: fc.array(
    fc.record({
      d: fc.integer({ min: 0, max: 5 }).map((n) => n * 2),
      fault: fc.option(
        fc.constantFrom<Fault>('base', 'sub', 'other1', 'other2', 'limit', 'limitNoHeader', 'cancelled'),
        { freq: 5 },
      ),
      after: fc.integer({ min: -3, max: 12 }),
    }),
    { minLength: 6, maxLength: 6 },
  ),
  leaveAt: fc.option(fc.integer({ min: 0, max: 200 }).map((n) => n + 0.3)),
});

interface Model {
  starts: number[];
  retries: [attempt: number, delay: number][];
  outcome: [time: number, what: string] | null;
}

function model(k: Case): Model {
  const starts: number[] = [];
  const retries: [number, number][] = [];
  let t = 0;
  let row = -1;
  let streak = 0;
  let r = 0;
  const leave = k.leaveAt ?? Infinity;
  for (let attempt = 1; ; attempt++) {
    if (t >= leave) return { starts, retries, outcome: null };
    starts.push(t);
    const run = k.runs[attempt - 1];
    t += run.d;
    if (t >= leave) return { starts, retries, outcome: null };
    if (run.fault === null) return { starts, retries, outcome: [t, `value ${attempt}`] };
    const error = make(run.fault, run.after);
    const match = error instanceof CancelledError ? -1 : k.rows.findIndex(([key]) => matches(key, error));
    if (match < 0) return { starts, retries, outcome: [t, `error ${error.message}`] };
    streak = match === row ? streak + 1 : 1;
    row = match;
    if (attempt >= k.attempts)
      return {
        starts,
        retries,
        outcome: [t, k.fallback ? `value fallback ${error.message}` : `error ${error.message}`],
      };
    const server = k.useRetryAfter && error instanceof LimitError ? error.after : undefined;
    let wait: number;
    if (server !== undefined) wait = Math.max(0, server);
    else {
      const factor = k.backoff?.factor ?? 1;
      const max = k.backoff?.max ?? Infinity;
      const grown = Math.min(k.rows[match][1] * factor ** (streak - 1), max);
      wait = k.jitter === 0 ? grown : grown * (1 - k.jitter * k.randoms[r++ % k.randoms.length]);
    }
    retries.push([attempt, wait]);
    t += wait;
  }
}

describe('retryWithDelay (property)', () => {
  it('makes the attempts, at the times, with the waits and the outcome the model says, and leaves nothing behind', () => {
    fc.assert(
      fc.property(caseArb, (k) => {
        const c = clock();
        let attempt = 0;
        const starts: number[] = [];
        const tracked = trackSubscriptions(
          defer(() => {
            const n = ++attempt;
            starts.push(c.now());
            const run = k.runs[n - 1];
            const end = run.d === 0 ? of(0) : timer(run.d, c.leak);
            return end.pipe(
              mergeMap(() => (run.fault === null ? of(`value ${n}`) : throwError(() => make(run.fault!, run.after)))),
            );
          }),
        );
        let r = 0;
        const retries: [number, number][] = [];
        const policy: RetryPolicy<string> = {
          attempts: k.attempts,
          delay: k.rows.map(([key, ms]) => [matchers[key], ms] as const),
          jitter: k.jitter,
          random: () => k.randoms[r++ % k.randoms.length],
          onRetry: ({ attempt: a, delay }) => void retries.push([a, delay]),
          scheduler: c.leak,
        };
        if (k.backoff) policy.backoff = k.backoff;
        if (k.useRetryAfter) policy.retryAfter = (e) => (e instanceof LimitError ? e.after : undefined);
        if (k.fallback) policy.fallback = (e) => of(`fallback ${(e as Error).message}`);
        const outcome: [number, string][] = [];
        const sub = tracked.source
          .pipe(
            retryWithDelay(policy),
            map((v) => `value ${v}`),
          )
          .subscribe({
            next: (v) => outcome.push([c.now(), v]),
            error: (e: Error) => outcome.push([c.now(), `error ${e.message}`]),
          });
        if (k.leaveAt !== null) c.ts.schedule(() => sub.unsubscribe(), k.leaveAt);
        c.to(1000);
        sub.unsubscribe();
        const m = model(k);
        expect({ starts, retries, outcome: outcome[0] ?? null, count: outcome.length }).toEqual({
          starts: m.starts,
          retries: m.retries,
          outcome: m.outcome ? [m.outcome[0], m.outcome[1].replace(/^value (\d+)$/, 'value value $1')] : null,
          count: m.outcome ? 1 : 0,
        });
        expect(tracked.counts).toEqual({ live: 0, subscribed: m.starts.length, tornDown: m.starts.length });
        expect(c.leak.live).toBe(0);
        expect(c.ts.actions.length).toBe(0);
      }),
      fcOptions,
    );
  });
});
