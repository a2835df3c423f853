import { concat, defer, finalize, mergeMap, Observable, of, take, throwError } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { CancelledError, createTask, retryWithDelay, type RetryInfo, type RetryPolicy } from '../lib';
import { countingScheduler } from './helpers/counting-scheduler';
import { observableMatcher } from './helpers/observable-matcher';

class APIError extends Error {
  override name = 'APIError';
}
class RateLimitError extends APIError {
  override name = 'RateLimitError';
}
class ServiceUnavailableError extends APIError {
  override name = 'ServiceUnavailableError';
}
class TimeoutErr extends Error {
  override name = 'Timeout';
}
class APIConnectionError extends Error {
  override name = 'APIConnectionError';
}

const rateLimit = new RateLimitError('rate limited');
const apiError = new APIError('api error');
const unavailable = new ServiceUnavailableError('unavailable');

/** The article's loop as a table: RateLimitError 40 s, APIError 1 s, … */
const ARTICLE_TABLE = [
  [RateLimitError, 40_000],
  [ServiceUnavailableError, 3_000],
  [APIError, 1_000],
  [TimeoutErr, 1_000],
  [APIConnectionError, 3_000],
] as const;

/** A source whose n-th subscription subscribes `attempts[n]` (the last one repeats). */
function sequence<T>(...attempts: Observable<T>[]): Observable<T> {
  let i = 0;
  return defer(() => attempts[Math.min(i++, attempts.length - 1)]);
}

const newScheduler = () => new TestScheduler(observableMatcher);

