import { Subscription } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { MAX_TIMER_DELAY, scheduleAt, scheduleIn, scheduleSoon } from '../../lib/internal/schedule';
import { observableMatcher } from '../helpers/observable-matcher';

function setup() {
  const scheduler = new TestScheduler(observableMatcher);
  scheduler.maxFrames = Infinity;
  const log: string[] = [];
  const at = (label: string) => () => log.push(`${label}@${scheduler.now()}`);
  return { scheduler, log, at };
}

describe('scheduleIn', () => {
  it('runs work after the delay', () => {
    const { scheduler, log, at } = setup();
    scheduleIn(scheduler, 7, at('w'));
    scheduler.flush();
    expect(log).toEqual(['w@7']);
  });

  it.each([[0], [-1], [-Infinity]])('runs a delay of %p on the next ready-queue turn, with no timer', (delay) => {
    const { scheduler, log, at } = setup();
    scheduleIn(scheduler, delay, at('soon'));
    expect(log).toEqual([]);
    scheduler.flush();
    expect(log).toEqual(['soon@0']);
  });

  it.each([[Infinity], [null]])('schedules nothing for %p and returns Subscription.EMPTY', (delay) => {
    const { scheduler, log, at } = setup();
    expect(scheduleIn(scheduler, delay, at('never'))).toBe(Subscription.EMPTY);
    expect(scheduler.actions).toHaveLength(0);
    scheduler.flush();
    expect(log).toEqual([]);
  });

  it('splits delays above 2^31−1 ms into steps and fires at the exact time', () => {
    const { scheduler, log, at } = setup();
    scheduleIn(scheduler, 2 * MAX_TIMER_DELAY + 3, at('late'));
    scheduler.flush();
    expect(log).toEqual([`late@${2 * MAX_TIMER_DELAY + 3}`]);
  });

  it.each([
    ['soon', 0],
    ["the scheduler's action", 7],
    ['the steps of a long delay', 2 * MAX_TIMER_DELAY + 3],
  ])('passes its argument to the work on every path: %s', (_path, delay) => {
    const { scheduler, log } = setup();
    scheduleIn(scheduler, delay, (x: string) => log.push(`${x}@${scheduler.now()}`), 'arg');
    scheduler.flush();
    expect(log).toEqual([`arg@${delay}`]);
  });

  it('cancels: no work and no action left after unsubscribe, also mid-way through a long delay', () => {
    const { scheduler, log, at } = setup();
    scheduleIn(scheduler, 5, at('a')).unsubscribe();
    const long = scheduleIn(scheduler, 3 * MAX_TIMER_DELAY, at('b'));
    scheduler.schedule(() => long.unsubscribe(), MAX_TIMER_DELAY + 1);
    scheduler.flush();
    expect(log).toEqual([]);
    expect(scheduler.actions).toHaveLength(0);
  });
});

describe('scheduleAt', () => {
  it('runs at an absolute time, a past time on the next turn, null never', () => {
    const { scheduler, log, at } = setup();
    scheduler.schedule(() => {
      scheduleAt(scheduler, 25, at('abs'));
      scheduleAt(scheduler, 3, at('past'));
      scheduleAt(scheduler, null, at('never'));
    }, 10);
    scheduler.flush();
    expect(log).toEqual(['past@10', 'abs@25']);
  });
});

describe('scheduleSoon', () => {
  it('runs on the next turn unless closed first', () => {
    const { scheduler, log, at } = setup();
    scheduleSoon(scheduler, at('kept'));
    scheduleSoon(scheduler, at('dropped')).unsubscribe();
    scheduler.flush();
    expect(log).toEqual(['kept@0']);
  });
});
