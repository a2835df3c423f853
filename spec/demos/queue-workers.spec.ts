import { TestScheduler } from 'rxjs/testing';
import { main } from '../../demos/queue-workers';
import { observableMatcher } from '../helpers/observable-matcher';

describe('demo queue-workers', () => {
  it('3 workers share 20 seeded jobs; join() waits for all; the workers are cancelled (virtual time)', async () => {
    const scheduler = new TestScheduler(observableMatcher);
    scheduler.maxFrames = Infinity;
    const lines: string[] = [];
    const done = main((line) => lines.push(line), { scheduler });
    scheduler.flush();
    await done;
    expect(lines).toMatchInlineSnapshot(`
     [
       "worker-2 has slept for 0.67 seconds (+0.67s)",
       "worker-1 has slept for 0.72 seconds (+0.72s)",
       "worker-0 has slept for 0.82 seconds (+0.82s)",
       "worker-1 has slept for 0.54 seconds (+1.27s)",
       "worker-2 has slept for 0.70 seconds (+1.37s)",
       "worker-0 has slept for 0.68 seconds (+1.50s)",
       "worker-2 has slept for 0.20 seconds (+1.57s)",
       "worker-1 has slept for 0.39 seconds (+1.66s)",
       "worker-0 has slept for 0.49 seconds (+1.99s)",
       "worker-2 has slept for 0.72 seconds (+2.29s)",
       "worker-1 has slept for 0.67 seconds (+2.33s)",
       "worker-1 has slept for 0.13 seconds (+2.47s)",
       "worker-2 has slept for 0.50 seconds (+2.79s)",
       "worker-0 has slept for 0.81 seconds (+2.80s)",
       "worker-1 has slept for 0.50 seconds (+2.96s)",
       "worker-1 has slept for 0.20 seconds (+3.17s)",
       "worker-1 has slept for 0.05 seconds (+3.22s)",
       "worker-2 has slept for 0.47 seconds (+3.26s)",
       "worker-0 has slept for 0.93 seconds (+3.73s)",
       "worker-1 has slept for 0.60 seconds (+3.82s)",
       "====",
       "3 workers slept in parallel for 3.82 seconds",
       "total expected sleep time: 10.81 seconds",
     ]
    `);
    const jobs = lines.slice(0, 20).map((l) => Number(/slept for ([\d.]+)/.exec(l)![1]));
    const sum = jobs.reduce((a, b) => a + b, 0);
    const total = Number(/time: ([\d.]+) seconds/.exec(lines[22]!)![1]);
    expect(Math.abs(total - sum)).toBeLessThan(0.05); // the printed jobs are rounded
    const parallel = Number(/for ([\d.]+) seconds/.exec(lines[21]!)![1]);
    expect(parallel).toBeGreaterThanOrEqual(sum / 3);
    expect(parallel).toBeLessThan(sum / 2);
    expect(scheduler.actions).toEqual([]); // nothing left scheduled: the workers are gone
  });
});
