import * as fc from 'fast-check';
import { Observable, type Subscriber } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { flushTo, LeakScheduler, trackSubscriptions, type SubscriptionCounts } from '../helpers/leak-accounting';
import { observableMatcher } from '../helpers/observable-matcher';

/**
 * Shared pieces of the property suites: every suite runs ≥ 1,000 generated cases in
 * virtual time (`FC_RUNS` overrides the count; fast-check prints the seed and the
 * shrunk case on failure, replayable with `{ seed, path }`), and ends each case by
 * asserting that nothing is left scheduled or subscribed and every Task is done.
 */
export const runs = Number(process.env.FC_RUNS ?? 1000);
export const fcOptions: fc.Parameters<unknown> = { numRuns: runs };

/** A virtual clock for one generated case: a TestScheduler used outside `run()` and a LeakScheduler over it. */
export interface Clock {
  ts: TestScheduler;
  leak: LeakScheduler;
  /** Runs everything due at or before `frame`. */
  to(frame: number): void;
  now(): number;
}

export function clock(): Clock {
  const ts = new TestScheduler(observableMatcher);
  const leak = new LeakScheduler(ts);
  return { ts, leak, to: (frame) => flushTo(ts, frame), now: () => ts.now() };
}

/**
 * A scripted source: emits `emits.length` values (`value(i)`) at the given times after it
 * is subscribed, then ends at `end.at` with `end.kind` — or hangs when `end` is null. A
 * time of 0 happens synchronously inside `subscribe`. Times are relative to subscription.
 */
export interface Script {
  emits: number[];
  end: { at: number; kind: 'complete' | 'error' } | null;
}

/** Errors thrown by scripted sources carry the source's index, so identity is checkable. */
export class ScriptError extends Error {
  constructor(readonly index: number) {
    super(`source ${index} failed`);
    this.name = 'ScriptError';
  }
}

/** Even times (relative), so odd frames stay free for cancels and ties never arise. */
export const evenTime = (max: number) => fc.integer({ min: 0, max: Math.floor(max / 2) }).map((n) => n * 2);
/** Odd absolute times for cancels and other outside events. */
export const oddTime = (max: number) => fc.integer({ min: 0, max: Math.floor((max - 1) / 2) }).map((n) => n * 2 + 1);

export const scriptArb = (
  maxTime: number,
  kinds: ('complete' | 'error' | 'hang')[] = ['complete', 'error', 'hang'],
): fc.Arbitrary<Script> =>
  fc
    .record({
      emits: fc.array(evenTime(maxTime), { maxLength: 3 }),
      kind: fc.constantFrom(...kinds),
      endAt: evenTime(maxTime),
    })
    .map(({ emits, kind, endAt }) => {
      const sorted = [...emits].sort((a, b) => a - b);
      const at = Math.max(endAt, sorted[sorted.length - 1] ?? 0);
      return { emits: sorted, end: kind === 'hang' ? null : { at, kind } };
    });

/** The value a scripted source emits i-th. */
export const value = (index: number, i: number) => index * 100 + i;

/** Builds the scripted source on `leak` and tracks its subscriptions. */
export function scripted(
  script: Script,
  index: number,
  leak: LeakScheduler,
): { source: Observable<number>; counts: SubscriptionCounts } {
  const source = new Observable<number>((subscriber: Subscriber<number>) => {
    const events: [number, () => void][] = script.emits.map((t, i) => [t, () => subscriber.next(value(index, i))]);
    const end = script.end;
    if (end) {
      events.push([
        end.at,
        () => (end.kind === 'complete' ? subscriber.complete() : subscriber.error(new ScriptError(index))),
      ]);
    }
    for (const [t, fire] of events) {
      if (subscriber.closed) break;
      if (t === 0) fire();
      else subscriber.add(leak.schedule(fire, t));
    }
  });
  return trackSubscriptions(source);
}

/** What a scripted source would give if nothing cancelled it: its last value, its error, or nothing (hangs). */
export function scriptOutcome(script: Script, index: number): { at: number; failed: boolean; value: unknown } | null {
  if (!script.end) return null;
  if (script.end.kind === 'error') return { at: script.end.at, failed: true, value: new ScriptError(index) };
  const n = script.emits.length;
  return { at: script.end.at, failed: false, value: n === 0 ? undefined : value(index, n - 1) };
}
