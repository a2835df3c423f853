import {
  asyncScheduler,
  from,
  Observable,
  type MonoTypeOperatorFunction,
  type ObservableInput,
  type Observer,
  type SchedulerLike,
  type Subscription,
  type Unsubscribable,
} from 'rxjs';
import { CancelledError } from './errors';
import { scheduleIn } from './internal/schedule';
import {
  checkInteger,
  checkOptionalFunction,
  checkScheduler,
  isObservableInput,
  rangeError,
  typeError,
} from './internal/validate';

const FN = 'retryWithDelay';

/**
 * What a row of a retry table matches: an error class (`Error` itself, or any class whose
 * `prototype` is an `Error`), tested with `instanceof`; any other function is a predicate
 * called with the error.
 */
export type ErrorMatcher = (abstract new (...args: never[]) => unknown) | ((error: unknown) => boolean);

/** An ordered retry table: `[matcher, wait in ms]` rows; the first row that matches decides. */
export type RetryDelayTable = ReadonlyArray<readonly [ErrorMatcher, number]>;

/** Computes the wait (ms) before retrying after `attempt` failed with `error`; `null` rethrows it. */
export type RetryDelayFunction = (error: unknown, attempt: number) => number | null;

/** What `onRetry` hears before each retry. */
export interface RetryInfo {
  /** The error the attempt failed with. */
  error: unknown;
  /** The attempt that failed, counting from 1. */
  attempt: number;
  /** The wait (ms) that will pass before the next attempt: the one actually used. */
  delay: number;
}

/** Growth of the wait while one kind of error repeats. */
export interface RetryBackoff {
  /** Multiplier (≥ 1): the n-th consecutive error of one table row waits `wait × factor^(n−1)`. */
  factor: number;
  /** Cap (ms, ≥ 0) on the grown wait. Default: no cap. */
  max?: number;
}

/** The policy of {@link retryWithDelay}. All waits are in milliseconds. */
export interface RetryPolicy<T> {
  /** Total number of attempts, the first one included (an integer ≥ 1): asyncio-style `retry=3` is `attempts: 3`. */
  attempts: number;
  /**
   * The wait per kind of error: an ordered table of `[ErrorClass | predicate, ms]` rows
   * (the first row that matches decides, so list a subclass before its base class), or a
   * function `(error, attempt) => ms | null`, asked after every failed attempt, the last one
   * included (where only `null` matters: it rethrows without the fallback). An error no row
   * matches (or for which the function returns `null`) is rethrown at once.
   */
  delay: RetryDelayTable | RetryDelayFunction;
  /** Let the wait grow while the same row keeps matching consecutive errors. Default: no growth. */
  backoff?: RetryBackoff;
  /** From 0 to 1: each wait is multiplied by `1 − jitter × random()`. Default 0. */
  jitter?: number;
  /** Random source of `jitter`, returning a number in [0, 1). Default `Math.random`. */
  random?: () => number;
  /**
   * The server's wait for this error (ms), e.g. from a `Retry-After` header, or `undefined`
   * to use the table. A returned wait replaces the table's and is neither backed off nor
   * jittered; a negative one means now. It never makes an unmatched error retryable.
   */
  retryAfter?: (error: unknown) => number | undefined;
  /** Called before each retry that will happen, with the wait actually used: the place to log. */
  onRetry?: (info: RetryInfo) => void;
  /**
   * What to emit instead of the last error once every attempt has failed (not for errors
   * that are rethrown at once). Default: rethrow the last error.
   */
  fallback?: (error: unknown) => ObservableInput<T>;
  /** Time source of the waits. Default `asyncScheduler`. */
  scheduler?: SchedulerLike;
}

/** The policy, checked, in the shape the operator uses. */
interface Plan<T> {
  attempts: number;
  /** Returns the row that matched (0 for a function) and its wait, or null to rethrow. */
  classify: (error: unknown, attempt: number) => readonly [row: number, wait: number] | null;
  factor: number;
  max: number;
  jitter: number;
  random: () => number;
  retryAfter: ((error: unknown) => number | undefined) | undefined;
  onRetry: ((info: RetryInfo) => void) | undefined;
  fallback: ((error: unknown) => ObservableInput<T>) | undefined;
  scheduler: SchedulerLike;
}

function isErrorClass(matcher: object): boolean {
  return matcher === Error || (matcher as { prototype?: unknown }).prototype instanceof Error;
}

/** A number, else TypeError; `ok(n)`, else RangeError. */
function checkNumber(arg: string, value: unknown, rule: string, ok: (n: number) => boolean): asserts value is number {
  if (typeof value !== 'number') typeError(FN, arg, rule, value);
  if (!ok(value)) rangeError(FN, arg, rule, value);
}

/** A wait returned by a policy function: a finite number, negative meaning now. */
function returnedWait(arg: string, value: unknown, rule: string): number {
  checkNumber(arg, value, rule, Number.isFinite);
  return Math.max(0, value);
}

