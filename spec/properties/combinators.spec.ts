/**
 * gather, taskGroup, asCompleted and wait in virtual time over random sets of sources that
 * emit, complete, error or hang at random times, some handed in as Tasks, with an
 * unsubscribe at a random time, against a reference model of what asyncio reports: the
 * output (values, errors, when), each source torn down exactly once (or still running
 * where asyncio leaves it running), and nothing left scheduled.
 *
 * Sources end at distinct even frames (source i at ≡ 2i mod 2n), so completion order is
 * never a tie; unsubscribes and deadlines are at odd frames.
 */
import * as fc from 'fast-check';
import type { Observable } from 'rxjs';
import {
  asCompleted,
  createTask,
  ExceptionGroup,
  gather,
  setUnobservedErrorHandler,
  taskGroup,
  timeout,
  timeoutAt,
  wait,
  type ReturnWhen,
  type Task,
} from '../../lib';
import type { SubscriptionCounts } from '../helpers/leak-accounting';
import {
  clock,
  fcOptions,
  oddTime,
  scripted,
  scriptArb,
  scriptOutcome,
  value,
  type Clock,
  type Script,
} from './support';

const H = 1000;

// A source asCompleted wraps in a Task, failing after the output ended (an earlier failure
// or the deadline), is never retrieved and is reported when collected — as asyncio logs it.
// Those reports are expected here; keep them off the console (jest gives each spec file its
// own module instances, so this handler stays with this file, and GC may report after it).
setUnobservedErrorHandler(() => undefined);

interface Case {
  scripts: Script[];
  /** Which inputs are handed in as Tasks we created (the others as plain Observables). */
  asTask: boolean[];
  leaveAt: number | null;
}

const caseArb = (kinds?: ('complete' | 'error' | 'hang')[]): fc.Arbitrary<Case> =>
  fc.integer({ min: 1, max: 5 }).chain((n) =>
    fc.record({
      scripts: fc.array(scriptArb(20, kinds), { minLength: n, maxLength: n }).map((scripts) =>
        scripts.map((s, i) =>
          // An end at 0 stays synchronous (no values first); others are spread so no two tie.
          s.end?.at === 0
            ? { emits: [], end: s.end }
            : {
                emits: s.emits.map((t) => t * n + 2 * i),
                end: s.end && { ...s.end, at: s.end.at * n + 2 * i + 2 * n },
              },
        ),
      ),
      asTask: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
      leaveAt: fc.option(oddTime(200)),
    }),
  );

interface Built {
  c: Clock;
  inputs: Observable<unknown>[];
  tasks: (Task<unknown> | null)[];
  counts: SubscriptionCounts[];
}

function build(k: Case): Built {
  const c = clock();
  const made = k.scripts.map((s, i) => scripted(s, i, c.leak));
  const tasks = made.map((m, i) => (k.asTask[i] ? createTask(m.source, { scheduler: c.leak }) : null));
  const inputs = made.map((m, i) => tasks[i] ?? m.source);
  return { c, inputs, tasks, counts: made.map((m) => m.counts) };
}

/** Subscribes `output`, unsubscribes at `leaveAt`, runs to H; returns [frame, event] pairs. */
function drive(
  b: Built,
  output: Observable<unknown>,
  leaveAt: number | null,
  show: (v: unknown) => string = JSON.stringify,
): [number, string][] {
  const events: [number, string][] = [];
  const sub = output.subscribe({
    next: (v) => events.push([b.c.now(), `next ${show(v)}`]),
    error: (e: Error) =>
      events.push([
        b.c.now(),
        `error ${e.name} ${e instanceof ExceptionGroup ? e.errors.map((x: Error) => x.message).join(',') : e.message}`,
      ]),
    complete: () => events.push([b.c.now(), 'complete']),
  });
  if (leaveAt !== null) b.c.ts.schedule(() => sub.unsubscribe(), leaveAt);
  b.c.to(H);
  sub.unsubscribe();
  return events;
}

