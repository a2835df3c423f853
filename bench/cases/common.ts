/** What the cases share: the case shape, a clock, and result checks. */

/** The implementations compared; `cpython` cases live in `bench/python/`. */
export type Impl = 'rxjs-asyncio' | 'rxjs' | 'promise' | 'p-limit' | 'p-map' | 'cpython';

export type Workload = 'W1' | 'W2' | 'W3' | 'W4' | 'W5';

/** One timed repeat: the time of the measured part, and heap bytes per item where measured. */
export interface Measure {
  ms: number;
  /** CPU time of the process (all threads) over the same span: steadier than `ms` on a busy machine. */
  cpuMs?: number;
  bytesPerItem?: number;
}

/** One JavaScript case: a workload run by one implementation in one variant. */
export interface BenchCase {
  workload: Workload;
  impl: Exclude<Impl, 'cpython'>;
  variant: string;
  /** Runs the workload once at size `n` and measures it (the case decides what is timed). */
  run(n: number): Promise<Measure>;
}

export const now = (): number => performance.now();

/** Times `body` as a whole. */
export async function timed(body: () => Promise<void>): Promise<Measure> {
  const cpu = process.cpuUsage();
  const start = now();
  await body();
  const ms = now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

/** Throws unless `ok`: a case that computes the wrong thing must not report a time. */
export function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`wrong result: ${what}`);
}

/** Checks that `values` is 0, 1, …, n−1 (W1's result). */
export function checkRange(values: ArrayLike<unknown>, n: number): void {
  check(values.length === n, `length ${values.length}, expected ${n}`);
  for (let i = 0; i < n; i++) if (values[i] !== i) check(false, `slot ${i} holds ${String(values[i])}`);
}

/** A macrotask turn: every microtask and ready-queue drain queued before it has run. */
export const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Forces a full GC (the worker runs with `--expose-gc`) and returns the heap in use. */
export function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run the worker with node --expose-gc');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}
