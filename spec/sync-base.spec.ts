import { TestScheduler } from 'rxjs/testing';
import { CancelledError } from '../lib/errors';
import { WaiterLine } from '../lib/internal/waiter-line';
import { doneTask, failedTask, waitTask } from '../lib/sync-base';
import { observableMatcher } from './helpers/observable-matcher';

// The Tasks that acquire()/get()/put()/wait() hand out.
describe('sync-base: Tasks of operations that wait in a line', () => {
  it('doneTask is done on the spot (an operation that need not wait does not yield)', () => {
    const s = new TestScheduler(observableMatcher);
    const task = doneTask('Queue.get', s, 'item');
    expect(task.done()).toBe(true);
    expect(task.result()).toBe('item');
    expect(task.name).toBe('Queue.get');
  });

  it('failedTask is failed on the spot', () => {
    const task = failedTask<number>('Queue.put', undefined, new Error('shut down'));
    expect(task.done()).toBe(true);
    expect(() => task.result()).toThrow('shut down');
  });

  it('waitTask joins the line at once, is settled by a wake-up, and leaves the line when cancelled', () => {
    const s = new TestScheduler(observableMatcher);
    const line = new WaiterLine<number>();
    const first = waitTask<number>('Lock.acquire', s, (target) => line.push(target));
    const second = waitTask<number>('Lock.acquire', s, (target) => line.push(target));
    expect(line.size).toBe(2);
    expect(second.cancel()).toBe(true);
    expect(line.size).toBe(1); // left the line at once
    line.wakeFirst(1);
    expect(first.result()).toBe(1);
    expect(second.done()).toBe(false); // a cancel is delivered on the next turn
    s.flush();
    expect(second.cancelled()).toBe(true);
    expect(() => second.result()).toThrow(CancelledError);
  });
});