/** The natural end of source i: when, and how. */
function ends(k: Case) {
  const n = k.scripts.length;
  return k.scripts.map((s, i) => {
    const o = scriptOutcome(s, i);
    // Start order breaks ties (only synchronous ends, at 0, can tie): the Tasks handed in
    // were created first, then the combinator wraps the plain sources in input order.
    const order = k.asTask[i] ? i : n + i;
    return o
      ? { at: o.at, failed: o.failed, value: o.value, order }
      : { at: Infinity, failed: false, value: undefined, order };
  });
}

/** The source that fails first (by frame, then start order), or -1. */
function firstFailure(e: ReturnType<typeof ends>): number {
  let best = -1;
  e.forEach((x, i) => {
    if (x.failed && (best < 0 || x.at < e[best].at || (x.at === e[best].at && x.order < e[best].order))) best = i;
  });
  return best;
}

/** Every source torn down once if it ended or was cancelled by `cancelAt`; still live if it runs on. */
function expectTeardowns(b: Built, k: Case, cancelledAt: (i: number) => number): void {
  const e = ends(k);
  const expected = e.map((x, i) => {
    const stop = Math.min(x.at, cancelledAt(i));
    // Tasks we made are cancelled at the end of the case (below), so they end too.
    const ended = stop < Infinity || k.asTask[i];
    return { live: ended ? 0 : 1, subscribed: 1, tornDown: ended ? 1 : 0 };
  });
  for (const t of b.tasks) t?.cancel();
  b.c.to(H + 1);
  for (const t of b.tasks) if (t && !t.cancelled()) t.exception(); // ours: retrieved, so never reported
  expect(b.counts).toEqual(expected);
  expect(b.tasks.every((t) => t === null || t.done())).toBe(true);
  expect(b.c.leak.live).toBe(0);
}

const showError = (e: unknown) => (e instanceof Error ? `${e.name}:${e.message}` : String(e));

describe('gather (property)', () => {
  it.each([false, true])(
    'returnExceptions %p: emits the model’s array or first error at the model’s frame; unsubscribing cancels what is not done',
    (returnExceptions) => {
      fc.assert(
        fc.property(caseArb(), (k) => {
          const b = build(k);
          const events = drive(b, gather(b.inputs, { returnExceptions, scheduler: b.c.leak }), k.leaveAt, (v) =>
            JSON.stringify((v as unknown[]).map((x) => (x instanceof Error ? showError(x) : (x ?? null)))),
          );
          // Model.
          const e = ends(k);
          const leave = k.leaveAt ?? H; // drive() unsubscribes at H
          const firstError = returnExceptions ? Infinity : Math.min(...e.filter((x) => x.failed).map((x) => x.at));
          const allDone = Math.max(...e.map((x) => x.at));
          let expected: [number, string][];
          let cancelAt = Infinity; // when gather cancels the sources not done
          if (firstError < leave) {
            const i = firstFailure(e);
            expected = [[firstError, `error ScriptError source ${i} failed`]];
          } else if (allDone < leave) {
            const vals = e.map((x) => (x.failed ? showError(x.value) : (x.value ?? null)));
            expected = [
              [allDone, `next ${JSON.stringify(vals)}`],
              [allDone, 'complete'],
            ];
          } else {
            expected = [];
            cancelAt = leave;
          }
          expect(events).toEqual(expected);
          expectTeardowns(b, k, () => cancelAt);
        }),
        fcOptions,
      );
    },
  );
});

