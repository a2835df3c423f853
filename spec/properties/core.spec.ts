/**
 * Properties of the core (sleep, Future, Task) in virtual time: random delays, random
 * cancel orders, compared with a simple model of what asyncio would report. Each case
 * ends with the leak assertions and every Task done().
 */
import * as fc from 'fast-check';
import { CancelledError, createTask, Future, InvalidStateError, sleep, type Task } from '../../lib';
import { clock, fcOptions, oddTime, scripted, scriptArb, ScriptError, scriptOutcome, type Script } from './support';

/** [class, message] of what `fn` throws. */
function thrownBy(fn: () => unknown): [unknown, string] | null {
  try {
    fn();
    return null;
  } catch (e) {
    return [(e as Error).constructor, (e as Error).message];
  }
}

const H = 200; // every generated event happens before this frame

describe('sleep (property)', () => {
  it('emits once at max(0, delay) unless unsubscribed first, never for ±∞/null, and leaves nothing scheduled', () => {
    const delayArb = fc.oneof(
      // Even or fractional, so never tied with the odd frames of the unsubscribes.
      fc.integer({ min: -25, max: 75 }).map((n) => n * 2),
      fc.integer({ min: -25, max: 75 }).map((n) => n * 2 + 0.25),
      fc.constantFrom(Infinity, -Infinity, null, 0, -0),
    );
    fc.assert(
      fc.property(
        fc.array(fc.record({ delay: delayArb, leaveAt: fc.option(oddTime(H)) }), { maxLength: 8 }),
        (sleeps) => {
          const c = clock();
          const seen: [number, string][][] = sleeps.map(() => []);
          const subs = sleeps.map(({ delay }, i) =>
            sleep(delay!, i, c.leak).subscribe({
              next: (v) => seen[i].push([c.now(), `next ${v}`]),
              complete: () => seen[i].push([c.now(), 'complete']),
            }),
          );
          sleeps.forEach(({ leaveAt }, i) => {
            if (leaveAt !== null) c.ts.schedule(() => subs[i].unsubscribe(), leaveAt);
          });
          expect(seen.flat()).toEqual([]); // never synchronous, not even sleep(0)
          c.to(H);
          const expected = sleeps.map(({ delay, leaveAt }, i) => {
            const due = delay === null || delay === Infinity ? Infinity : Math.max(0, delay);
            const fires = due < H && (leaveAt === null || due < leaveAt);
            return fires
              ? [
                  [due, `next ${i}`],
                  [due, 'complete'],
                ]
              : [];
          });
          expect(seen).toEqual(expected);
          subs.forEach((s) => s.unsubscribe());
          expect(c.leak.live).toBe(0);
          expect(c.ts.actions.length).toBe(0);
        },
      ),
      fcOptions,
    );
  });
});

