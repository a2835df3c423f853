import { asyncScheduler, mergeMap, Observable, throwError } from 'rxjs';
import { sleep } from '../../lib/sleep';

/**
 * Event traces for the combinators' specs, in the format of their CPython twins:
 * `'<virtual ms> <event>'`. Use inside `TestScheduler.run` (asyncScheduler is virtual there).
 */
export function tracer(now: () => number = () => asyncScheduler.now()) {
  const lines: string[] = [];
  const log = (line: string) => {
    lines.push(`${now()} ${line}`);
  };
  /** asyncio's `async def val(ms, v)`: sleeps, logs `v done` (or `v cancelled`), returns v. */
  const val = <T>(ms: number, v: T) =>
    new Observable<T>((subscriber) => {
      let settled = false;
      const inner = sleep(ms, v).subscribe({
        next: (x) => {
          settled = true;
          log(`${String(v)} done`);
          subscriber.next(x);
        },
        complete: () => subscriber.complete(),
      });
      return () => {
        if (!settled) log(`${String(v)} cancelled`);
        inner.unsubscribe();
      };
    });
  /** asyncio's `async def boom(ms, msg)`: sleeps, logs `raise msg`, raises `Error(msg)`. */
  const boom = (ms: number, msg: string) =>
    sleep(ms).pipe(
      mergeMap(() => {
        log(`raise ${msg}`);
        return throwError(() => new Error(msg));
      }),
    );
  /** Logs `result <json>` or `error <name> <message or errors>`. */
  const watch = <T>(source: Observable<T>) =>
    source.subscribe({
      next: (v) => log(`result ${show(v)}`),
      error: (e: unknown) => log(`error ${describeError(e)}`),
    });
  return { lines, log, val, boom, watch };
}

const show = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (x instanceof Error ? describeError(x) : x));

/** `Error(x)`, `ExceptionGroup[Error(x), Error(y)]`, `CancelledError()`. */
export function describeError(e: unknown): string {
  if (e instanceof AggregateError) return `${e.name}[${(e.errors as unknown[]).map(describeError).join(', ')}]`;
  if (e instanceof Error) return `${e.name}(${e.message})`;
  return String(e);
}
