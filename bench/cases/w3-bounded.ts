/**
 * W3, bounded concurrency: n jobs of a 1 ms sleep, at most 100 in flight. The ideal wall
 * time is n / 100 × 1 ms; the report gives the time and its ratio to that ideal.
 */
import { count, lastValueFrom, map, mergeMap, range, timer, type Observable } from 'rxjs';
import { need, sleep } from '../api';
import { check, timed, type BenchCase } from './common';

export const W3_LIMIT = 100;
export const W3_JOB_MS = 1;

/** A 1 ms job as a Promise (the p-* twins): a timer that resolves with `i`. */
const delay = (i: number): Promise<number> => new Promise((resolve) => setTimeout(resolve, W3_JOB_MS, i));

const ids = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

function checkSum(values: readonly number[], n: number): void {
  let sum = 0;
  for (const v of values) sum += v;
  check(values.length === n && sum === (n * (n - 1)) / 2, `${values.length} results`);
}

export const w3Cases: BenchCase[] = [
  {
    workload: 'W3',
    impl: 'rxjs-asyncio',
    variant: 'Semaphore+holding',
    run: (n) => {
      const [gather, Semaphore, holding] = [need('gather'), need('Semaphore'), need('holding')];
      return timed(async () => {
        const semaphore = new Semaphore(W3_LIMIT);
        const jobs: Observable<number>[] = new Array<Observable<number>>(n);
        for (let i = 0; i < n; i++) jobs[i] = sleep(W3_JOB_MS, i).pipe(holding(semaphore));
        checkSum(await lastValueFrom(gather(jobs)), n);
      });
    },
  },
  {
    workload: 'W3',
    impl: 'rxjs',
    variant: 'mergeMap(job, 100)',
    run: (n) =>
      timed(async () => {
        const jobs = range(0, n).pipe(
          mergeMap((i) => timer(W3_JOB_MS).pipe(map(() => i)), W3_LIMIT),
          count(),
        );
        check((await lastValueFrom(jobs)) === n, 'count');
      }),
  },
  {
    workload: 'W3',
    impl: 'p-limit',
    variant: 'pLimit(100)',
    run: async (n) => {
      const { default: pLimit } = await import('p-limit');
      return timed(async () => {
        const limit = pLimit(W3_LIMIT);
        checkSum(await Promise.all(ids(n).map((i) => limit(() => delay(i)))), n);
      });
    },
  },
  {
    workload: 'W3',
    impl: 'p-map',
    variant: 'pMap(concurrency 100)',
    run: async (n) => {
      const { default: pMap } = await import('p-map');
      return timed(async () => {
        checkSum(await pMap(ids(n), delay, { concurrency: W3_LIMIT }), n);
      });
    },
  },
];