function tableClassifier(table: RetryDelayTable): Plan<unknown>['classify'] {
  if (!Array.isArray(table)) typeError(FN, 'policy.delay', 'an array of [matcher, ms] pairs or a function', table);
  const rows = table.map((row: unknown, i) => {
    if (!Array.isArray(row) || row.length !== 2) typeError(FN, `policy.delay[${i}]`, 'a [matcher, ms] pair', row);
    const [matcher, wait] = row as [unknown, unknown];
    if (typeof matcher !== 'function') {
      typeError(FN, `policy.delay[${i}][0]`, 'an error class or a predicate function', matcher);
    }
    checkNumber(`policy.delay[${i}][1]`, wait, 'a finite number ≥ 0', (n) => n >= 0 && n < Infinity);
    const test = isErrorClass(matcher)
      ? (error: unknown) => error instanceof (matcher as abstract new () => unknown)
      : (matcher as (error: unknown) => boolean);
    return [test, wait] as const;
  });
  return (error) => {
    for (let i = 0; i < rows.length; i++) {
      const matches = rows[i][0]; // called as a plain function: the row is not its `this`
      if (matches(error)) return [i, rows[i][1]];
    }
    return null;
  };
}

function checkPolicy<T>(policy: RetryPolicy<T>): Plan<T> {
  if (policy === null || typeof policy !== 'object') typeError(FN, 'policy', 'an object', policy);
  const {
    attempts,
    delay,
    backoff,
    jitter = 0,
    random = () => Math.random(),
    retryAfter,
    onRetry,
    fallback,
    scheduler,
  } = policy;
  checkInteger(FN, 'policy.attempts', attempts, 1);
  let classify: Plan<T>['classify'];
  if (typeof delay === 'function' && isErrorClass(delay)) {
    typeError(FN, 'policy.delay', 'an array of [matcher, ms] pairs or a function', delay); // [[Cls, ms]] was meant
  } else if (typeof delay === 'function') {
    classify = (error, attempt) => {
      const wait = delay(error, attempt);
      return wait === null ? null : [0, returnedWait('policy.delay()', wait, 'a finite number or null')];
    };
  } else classify = tableClassifier(delay);
  let factor = 1;
  let max = Infinity;
  if (backoff !== undefined) {
    if (backoff === null || typeof backoff !== 'object')
      typeError(FN, 'policy.backoff', 'an object { factor, max? }', backoff);
    checkNumber('policy.backoff.factor', backoff.factor, 'a finite number ≥ 1', (n) => n >= 1 && n < Infinity);
    factor = backoff.factor;
    if (backoff.max !== undefined) {
      checkNumber('policy.backoff.max', backoff.max, 'a number ≥ 0', (n) => n >= 0);
      max = backoff.max;
    }
  }
  checkNumber('policy.jitter', jitter, 'a number from 0 to 1', (n) => n >= 0 && n <= 1);
  checkOptionalFunction(FN, 'policy.random', random);
  checkOptionalFunction(FN, 'policy.retryAfter', retryAfter);
  checkOptionalFunction(FN, 'policy.onRetry', onRetry);
  checkOptionalFunction(FN, 'policy.fallback', fallback);
  checkScheduler(FN, scheduler, 'policy.scheduler');
  return {
    attempts,
    classify,
    factor,
    max,
    jitter,
    random,
    retryAfter,
    onRetry,
    fallback,
    scheduler: scheduler ?? asyncScheduler,
  };
}

/** The wait before the next attempt: the server's, else the row's grown, capped and jittered. */
function nextWait<T>(plan: Plan<T>, error: unknown, wait: number, streak: number): number {
  const server = plan.retryAfter?.(error);
  if (server !== undefined) return returnedWait('policy.retryAfter()', server, 'a finite number or undefined');
  const grown = Math.min(wait * plan.factor ** (streak - 1), plan.max);
  return plan.jitter === 0 ? grown : grown * (1 - plan.jitter * plan.random());
}

