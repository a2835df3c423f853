/** Which cases run, at which sizes, in which order: every implementation of a workload back to back. */
import { jsCases } from './cases/index';
import type { Impl, Workload } from './cases/common';

/**
 * A case whose timed runs already took this long stops after MIN_REPEATS runs (CPython's
 * gather of 10^6 takes ~25 s a run on 2 busy cores), so a full bench stays near 15
 * minutes. The table and results.json give each case's run count. Used by the worker
 * (runs within one process) and by the runner (rounds of processes).
 */
export const SLOW_CASE_MS = 45_000;
export const MIN_REPEATS = 3;

/** True once a slow case has timed enough runs to stop (see SLOW_CASE_MS). */
export function slowCaseDone(runs: number, timedMs: number): boolean {
  return runs >= MIN_REPEATS && timedMs > SLOW_CASE_MS;
}

export interface PlannedCase {
  id: string;
  workload: Workload;
  impl: Impl;
  variant: string;
  n: number;
  /** Size of the warm-up run (see {@link warmupSize}). */
  warmupN: number;
  lang: 'js' | 'python';
  /** A run (the warm-up or a timed one) taking longer than this is stopped and reported as not finished. */
  runBudgetMs: number;
}

export const WORKLOAD_TITLES: Record<Workload, string> = {
  W1: 'W1 gather fan-out: n sources each sleep(0) then return i, gathered',
  W2: 'W2 create + await: n times in sequence, a Task of an immediate value, awaited',
  W3: 'W3 bounded concurrency: n jobs of a 1 ms sleep, at most 100 in flight (ideal n/100 ms)',
  W4: 'W4 queue: n items, one producer, one consumer, 100 slots',
  W5: 'W5 cancellation: n Tasks pending on a 1-hour sleep, then cancel all and wait until done',
};

/** CPython twins (bench/python/workloads.py), by workload. */
const pythonCases: { workload: Workload; variant: string }[] = [
  { workload: 'W1', variant: 'gather' },
  { workload: 'W1', variant: 'TaskGroup' },
  { workload: 'W2', variant: 'create_task' },
  { workload: 'W3', variant: 'Semaphore' },
  { workload: 'W4', variant: 'Queue(100)' },
  { workload: 'W5', variant: 'cancel+gather' },
];

export function sizes(quick: boolean): Record<Workload, number[]> {
  return quick
    ? { W1: [1_000, 10_000], W2: [10_000], W3: [1_000], W4: [10_000], W5: [10_000] }
    : { W1: [10_000, 100_000, 1_000_000], W2: [1_000_000], W3: [10_000], W4: [1_000_000], W5: [100_000] };
}

/** The budget of one run; RxJS's forkJoin is quadratic, so at 10^6 it gets 30 s and is reported as not finished. */
function budget(impl: Impl, variant: string, n: number, quick: boolean): number {
  if (impl === 'rxjs' && variant === 'forkJoin' && n >= 1_000_000) return 30_000;
  return quick ? 60_000 : 240_000;
}

/**
 * The warm-up runs 10^5 items whatever n is, so a case at 10^4 is measured with its code as
 * optimised as at 10^6 (one warm-up at 10^4 left our per-task path partly unoptimised: 3×
 * the per-item time of 10^5). W3 too, although its 10^5 jobs take 1–2 s of timers: our
 * bounded path (the Task, `holding`, the Semaphore's line, the timer heap) is still being
 * optimised after one warm-up of 10^4 jobs (README, Performance). forkJoin warms up at
 * 10^4 (10^5 takes it 16 s); --quick warms up at n.
 */
function warmupSize(forkJoin: boolean, n: number, quick: boolean): number {
  if (quick) return n;
  return forkJoin ? Math.min(n, 10_000) : 100_000;
}

export function plan(options: { quick: boolean; only?: Set<string>; python: boolean }): PlannedCase[] {
  type Row = Pick<PlannedCase, 'workload' | 'impl' | 'variant' | 'lang'>;
  const js: Row[] = jsCases.map((c) => ({ workload: c.workload, impl: c.impl, variant: c.variant, lang: 'js' }));
  const python: Row[] = options.python ? pythonCases.map((c) => ({ ...c, impl: 'cpython', lang: 'python' })) : [];
  const all = [...js, ...python];
  const n = sizes(options.quick);
  const out: PlannedCase[] = [];
  for (const workload of Object.keys(WORKLOAD_TITLES) as Workload[]) {
    if (options.only && !options.only.has(workload)) continue;
    for (const size of n[workload]) {
      for (const c of all.filter((x) => x.workload === workload)) {
        const forkJoin = c.variant === 'forkJoin';
        out.push({
          ...c,
          id: `${c.workload}/${c.impl}/${c.variant}`,
          n: size,
          warmupN: warmupSize(forkJoin, size, options.quick),
          runBudgetMs: budget(c.impl, c.variant, size, options.quick),
        });
      }
    }
  }
  return out;
}
