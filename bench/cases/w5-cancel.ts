/**
 * W5, cancellation: n Tasks pending on a 1-hour sleep. Measured: heap bytes per pending
 * Task after a forced GC, and the time to cancel them all and wait until all are done.
 */
import { timer, type Subscription } from 'rxjs';
import { createTask, has, need, sleep, type Task } from '../api';
import { check, heapAfterGc, macrotask, now, type BenchCase } from './common';

const HOUR = 3_600_000;

/** Resolves once every Task is done: `gather(…, {returnExceptions})` when built, else done callbacks. */
function allDone(tasks: Task<unknown>[]): Promise<unknown> {
  if (has('gather')) {
    const gather = need('gather');
    return new Promise((resolve, reject) =>
      gather(tasks, { returnExceptions: true }).subscribe({ next: resolve, error: reject }),
    );
  }
  return new Promise<void>((resolve) => {
    let left = tasks.length;
    for (const task of tasks) task.addDoneCallback(() => --left === 0 && resolve());
  });
}

export const w5Cases: BenchCase[] = [
  {
    workload: 'W5',
    impl: 'rxjs-asyncio',
    variant: 'Task.cancel',
    run: async (n) => {
      const before = heapAfterGc();
      const tasks: Task<unknown>[] = new Array<Task<unknown>>(n);
      for (let i = 0; i < n; i++) tasks[i] = createTask(sleep(HOUR));
      await macrotask(); // every Task has started: its sleep is pending
      const bytesPerItem = (heapAfterGc() - before) / n;
      const start = now();
      for (const task of tasks) task.cancel();
      await allDone(tasks);
      const ms = now() - start;
      check(
        tasks.every((t) => t.cancelled()),
        'all cancelled',
      );
      return { ms, bytesPerItem };
    },
  },
  {
    workload: 'W5',
    impl: 'rxjs',
    variant: 'unsubscribe',
    // eslint-disable-next-line @typescript-eslint/require-await -- unsubscribing is synchronous
    run: async (n) => {
      const before = heapAfterGc();
      const subscriptions: Subscription[] = new Array<Subscription>(n);
      for (let i = 0; i < n; i++) subscriptions[i] = timer(HOUR).subscribe();
      const bytesPerItem = (heapAfterGc() - before) / n;
      const start = now();
      for (const subscription of subscriptions) subscription.unsubscribe();
      const ms = now() - start;
      check(
        subscriptions.every((s) => s.closed),
        'all closed',
      );
      return { ms, bytesPerItem };
    },
  },
];
