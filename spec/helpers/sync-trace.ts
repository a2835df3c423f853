/**
 * A tiny virtual event loop for the CPython-trace specs of the synchronisation
 * primitives, which are written with `await` like their Python twins (native Promises
 * escape `TestScheduler`). `sleep(ms)` waits on a virtual clock; `runLoop(main)` lets every
 * microtask and ready-queue turn settle, then jumps to the next timer, as asyncio's loop
 * does when idle. Deterministic and instant, whatever the machine's load.
 */
export { Condition, Event, Lock, Queue, Semaphore } from '../../lib/index';
export { createTask } from '../../lib/task';

let now = 0;
let seq = 0;
const timers: { at: number; seq: number; fire: () => void }[] = [];

/** `await asyncio.sleep(ms / 1000)` on the virtual clock. */
export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => timers.push({ at: now + Math.max(0, ms), seq: seq++, fire: resolve }));

/** Virtual milliseconds since `runLoop` began. */
export const clockNow = (): number => now;

const idle = async (): Promise<void> => {
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
};

/** `asyncio.run(main())` on the virtual clock. */
export async function runLoop<T>(main: () => Promise<T>): Promise<T> {
  now = 0;
  timers.length = 0;
  let finished = false;
  const result = main().finally(() => (finished = true));
  await idle();
  while (!finished && timers.length > 0) {
    timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const timer = timers.shift()!;
    now = timer.at;
    timer.fire();
    await idle();
  }
  return result;
}

/** `await asyncio.gather(*aws)` for Promise-like values. */
export const gatherAll = <T>(aws: readonly PromiseLike<T>[]): Promise<T[]> => Promise.all(aws);
