import { TestScheduler } from 'rxjs/testing';
import type { Demo } from '../../demos/support/harness';
import { observableMatcher } from './observable-matcher';

/**
 * Runs an Observable-first demo in virtual time: a TestScheduler (outside `run()`, with
 * no frame limit) as `options.scheduler`, flushed until the demo is done.
 * @returns The printed lines, with wall-clock times masked as `HH:MM:SS`, and the virtual
 * time at the end (ms).
 */
export async function runVirtualDemo(main: Demo['main']): Promise<{ lines: string[]; now: number }> {
  const scheduler = new TestScheduler(observableMatcher);
  scheduler.maxFrames = Number.POSITIVE_INFINITY;
  const lines: string[] = [];
  const done = main((line) => lines.push(line.replace(/\d\d:\d\d:\d\d/, 'HH:MM:SS')), { scheduler });
  scheduler.flush();
  await done;
  return { lines, now: scheduler.now() };
}

/** Runs a demo in real time with its delays scaled by 0.01 (1 s → 10 ms); times masked. */
export async function runScaledDemo(main: Demo['main']): Promise<string[]> {
  const lines: string[] = [];
  await main((line) => lines.push(line.replace(/\d\d:\d\d:\d\d/, 'HH:MM:SS')), { timeScale: 0.01 });
  return lines;
}
