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
  const scheduler = new TestScheduler(observableMatcher);
  const lines: string[] = [];
  let settled = false;
  const done = main((line) => lines.push(line), { scheduler }).finally(() => (settled = true));
  for (let i = 0; !settled; i++) {
    if (i > 10_000) throw new Error('demo did not settle');
    const next = scheduler.actions[0];
    if (next) {
      scheduler.maxFrames = next.delay; // run this frame's actions only
      scheduler.flush();
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await done;
  expect(scheduler.actions).toHaveLength(0); // nothing of the demo is left scheduled
  return lines;
}

/** Runs a demo's `main` in real time with its delays scaled down. */
export async function runScaled(main: Demo['main'], timeScale = 0.01): Promise<string[]> {
  const lines: string[] = [];
  await main((line) => lines.push(line), { timeScale });
  return lines;
}

/** Replaces `17:14:34 (+2.00s)` and `(+2.00s)` with placeholders, for real-time runs. */
export const untimed = (lines: readonly string[]): string[] =>
  lines.map((l) => l.replace(/\d\d:\d\d:\d\d/g, 'HH:MM:SS').replace(/\+\d+\.\d\ds/g, '+T'));
