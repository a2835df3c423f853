import { finalize, mergeMap, NEVER, Observable, of, TimeoutError } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { CancelledError } from '../lib/errors';
import { sleep } from '../lib/sleep';
import { createTask } from '../lib/task';
import { waitFor } from '../lib/wait-for';
import { tracer } from './helpers/combinators-trace';
import { timeoutError } from '../lib/internal/timeout-error';
import { observableMatcher } from './helpers/observable-matcher';

const testScheduler = () => new TestScheduler(observableMatcher);

describe('waitFor', () => {
  it('asyncio trace (CPython 3.11): the cancelled work has run its finally before TimeoutError', () => {
    testScheduler().run(({ flush }) => {
      const { lines, log } = tracer();
      const slow = sleep(36_000_000).pipe(finalize(() => log('slow finally')));
      waitFor(slow, 10).subscribe({ error: (e: unknown) => e instanceof TimeoutError && log('timeout!') });
      flush();
      expect(lines).toEqual(['10 slow finally', '10 timeout!']);
    });
  });

  it('errors with TimeoutError only once the cancelled Task is done', () => {
    testScheduler().run(({ cold, flush }) => {
      const task = createTask(cold('-----a|'));
      const events: string[] = [];
      waitFor(task, 2).subscribe({ error: () => events.push(`timeout, cancelled=${task.cancelled()}`) });
      flush();
      expect(events).toEqual(['timeout, cancelled=true']);
    });
  });

  it('emits the result when in time', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b|');
      expectObservable(waitFor(source, 10)).toBe('----(b|)');
      expectSubscriptions(source.subscriptions).toBe('^---!');
    });
  });

  it('cancels and errors at the deadline', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('------a|');
      expectObservable(waitFor(source, 3)).toBe('---#', undefined, timeoutError());
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('waits forever with null', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(waitFor(cold('-----------a|'), null)).toBe('------------(a|)');
    });
  });

  it('with a timeout <= 0 cancels a Task before it starts, unless it is done', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const source = cold('-a|');
      expectObservable(waitFor(source, 0)).toBe('#', undefined, timeoutError());
      flush();
      expectSubscriptions(source.subscriptions).toBe([]);
      const done = createTask(of('ready'));
      cold('-x').subscribe(() => expectObservable(waitFor(done, -1)).toBe('-(r|)', { r: 'ready' }));
    });
  });

  it('emits undefined for an empty source', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(waitFor(cold('--|'), 5)).toBe('--(u|)', { u: undefined });
    });
  });

  it('passes on an error and a cancellation', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(waitFor(cold('--#', undefined, new Error('x')), 5)).toBe('--#', undefined, new Error('x'));
      const task = createTask(cold('-----a|'));
      cold('-x').subscribe(() => task.cancel('no'));
      expectObservable(waitFor(task, 5)).toBe('-#', undefined, new CancelledError('no'));
    });
  });

  it('emits the result of a Task done at the deadline (its done callback not yet run)', () => {
    testScheduler().run(({ expectObservable }) => {
      const task = createTask(sleep(2, 'made it'));
      expectObservable(waitFor(task, 2)).toBe('--(m|)', { m: 'made it' });
    });
  });

  it('handles a synchronous source', () => {
    testScheduler().run(({ expectObservable }) => {
      expectObservable(waitFor(of(1, 2), 1)).toBe('(b|)', { b: 2 });
    });
  });

  it('unsubscribing early cancels the Task and removes the timer', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const source = cold('------a|');
      const task = createTask(cold('------a|'));
      expectObservable(waitFor(source, 4), '^-!').toBe('---');
      expectSubscriptions(source.subscriptions).toBe('^-!');
      const sub = waitFor(task, 4).subscribe();
      cold('-x').subscribe(() => sub.unsubscribe());
      flush();
      expect(task.cancelled()).toBe(true);
    });
  });

  it('keeps the unsubscription chain intact between mergeMaps', () => {
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const inner = cold('------a|');
      const source = hot('-x').pipe(
        mergeMap((x) => of(x)),
        mergeMap(() => waitFor(inner, 10)),
        mergeMap((x) => of(x)),
      );
      expectObservable(source, '^--!').toBe('----');
      expectSubscriptions(inner.subscriptions).toBe('-^-!');
    });
  });

  it('runs the teardown once', () => {
    testScheduler().run(({ flush }) => {
      let teardowns = 0;
      const src = new Observable<number>(() => () => teardowns++);
      waitFor(src, 3).subscribe({ error: () => undefined });
      waitFor(src.pipe(finalize(() => teardowns++)), 3).subscribe({ error: () => undefined });
      flush();
      expect(teardowns).toBe(3);
    });
  });

  it('throws at call time on bad input', () => {
    expect(() => waitFor(42 as never, 1)).toThrow(TypeError);
    expect(() => waitFor(NEVER, NaN)).toThrow(new RangeError('waitFor(): `timeout` must be a number or null, got NaN'));
    expect(() => waitFor(NEVER, '1s' as never)).toThrow(TypeError);
    expect(() => waitFor(NEVER, undefined as never)).toThrow(TypeError);
    expect(() => waitFor(NEVER, 1, {} as never)).toThrow(TypeError);
  });

  it('uses a custom scheduler outside run()', () => {
    const scheduler = testScheduler();
    const seen: unknown[] = [];
    waitFor(sleep(3_600_000, 'x', scheduler), 500, scheduler).subscribe({
      error: (e: unknown) => seen.push([e instanceof TimeoutError, scheduler.now()]),
    });
    scheduler.flush();
    expect(seen).toEqual([[true, 500]]); // (TestScheduler outside run() stops at frame 750)
  });
});