describe('Future (property)', () => {
  type Op =
    | { kind: 'setResult'; v: number }
    | { kind: 'setException' }
    | { kind: 'cancel'; msg?: string }
    | { kind: 'addDoneCallback'; cb: number }
    | { kind: 'removeDoneCallback'; cb: number }
    | { kind: 'subscribe' }
    | { kind: 'unsubscribe'; which: number }
    | { kind: 'turn' };
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('setResult' as const), v: fc.integer() }),
    fc.record({ kind: fc.constant('setException' as const) }),
    fc.record({
      kind: fc.constant('cancel' as const),
      msg: fc.option(fc.string({ maxLength: 3 }), { nil: undefined }),
    }),
    fc.record({ kind: fc.constant('addDoneCallback' as const), cb: fc.integer({ min: 0, max: 2 }) }),
    fc.record({ kind: fc.constant('removeDoneCallback' as const), cb: fc.integer({ min: 0, max: 2 }) }),
    fc.record({ kind: fc.constant('subscribe' as const) }),
    fc.record({ kind: fc.constant('unsubscribe' as const), which: fc.nat(5) }),
    fc.record({ kind: fc.constant('turn' as const) }),
  );

  it('settles once, calls each registered callback once, and hears every subscriber once, as a model says', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 14 }), (ops) => {
        const c = clock();
        const fut = new Future<number>({ scheduler: c.leak });
        const error = new Error('boom');
        // The model.
        let state: 'PENDING' | 'CANCELLED' | 'FINISHED' = 'PENDING';
        let failed = false;
        let result: number | undefined;
        let msg: string | undefined;
        const registered = [0, 0, 0]; // pending registrations per callback
        const expectedCalls = [0, 0, 0];
        const calls = [0, 0, 0];
        const callbacks = [0, 1, 2].map((k) => () => {
          calls[k]++;
        });
        const subs: { sub: { unsubscribe(): void; closed: boolean }; heard: string[]; left: boolean }[] = [];
        const settle = () => {
          for (let k = 0; k < 3; k++) expectedCalls[k] += registered[k];
          registered.fill(0);
        };
        for (const op of ops) {
          switch (op.kind) {
            case 'setResult':
              if (state === 'PENDING') {
                fut.setResult(op.v);
                state = 'FINISHED';
                result = op.v;
                settle();
              } else expect(() => fut.setResult(op.v)).toThrow(InvalidStateError);
              break;
            case 'setException':
              if (state === 'PENDING') {
                fut.setException(error);
                state = 'FINISHED';
                failed = true;
                settle();
              } else expect(() => fut.setException(error)).toThrow(InvalidStateError);
              break;
            case 'cancel':
              expect(fut.cancel(op.msg)).toBe(state === 'PENDING');
              if (state === 'PENDING') {
                state = 'CANCELLED';
                msg = op.msg;
                settle();
              }
              break;
            case 'addDoneCallback':
              fut.addDoneCallback(callbacks[op.cb]);
              if (state === 'PENDING') registered[op.cb]++;
              else expectedCalls[op.cb]++;
              break;
            case 'removeDoneCallback':
              expect(fut.removeDoneCallback(callbacks[op.cb])).toBe(registered[op.cb]);
              registered[op.cb] = 0;
              break;
            case 'subscribe': {
              const heard: string[] = [];
              const sub = fut.subscribe({
                next: (v) => heard.push(`next ${v}`),
                error: (e: Error) => heard.push(`error ${e.name} ${e.message}`),
                complete: () => heard.push('complete'),
              });
              subs.push({ sub, heard, left: false });
              break;
            }
            case 'unsubscribe': {
              const s = subs[op.which % Math.max(1, subs.length)];
              if (subs.length === 0) break;
              s.sub.unsubscribe();
              // Leaving before the outcome is heard cancels a pending Future.
              if (!s.left && s.heard.length === 0) {
                s.left = true;
                if (state === 'PENDING') {
                  state = 'CANCELLED';
                  msg = undefined;
                  settle();
                }
              }
              break;
            }
            case 'turn':
              c.to(c.now());
              break;
          }
        }
        c.to(c.now());
        expect(calls).toEqual(expectedCalls);
        expect(fut.done()).toBe(state !== 'PENDING');
        expect(fut.cancelled()).toBe(state === 'CANCELLED');
        const outcome =
          state === 'CANCELLED'
            ? [`error CancelledError ${msg ?? ''}`]
            : failed
              ? ['error Error boom']
              : state === 'FINISHED'
                ? [`next ${result}`, 'complete']
                : [];
        for (const s of subs) expect(s.heard).toEqual(s.left ? [] : outcome);
        if (state === 'FINISHED' && !failed) expect(fut.result()).toBe(result);
        if (state === 'FINISHED' && failed) expect(fut.exception()).toBe(error);
        if (state === 'CANCELLED') expect(() => fut.result()).toThrow(CancelledError);
        if (state === 'PENDING') fut.cancel();
        c.to(c.now());
        expect(c.leak.live).toBe(0);
        expect(fut.done()).toBe(true);
      }),
      fcOptions,
    );
  });
});

