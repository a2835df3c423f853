/**
 * W2, create + await: n times, one after another, start a Task of an immediate value and
 * await it; then the same inside `AsyncLocalStorage.run` (what keeping each task's async
 * context costs once context tracking is on).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { firstValueFrom, of } from 'rxjs';
import { createTask } from '../api';
import { check, timed, type BenchCase, type Measure } from './common';

type Loop = (n: number) => Promise<number>;

const loops: Record<'rxjs-asyncio' | 'promise' | 'rxjs', [string, Loop]> = {
  'rxjs-asyncio': [
    'createTask',
    async (n) => {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += await createTask(of(i));
      return sum;
    },
  ],
  promise: [
    'async fn',
    async (n) => {
      let sum = 0;
      // eslint-disable-next-line @typescript-eslint/require-await -- the twin of an async def returning at once
      for (let i = 0; i < n; i++) sum += await (async () => i)();
      return sum;
    },
  ],
  rxjs: [
    'firstValueFrom',
    async (n) => {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += await firstValueFrom(of(i));
      return sum;
    },
  ],
};

function measure(loop: Loop, n: number, inContext: boolean): Promise<Measure> {
  return timed(async () => {
    const sum = inContext ? await new AsyncLocalStorage<object>().run({}, () => loop(n)) : await loop(n);
    check(sum === (n * (n - 1)) / 2, `sum ${sum}`);
  });
}

export const w2Cases: BenchCase[] = (Object.keys(loops) as (keyof typeof loops)[]).flatMap((impl) => {
  const [variant, loop] = loops[impl];
  return [
    { workload: 'W2', impl, variant, run: (n: number) => measure(loop, n, false) },
    { workload: 'W2', impl, variant: `${variant} in ALS`, run: (n: number) => measure(loop, n, true) },
  ];
});
