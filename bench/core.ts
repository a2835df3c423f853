/**
 * Core benchmark (not a test): what a Task and a pending sleep cost.
 *
 * - create + await: 10^5 Tasks of a synchronous source, created in one go, then awaited
 *   together (`Promise.all`, which calls each Task's `then`).
 * - pending sleeps cancelled: 10^5 Tasks each waiting on `sleep(60_000)`, started, then all
 *   cancelled and awaited until settled; also the heap each pending Task holds.
 *
 * Prints µs per task, the median of 5 runs, and the same measured in the same run for a
 * baseline: a Promise per item (`Promise.all` of 10^5 microtask-resolved Promises) and plain
 * RxJS (10^5 `timer(60_000)` subscriptions, unsubscribed). Run: `npx tsx bench/core.ts`
 * (`node --expose-gc --require tsx/cjs bench/core.ts` for steadier heap numbers).
 */
import { of, timer, type Subscription } from 'rxjs';
import { createTask, sleep, type Task } from '../lib';

const N = 100_000;
const RUNS = 5;
const gc = (globalThis as { gc?: () => void }).gc;
const settle = (tasks: Task<unknown>[]) => Promise.all(tasks.map((t) => t.then(undefined, () => undefined)));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function createAndAwait(): Promise<number> {
  const source = of(1);
  const started = performance.now();
  const tasks: Task<number>[] = new Array<Task<number>>(N);
  for (let i = 0; i < N; i++) tasks[i] = createTask(source);
  await Promise.all(tasks);
  return ((performance.now() - started) * 1000) / N;
}

async function promiseBaseline(): Promise<number> {
  const started = performance.now();
  const promises: Promise<number>[] = new Array<Promise<number>>(N);
  for (let i = 0; i < N; i++)
    promises[i] = new Promise<number>((resolve) => queueMicrotask(() => of(1).subscribe(resolve)));
  await Promise.all(promises);
  return ((performance.now() - started) * 1000) / N;
}

async function rxjsTimerBaseline(): Promise<number> {
  const subs: Subscription[] = new Array<Subscription>(N);
  for (let i = 0; i < N; i++) subs[i] = timer(60_000).subscribe();
  await new Promise((resolve) => setImmediate(resolve));
  const started = performance.now();
  for (const s of subs) s.unsubscribe();
  return ((performance.now() - started) * 1000) / N;
}

async function pendingSleepsCancelled(): Promise<{ cancel: number; heap: number }> {
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const tasks: Task<undefined>[] = new Array<Task<undefined>>(N);
  for (let i = 0; i < N; i++) tasks[i] = createTask(sleep(60_000));
  await new Promise((resolve) => setImmediate(resolve)); // every Task started, every sleep pending
  gc?.();
  const heap = (process.memoryUsage().heapUsed - heapBefore) / N;
  const started = performance.now();
  for (const t of tasks) t.cancel();
  await settle(tasks);
  return { cancel: ((performance.now() - started) * 1000) / N, heap };
}

async function main(): Promise<void> {
  await createAndAwait(); // warm-up
  await pendingSleepsCancelled();
  const create: number[] = [];
  const promise: number[] = [];
  const cancel: number[] = [];
  const unsubscribe: number[] = [];
  const heap: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    create.push(await createAndAwait());
    promise.push(await promiseBaseline());
    const r = await pendingSleepsCancelled();
    cancel.push(r.cancel);
    heap.push(r.heap);
    unsubscribe.push(await rxjsTimerBaseline());
  }
  const ratio = (a: number[], b: number[]) => `${(median(a) / median(b)).toFixed(2)}×`;
  console.log(
    `core benchmark, ${N} tasks, median of ${RUNS} runs${gc ? '' : ' (run with --expose-gc for steadier heap numbers)'}`,
  );
  console.log(
    `create + await a Task:              ${median(create).toFixed(2)} µs per task (${ratio(create, promise)} a Promise per item: ${median(promise).toFixed(2)} µs)`,
  );
  console.log(
    `cancel + settle a pending sleep:    ${median(cancel).toFixed(2)} µs per task, ${((median(cancel) * N) / 1000).toFixed(0)} ms for ${N} ` +
      `(${ratio(cancel, unsubscribe)} unsubscribing a plain timer(60_000): ${median(unsubscribe).toFixed(2)} µs)`,
  );
  console.log(`heap held by a pending sleep Task:  ${(median(heap) / 1024).toFixed(2)} KB per task`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