describe('taskGroup (property)', () => {
  it('completes when every task is done, or on the first error cancels the rest and errors with ExceptionGroup; unsubscribing cancels all', () => {
    fc.assert(
      fc.property(caseArb(), (k) => {
        const b = build(k);
        const made = k.scripts.map((s, i) => scripted(s, i, b.c.leak));
        // taskGroup owns its tasks: hand it the plain sources (Tasks handed in are not ours to cancel).
        const events = drive(
          b,
          taskGroup(
            (tg) => {
              for (const m of made) tg.createTask(m.source);
            },
            { scheduler: b.c.leak },
          ),
          k.leaveAt,
        );
        const e = ends(k);
        const leave = k.leaveAt ?? H; // drive() unsubscribes at H
        const firstError = Math.min(...e.filter((x) => x.failed).map((x) => x.at));
        const allDone = Math.max(...e.map((x) => x.at));
        let expected: [number, string][];
        let cancelAt = Infinity;
        if (firstError < leave) {
          // Every task that failed in that frame (only synchronous failures, at 0, share one), in order.
          const failedThen = e
            .map((x, i) => (x.failed && x.at === firstError ? `source ${i} failed` : null))
            .filter(Boolean);
          expected = [[firstError, `error ExceptionGroup ${failedThen.join(',')}`]];
          cancelAt = firstError;
        } else if (allDone < leave) {
          expected = [[allDone, 'complete']];
        } else {
          expected = [];
          cancelAt = leave;
        }
        expect(events).toEqual(expected);
        const expectedCounts = e.map((x) => {
          const ended = Math.min(x.at, cancelAt) < Infinity;
          return { live: ended ? 0 : 1, subscribed: 1, tornDown: ended ? 1 : 0 };
        });
        for (const t of b.tasks) t?.cancel();
        b.c.to(H + 1);
        expect(made.map((m) => m.counts)).toEqual(expectedCounts);
        expect(b.c.leak.live).toBe(0);
      }),
      fcOptions,
    );
  });
});

describe('asCompleted (property)', () => {
  it('emits results in completion order, errors with the first failure or at the deadline, and cancels only when unsubscribed before the end', () => {
    fc.assert(
      fc.property(
        caseArb(),
        fc.option(oddTime(300).map((t) => t + 0.5)) /* never tied with an unsubscribe */,
        (k, timeout) => {
          const b = build(k);
          const events = drive(b, asCompleted(b.inputs, { timeout, scheduler: b.c.leak }), k.leaveAt, (v) =>
            JSON.stringify(v ?? null),
          );
          const e = ends(k);
          const leave = k.leaveAt ?? H; // drive() unsubscribes at H
          const deadline = timeout ?? Infinity;
          const order = e.map((x, i) => ({ ...x, i })).sort((a, b2) => a.at - b2.at || a.order - b2.order);
          const expected: [number, string][] = [];
          let cancelAt = Infinity;
          let ended = false;
          for (const x of order) {
            if (x.at === Infinity) break;
            if (x.at > deadline || x.at > leave) break;
            if (x.failed) {
              expected.push([x.at, `error ScriptError source ${x.i} failed`]);
              ended = true;
              break;
            }
            expected.push([x.at, `next ${JSON.stringify(x.value ?? null)}`]);
          }
          if (!ended) {
            const emitted = expected.length;
            if (emitted === e.length) expected.push([expected[emitted - 1][0], 'complete']);
            else if (deadline < leave) expected.push([deadline, 'error TimeoutError Timeout has occurred']);
            else cancelAt = leave;
          }
          expect(events).toEqual(expected);
          expectTeardowns(b, k, () => cancelAt);
        },
      ),
      fcOptions,
    );
  });
});

describe('wait (property)', () => {
  it('emits {done, pending} when returnWhen holds or at the timeout, never cancels, never errors for a task’s error', () => {
    fc.assert(
      fc.property(
        caseArb(),
        fc.constantFrom<ReturnWhen>('FIRST_COMPLETED', 'FIRST_EXCEPTION', 'ALL_COMPLETED'),
        fc.option(oddTime(300).map((t) => t + 0.5)) /* never tied with an unsubscribe */,
        (k0, returnWhen, timeout) => {
          const k = { ...k0, asTask: k0.asTask.map(() => true) }; // wait reports Tasks: hand in ours
          const b = build(k);
          const index = new Map(b.tasks.map((t, i) => [t!, i]));
          const show = (r: unknown) => {
            const { done, pending } = r as { done: Set<Task<unknown>>; pending: Set<Task<unknown>> };
            const ids = (s: Set<Task<unknown>>) => [...s].map((t) => index.get(t)).sort();
            return JSON.stringify({ done: ids(done), pending: ids(pending) });
          };
          const events = drive(
            b,
            wait(
              b.tasks.filter((t): t is Task<unknown> => t !== null),
              { returnWhen, timeout, scheduler: b.c.leak },
            ),
            k.leaveAt,
            show,
          );
          const e = ends(k);
          const leave = k.leaveAt ?? H; // drive() unsubscribes at H
          const deadline = timeout ?? Infinity;
          const firstDone = Math.min(...e.map((x) => x.at));
          const firstError = Math.min(...e.filter((x) => x.failed).map((x) => x.at));
          const allDone = Math.max(...e.map((x) => x.at));
          const when = Math.min(
            returnWhen === 'FIRST_COMPLETED'
              ? firstDone
              : returnWhen === 'FIRST_EXCEPTION'
                ? Math.min(firstError, allDone)
                : allDone,
            deadline,
          );
          const expected: [number, string][] = [];
          if (when < leave && when < Infinity) {
            const done = e.map((x, i) => (x.at <= when ? i : -1)).filter((i) => i >= 0);
            const pending = e.map((x, i) => (x.at > when ? i : -1)).filter((i) => i >= 0);
            expected.push([when, `next ${JSON.stringify({ done, pending })}`], [when, 'complete']);
          }
          expect(events).toEqual(expected);
          expectTeardowns(b, k, () => Infinity);
        },
      ),
      fcOptions,
    );
  });
});

