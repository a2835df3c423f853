import { finalize, mergeMap, NEVER, of, TimeoutError } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { asCompleted } from '../lib/as-completed';
import { CancelledError } from '../lib/errors';
import { sleep } from '../lib/sleep';
import { createTask } from '../lib/task';
import { tracer } from './helpers/combinators-trace';
import { observableMatcher } from './helpers/observable-matcher';

const testScheduler = () => new TestScheduler(observableMatcher);

describe('asCompleted', () => {
  describe('asyncio traces (CPython 3.11, times in virtual ms)', () => {
    it('emits in completion order', () => {
      testScheduler().run(({ flush }) => {
        const { lines, log, val } = tracer();
        asCompleted([val(30, 'a'), val(10, 'b'), val(20, 'c')]).subscribe((v) => log(`got ${v}`));
        flush();
        expect(lines).toEqual(['10 b done', '10 got b', '20 c done', '20 got c', '30 a done', '30 got a']);
      });
    });

    it('errors with TimeoutError at the deadline and does not cancel the rest', () => {
      testScheduler().run(({ flush }) => {
        const { lines, log, val } = tracer();
        asCompleted([val(30, 'a'), val(10, 'b')], { timeout: 20 }).subscribe({
          next: (v) => log(`got ${v}`),
          error: (e: unknown) => log((e as Error).name),
        });
        flush();
        expect(lines).toEqual(['10 b done', '10 got b', '20 TimeoutError', '30 a done']);
      });
    });
  });

  it('emits each result as it is done and completes after the last', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = cold('----a|');
      const b = cold('-b|');
      expectObservable(asCompleted([a, b])).toBe('--b--(a|)');
      expectSubscriptions(a.subscriptions).toBe('^----!');
      expectSubscriptions(b.subscriptions).toBe('^-!');
    });
  });

  it('completes at once for no sources, and emits undefined for an empty source', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(asCompleted([])).toBe('|');
      expectObservable(asCompleted([cold('--|')])).toBe('--(u|)', { u: undefined });
    });
  });

  it('handles synchronous sources, in input order', () => {
    testScheduler().run(({ expectObservable }) => {
      expectObservable(asCompleted([of(1), of(2, 3)])).toBe('(ab|)', { a: 1, b: 3 });
    });
  });

  it('errors with the first failure and leaves the others running', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const ok = cold('-----a|');
      expectObservable(asCompleted([ok, cold('--#', undefined, new Error('x'))])).toBe(
        '--#',
        undefined,
        new Error('x'),
      );
      expectSubscriptions(ok.subscriptions).toBe('^-----!');
    });
  });

  it('errors with CancelledError when a Task is cancelled', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const task = createTask(cold('-----a|'));
      cold('-x').subscribe(() => task.cancel());
      expectObservable(asCompleted([task])).toBe('-#', undefined, new CancelledError());
    });
  });

  it('unsubscribing early cancels what is not done, in input order, and removes the timer', () => {
    testScheduler().run(({ cold, flush }) => {
      const order: string[] = [];
      const sub = asCompleted<string>(
        [
          cold('-a|'),
          cold('-----b|').pipe(finalize(() => order.push('b'))),
          cold('-----c|').pipe(finalize(() => order.push('c'))),
        ],
        { timeout: 100 },
      ).subscribe();
      cold('---x').subscribe(() => sub.unsubscribe());
      flush();
      expect(order).toEqual(['b', 'c']);
    });
    const scheduler = testScheduler();
    asCompleted([NEVER], { timeout: 500, scheduler }).subscribe().unsubscribe();
    scheduler.flush();
    expect(scheduler.now()).toBe(0); // no timer left
  });

  it('keeps the unsubscription chain intact between mergeMaps', () => {
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const inner = cold('------a|');
      const source = hot('-x').pipe(
        mergeMap((x) => of(x)),
        mergeMap(() => asCompleted([inner])),
        mergeMap((x) => of(x)),
      );
      expectObservable(source, '^--!').toBe('----');
      expectSubscriptions(inner.subscriptions).toBe('-^-!');
    });
  });

  it('runs each teardown once', () => {
    testScheduler().run(({ cold, flush }) => {
      let teardowns = 0;
      const src = (m: string) => cold(m).pipe(finalize(() => teardowns++));
      asCompleted([src('-a|'), src('--b|')]).subscribe();
      asCompleted([src('-a|'), src('-----b|')], { timeout: 3 }).subscribe({ error: () => undefined });
      flush();
      expect(teardowns).toBe(4);
    });
  });

  it('throws at call time on bad input', () => {
    expect(() => asCompleted(42 as never)).toThrow(
      new TypeError('asCompleted(): `sources` must be an iterable of ObservableInputs, got 42'),
    );
    expect(() => asCompleted([1] as never)).toThrow('asCompleted(): `sources[0]` must be an ObservableInput');
    expect(() => asCompleted([], { timeout: NaN })).toThrow(RangeError);
    expect(() => asCompleted([], { timeout: '1' as never })).toThrow(TypeError);
    expect(() => asCompleted([], 1 as never)).toThrow(TypeError);
  });

  it('uses a custom scheduler outside run()', () => {
    const scheduler = testScheduler();
    const seen: unknown[] = [];
    asCompleted([sleep(20, 'b', scheduler), sleep(10, 'a', scheduler), sleep(600, 'c', scheduler)], {
      timeout: 100,
      scheduler,
    }).subscribe({
      next: (v) => seen.push(v),
      error: (e: unknown) => seen.push([e instanceof TimeoutError, scheduler.now()]),
    });
    scheduler.flush();
    expect(seen).toEqual(['a', 'b', [true, 100]]);
  });
});