describe('Task (property)', () => {
  interface Case {
    script: Script;
    createAt: number; // even
    cancel: { at: 'sync' | number; via: 'cancel' | 'unsubscribe'; msg?: string } | null;
    signal: boolean; // source as a (signal) => … function
    watch: boolean; // a subscriber from creation on
    secondCancelAt: number | null; // odd, a cancel() whose return value is checked
  }
  // Cancel times are drawn relative to creation (odd, so never tied with a source's even
  // frames) and made absolute here; a second cancel at the first one's frame is dropped.
  const caseArb: fc.Arbitrary<Case> = fc
    .record({
      script: scriptArb(60),
      createAt: fc.integer({ min: 0, max: 20 }).map((n) => n * 2),
      cancel: fc.option(
        fc.record({
          at: fc.oneof(fc.constant('sync' as const), oddTime(120)),
          via: fc.constantFrom('cancel' as const, 'unsubscribe' as const),
          msg: fc.option(fc.string({ maxLength: 3 }), { nil: undefined }),
        }),
      ),
      signal: fc.boolean(),
      watch: fc.boolean(),
      secondCancelAt: fc.option(oddTime(120)),
    })
    .map((k) => {
      const cancel = k.cancel && (k.cancel.at === 'sync' ? k.cancel : { ...k.cancel, at: k.createAt + k.cancel.at });
      const second = k.secondCancelAt === null ? null : k.createAt + k.secondCancelAt;
      return { ...k, cancel, secondCancelAt: cancel?.at === second ? null : second };
    });

  it('ends as the model says — result, error or cancelled at the right frame — tears each source down once and leaks nothing', () => {
    fc.assert(
      fc.property(fc.array(caseArb, { minLength: 1, maxLength: 6 }), (cases) => {
        const c = clock();
        const built = cases.map((k, i) => ({ k, i, ...scripted(k.script, i, c.leak) }));
        const tasks: Task<number>[] = [];
        const doneAt: number[] = cases.map(() => -1);
        const heard: [number, string][][] = cases.map(() => []);
        const cancelResults: (boolean | null)[] = cases.map(() => null);
        const signals: (AbortSignal | null)[] = cases.map(() => null);
        // Hanging sources: cancelled at H, as run() does with what main leaves running.
        c.ts.schedule(() => tasks.forEach((t) => t.cancel()), H);

        for (const { k, i, source } of built) {
          c.ts.schedule(() => {
            const task = createTask<number>(
              k.signal
                ? (signal) => {
                    signals[i] = signal;
                    return source;
                  }
                : source,
              { scheduler: c.leak },
            );
            tasks[i] = task;
            task.addDoneCallback(() => {
              expect(doneAt[i]).toBe(-1); // once
              doneAt[i] = c.now();
            });
            const sub =
              k.watch || k.cancel?.via === 'unsubscribe'
                ? task.subscribe({
                    next: (v) => heard[i].push([c.now(), `next ${v}`]),
                    error: (e: Error) => heard[i].push([c.now(), `error ${e.name}`]),
                    complete: () => heard[i].push([c.now(), 'complete']),
                  })
                : null;
            const doCancel = () =>
              k.cancel!.via === 'cancel' || !sub ? task.cancel(k.cancel!.msg) : (sub.unsubscribe(), true);
            if (k.cancel?.at === 'sync') doCancel();
            else if (k.cancel) c.ts.schedule(doCancel, k.cancel.at - c.now());
            if (k.secondCancelAt !== null) {
              c.ts.schedule(() => (cancelResults[i] = task.cancel()), k.secondCancelAt - c.now());
            }
          }, k.createAt);
        }
        c.to(H + 1);

        const actual: unknown[] = [];
        const expected: unknown[] = [];
        for (const { k, i, counts } of built) {
          const task = tasks[i];
          // The model: the earliest cancel before the source's natural end wins.
          const natural = scriptOutcome(k.script, i);
          const end = natural ? k.createAt + natural.at : Infinity;
          // A cancel right after createTask comes before the start (createAt − ½), settling at createAt.
          const firstAt = k.cancel === null ? Infinity : k.cancel.at === 'sync' ? k.createAt - 0.5 : k.cancel.at;
          const causes = [
            { at: firstAt, msg: k.cancel?.via === 'cancel' ? k.cancel.msg : undefined },
            { at: k.secondCancelAt ?? Infinity, msg: undefined },
            { at: H, msg: undefined }, // what is still running at H
          ].sort((a, b) => a.at - b.at);
          const cause = causes[0];
          const cancelled = cause.at < end;
          const settledAt = cancelled ? Math.ceil(cause.at) + 0 : end; // + 0: no -0
          const subscribed = k.cancel?.at !== 'sync';
          const leavesAt = k.cancel?.via === 'unsubscribe' ? firstAt : Infinity;

          const outcomeOf = (): unknown => {
            if (task.cancelled()) return thrownBy(() => task.result());
            const error = task.exception();
            return error === undefined ? ['result', task.result()] : ['error', (error as Error).constructor, error];
          };
          const heardIf =
            settledAt >= leavesAt
              ? []
              : cancelled
                ? [[settledAt, 'error CancelledError']]
                : natural!.failed
                  ? [[settledAt, 'error ScriptError']]
                  : [
                      [settledAt, `next ${String(natural!.value)}`],
                      [settledAt, 'complete'],
                    ];
          const watched = k.watch || k.cancel?.via === 'unsubscribe';
          actual.push({
            done: task.done(),
            doneAt: doneAt[i],
            counts,
            signal: k.signal ? [signals[i] !== null, task.signal.aborted] : null,
            secondCancel: cancelResults[i],
            outcome: outcomeOf(),
            // The subscriber hears the outcome once, at the frame it settles, unless it left first.
            heard: watched ? heard[i] : [],
          });
          expected.push({
            done: true,
            doneAt: settledAt,
            counts: { live: 0, subscribed: subscribed ? 1 : 0, tornDown: subscribed ? 1 : 0 },
            signal: k.signal ? [subscribed, cancelled] : null,
            secondCancel: k.secondCancelAt === null ? null : k.secondCancelAt <= settledAt,
            outcome: cancelled
              ? [CancelledError, cause.msg ?? '']
              : natural!.failed
                ? ['error', ScriptError, natural!.value]
                : ['result', natural!.value],
            heard: watched ? heardIf : [],
          });
        }
        expect(actual).toEqual(expected);
        expect(c.leak.live).toBe(0);
        expect(c.ts.actions.length).toBe(0);
      }),
      fcOptions,
    );
  });
});
