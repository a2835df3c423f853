/**
 * asyncio's classic worker pool: 20 jobs of random length (seeded) in a Queue, 3 workers
 * taking them, `join()` waiting until every job is marked done, then the workers are
 * cancelled. The Python original (asyncio's Queue documentation):
 *
 *   async def worker(name, queue):
 *       while True:
 *           sleep_for = await queue.get()
 *           await asyncio.sleep(sleep_for)
 *           queue.task_done()
 *           print(f'{name} has slept for {sleep_for:.2f} seconds')
 *   ...
 *   await queue.join()
 *   for task in tasks: task.cancel()
 *   await asyncio.gather(*tasks, return_exceptions=True)
 *   print(f'3 workers slept in parallel for {total_slept_for:.2f} seconds')
 *   print(f'total expected sleep time: {total_sleep_time:.2f} seconds')
 *
 * Written Observable-first, so its spec runs it in virtual time.
 */
import { concatMap, defer, firstValueFrom, forkJoin, map, Observable, repeat, switchMap, tap } from 'rxjs';
import { Queue } from '../lib/queue';
import { sleep } from '../lib/sleep';
import { createTask, type Task } from '../lib/task';
import { clock, runIfMain, type DemoOptions, type Log } from './support/harness';
import { seeded } from './support/seeded';

export async function main(log: Log, options: DemoOptions = {}): Promise<void> {
  const { scheduler, ms, elapsed } = clock(options);
  const random = seeded(2024);
  const queue = new Queue<number>(0, { scheduler });
  let totalSleepTime = 0;
  for (let i = 0; i < 20; i++) {
    const sleepFor = Math.round(50 + random() * 950); // ms, like random.uniform(0.05, 1.0)
    totalSleepTime += sleepFor;
    queue.putNowait(sleepFor);
  }

  const worker = (name: string) =>
    defer(() => queue.get()).pipe(
      concatMap((sleepFor) => sleep(ms(sleepFor), sleepFor, scheduler)),
      tap((sleepFor) => {
        queue.taskDone();
        log(`${name} has slept for ${(sleepFor / 1000).toFixed(2)} seconds (${elapsed()})`);
      }),
      repeat(),
    );
  const tasks = [0, 1, 2].map((i) => createTask(worker(`worker-${i}`), { name: `worker-${i}`, scheduler }));

  const settled = (task: Task<unknown>) =>
    new Observable<void>((subscriber) => task.addDoneCallback(() => (subscriber.next(), subscriber.complete())));
  await firstValueFrom(
    queue.join().pipe(
      map(() => elapsed()),
      tap(() => tasks.forEach((task) => task.cancel())),
      switchMap((sleptFor) => forkJoin(tasks.map(settled)).pipe(map(() => sleptFor))),
      tap((sleptFor) => {
        log('====');
        log(`3 workers slept in parallel for ${sleptFor.slice(1, -1)} seconds`);
        log(`total expected sleep time: ${(totalSleepTime / 1000).toFixed(2)} seconds`);
      }),
    ),
  );
}

runIfMain(module, main);
