import { mergeMap, of, type SchedulerLike } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { createTask, sleep } from '../lib';
import { observableMatcher } from './helpers/observable-matcher';

const MAX = 2 ** 31 - 1;
const virtual = (body: Parameters<TestScheduler['run']>[0]) => new TestScheduler(observableMatcher).run(body);

describe('sleep', () => {
  it('emits the result after the delay, then completes', () => {
    virtual(({ expectObservable, time }) => {
      const delay = time('---|');
      expectObservable(sleep(delay, 'rested')).toBe('---(r|)', { r: 'rested' });
    });
  });

  it('emits undefined when no result is given', () => {
    virtual(({ expectObservable }) => {
      expectObservable(sleep(2)).toBe('--(u|)', { u: undefined });
    });
  });

  it('accepts fractional delays', () => {
    virtual(({ expectObservable }) => {
      expectObservable(sleep(1.5, 'x')).toBe('1.5ms (x|)');
    });
  });

  it('is cold: each subscription gets its own delay from its own start', () => {
    virtual(({ expectObservable }) => {
      const s = sleep(3, 'x');
      expectObservable(s).toBe('---(x|)');
      expectObservable(s, '--^').toBe('-----(x|)');
    });
  });

  it('sleep(0) still yields: the value comes on the next ready-queue turn, after the code that follows', () => {
    const log: string[] = [];
    virtual(({ expectObservable }) => {
      sleep(0, 'x').subscribe((v) => log.push(v));
      log.push('after subscribe');
      expectObservable(sleep(0, 'x')).toBe('(x|)');
    });
    expect(log).toEqual(['after subscribe', 'x']);
  });

  it('sleep(0) goes through the ready queue, FIFO with starting Tasks (asyncio’s sleep(0))', () => {
    const log: string[] = [];
    virtual(() => {
      sleep(0).subscribe(() => log.push('sleep(0) A'));
      createTask(of(1)).addDoneCallback(() => log.push('task done'));
      sleep(0).subscribe(() => log.push('sleep(0) B'));
    });
    expect(log).toEqual(['sleep(0) A', 'sleep(0) B', 'task done']);
  });

  it.each([[-5], [-Infinity], [-0]])('treats %p as now (asyncio), still yielding', (delay) => {
    const log: string[] = [];
    virtual(({ expectObservable }) => {
      expectObservable(sleep(delay, 'now')).toBe('(n|)', { n: 'now' });
      sleep(delay).subscribe(() => log.push('fired'));
      log.push('sync');
    });
    expect(log).toEqual(['sync', 'fired']);
  });

  it.each([[Infinity], [null]])('never emits for %p and schedules nothing', (delay) => {
    const scheduler = new TestScheduler(observableMatcher);
    const log: string[] = [];
    const sub = sleep(delay as number, 'x', scheduler).subscribe({ next: () => log.push('next'), complete: () => log.push('complete') });
    expect(scheduler.actions).toHaveLength(0);
    scheduler.flush();
    expect(log).toEqual([]);
    expect(sub.closed).toBe(false);
    sub.unsubscribe();
  });

  it('keeps delays above 2^31−1 ms whole: it fires at the delay, not after 1 ms', () => {
    virtual(({ expectObservable }) => {
      expectObservable(sleep(MAX + 10, 'late')).toBe(`${MAX + 10}ms (l|)`, { l: 'late' });
      // Not a moment early: subscribed until the delay is up.
      expectObservable(sleep(MAX + 10, 'late'), `^ ${MAX + 9}ms !`).toBe('-');
    });
  });

  it('never hands a timer more than 2^31−1 ms (Node would fire it after 1 ms)', () => {
    const scheduler = new TestScheduler(observableMatcher);
    scheduler.maxFrames = Infinity; // outside run() a TestScheduler stops at frame 750
    const delays: number[] = [];
    const spy: SchedulerLike = {
      now: () => scheduler.now(),
      schedule: ((work: never, delay?: number, state?: never) => {
        delays.push(delay ?? 0);
        return scheduler.schedule(work, delay, state);
      }) as SchedulerLike['schedule'],
    };
    const log: string[] = [];
    sleep(3 * MAX, 'x', spy).subscribe((v) => log.push(`${v} at ${scheduler.now()}`));
    scheduler.flush();
    expect(log).toEqual([`x at ${3 * MAX}`]);
    expect(Math.max(...delays)).toBeLessThanOrEqual(MAX);
  });

  it('leaves no scheduled action after unsubscribing early', () => {
    const scheduler = new TestScheduler(observableMatcher);
    const log: string[] = [];
    const sub = sleep(100, 'x', scheduler).subscribe(() => log.push('next'));
    expect(scheduler.actions).toHaveLength(1);
    sub.unsubscribe();
    expect(scheduler.actions).toHaveLength(0);
    const long = sleep(MAX * 2, 'x', scheduler).subscribe(() => log.push('next'));
    long.unsubscribe();
    expect(scheduler.actions).toHaveLength(0);
    scheduler.flush();
    expect(log).toEqual([]);
  });

  it('emits nothing when unsubscribed before a sleep(0) turn', () => {
    const log: string[] = [];
    virtual(() => {
      sleep(0).subscribe(() => log.push('next')).unsubscribe();
    });
    expect(log).toEqual([]);
  });

  it('unsubscribes through a chain of mergeMaps', () => {
    virtual(({ expectObservable }) => {
      const out = of(1).pipe(
        mergeMap((x) => of(x)),
        mergeMap(() => sleep(5, 'x')),
        mergeMap((x) => of(x)),
      );
      expectObservable(out, '^--!').toBe('---');
      expectObservable(out).toBe('-----(x|)');
    });
  });

  it('runs on a custom scheduler passed in: nothing happens until it is flushed', () => {
    const scheduler = new TestScheduler(observableMatcher);
    const log: string[] = [];
    sleep(10, 'a', scheduler).subscribe((v) => log.push(`${v} at ${scheduler.now()}`));
    sleep(0, 'b', scheduler).subscribe((v) => log.push(`${v} at ${scheduler.now()}`));
    expect(log).toEqual([]);
    scheduler.flush();
    expect(log).toEqual(['b at 0', 'a at 10']);
  });

  it('works in real time with the default scheduler', async () => {
    const { firstValueFrom } = await import('rxjs');
    expect(await firstValueFrom(sleep(1, 'real'))).toBe('real');
    expect(await firstValueFrom(sleep(0, 'zero'))).toBe('zero');
  });

  describe('bad input', () => {
    it.each([
      ['NaN', () => sleep(NaN), RangeError, 'sleep(): `delay` must be a number or null, got NaN'],
      ["'1'", () => sleep('1' as never), TypeError, "sleep(): `delay` must be a number or null, got '1'"],
      ['undefined', () => sleep(undefined as never), TypeError, 'sleep(): `delay` must be a number or null, got undefined'],
      ['a bad scheduler', () => sleep(1, 1, {} as never), TypeError, 'sleep(): `scheduler` must be a SchedulerLike, got an object'],
    ])('throws at call time for %s', (_label, call, Err, message) => {
      expect(call).toThrow(Err);
      expect(call).toThrow(message);
    });
  });
});
