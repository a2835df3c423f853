import { Observable, Subscriber, type MonoTypeOperatorFunction } from 'rxjs';
import { Permits } from './sync-base';
import type { Waiter } from './internal/waiter-line';
import { typeError } from './internal/validate';
import type { Lock } from './lock';
import type { Semaphore } from './semaphore';

/**
 * Runs the source only while holding `lock`: acquires on subscribe, subscribes the source
 * once acquired, releases when the source completes, errors or is unsubscribed.
 *
 * asyncio: `async with lock:` / `async with sem:` around the awaited work. The way to
 * bound the concurrency of an Observable pipeline — at most 5 requests in flight:
 * `from(urls).pipe(mergeMap((u) => fetch$(u).pipe(holding(new Semaphore(5)))))` (create
 * the Semaphore once, outside). Waiters are served FIFO, in subscription order. When a
 * permit is free the source is subscribed synchronously.
 *
 * **Cancellation.** Unsubscribing while waiting leaves the line: the source is never
 * subscribed and no permit is taken. Unsubscribing while holding unsubscribes the source,
 * then releases. The release happens exactly once, before the output's `complete` or
 * `error` is passed on (the `finally` block runs before the caller resumes).
 *
 * ## Example
 * ```ts
 * import { from, mergeMap } from 'rxjs';
 * import { holding, Semaphore, sleep } from 'rxjs-asyncio';
 * const sem = new Semaphore(2);
 * from(['a', 'b', 'c']).pipe(mergeMap((x) => sleep(100, x).pipe(holding(sem))))
 *   .subscribe((x) => console.log(x));
 * // Logs:
 * // a       (after 100 ms)
 * // b       (after 100 ms)
 * // c       (after 200 ms: it waited for a permit)
 * ```
 * @param lock A `Lock`, `Semaphore` or `BoundedSemaphore`.
 * @returns An operator mirroring the source, run while holding `lock`.
 * @throws {TypeError} When `lock` is not a Lock or Semaphore.
 */
export function holding<T>(lock: Lock | Semaphore): MonoTypeOperatorFunction<T> {
  if (!((lock as unknown) instanceof Permits)) typeError('holding', 'lock', 'a Lock or Semaphore', lock);
  return (source) =>
    new Observable<T>((subscriber) => {
      let held = false;
      let inner: Subscriber<T> | null = null;
      const release = (): void => {
        if (held) {
          held = false;
          lock.release();
        }
      };
      const start = (): void => {
        held = true;
        // The source's teardown (its `finally`) runs before the permit passes on, as the
        // body of `async with sem:` ends before `__aexit__` releases. A source that ends
        // while `subscribe` is still running registers its teardown only when `subscribe`
        // returns, so then the hand-over waits for that.
        let subscribing = true;
        let endedEarly: (() => void) | null = null;
        const end = (pass: () => void): void => {
          if (subscribing) {
            endedEarly = pass;
            return;
          }
          inner?.unsubscribe();
          release();
          pass();
        };
        // Our own Subscriber, chained to the output's, so the source is closed even while
        // it is still emitting synchronously (e.g. `range(…).pipe(holding(l), take(1))`).
        // eslint-disable-next-line @typescript-eslint/no-deprecated -- the public way to hold the subscription before `subscribe` returns
        inner = new Subscriber<T>({
          next: (value) => subscriber.next(value),
          error: (error: unknown) => end(() => subscriber.error(error)),
          complete: () => end(() => subscriber.complete()),
        });
        subscriber.add(inner);
        source.subscribe(inner);
        subscribing = false;
        if (endedEarly) {
          inner.unsubscribe();
          release();
          (endedEarly as () => void)();
        }
      };
      const waiter: Waiter<true> | null = lock._take({
        next: start,
        error: (e: unknown) => subscriber.error(e),
        complete: noop,
      });
      if (waiter === null) start();
      return () => {
        waiter?.unsubscribe();
        inner?.unsubscribe();
        release();
      };
    });
}

function noop(): void {}