/**
 * Retries the source after a wait that depends on the kind of error, a given number of
 * times in all, then gives up — with a fallback or the last error.
 *
 * asyncio: the retry loop people write around a request —
 * `for _ in range(retry): try: return await call() except RateLimitError: await
 * asyncio.sleep(40) except APIError: await asyncio.sleep(1) …` — as one pipeable
 * operator. Each attempt resubscribes the source (a cold Observable is a fresh call).
 * The first row of `policy.delay` that matches the error decides the wait, as the first
 * matching `except` clause does; an error that matches nothing, and any `CancelledError`,
 * is rethrown at once with no retry and no fallback, as an uncaught exception leaves the
 * loop. Same as the loop, except that no wait follows the last failed attempt (the loop
 * sleeps once more for nothing): when attempts run out, `fallback(error)` — the loop's
 * `return None` — or the error itself comes at once. Values the source emits pass
 * through as they come; a source that emits and then fails is retried all the same.
 *
 * The wait before attempt n+1 is, in order: `retryAfter(error)` when it returns a number
 * (the server knows best: not backed off, not jittered); else the row's wait times
 * `backoff.factor^(k−1)` for the k-th consecutive error matched by the same row (a
 * `delay` function counts as one row), capped at `backoff.max`, then multiplied by
 * `1 − jitter × random()`. `onRetry` hears that wait just before it starts.
 *
 * **Cancellation.** Unsubscribing during an attempt unsubscribes the source (with a
 * Task's `signal`, the HTTP request is aborted); unsubscribing during a wait removes its
 * timer at once and no further attempt starts. A source that fails with
 * `CancelledError` was cancelled, not failing: the error passes straight through.
 *
 * ## Example
 * ```ts
 * import { retryWithDelay, createTask } from 'rxjs-asyncio';
 * import { defer } from 'rxjs';
 * import OpenAI, { APIConnectionError, APIError, RateLimitError } from 'openai';
 * import type { ChatCompletion } from 'openai/resources/chat/completions';
 *
 * const client = new OpenAI({ maxRetries: 0 }); // the retries are ours
 * const messages = [{ role: 'user' as const, content: 'Say hello.' }];
 * const ask = defer(() => createTask((signal) => // each attempt: a fresh, abortable request
 *   client.chat.completions.create({ model: 'gpt-4o-mini', messages }, { signal })));
 * const answer = await createTask(ask.pipe(retryWithDelay<ChatCompletion | null>({
 *   attempts: 3,
 *   delay: [
 *     [RateLimitError, 40_000],
 *     [APIConnectionError, 3_000],
 *     [APIError, 1_000], // after its subclasses: the first match wins
 *   ],
 *   onRetry: ({ attempt, delay }) => console.log(`attempt ${attempt} failed, waiting for ${delay / 1000} s...`),
 *   fallback: () => [null], // the loop's `return None`
 * })));
 * console.log(answer?.choices[0].message.content ?? 'gave up');
 * // Logs (the API rate-limits the first call, then answers):
 * // attempt 1 failed, waiting for 40 s...
 * // Hello! How can I help you today?
 * ```
 * @param policy `attempts`, `delay` (a table or a function), and optionally `backoff`,
 *   `jitter`, `random`, `retryAfter`, `onRetry`, `fallback`, `scheduler`; see {@link RetryPolicy}.
 * @returns An operator that mirrors the first attempt that succeeds, the fallback, or the error.
 * @throws {TypeError} When `policy` or one of its fields has the wrong type, or a table
 *   row is not a `[class or predicate, ms]` pair.
 * @throws {RangeError} When `attempts` is not an integer ≥ 1, a table wait is negative,
 *   NaN or Infinity, `jitter` is outside 0..1, `backoff.factor` is below 1 or `backoff.max`
 *   is negative or NaN.
 */
export function retryWithDelay<T>(policy: RetryPolicy<T>): MonoTypeOperatorFunction<T> {
  const plan = checkPolicy(policy);
  return (source) =>
    new Observable<T>((subscriber) => {
      let attempt = 0;
      let row = -1; // the row that matched the previous error, for backoff
      let streak = 0; // consecutive errors matched by `row`
      let inner: Subscription | null = null;
      let timer: Unsubscribable | null = null;
      let fallbackSub: Subscription | null = null;
      const relay: Partial<Observer<T>> = { next: (v) => subscriber.next(v), complete: () => subscriber.complete() };
      const start = (): void => {
        timer = null;
        attempt += 1;
        const sub = source.subscribe({ ...relay, error: failed });
        // Unsubscribed during a synchronous emission: the teardown ran before `sub` existed.
        if (subscriber.closed) sub.unsubscribe();
        else if (!sub.closed) inner = sub;
      };
      function failed(error: unknown): void {
        inner = null;
        try {
          const match = error instanceof CancelledError ? null : plan.classify(error, attempt);
          if (match === null) {
            subscriber.error(error);
            return;
          }
          streak = match[0] === row ? streak + 1 : 1;
          row = match[0];
          if (attempt >= plan.attempts) {
            if (!plan.fallback) {
              subscriber.error(error);
              return;
            }
            const input = plan.fallback(error);
            if (!isObservableInput(input)) typeError(FN, 'policy.fallback()', 'an ObservableInput', input);
            const sub = from(input).subscribe({ ...relay, error: (e: unknown) => subscriber.error(e) });
            if (subscriber.closed) sub.unsubscribe();
            else fallbackSub = sub;
            return;
          }
          const delay = nextWait(plan, error, match[1], streak);
          plan.onRetry?.({ error, attempt, delay });
          if (!subscriber.closed) timer = scheduleIn(plan.scheduler, delay, start);
        } catch (thrown) {
          subscriber.error(thrown);
        }
      }
      start();
      return () => {
        timer?.unsubscribe();
        inner?.unsubscribe();
        fallbackSub?.unsubscribe();
      };
    });
}
