import { TestScheduler } from 'rxjs/testing';
import type { Demo } from '../../demos/support/harness';
import { observableMatcher } from './observable-matcher';

/**
 * Runs a demo's `main` in virtual time: its scheduler is a TestScheduler, advanced one
 * frame at a time until `main` settles. Works for demos written with `await` too: after
 * each frame's actions, the Promise continuations run (a macrotask hop) before virtual time
 * moves on, so what they schedule starts from the right frame.
 */
export async function runVirtual(main: Demo['main']): Promise<string[]> {
  return (await runVirtualClock(main)).lines;
}

/** `runVirtual`, also returning the virtual time (ms) at which the demo settled. */
export async function runVirtualClock(main: Demo['main']): Promise<{ lines: string[]; now: number }> {
  const scheduler = new TestScheduler(observableMatcher);
  const lines: string[] = [];
  let settled = false as boolean; // set by the promise's finally
  const done = main((line) => lines.push(line), { scheduler }).finally(() => (settled = true));
  for (let i = 0; !settled; i++) {
    if (i > 10_000) throw new Error('demo did not settle');
    const next = scheduler.actions.at(0);
    if (next) {
      scheduler.maxFrames = next.delay; // run this frame's actions only
      scheduler.flush();
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await done;
  expect(scheduler.actions).toHaveLength(0); // nothing of the demo is left scheduled
  return { lines, now: scheduler.now() };
}

/**
 * Runs a demo's `main` in real time with its delays scaled down (1 s → 50 ms). The events
 * of the demos run this way are a demo-second apart or more, so a stall of up to ~50 ms (a
 * GC, a busy CI core) cannot reorder them; at 1 s → 10 ms a 20 ms stall did.
 */
export async function runScaled(main: Demo['main'], timeScale = 0.05): Promise<string[]> {
  const lines: string[] = [];
  await main((line) => lines.push(line), { timeScale });
  return lines;
}

/** Replaces `17:14:34 (+2.00s)` and `(+2.00s)` with placeholders, for real-time runs. */
export const untimed = (lines: readonly string[]): string[] =>
  lines.map((l) => l.replace(/\d\d:\d\d:\d\d/g, 'HH:MM:SS').replace(/\+\d+\.\d\ds/g, '+T'));

/** Replaces the wall-clock part `17:14:34` with `HH:MM:SS`, keeping the elapsed times. */
const maskClock = (line: string): string => line.replace(/\d\d:\d\d:\d\d/, 'HH:MM:SS');

/** `runVirtualClock` with wall-clock times masked as `HH:MM:SS`. */
export async function runVirtualDemo(main: Demo['main']): Promise<{ lines: string[]; now: number }> {
  const { lines, now } = await runVirtualClock(main);
  return { lines: lines.map(maskClock), now };
}

/** `runScaled` with wall-clock times masked as `HH:MM:SS`. */
export async function runScaledDemo(main: Demo['main']): Promise<string[]> {
  return (await runScaled(main)).map(maskClock);
}