describe('retryWithDelay', () => {
  describe('standard cases', () => {
    it('mirrors a source that succeeds at once, subscribing it once', () => {
      newScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-a-b|');
        expectObservable(source.pipe(retryWithDelay({ attempts: 3, delay: ARTICLE_TABLE }))).toBe('-a-b|');
        expectSubscriptions(source.subscriptions).toBe('^---!');
      });
    });

    it('completes with an empty source', () => {
      newScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('|');
        expectObservable(source.pipe(retryWithDelay({ attempts: 3, delay: ARTICLE_TABLE }))).toBe('|');
        expectSubscriptions(source.subscriptions).toBe('(^!)');
      });
    });

    it('retries a failing source after the wait of its error and mirrors the attempt that succeeds', () => {
      newScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const first = cold('--#', undefined, apiError);
        const second = cold('-x|');
        const expected = '   --- 1s x|';
        expectObservable(sequence(first, second).pipe(retryWithDelay({ attempts: 3, delay: ARTICLE_TABLE }))).toBe(
          expected,
        );
        expectSubscriptions(first.subscriptions).toBe('^-!');
        expectSubscriptions(second.subscriptions).toBe('-- 1s ^-!');
      });
    });

    it('retries a synchronous source: a zero wait still yields a turn', () => {
      const flaky = () => {
        let n = 0;
        return defer(() =>
          ++n < 3
            ? concat(
                of(`v${n}`),
                throwError(() => apiError),
              )
            : of('done'),
        );
      };
      newScheduler().run(({ expectObservable }) => {
        const out = flaky().pipe(retryWithDelay({ attempts: 3, delay: [[APIError, 0]] }));
        expectObservable(out).toBe('(abc|)', { a: 'v1', b: 'v2', c: 'done' });
      });
      // A synchronous source does not make the retry synchronous: the wait of 0 is a turn.
      const events: string[] = [];
      const ts = newScheduler();
      flaky()
        .pipe(retryWithDelay({ attempts: 3, delay: [[APIError, 0]], scheduler: ts }))
        .subscribe({ next: (v) => events.push(v), complete: () => events.push('complete') });
      events.push('after subscribe');
      ts.flush();
      expect(events).toEqual(['v1', 'after subscribe', 'v2', 'done', 'complete']);
    });

    it('stops the current attempt when unsubscribed early', () => {
      newScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('---a---#', undefined, apiError);
        const out = source.pipe(retryWithDelay({ attempts: 3, delay: ARTICLE_TABLE }));
        expectObservable(out, '^----!').toBe('---a-');
        expectSubscriptions(source.subscriptions).toBe('^----!');
      });
    });

    it('unsubscribes an attempt whose synchronous first value made the output unsubscribe', () => {
      newScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const rest = cold('--b|');
        const out = concat(of('a'), rest).pipe(retryWithDelay({ attempts: 3, delay: ARTICLE_TABLE }), take(1));
        expectObservable(out).toBe('(a|)');
        expectSubscriptions(rest.subscriptions).toBe('(^!)');
        const fallbackRest = cold('--b|');
        const fallback = () => concat(of('f'), fallbackRest);
        const viaFallback = cold('#', undefined, apiError).pipe(
          retryWithDelay({ attempts: 1, delay: ARTICLE_TABLE, fallback }),
          take(1),
        );
        expectObservable(viaFallback).toBe('(f|)');
        expectSubscriptions(fallbackRest.subscriptions).toBe('(^!)');
      });
    });

    it('keeps the unsubscription chain intact between two mergeMap(x => of(x))', () => {
      newScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-a-#', undefined, apiError);
        const out = source.pipe(
          mergeMap((x) => of(x)),
          retryWithDelay({ attempts: 5, delay: [[APIError, 2]] }),
          mergeMap((x) => of(x)),
        );
        expectObservable(out, '^-------!').toBe('-a----a-');
        expectSubscriptions(source.subscriptions).toBe(['^--!', '-----^--!']);
      });
    });

    it('runs the teardown of every attempt, and of the fallback', () => {
      const log: string[] = [];
      newScheduler().run(({ cold, expectObservable }) => {
        let n = 0;
        const source = defer(() => {
          const k = ++n;
          return cold('-#', undefined, apiError).pipe(finalize(() => log.push(`attempt ${k} torn down`)));
        });
        const out = source.pipe(
          retryWithDelay({
            attempts: 2,
            delay: [[APIError, 5]],
            fallback: () => cold('-f|').pipe(finalize(() => log.push('fallback torn down'))),
          }),
        );
        expectObservable(out).toBe('--------f|');
      });
      expect(log).toEqual(['attempt 1 torn down', 'attempt 2 torn down', 'fallback torn down']);
    });

    it('leaves no pending action when the output ends', () => {
      const ts = newScheduler();
      ts.run(({ cold, expectObservable }) => {
        const scheduler = countingScheduler(ts);
        const source = sequence(cold('-#', undefined, apiError), cold('-x|'));
        expectObservable(source.pipe(retryWithDelay({ attempts: 3, delay: ARTICLE_TABLE, scheduler }))).toBe(
          '- 1s -x|',
        );
        ts.schedule(() => expect(scheduler.pending()).toBe(0), 2_000);
      });
    });

    it.each<[string, unknown, typeof TypeError]>([
      ['`policy` must be an object, got null', null, TypeError],
      ['`policy` must be an object, got 3', 3, TypeError],
      ['`policy.attempts` must be an integer ≥ 1, got 0', { attempts: 0, delay: [] }, RangeError],
      ['`policy.attempts` must be an integer ≥ 1, got -1', { attempts: -1, delay: [] }, RangeError],
      ['`policy.attempts` must be an integer ≥ 1, got 1.5', { attempts: 1.5, delay: [] }, RangeError],
      ['`policy.attempts` must be an integer ≥ 1, got NaN', { attempts: NaN, delay: [] }, RangeError],
      ['`policy.attempts` must be an integer ≥ 1, got Infinity', { attempts: Infinity, delay: [] }, RangeError],
      ["`policy.attempts` must be an integer ≥ 1, got '3'", { attempts: '3', delay: [] }, TypeError],
      ['`policy.attempts` must be an integer ≥ 1, got undefined', { delay: [] }, TypeError],
      [
        '`policy.delay` must be an array of [matcher, ms] pairs or a function, got 1000',
        { attempts: 2, delay: 1000 },
        TypeError,
      ],
      [
        '`policy.delay` must be an array of [matcher, ms] pairs or a function, got undefined',
        { attempts: 2 },
        TypeError,
      ],
      [
        '`policy.delay` must be an array of [matcher, ms] pairs or a function, got function RateLimitError',
        { attempts: 2, delay: RateLimitError },
        TypeError,
      ],
      [
        '`policy.delay[0]` must be a [matcher, ms] pair, got an array of 1',
        { attempts: 2, delay: [[APIError]] },
        TypeError,
      ],
      [
        '`policy.delay[1]` must be a [matcher, ms] pair, got function APIError',
        { attempts: 2, delay: [[Error, 1], APIError] },
        TypeError,
      ],
      [
        "`policy.delay[0][0]` must be an error class or a predicate function, got 'RateLimitError'",
        { attempts: 2, delay: [['RateLimitError', 1]] },
        TypeError,
      ],
      [
        '`policy.delay[0][0]` must be an error class or a predicate function, got null',
        { attempts: 2, delay: [[null, 1]] },
        TypeError,
      ],
      ['`policy.delay[0][1]` must be a finite number ≥ 0, got -1', { attempts: 2, delay: [[Error, -1]] }, RangeError],
      ['`policy.delay[0][1]` must be a finite number ≥ 0, got NaN', { attempts: 2, delay: [[Error, NaN]] }, RangeError],
      [
        '`policy.delay[1][1]` must be a finite number ≥ 0, got Infinity',
        {
          attempts: 2,
          delay: [
            [Error, 1],
            [Error, Infinity],
          ],
        },
        RangeError,
      ],
      [
        "`policy.delay[0][1]` must be a finite number ≥ 0, got '40s'",
        { attempts: 2, delay: [[Error, '40s']] },
        TypeError,
      ],
      [
        '`policy.delay[0][1]` must be a finite number ≥ 0, got null',
        { attempts: 2, delay: [[Error, null]] },
        TypeError,
      ],
      ['`policy.backoff` must be an object { factor, max? }, got 2', { attempts: 2, delay: [], backoff: 2 }, TypeError],
      [
        '`policy.backoff.factor` must be a finite number ≥ 1, got 0.5',
        { attempts: 2, delay: [], backoff: { factor: 0.5 } },
        RangeError,
      ],
      [
        '`policy.backoff.factor` must be a finite number ≥ 1, got NaN',
        { attempts: 2, delay: [], backoff: { factor: NaN } },
        RangeError,
      ],
      [
        '`policy.backoff.factor` must be a finite number ≥ 1, got undefined',
        { attempts: 2, delay: [], backoff: {} },
        TypeError,
      ],
      [
        '`policy.backoff.max` must be a number ≥ 0, got -5',
        { attempts: 2, delay: [], backoff: { factor: 2, max: -5 } },
        RangeError,
      ],
      [
        '`policy.backoff.max` must be a number ≥ 0, got NaN',
        { attempts: 2, delay: [], backoff: { factor: 2, max: NaN } },
        RangeError,
      ],
      [
        "`policy.backoff.max` must be a number ≥ 0, got '1s'",
        { attempts: 2, delay: [], backoff: { factor: 2, max: '1s' } },
        TypeError,
      ],
      ['`policy.jitter` must be a number from 0 to 1, got 1.5', { attempts: 2, delay: [], jitter: 1.5 }, RangeError],
      ['`policy.jitter` must be a number from 0 to 1, got -0.1', { attempts: 2, delay: [], jitter: -0.1 }, RangeError],
      ['`policy.jitter` must be a number from 0 to 1, got NaN', { attempts: 2, delay: [], jitter: NaN }, RangeError],
      ['`policy.jitter` must be a number from 0 to 1, got null', { attempts: 2, delay: [], jitter: null }, TypeError],
      ['`policy.random` must be a function, got 0.5', { attempts: 2, delay: [], random: 0.5 }, TypeError],
      ['`policy.retryAfter` must be a function, got 1000', { attempts: 2, delay: [], retryAfter: 1000 }, TypeError],
      ["`policy.onRetry` must be a function, got 'log'", { attempts: 2, delay: [], onRetry: 'log' }, TypeError],
      ['`policy.fallback` must be a function, got null', { attempts: 2, delay: [], fallback: null }, TypeError],
      [
        '`policy.scheduler` must be a SchedulerLike, got an object',
        { attempts: 2, delay: [], scheduler: {} },
        TypeError,
      ],
    ])('throws at call time: %s', (message, policy, ErrorClass) => {
      const call = () => retryWithDelay(policy as RetryPolicy<unknown>);
      expect(call).toThrow(ErrorClass);
      expect(call).toThrow(`retryWithDelay(): ${message}`);
    });

    it('runs on a custom scheduler outside run()', () => {
      const ts = newScheduler();
      const seen: unknown[] = [];
      let subscriptions = 0;
      const source = defer(() => (++subscriptions < 3 ? throwError(() => rateLimit) : of('answer')));
      source
        .pipe(retryWithDelay({ attempts: 3, delay: [[APIError, 100]], scheduler: ts }))
        .subscribe({ next: (v) => seen.push([ts.now(), v]), complete: () => seen.push([ts.now(), 'complete']) });
      expect(seen).toEqual([]);
      ts.flush();
      expect(seen).toEqual([
        [200, 'answer'],
        [200, 'complete'],
      ]);
      expect(subscriptions).toBe(3);
    });
  });

  describe('the wait per kind of error', () => {
    it('waits 40 s for a rate-limit error, in virtual time', () => {
      newScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const first = cold('-#', undefined, rateLimit);
        const second = cold('-x|');
        expectObservable(sequence(first, second).pipe(retryWithDelay({ attempts: 3, delay: ARTICLE_TABLE }))).toBe(
          '-- 40s x|',
        );
        expectSubscriptions(second.subscriptions).toBe('- 40s ^-!');
      });
    });

    it('takes the first row that matches: a subclass listed before its base class wins, and after it loses', () => {
      newScheduler().run(({ cold, expectObservable }) => {
        const subclassFirst = sequence(cold('#', undefined, rateLimit), cold('(x|)'));
        expectObservable(
          subclassFirst.pipe(
            retryWithDelay({
              attempts: 2,
              delay: [
                [RateLimitError, 40],
                [APIError, 1],
              ],
            }),
          ),
        ).toBe('40ms (x|)');
        const baseFirst = sequence(cold('#', undefined, rateLimit), cold('(x|)'));
        expectObservable(
          baseFirst.pipe(
            retryWithDelay({
              attempts: 2,
              delay: [
                [APIError, 1],
                [RateLimitError, 40],
              ],
            }),
          ),
        ).toBe('1ms (x|)');
      });
    });

    it('calls a predicate row with the error, and tests a class row (Error itself included) with instanceof', () => {
      const seen: unknown[] = [];
      const http503 = Object.assign(new Error('unavailable'), { status: 503 });
      const plain = new TypeError('bug');
      newScheduler().run(({ cold, expectObservable }) => {
        const is503 = (e: unknown) => {
          seen.push(e);
          return (e as { status?: number }).status === 503;
        };
        const table = [
          [is503, 3],
          [Error, 7],
        ] as const;
        expectObservable(
          sequence(cold('#', undefined, http503), cold('(x|)')).pipe(retryWithDelay({ attempts: 2, delay: table })),
        ).toBe('3ms (x|)');
        expectObservable(
          sequence(cold('#', undefined, plain), cold('(x|)')).pipe(retryWithDelay({ attempts: 2, delay: table })),
        ).toBe('7ms (x|)');
      });
      expect(seen).toEqual([http503, plain]);
    });

    it('takes an ordinary function (no Error prototype) as a predicate, not a class', () => {
      const calls: unknown[] = [];
      function matchesEverything(this: unknown, e: unknown): boolean {
        calls.push(e);
        return true;
      }
      newScheduler().run(({ cold, expectObservable }) => {
        expectObservable(
          sequence(cold('#', undefined, apiError), cold('(x|)')).pipe(
            retryWithDelay({ attempts: 2, delay: [[matchesEverything, 5]] }),
          ),
        ).toBe('5ms (x|)');
      });
      expect(calls).toEqual([apiError]);
    });

    it('asks a delay function with (error, attempt) and uses its wait', () => {
      const asked: [unknown, number][] = [];
      newScheduler().run(({ cold, expectObservable }) => {
        const source = sequence(cold('#', undefined, apiError), cold('#', undefined, rateLimit), cold('(x|)'));
        const delay = (error: unknown, attempt: number) => {
          asked.push([error, attempt]);
          return attempt * 10;
        };
        expectObservable(source.pipe(retryWithDelay({ attempts: 3, delay }))).toBe('30ms (x|)');
      });
      expect(asked).toEqual([
        [apiError, 1],
        [rateLimit, 2],
      ]);
    });

    it('takes a negative wait from a delay function as "now"', () => {
      newScheduler().run(({ cold, expectObservable }) => {
        const source = sequence(cold('#', undefined, apiError), cold('(x|)'));
        expectObservable(source.pipe(retryWithDelay({ attempts: 2, delay: () => -5 }))).toBe('(x|)');
      });
    });

    it('errors the output with a TypeError when a delay function returns no number', () => {
      newScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-#', undefined, apiError);
        const delay = (() => undefined) as unknown as () => number;
        expectObservable(source.pipe(retryWithDelay({ attempts: 3, delay }))).toBe(
          '-#',
          undefined,
          new TypeError('retryWithDelay(): `policy.delay()` must be a finite number or null, got undefined'),
        );
        expectSubscriptions(source.subscriptions).toBe('^!');
      });
    });
  });

  describe('backoff and jitter', () => {
    it('multiplies the wait for each consecutive error of the same row, up to max', () => {
      const delays: number[] = [];
      newScheduler().run(({ cold, expectObservable }) => {
        const source = sequence(
          cold('#', undefined, apiError),
          cold('#', undefined, apiError),
          cold('#', undefined, apiError),
          cold('#', undefined, apiError),
          cold('(x|)'),
        );
        const out = source.pipe(
          retryWithDelay({
            attempts: 5,
            delay: [[APIError, 100]],
            backoff: { factor: 2, max: 300 },
            onRetry: ({ delay }) => delays.push(delay),
          }),
        );
        expectObservable(out).toBe('900ms (x|)'); // 100 + 200 + 300 + 300
      });
      expect(delays).toEqual([100, 200, 300, 300]);
    });

    it('starts over when another row matches in between', () => {
      const delays: number[] = [];
      newScheduler().run(({ cold, expectObservable }) => {
        const e = (err: Error) => cold('#', undefined, err);
        const source = sequence(e(apiError), e(apiError), e(unavailable), e(apiError), cold('(x|)'));
        const out = source.pipe(
          retryWithDelay({
            attempts: 5,
            delay: [
              [ServiceUnavailableError, 30],
              [APIError, 10],
            ],
            backoff: { factor: 3 },
            onRetry: ({ delay }) => delays.push(delay),
          }),
        );
        expectObservable(out).toBe('80ms (x|)');
      });
      expect(delays).toEqual([10, 30, 30, 10]);
    });

    it('backs off a delay function as one row', () => {
      const delays: number[] = [];
      newScheduler().run(({ cold, expectObservable }) => {
        const source = sequence(cold('#', undefined, apiError), cold('#', undefined, rateLimit), cold('(x|)'));
        const out = source.pipe(
          retryWithDelay({
            attempts: 3,
            delay: () => 10,
            backoff: { factor: 2 },
            onRetry: ({ delay }) => delays.push(delay),
          }),
        );
        expectObservable(out).toBe('30ms (x|)');
      });
      expect(delays).toEqual([10, 20]);
    });

    it('caps even the first wait at max', () => {
      const delays: number[] = [];
      newScheduler().run(({ cold, expectObservable }) => {
        const source = sequence(cold('#', undefined, rateLimit), cold('(x|)'));
        const out = source.pipe(
          retryWithDelay({
            attempts: 2,
            delay: ARTICLE_TABLE,
            backoff: { factor: 1, max: 5_000 },
            onRetry: ({ delay }) => delays.push(delay),
          }),
        );
        expectObservable(out).toBe('5s (x|)');
      });
      expect(delays).toEqual([5_000]);
    });

    it('shortens each wait by jitter × random(), after the backoff', () => {
      const delays: number[] = [];
      const randoms = [0.5, 0.25];
      newScheduler().run(({ cold, expectObservable }) => {
        const source = sequence(cold('#', undefined, apiError), cold('#', undefined, apiError), cold('(x|)'));
        const out = source.pipe(
          retryWithDelay({
            attempts: 3,
            delay: [[APIError, 1000]],
            backoff: { factor: 2 },
            jitter: 0.2,
            random: () => randoms.shift()!,
            onRetry: ({ delay }) => delays.push(delay),
          }),
        );
        expectObservable(out).toBe('2800ms (x|)'); // 1000 × 0.9 + 2000 × 0.95
      });
      expect(delays).toEqual([900, 1900]);
    });

    it('uses Math.random by default for jitter, within the bounds', () => {
      const delays: number[] = [];
      newScheduler().run(({ cold, expectObservable }) => {
        const source = sequence(cold('#', undefined, apiError), cold('(x|)'));
        const out = source.pipe(
          retryWithDelay({
            attempts: 2,
            delay: [[APIError, 0]],
            jitter: 1,
            onRetry: ({ delay }) => delays.push(delay),
          }),
        );
        expectObservable(out).toBe('(x|)');
      });
      const spy = jest.spyOn(Math, 'random').mockReturnValue(0.5);
      try {
        newScheduler().run(({ cold, expectObservable }) => {
          const source = sequence(cold('#', undefined, apiError), cold('(x|)'));
          const out = source.pipe(
            retryWithDelay({
              attempts: 2,
              delay: [[APIError, 100]],
              jitter: 1,
              onRetry: ({ delay }) => delays.push(delay),
            }),
          );
          expectObservable(out).toBe('50ms (x|)');
        });
      } finally {
        spy.mockRestore();
      }
      expect(delays).toEqual([0, 50]);
    });
  });

  describe('retryAfter', () => {
    it("takes the server's wait over the table, neither backed off nor jittered", () => {
      const infos: RetryInfo[] = [];
      newScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const first = cold('-#', undefined, rateLimit);
        const second = cold('-#', undefined, rateLimit);
        const third = cold('-x|');
        const out = sequence(first, second, third).pipe(
          retryWithDelay({
            attempts: 3,
            delay: ARTICLE_TABLE,
            backoff: { factor: 2 },
            jitter: 1,
            random: () => 0.5,
            retryAfter: (e) => (e === rateLimit ? 2_000 : undefined),
            onRetry: (info) => infos.push(info),
          }),
        );
        expectObservable(out).toBe('-- 2s - 2s x|');
        expectSubscriptions(third.subscriptions).toBe('- 2s - 2s ^-!');
      });
      expect(infos).toEqual([
        { error: rateLimit, attempt: 1, delay: 2_000 },
        { error: rateLimit, attempt: 2, delay: 2_000 },
      ]);
    });

    it('falls back to the table when it returns undefined, and counts that error for the backoff', () => {
      const delays: number[] = [];
      newScheduler().run(({ cold, expectObservable }) => {
        const source = sequence(cold('#', undefined, apiError), cold('#', undefined, apiError), cold('(x|)'));
        let n = 0;
        const out = source.pipe(
          retryWithDelay({
            attempts: 3,
            delay: [[APIError, 10]],
            backoff: { factor: 2 },
            retryAfter: () => (++n === 1 ? 5 : undefined),
            onRetry: ({ delay }) => delays.push(delay),
          }),
        );
        expectObservable(out).toBe('25ms (x|)');
      });
      expect(delays).toEqual([5, 20]);
    });

    it('does not make an unmatched error retryable', () => {
      const retryAfter = jest.fn(() => 5);
      newScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-#', undefined, new TypeError('bug'));
        expectObservable(source.pipe(retryWithDelay({ attempts: 3, delay: ARTICLE_TABLE, retryAfter }))).toBe(
          '-#',
          undefined,
          new TypeError('bug'),
        );
        expectSubscriptions(source.subscriptions).toBe('^!');
      });
      expect(retryAfter).not.toHaveBeenCalled();
    });

    it('errors the output when it returns NaN', () => {
      newScheduler().run(({ cold, expectObservable }) => {
        const source = cold('-#', undefined, rateLimit);
        expectObservable(
          source.pipe(retryWithDelay({ attempts: 3, delay: ARTICLE_TABLE, retryAfter: () => NaN })),
        ).toBe(
          '-#',
          undefined,
          new RangeError('retryWithDelay(): `policy.retryAfter()` must be a finite number or undefined, got NaN'),
        );
      });
    });
  });

  describe('running out of attempts', () => {
    it('rethrows the last error right after the last attempt: no wait after it', () => {
      newScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('--#', undefined, apiError);
        expectObservable(source.pipe(retryWithDelay({ attempts: 3, delay: [[APIError, 10]] }))).toBe(
          '26ms #',
          undefined,
          apiError,
        );
        expectSubscriptions(source.subscriptions).toBe(['^-!', '12ms ^-!', '24ms ^-!']);
      });
    });

    it('with attempts: 1, never retries', () => {
      newScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('--#', undefined, apiError);
        expectObservable(source.pipe(retryWithDelay({ attempts: 1, delay: [[APIError, 10]] }))).toBe(
          '--#',
          undefined,
          apiError,
        );
        expectSubscriptions(source.subscriptions).toBe('^-!');
      });
    });

    it('calls onRetry only before the retries that happen', () => {
      const infos: RetryInfo[] = [];
      newScheduler().run(({ cold, expectObservable }) => {
        const source = sequence(
          cold('#', undefined, apiError),
          cold('#', undefined, unavailable),
          cold('#', undefined, rateLimit),
        );
        expectObservable(
          source.pipe(retryWithDelay({ attempts: 3, delay: ARTICLE_TABLE, onRetry: (info) => infos.push(info) })),
        ).toBe('4s #', undefined, rateLimit);
      });
      expect(infos).toEqual([
        { error: apiError, attempt: 1, delay: 1_000 },
        { error: unavailable, attempt: 2, delay: 3_000 },
      ]);
    });

    it('switches to the fallback, given the last error, instead of erroring', () => {
      const got: unknown[] = [];
      newScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-#', undefined, apiError);
        const fallback = cold('-n|', { n: null });
        const out = source.pipe(
          retryWithDelay<string | null>({
            attempts: 2,
            delay: [[APIError, 1_000]],
            fallback: (e) => {
              got.push(e);
              return fallback;
            },
          }),
        );
        expectObservable(out).toBe('-- 1s -n|', { n: null });
        expectSubscriptions(fallback.subscriptions).toBe('-- 1s ^-!');
      });
      expect(got).toEqual([apiError]);
    });

    it('takes any ObservableInput as fallback, e.g. an array', () => {
      newScheduler().run(({ cold, expectObservable }) => {
        const out = cold('#', undefined, apiError).pipe(
          retryWithDelay<string | null>({ attempts: 1, delay: [[APIError, 1]], fallback: () => [null] }),
        );
        expectObservable(out).toBe('(n|)', { n: null });
      });
    });

    it('errors with the fallback error, or with a TypeError when it returns no ObservableInput', () => {
      newScheduler().run(({ cold, expectObservable }) => {
        const failing = cold('#', undefined, apiError).pipe(
          retryWithDelay({ attempts: 1, delay: [[APIError, 1]], fallback: () => cold('-#', undefined, unavailable) }),
        );
        expectObservable(failing).toBe('-#', undefined, unavailable);
        const wrong = cold('#', undefined, apiError).pipe(
          retryWithDelay<string>({
            attempts: 1,
            delay: [[APIError, 1]],
            fallback: (() => 42) as unknown as () => string[],
          }),
        );
        expectObservable(wrong).toBe(
          '#',
          undefined,
          new TypeError('retryWithDelay(): `policy.fallback()` must be an ObservableInput, got 42'),
        );
      });
    });

    it('unsubscribes the fallback when unsubscribed', () => {
      newScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const fallback = cold('---n|');
        const out = cold('#', undefined, apiError).pipe(
          retryWithDelay({ attempts: 1, delay: [[APIError, 1]], fallback: () => fallback }),
        );
        expectObservable(out, '^-!').toBe('---');
        expectSubscriptions(fallback.subscriptions).toBe('^-!');
      });
    });
  });

  describe('errors that are not retried', () => {
    it('rethrows an error that matches no row at once, without fallback', () => {
      const fallback = jest.fn(() => [null]);
      const onRetry = jest.fn();
      newScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const bug = new TypeError('bug');
        const source = cold('-a#', undefined, bug);
        expectObservable(
          source.pipe(retryWithDelay<unknown>({ attempts: 3, delay: ARTICLE_TABLE, fallback, onRetry })),
        ).toBe('-a#', undefined, bug);
        expectSubscriptions(source.subscriptions).toBe('^-!');
      });
      expect(fallback).not.toHaveBeenCalled();
      expect(onRetry).not.toHaveBeenCalled();
    });

    it('rethrows an error the delay function gives null, even on the last attempt, without fallback', () => {
      const fallback = jest.fn(() => [null]);
      newScheduler().run(({ cold, expectObservable }) => {
        const source = sequence(cold('#', undefined, apiError), cold('#', undefined, rateLimit));
        const delay = (e: unknown) => (e === apiError ? 5 : null);
        expectObservable(source.pipe(retryWithDelay<unknown>({ attempts: 2, delay, fallback }))).toBe(
          '5ms #',
          undefined,
          rateLimit,
        );
      });
      expect(fallback).not.toHaveBeenCalled();
    });

    it('passes a CancelledError straight through, even with an Error row and a fallback', () => {
      const fallback = jest.fn(() => [null]);
      newScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const cancelled = new CancelledError('stop');
        const source = cold('-#', undefined, cancelled);
        expectObservable(source.pipe(retryWithDelay<unknown>({ attempts: 3, delay: [[Error, 1]], fallback }))).toBe(
          '-#',
          undefined,
          cancelled,
        );
        expectSubscriptions(source.subscriptions).toBe('^!');
      });
      expect(fallback).not.toHaveBeenCalled();
    });

    it('errors with what a predicate or onRetry throws, and does not retry', () => {
      const boom = new Error('boom');
      newScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const a = cold('-#', undefined, apiError);
        const throwing = (): boolean => {
          throw boom;
        };
        expectObservable(a.pipe(retryWithDelay({ attempts: 3, delay: [[throwing, 1]] }))).toBe('-#', undefined, boom);
        const b = cold('-#', undefined, apiError);
        const onRetry = () => {
          throw boom;
        };
        expectObservable(b.pipe(retryWithDelay({ attempts: 3, delay: [[APIError, 1]], onRetry }))).toBe(
          '-#',
          undefined,
          boom,
        );
        expectSubscriptions(b.subscriptions).toBe('^!');
      });
    });
  });

  describe('cancellation', () => {
    it('stops at once when unsubscribed during a wait: no further attempt, no timer left', () => {
      const ts = newScheduler();
      const scheduler = countingScheduler(ts);
      ts.run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-#', undefined, rateLimit);
        const out = source.pipe(retryWithDelay({ attempts: 3, delay: ARTICLE_TABLE, scheduler }));
        expectObservable(out, '^ 10s !').toBe('-');
        expectSubscriptions(source.subscriptions).toBe('^!');
        ts.schedule(() => expect(scheduler.pending()).toBe(1), 5_000); // the 40 s wait
        ts.schedule(() => expect(scheduler.pending()).toBe(0), 10_001); // removed by the unsubscribe
      });
      expect(scheduler.pending()).toBe(0);
    });

    it('schedules no wait when onRetry unsubscribes the output', () => {
      const ts = newScheduler();
      const scheduler = countingScheduler(ts);
      const errors: unknown[] = [];
      ts.run(({ cold, expectSubscriptions }) => {
        const source = cold('-#', undefined, apiError);
        const sub = source
          .pipe(retryWithDelay({ attempts: 3, delay: [[APIError, 10]], scheduler, onRetry: () => sub.unsubscribe() }))
          .subscribe({ error: (e: unknown) => errors.push(e) });
        expectSubscriptions(source.subscriptions).toBe('^!');
      });
      expect(scheduler.pending()).toBe(0);
      expect(errors).toEqual([]);
    });

    it('removes a zero wait (a ready-queue turn) too when unsubscribed before it', () => {
      const ts = newScheduler();
      const subscriptions: number[] = [];
      const source = defer(() => {
        subscriptions.push(ts.now());
        return throwError(() => apiError);
      });
      const sub = source
        .pipe(retryWithDelay({ attempts: 3, delay: [[APIError, 0]], scheduler: ts }))
        .subscribe({ error: () => undefined });
      sub.unsubscribe();
      ts.flush();
      expect(subscriptions).toEqual([0]);
    });

    it('cancelling a Task during a wait cancels it and starts no further attempt', () => {
      const ts = newScheduler();
      const log: string[] = [];
      ts.run(() => {
        let n = 0;
        const source = defer(() => {
          log.push(`attempt ${++n} at ${ts.now()}`);
          return throwError(() => rateLimit);
        }).pipe(finalize(() => log.push(`attempt ${n} finalized at ${ts.now()}`)));
        const task = createTask(source.pipe(retryWithDelay({ attempts: 3, delay: ARTICLE_TABLE })));
        ts.schedule(() => log.push(`cancel() → ${task.cancel()}`), 10_000);
        ts.schedule(() => log.push(`cancelled() → ${task.cancelled()}`), 10_001);
        ts.schedule(() => log.push(`at 60 s: ${n} attempt(s)`), 60_000);
      });
      expect(log).toEqual([
        'attempt 1 at 0',
        'attempt 1 finalized at 0',
        'cancel() → true',
        'cancelled() → true',
        'at 60 s: 1 attempt(s)',
      ]);
    });
  });

  describe("the article's loop, event by event against CPython", () => {
    // CPython twin (NOTES-retry.md): the article's `_request_with_retry` with these error
    // classes, minus the sleep after the last attempt, printed in the article's ms:
    //   recovers after mixed errors: 0 attempt 1 / 0 Rate limit 40000 / 40000 attempt 2 /
    //     40000 API error 1000 / 41000 attempt 3 / 41000 Service unavailable 3000 /
    //     44000 attempt 4 / 44000 result 'answer'
    //   runs out of attempts: 0 attempt 1 / 0 API error 1000 / 1000 attempt 2 /
    //     1000 Timeout 1000 / 2000 attempt 3 / 2000 result None
    //   unmatched error: 0 attempt 1 / 0 Rate limit 40000 / 40000 attempt 2 / 40000 raised KeyError
    //   cancel during a wait: 0 attempt 1 / 0 Rate limit 40000 / 10000 CancelledError
    const LABELS = new Map<unknown, string>([
      [RateLimitError, 'Rate limit error'],
      [ServiceUnavailableError, 'Service unavailable error'],
      [APIError, 'API error'],
      [TimeoutErr, 'Timeout error'],
      [APIConnectionError, 'API Connection error'],
    ]);
    const labelOf = (e: unknown) => [...LABELS].find(([cls]) => e instanceof (cls as typeof Error))![1];

    function trace(script: unknown[], attempts: number, cancelAt?: number): string[] {
      const ts = newScheduler();
      const log: string[] = [];
      ts.run(() => {
        let n = 0;
        const request = defer(() => {
          const outcome = script[n++];
          log.push(`${ts.now()} attempt ${n}`);
          return outcome instanceof Error ? throwError(() => outcome) : of(outcome);
        });
        const task = createTask(
          request.pipe(
            retryWithDelay<unknown>({
              attempts,
              delay: ARTICLE_TABLE,
              onRetry: ({ error, delay }) => log.push(`${ts.now()} ${labelOf(error)}, waiting for ${delay} ms`),
              fallback: () => [null],
            }),
          ),
        );
        if (cancelAt !== undefined) ts.schedule(() => task.cancel(), cancelAt);
        task.subscribe({
          next: (v) => log.push(`${ts.now()} result ${JSON.stringify(v)}`),
          error: (e: unknown) => log.push(`${ts.now()} raised ${(e as Error).name}`),
        });
      });
      return log;
    }

    it('recovers after mixed errors', () => {
      expect(trace([rateLimit, apiError, unavailable, 'answer'], 5)).toEqual([
        '0 attempt 1',
        '0 Rate limit error, waiting for 40000 ms',
        '40000 attempt 2',
        '40000 API error, waiting for 1000 ms',
        '41000 attempt 3',
        '41000 Service unavailable error, waiting for 3000 ms',
        '44000 attempt 4',
        '44000 result "answer"',
      ]);
    });

    it('runs out of attempts and returns the fallback at once', () => {
      expect(trace([apiError, new TimeoutErr(), new APIConnectionError()], 3)).toEqual([
        '0 attempt 1',
        '0 API error, waiting for 1000 ms',
        '1000 attempt 2',
        '1000 Timeout error, waiting for 1000 ms',
        '2000 attempt 3',
        '2000 result null',
      ]);
    });

    it('raises an unmatched error at once', () => {
      const keyError = Object.assign(new Error("'x'"), { name: 'KeyError' });
      expect(trace([rateLimit, keyError], 3)).toEqual([
        '0 attempt 1',
        '0 Rate limit error, waiting for 40000 ms',
        '40000 attempt 2',
        '40000 raised KeyError',
      ]);
    });

    it('is cancelled during a wait', () => {
      expect(trace([rateLimit, 'answer'], 3, 10_000)).toEqual([
        '0 attempt 1',
        '0 Rate limit error, waiting for 40000 ms',
        '10000 raised CancelledError',
      ]);
    });
  });
});
