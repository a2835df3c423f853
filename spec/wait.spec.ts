import { mergeMap, NEVER, of } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { sleep } from '../lib/sleep';
import { createTask, type Task } from '../lib/task';
import { wait, type ReturnWhen, type WaitResult } from '../lib/wait';
import { tracer } from './helpers/combinators-trace';
import { observableMatcher } from './helpers/observable-matcher';

const testScheduler = () => new TestScheduler(observableMatcher);

/** `done [0] pending [1, 2]`, as the CPython twin prints it (indexes into `tasks`). */
const describeSets = (tasks: Task<unknown>[], { done, pending }: WaitResult<unknown>) =>
  `done [${indexes(tasks, done).join(',')}] pending [${indexes(tasks, pending).join(',')}]`;
const indexes = (tasks: Task<unknown>[], set: Set<Task<unknown>>) =>
  tasks.filter((t) => set.has(t)).map((t) => tasks.indexOf(t));

describe('wait', () => {
  describe("asyncio traces (CPython 3.11, times in virtual ms): wait's three modes and timeout", () => {
    const scenario = (returnWhen: ReturnWhen | undefined, timeout?: number) => {
      let lines: string[] = [];
      testScheduler().run(({ flush }) => {
        const t = tracer();
        lines = t.lines;
        const tasks: Task<unknown>[] = timeout
          ? [createTask(t.val(10, 'a')), createTask(t.val(30, 'c'))]
          : [createTask(t.val(10, 'a')), createTask(t.boom(20, 'x')), createTask(t.val(30, 'c'))];
        wait(tasks, { returnWhen, timeout }).subscribe((sets) => t.log(describeSets(tasks, sets)));
        flush();
        for (const task of tasks) if (!task.cancelled()) task.exception();
      });
      return lines;
    };

    it('FIRST_COMPLETED', () => {
      expect(scenario('FIRST_COMPLETED')).toEqual([
        '10 a done',
        '10 done [0] pending [1,2]',
        '20 raise x',
        '30 c done',
      ]);
    });
    it('FIRST_EXCEPTION', () => {
      expect(scenario('FIRST_EXCEPTION')).toEqual([
        '10 a done',
        '20 raise x',
        '20 done [0,1] pending [2]',
        '30 c done',
      ]);
    });
    it('ALL_COMPLETED (default)', () => {
      expect(scenario(undefined)).toEqual(['10 a done', '20 raise x', '30 c done', '30 done [0,1,2] pending []']);
    });
    it('timeout', () => {
      expect(scenario('ALL_COMPLETED', 20)).toEqual(['10 a done', '20 done [0] pending [1]', '30 c done']);
    });
  });

  it('emits once and completes, never cancelling', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const slow = cold('------a|');
      const tasks = [createTask(cold('--a|')), createTask(slow)];
      expectObservable(wait(tasks, { returnWhen: 'FIRST_COMPLETED' })).toBe('---(r|)', {
        r: { done: new Set([tasks[0]]), pending: new Set([tasks[1]]) },
      });
      expectSubscriptions(slow.subscriptions).toBe('^------!'); // ran to its end
    });
  });

  it('turns other sources into Tasks (found in the sets) and counts duplicates once', () => {
    testScheduler().run(({ cold, flush }) => {
      const task = createTask<string>(cold('-a|'));
      let result: WaitResult<string> | undefined;
      wait<string>([task, task, cold('--b|')]).subscribe((r) => (result = r));
      flush();
      expect(result!.done.size).toBe(2);
      expect(result!.done.has(task)).toBe(true);
      expect([...result!.done].map((t) => t.result())).toEqual(['a', 'b']);
    });
  });

  it('emits for Tasks that are already done, and for empty and synchronous sources', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const t1 = createTask(of(1, 2));
      const t2 = createTask(cold('-|'));
      expectObservable(wait([t1, t2])).toBe('-(r|)', { r: { done: new Set([t1, t2]), pending: new Set() } });
    });
  });

  it('never errors for a failed Task (FIRST_EXCEPTION emits)', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const bad = createTask(cold('--#', undefined, new Error('x')));
      const slow = createTask(cold('-----a|'));
      expectObservable(wait([slow, bad], { returnWhen: 'FIRST_EXCEPTION' })).toBe('--(r|)', {
        r: { done: new Set([bad]), pending: new Set([slow]) },
      });
    });
  });

  it('FIRST_EXCEPTION ignores a cancelled Task', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const cancelled = createTask(cold('-----a|'));
      const other = createTask(cold('---a|'));
      cold('-x').subscribe(() => cancelled.cancel());
      expectObservable(wait([cancelled, other], { returnWhen: 'FIRST_EXCEPTION' })).toBe('----(r|)', {
        r: { done: new Set([cancelled, other]), pending: new Set() },
      });
    });
  });

  it('unsubscribing early cancels nothing and leaves no timer', () => {
    const scheduler = testScheduler();
    const task = createTask(sleep(100, 'x', scheduler), { scheduler });
    const sub = wait([task], { timeout: 50, scheduler }).subscribe();
    scheduler.schedule(() => sub.unsubscribe(), 10);
    scheduler.flush();
    expect(task.result()).toBe('x');
    expect(task._listeners).toBeNull(); // our done callback was removed
  });

  it('keeps the unsubscription chain intact between mergeMaps (without cancelling)', () => {
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const inner = cold('------a|');
      const source = hot('-x').pipe(
        mergeMap((x) => of(x)),
        mergeMap(() => wait([inner])),
        mergeMap((x) => of(x)),
      );
      expectObservable(source, '^--!').toBe('----');
      expectSubscriptions(inner.subscriptions).toBe('-^------!'); // wait never cancels
    });
  });

  it('throws at call time on bad input', () => {
    expect(() => wait([])).toThrow(new RangeError('wait(): `tasks` must be a non-empty iterable, got an array of 0'));
    expect(() => wait([NEVER], { returnWhen: 'FIRST' as never })).toThrow(
      new RangeError(
        "wait(): `options.returnWhen` must be one of 'FIRST_COMPLETED', 'FIRST_EXCEPTION', 'ALL_COMPLETED', got 'FIRST'",
      ),
    );
    expect(() => wait([NEVER], { returnWhen: 1 as never })).toThrow(TypeError);
    expect(() => wait([NEVER], { timeout: NaN })).toThrow(RangeError);
    expect(() => wait([1] as never)).toThrow(TypeError);
    expect(() => wait(5 as never)).toThrow(TypeError);
  });

  it('uses a custom scheduler outside run() (timeout emits what is done)', () => {
    const scheduler = testScheduler();
    const fast = createTask(sleep(10, 'a', scheduler), { scheduler });
    const slow = createTask(sleep(600, 'b', scheduler), { scheduler });
    const seen: unknown[] = [];
    wait([fast, slow], { timeout: 100, scheduler }).subscribe(({ done, pending }) =>
      seen.push([done.has(fast), pending.has(slow), scheduler.now()]),
    );
    scheduler.flush();
    expect(seen).toEqual([[true, true, 100]]);
  });
});

describe('wait: bad input names `tasks` (regression, found by spec/bad-input.spec.ts)', () => {
  it('names the argument `tasks`, as the signature does, for a non-iterable and for a bad entry', () => {
    expect(() => wait(42 as never)).toThrow(
      new TypeError('wait(): `tasks` must be an iterable of ObservableInputs, got 42'),
    );
    expect(() => wait([of(1), 42] as never)).toThrow(
      new TypeError('wait(): `tasks[1]` must be an ObservableInput (Observable, Promise, array or iterable), got 42'),
    );
  });

  it('rejects returnWhen: null (only undefined means the default)', () => {
    expect(() => wait([of(1)], { returnWhen: null as never })).toThrow(TypeError);
    expect(() => wait([of(1)], { returnWhen: null as never })).toThrow('`options.returnWhen`');
  });
});