describe('timeout / timeoutAt with reschedules (property)', () => {
  it('fires exactly at the last deadline set (a past one on the next turn), never twice, never after the source ended', () => {
    const whenArb = fc.option(fc.integer({ min: -20, max: 150 }).map((n) => n + 0.5)); // never tied with source or reschedule frames
    fc.assert(
      fc.property(
        scriptArb(100),
        fc.constantFrom('timeout' as const, 'timeoutAt' as const),
        whenArb,
        fc.uniqueArray(fc.tuple(oddTime(160), whenArb), { selector: ([t]) => t, maxLength: 5 }),
        (script, kind, initial, reschedules) => {
          const c = clock();
          const made = scripted(script, 0, c.leak);
          const d = kind === 'timeout' ? timeout(initial, c.leak) : timeoutAt(initial, c.leak);
          const events: [number, string][] = [];
          const sub = made.source.pipe(d).subscribe({
            next: (v) => events.push([c.now(), `next ${v}`]),
            error: (e: Error) => events.push([c.now(), `error ${e.name}`]),
            complete: () => events.push([c.now(), 'complete']),
          });
          for (const [at, when] of reschedules) c.ts.schedule(() => d.reschedule(when), at);
          c.to(H);
          sub.unsubscribe();

          // Model: walk the reschedules in time order; the deadline fires at max(deadline, when it was set).
          const end = scriptOutcome(script, 0);
          const endAt = end ? end.at : Infinity;
          let deadline: number | null = initial; // timeout(delay) subscribed at 0: now + delay = delay
          let setAt = 0;
          let fired: number | null = null;
          const sorted = [...reschedules].sort((a, b) => a[0] - b[0]);
          const fireTime = () => (deadline === null || deadline === Infinity ? Infinity : Math.max(deadline, setAt));
          let ended = false;
          let lastWhen: number | null = initial;
          for (const [at, when] of [...sorted, [Infinity, null] as [number, number | null]]) {
            const f = fireTime();
            if (!ended && fired === null && f < at && f < endAt) fired = f;
            if (!ended && fired === null && endAt < at && endAt <= f) ended = true;
            if (at === Infinity) break;
            // A reschedule after the end sets the deadline of a next subscription only.
            lastWhen = when;
            if (fired === null && !ended) {
              deadline = when;
              setAt = at;
            }
          }
          // Emits at 0 are synchronous, inside subscribe: before any deadline's turn.
          const emitted = script.emits
            .filter((t) => (t < (fired ?? Infinity) || t === 0) && t <= endAt && t < H)
            .map((t, i) => [t, `next ${value(0, i)}`] as [number, string]);
          const expected: [number, string][] = [...emitted];
          if (fired !== null) expected.push([fired, 'error TimeoutError']);
          else if (end && endAt < H) expected.push([endAt, end.failed ? 'error ScriptError' : 'complete']);
          expect({ events, expired: d.expired(), when: d.when() }).toEqual({
            events: expected,
            expired: fired !== null && !sorted.some(([at]) => at > fired),
            when: lastWhen,
          });
          expect(made.counts).toEqual({ live: 0, subscribed: 1, tornDown: 1 });
          expect(c.leak.live).toBe(0);
        },
      ),
      fcOptions,
    );
  });
});
