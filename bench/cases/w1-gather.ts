/**
 * W1, gather fan-out: n sources each yield once (`sleep(0)`) then return i; all are run
 * concurrently and their results collected in input order.
 */
import { forkJoin, lastValueFrom, map, timer, type Observable } from 'rxjs';
import { need, sleep, type Task } from '../api';
import { checkRange, timed, type BenchCase } from './common';

/** The Promise twin of a source: `async (i) => { await setImmediate-yield; return i; }`. */
async function job(i: number): Promise<number> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  return i;
}

export const w1Cases: BenchCase[] = [
  {
    workload: 'W1',
    impl: 'rxjs-asyncio',
    variant: 'gather',
    run: (n) => {
      const gather = need('gather');
      return timed(async () => {
        const sources: Observable<number>[] = new Array<Observable<number>>(n);
        for (let i = 0; i < n; i++) sources[i] = sleep(0, i);
        checkRange(await lastValueFrom(gather(sources)), n);
      });
    },
  },
  {
    workload: 'W1',
    impl: 'rxjs-asyncio',
    variant: 'taskGroup',
    run: (n) => {
      const taskGroup = need('taskGroup');
      return timed(async () => {
        const tasks: Task<number>[] = new Array<Task<number>>(n);
        const group = taskGroup((tg) => {
          for (let i = 0; i < n; i++) tasks[i] = tg.createTask(sleep(0, i));
        });
        await lastValueFrom(group, { defaultValue: undefined });
        checkRange(
          tasks.map((t) => t.result()),
          n,
        );
      });
    },
  },
  {
    workload: 'W1',
    impl: 'promise',
    variant: 'Promise.all',
    run: (n) =>
      timed(async () => {
        const jobs: Promise<number>[] = new Array<Promise<number>>(n);
        for (let i = 0; i < n; i++) jobs[i] = job(i);
        checkRange(await Promise.all(jobs), n);
      }),
  },
  {
    workload: 'W1',
    impl: 'rxjs',
    variant: 'forkJoin',
    run: (n) =>
      timed(async () => {
        const sources: Observable<number>[] = new Array<Observable<number>>(n);
        for (let i = 0; i < n; i++) sources[i] = timer(0).pipe(map(() => i));
        checkRange(await lastValueFrom(forkJoin(sources)), n);
      }),
  },
];
