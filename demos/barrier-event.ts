/**
 * Three tasks prepare for different times, meet at a Barrier, then wait for an Event
 * that the main task sets one second later: they are released together. asyncio's twin:
 *
 *   async def runner(i, barrier, go):
 *       await asyncio.sleep(0.5 * (i + 1))
 *       print(f'runner-{i} at the barrier')
 *       index = await barrier.wait()
 *       print(f'runner-{i} passed the barrier (arrival {index})')
 *       await go.wait()
 *       print(f'runner-{i} released')
 *   async def main():
 *       barrier, go = asyncio.Barrier(4), asyncio.Event()
 *       runners = [asyncio.create_task(runner(i, barrier, go)) for i in range(3)]
 *       await barrier.wait()
 *       print('main: everyone is here; go in 1 s')
 *       await asyncio.sleep(1)
 *       go.set()
 *       await asyncio.gather(*runners)
 *
 * Written Observable-first, so its spec runs it in virtual time.
 */
import { concatMap, defer, firstValueFrom, forkJoin, map, tap } from 'rxjs';
import { Barrier } from '../lib/barrier';
import { Event } from '../lib/event';
import { sleep } from '../lib/sleep';
import { createTask } from '../lib/task';
import { clock, runIfMain, type DemoOptions, type Log } from './support/harness';

export async function main(log: Log, options: DemoOptions = {}): Promise<number[]> {
  const { scheduler, ms, time } = clock(options);
  const barrier = new Barrier(4, { scheduler });
  const go = new Event({ scheduler });

  const runner = (i: number) =>
    sleep(ms(500 * (i + 1)), undefined, scheduler).pipe(
      tap(() => log(`runner-${i} at the barrier at ${time()}`)),
      concatMap(() => barrier.wait()),
      tap((index) => log(`runner-${i} passed the barrier (arrival ${index}) at ${time()}`)),
      concatMap((index) => go.wait().pipe(map(() => index))),
      tap(() => log(`runner-${i} released at ${time()}`)),
    );
  log(`main: started at ${time()}`);
  const runners = [0, 1, 2].map((i) => createTask(runner(i), { name: `runner-${i}`, scheduler }));

  return firstValueFrom(
    defer(() => barrier.wait()).pipe(
      tap(() => log(`main: everyone is here at ${time()}; go in 1 s`)),
      concatMap(() => sleep(ms(1000), undefined, scheduler)),
      tap(() => go.set()),
      concatMap(() => forkJoin(runners)),
      tap(() => log(`main: done at ${time()}`)),
    ),
  );
}

runIfMain(module, main);
