import { TestScheduler } from 'rxjs/testing';
import { main } from '../../demos/barrier-event';
import { observableMatcher } from '../helpers/observable-matcher';

describe('demo barrier-event', () => {
  it('runners meet at the Barrier, then the Event releases them together — same order as CPython (virtual time)', async () => {
    const scheduler = new TestScheduler(observableMatcher);
    scheduler.maxFrames = Infinity;
    const lines: string[] = [];
    const done = main((line) => lines.push(line.replace(/\d\d:\d\d:\d\d /, '')), { scheduler });
    scheduler.flush();
    expect(await done).toEqual([1, 2, 3]);
    // python3.11 prints the same events in the same order (the demo's docstring twin).
    expect(lines).toEqual([
      'main: started at (+0.00s)',
      'runner-0 at the barrier at (+0.50s)',
      'runner-1 at the barrier at (+1.00s)',
      'runner-2 at the barrier at (+1.50s)',
      'runner-2 passed the barrier (arrival 3) at (+1.50s)',
      'main: everyone is here at (+1.50s); go in 1 s',
      'runner-0 passed the barrier (arrival 1) at (+1.50s)',
      'runner-1 passed the barrier (arrival 2) at (+1.50s)',
      'runner-2 released at (+2.50s)',
      'runner-0 released at (+2.50s)',
      'runner-1 released at (+2.50s)',
      'main: done at (+2.50s)',
    ]);
    expect(scheduler.actions).toEqual([]);
  });
});
