/**
 * The article's factorial A(2) / B(3) / C(4), run concurrently with `gather`: the
 * interleaved lines, then the results in input order. Then the `returnExceptions`
 * variant, where a failing call's error takes its slot.
 *
 * ```python
 * async def factorial(name, number):
 *     f = 1
 *     for i in range(2, number + 1):
 *         print(f"Task {name}: Compute factorial({number}), currently i={i}...")
 *         await asyncio.sleep(1)
 *         f *= i
 *     print(f"Task {name}: factorial({number}) = {f}")
 *     return f
 *
 * async def main():
 *     # Schedule three calls *concurrently*:
 *     L = await asyncio.gather(
 *         factorial("A", 2),
 *         factorial("B", 3),
 *         factorial("C", 4),
 *     )
 *     print(f"asynco gather output: {L}")
 * ```
 *
 * Observable-first: `factorial` returns a cold Observable (the coroutine object), and
 * `gather` starts the three as Tasks.
 */
import { concat, concatMap, defer, EMPTY, last, lastValueFrom, map, Observable, range, tap, throwError } from 'rxjs';
import { gather, sleep } from '../lib';
import { clock, runIfMain, type DemoOptions, type Log } from './support/harness';

/** Python's repr of the gathered list: `[2, 6, 24]`, `[2, ValueError('…'), 6]`. */
const repr = (values: readonly unknown[]) =>
  `[${values.map((v) => (v instanceof Error ? `${v.name}('${v.message}')` : String(v))).join(', ')}]`;

class ValueError extends Error {
  override name = 'ValueError';
}

export function main(log: Log, options: DemoOptions = {}): Promise<unknown> {
  const { scheduler, ms } = clock(options);

  // async def factorial(name, number)
  const factorial = (name: string, number: number): Observable<number> =>
    defer(() => {
      let f = 1;
      return range(2, number - 1).pipe(
        concatMap((i) => {
          log(`Task ${name}: Compute factorial(${number}), currently i=${i}...`);
          return sleep(ms(1000), i, scheduler);
        }),
        tap((i) => (f *= i)),
        last(),
        map(() => {
          log(`Task ${name}: factorial(${number}) = ${f}`);
          return f;
        }),
      );
    });

  // A call that fails after one step, for the returnExceptions variant.
  const failing = (name: string) =>
    defer(() => {
      log(`Task ${name}: working...`);
      return sleep(ms(1000), undefined, scheduler).pipe(
        concatMap(() => {
          log(`Task ${name}: raising ValueError`);
          return throwError(() => new ValueError(`${name} failed`));
        }),
      );
    });

  return lastValueFrom(
    concat(
      // Schedule three calls *concurrently*:
      gather([factorial('A', 2), factorial('B', 3), factorial('C', 4)], { scheduler }).pipe(
        tap((L) => log(`asynco gather output: ${repr(L)}`)),
      ),
      defer(() => {
        log('-- with returnExceptions: true --');
        return EMPTY;
      }),
      gather([factorial('A', 2), failing('B'), factorial('C', 3)], { returnExceptions: true, scheduler }).pipe(
        tap((L) => log(`asynco gather output: ${repr(L)}`)),
      ),
    ),
    { defaultValue: undefined },
  );
}

runIfMain(module, main);
