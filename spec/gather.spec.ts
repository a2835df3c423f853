import { concat, defer, EMPTY, finalize, map, mergeMap, NEVER, of } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { CancelledError } from '../lib/errors';
import { gather } from '../lib/gather';
import { sleep } from '../lib/sleep';
import { createTask, setUnobservedErrorHandler, type Task } from '../lib/task';
import { tracer } from './helpers/combinators-trace';
import { observableMatcher } from './helpers/observable-matcher';

const testScheduler = () => new TestScheduler(observableMatcher);

describe('gather', () => {
  describe('asyncio traces (CPython 3.11, times in virtual ms)', () => {
    it('emits the results in input order whatever the completion order', () => {
      testScheduler().run(({ flush }) => {
        const { lines, val, watch } = tracer();
        watch(gather([val(30, 'a'), val(10, 'b'), val(20, 'c')]));
        flush();
        expect(lines).toEqual(['10 b done', '20 c done', '30 a done', '30 result ["a","b","c"]']);
      });
    });

    it('puts errors into their slots with returnExceptions', () => {
      testScheduler().run(({ flush }) => {
        const { lines, val, boom, watch } = tracer();
        watch(gather([val(10, 'a'), boom(20, 'x'), val(30, 'c')], { returnExceptions: true }));
        flush();
        expect(lines).toEqual(['10 a done', '20 raise x', '30 c done', '30 result ["a","Error(x)","c"]']);
      });
    });

    it('errors at the first error while the siblings keep running', () => {
      testScheduler().run(({ flush }) => {
        const { lines, log, val, boom } = tracer();
        const sibling = createTask(val(30, 'sib'));
        gather([boom(10, 'x'), sibling]).subscribe({ error: (e: Error) => log(`gather failed ${e.message}`) });
        sibling.subscribe((v) => log(`sib result ${v}`));
        flush();
        expect(lines).toEqual(['10 raise x', '10 gather failed x', '30 sib done', '30 sib result sib']);
      });
    });

    it('cancels the unfinished sources when unsubscribed (cancelling a gather)', () => {
      testScheduler().run(({ flush }) => {
        const { lines, log, val } = tracer();
        const sub = gather([val(10, 'a'), val(30, 'b')]).subscribe();
        sleep(20).subscribe(() => {
          log('cancel');
          sub.unsubscribe();
        });
        flush();
        expect(lines).toEqual(['10 a done', '20 cancel', '20 b cancelled']);
      });
    });
  });

  it('cancelling a Task that awaits the gather cancels the children first, then reports CancelledError', () => {
    testScheduler().run(({ flush }) => {
      const { lines, log, val } = tracer();
      const outer = createTask(gather([val(10, 'a'), val(30, 'b')]));
      outer.subscribe({ error: (e: unknown) => log(`gather task ${(e as Error).name}`) });
      sleep(20).subscribe(() => {
        log('cancel');
        outer.cancel();
      });
      flush();
      expect(lines).toEqual(['10 a done', '20 cancel', '20 b cancelled', '20 gather task CancelledError']);
    });
  });

  it('emits one array of last values and completes, subscribing each source once', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = cold('-x-y|', { x: 1, y: 2 });
      const b = cold('---z-|', { z: 'z' });
      expectObservable(gather([a, b])).toBe('-----(r|)', { r: [2, 'z'] });
      // Tasks start on the ready queue's next turn: same virtual frame.
      expectSubscriptions(a.subscriptions).toBe('^---!');
      expectSubscriptions(b.subscriptions).toBe('^----!');
    });
  });

  it('accepts a record and emits a record', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(gather({ n: cold('--a|', { a: 1 }), s: of('s') })).toBe('---(r|)', { r: { n: 1, s: 's' } });
    });
  });

  it('accepts Promises, arrays and Tasks', async () => {
    const task = createTask(of(3));
    const result = await new Promise((resolve, reject) =>
      gather([Promise.resolve(1), [2], task]).subscribe({ next: resolve, error: reject }),
    );
    expect(result).toEqual([1, 2, 3]);
  });

  it('emits [] for gather([]) and {} for gather({}), synchronously', () => {
    const seen: unknown[] = [];
    gather([]).subscribe({ next: (v) => seen.push(v), complete: () => seen.push('done') });
    gather({}).subscribe({ next: (v) => seen.push(v), complete: () => seen.push('done') });
    expect(seen).toEqual([[], 'done', {}, 'done']);
  });

  it('gives undefined for a source that completes without a value (empty source)', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(gather([cold('--|'), EMPTY, of(1)])).toBe('--(r|)', { r: [undefined, undefined, 1] });
    });
  });

  it('handles synchronous sources (they start soon, not at subscribe)', () => {
    testScheduler().run(({ expectObservable }) => {
      expectObservable(gather([of(1, 2), of('a')])).toBe('(r|)', { r: [2, 'a'] });
    });
    const seen: unknown[] = [];
    gather([of(1)]).subscribe((v) => seen.push(v));
    expect(seen).toEqual([]); // nothing synchronous: the Tasks start soon
  });

  it('errors with the first error and leaves the other sources subscribed', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const ok = cold('-----a|');
      const bad = cold('--#', undefined, new Error('bad'));
      expectObservable(gather([ok, bad])).toBe('--#', undefined, new Error('bad'));
      expectSubscriptions(ok.subscriptions).toBe('^-----!'); // kept running to its end
      expectSubscriptions(bad.subscriptions).toBe('^-!');
    });
  });

  it('errors with CancelledError when a source is cancelled', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const task = createTask(cold('-----a|'));
      cold('--x').subscribe(() => task.cancel('stop'));
      expectObservable(gather([task, cold('---------a|')])).toBe('--#', undefined, new CancelledError('stop'));
    });
  });

  it('puts a CancelledError in its slot with returnExceptions', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const task = createTask(cold('-----a|'));
      cold('--x').subscribe(() => task.cancel('stop'));
      expectObservable(gather([task, cold('---b|')], { returnExceptions: true })).toBe('----(r|)', {
        r: [new CancelledError('stop'), 'b'],
      });
    });
  });

  it('marks the later errors of siblings as retrieved (no unobserved-error report)', () => {
    const reported: unknown[] = [];
    const previous = setUnobservedErrorHandler((e) => reported.push(e));
    const scheduler = testScheduler();
    const tasks: Task<unknown>[] = [];
    scheduler.run(({ cold, flush }) => {
      tasks.push(createTask(cold('--#', undefined, new Error('late'))));
      gather([cold('-#', undefined, new Error('first')), tasks[0]]).subscribe({ error: () => undefined });
      flush();
    });
    expect(tasks[0]._unretrieved).toBe(false);
    setUnobservedErrorHandler(previous);
    expect(reported).toEqual([]);
  });

  it('cancels the sources not yet done, in input order, when unsubscribed early', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const order: string[] = [];
      const a = cold('-a|').pipe(finalize(() => order.push('a')));
      const b = cold('------b|').pipe(finalize(() => order.push('b')));
      const c = cold('------c|').pipe(finalize(() => order.push('c')));
      const d = cold('------d|');
      expectObservable(gather([a, b, c, d]), '^--!').toBe('----');
      expectSubscriptions(d.subscriptions).toBe('^--!');
      cold('----x').subscribe(() => expect(order).toEqual(['a', 'b', 'c']));
    });
  });

  it('does not cancel anything when unsubscribed after it ended', () => {
    testScheduler().run(({ cold, flush }) => {
      const task = createTask<string>(cold('----a|'));
      const sub = gather([cold('-#'), task]).subscribe({ error: () => undefined });
      cold('--x').subscribe(() => sub.unsubscribe());
      flush();
      expect(task.cancelled()).toBe(false);
      expect(task.result()).toBe('a');
    });
  });

  it('keeps the unsubscription chain intact between mergeMaps', () => {
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const inner = cold('------a|');
      const source = hot('-x-----').pipe(
        mergeMap((x) => of(x)),
        mergeMap(() => gather([inner])),
        mergeMap((x) => of(x)),
      );
      expectObservable(source, '^---!').toBe('-----');
      expectSubscriptions(inner.subscriptions).toBe('-^--!');
    });
  });

  it('runs the teardown of each source exactly once', () => {
    testScheduler().run(({ cold, flush }) => {
      let teardowns = 0;
      const src = () => cold('--a|').pipe(finalize(() => teardowns++));
      gather([src(), src(), defer(() => src())]).subscribe();
      const sub = gather([src(), cold('-----|')]).subscribe();
      cold('---x').subscribe(() => sub.unsubscribe());
      flush();
      expect(teardowns).toBe(4);
    });
  });

  it('runs the cold sources again for each subscription, a Task only once', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const src = cold('-a|');
      const task = createTask(cold('-t|'));
      const g = gather([src, task]);
      expectObservable(g).toBe('--(r|)', { r: ['a', 't'] });
      expectObservable(g).toBe('--(r|)', { r: ['a', 't'] });
      expectSubscriptions(src.subscriptions).toBe(['^-!', '^-!']);
    });
  });

  it('throws at call time on bad input', () => {
    expect(() => gather(42 as never)).toThrow(
      new TypeError('gather(): `sources` must be an array or a record of ObservableInputs, got 42'),
    );
    expect(() => gather([1, 2] as never)).toThrow(TypeError);
    expect(() => gather([1, 2] as never)).toThrow('gather(): `sources[0]` must be an ObservableInput');
    expect(() => gather({ a: of(1), b: 3 } as never)).toThrow("`sources['b']`");
    expect(() => gather(null as never)).toThrow(TypeError);
    expect(() => gather(new Map() as never)).toThrow(TypeError);
    expect(() => gather([], { returnExceptions: 'yes' } as never)).toThrow(
      '`options.returnExceptions` must be a boolean',
    );
    expect(() => gather([], { scheduler: {} } as never)).toThrow(TypeError);
    expect(() => gather([], 3 as never)).toThrow(TypeError);
  });

  it('starts its Tasks on a custom scheduler', () => {
    const scheduler = testScheduler();
    const seen: unknown[] = [];
    gather([sleep(10, 'a', scheduler), of('b')], { scheduler }).subscribe({
      next: (v) => seen.push(v),
      complete: () => seen.push(scheduler.now()),
    });
    expect(seen).toEqual([]);
    scheduler.flush();
    expect(seen).toEqual([['a', 'b'], 10]);
  });

  it('handles 10^5 sources in linear time', () => {
    const scheduler = testScheduler();
    const n = 100_000;
    const sources = Array.from({ length: n }, (_, i) => of(i));
    let result: number[] = [];
    gather(sources, { scheduler }).subscribe((v) => (result = v));
    const sub = gather(
      Array.from({ length: n }, () => NEVER),
      { scheduler },
    ).subscribe();
    scheduler.flush();
    sub.unsubscribe();
    scheduler.flush();
    expect(result.length).toBe(n);
    expect(result[n - 1]).toBe(n - 1);
  });

  it('maps over its input with map-like ergonomics', () => {
    testScheduler().run(({ expectObservable }) => {
      expectObservable(gather([concat(of(1), of(2)), of('x')]).pipe(map(([n, s]) => `${n}${s}`))).toBe('(r|)', {
        r: '2x',
      });
    });
  });
});
