// retryWithDelay: a wait per kind of error.
import { of, type Observable } from 'rxjs';
import { CancelledError, retryWithDelay, type RetryPolicy } from 'rxjs-asyncio';

class RateLimitError extends Error {}

export function retrying(): void {
  const policy: RetryPolicy<string> = {
    attempts: 3,
    delay: [
      [RateLimitError, 40_000],
      [(error: unknown) => error instanceof TypeError, 1_000],
    ],
    backoff: { factor: 2, max: 60_000 },
    jitter: 0.1,
    retryAfter: () => undefined,
    onRetry: ({ error, attempt, delay }) => console.log(error, attempt, delay),
    fallback: () => of('fallback'),
  };
  expectType<Observable<string>>()(of('x').pipe(retryWithDelay(policy)));
  expectType<Observable<number>>()(
    of(1).pipe(
      retryWithDelay({
        attempts: 2,
        delay: (error, attempt) => (error instanceof CancelledError ? null : attempt * 100),
      }),
    ),
  );
  // @ts-expect-error attempts is required
  retryWithDelay({ delay: [] });
  // @ts-expect-error the fallback must give the source's type
  of(1).pipe(retryWithDelay({ attempts: 2, delay: [], fallback: () => of('not a number') }));
}
