import { AsyncLocalStorage } from 'node:async_hooks';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  asapScheduler,
  catchError,
  concat,
  defer,
  EMPTY,
  finalize,
  firstValueFrom,
  forkJoin,
  map,
  mergeMap,
  Observable,
  of,
  Subject,
  Subscription,
  tap,
  throwError,
  UnsubscriptionError,
} from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { CancelledError, createTask, Future, InvalidStateError, sleep, Task } from '../lib';
import { observableMatcher } from './helpers/observable-matcher';
import { py, pythonTrace } from './helpers/python-trace';

const testScheduler = () => new TestScheduler(observableMatcher);

/** Runs `body` in virtual time with the default ("soon" = asapScheduler) ready queue. */
function virtual(body: (helpers: Parameters<Parameters<TestScheduler['run']>[0]>[0]) => void): void {
  testScheduler().run(body);
}

/** The Task's outcome as a string, without retrieving anything twice. */
function outcome(task: Task<unknown>): string {
  if (!task.done()) return 'pending';
  if (task.cancelled()) return 'cancelled';
  const e = task.exception();
  return e === undefined ? `result ${String(task.result())}` : `exception ${(e as Error).message}`;
}

describe('createTask', () => {
  it('starts the source soon, not synchronously: the code after createTask runs first', () => {
    const log: string[] = [];
    virtual(() => {
      createTask(defer(() => (log.push('source subscribed'), of(1))));
      log.push('after createTask');
    });
    expect(log).toEqual(['after createTask', 'source subscribed']);
  });

  it('starts in the order the Tasks were created, on one ready-queue turn', () => {
    const log: string[] = [];
    virtual(() => {
      for (const n of [1, 2, 3]) createTask(defer(() => (log.push(`start ${n}`), EMPTY)));
      log.push('sync end');
    });
    expect(log).toEqual(['sync end', 'start 1', 'start 2', 'start 3']);
  });

  it('interleaves with sleep(0) as asyncio does (CPython trace)', () => {
    const lines: string[] = [];
    const log = (s: string) => lines.push(s);
    const child = defer(() => {
      log('child start');
      return sleep(0).pipe(
        tap(() => log('child end')),
        map(() => 1),
      );
    });
    const main = defer(() => {
      const t = createTask(child);
      log('after create');
      return sleep(0).pipe(
        tap(() => log('main after sleep(0)')),
        mergeMap(() => t),
        tap((r) => log(`result ${r}`)),
      );
    });
    virtual(() => void createTask(main));
    const expected = ['after create', 'child start', 'main after sleep(0)', 'child end', 'result 1'];
    expect(lines).toEqual(expected);
    expect(pythonTrace('task_soon.py', expected)).toEqual(expected);
  });

  it('accepts a function of the AbortSignal, called once when the Task starts', () => {
    const seen: AbortSignal[] = [];
    virtual(({ expectObservable }) => {
      const task = createTask((signal) => {
        seen.push(signal);
        return of('x');
      });
      expect(seen).toEqual([]);
      expectObservable(task).toBe('(x|)');
    });
    expect(seen).toHaveLength(1);
    expect(seen[0].aborted).toBe(false);
  });

  it('accepts Promises, arrays and iterables as sources', async () => {
    expect(await createTask(Promise.resolve(5))).toBe(5);
    expect(await createTask([1, 2, 3])).toBe(3);
    expect(await createTask(new Set(['a', 'b']))).toBe('b');
  });

  it('fails the Task (not the caller) when the source function throws or returns a non-source', async () => {
    const boom = new Error('boom');
    const a = createTask(() => {
      throw boom;
    });
    await expect(a).rejects.toBe(boom);
    const b = createTask((() => 42) as never);
    await expect(b).rejects.toThrow(TypeError);
    await expect(b).rejects.toThrow(/returns? an ObservableInput|ObservableInput/);
  });

  it('runs a custom scheduler’s ready queue: nothing starts until it is flushed', () => {
    const scheduler = testScheduler();
    const log: string[] = [];
    const task = createTask(
      defer(() => (log.push('start'), of(1))),
      { scheduler },
    );
    task.addDoneCallback(() => log.push('done callback'));
    expect(log).toEqual([]);
    scheduler.flush();
    expect(log).toEqual(['start', 'done callback']);
    expect(task.result()).toBe(1);
  });
});

describe('Task result', () => {
  it('is the last value of the source', () => {
    virtual(({ cold, expectObservable }) => {
      const task = createTask(cold('-a-b-c|'));
      expectObservable(task).toBe('------(c|)');
    });
  });

  it('is undefined when the source completes without a value', async () => {
    virtual(({ expectObservable }) => {
      expectObservable(createTask(EMPTY)).toBe('(u|)', { u: undefined });
    });
    expect(await createTask(EMPTY)).toBeUndefined();
  });

  it('is one run for many subscribers and many thens', async () => {
    let runs = 0;
    const source = defer(() => {
      runs++;
      return sleep(1, 'once');
    });
    const task = createTask(source);
    const results = await Promise.all([
      task,
      task.then((v) => v),
      firstValueFrom(task),
      firstValueFrom(task),
      task.then((v) => v),
    ]);
    expect(results).toEqual(['once', 'once', 'once', 'once', 'once']);
    expect(await task).toBe('once');
    expect(runs).toBe(1);
  });

  it('subscribes the source once however many subscribe, and each gets the one result', () => {
    virtual(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--a--b--|');
      const task = createTask(source);
      expectObservable(task).toBe('--------(b|)');
      expectObservable(task, '---^').toBe('--------(b|)');
      expectObservable(task, '----------^').toBe('----------(b|)');
      expectSubscriptions(source.subscriptions).toBe('^-------!');
    });
  });

  it('emits exactly one value on its Observable face, then completes', () => {
    const values: unknown[] = [];
    let completions = 0;
    virtual(({ cold }) => {
      createTask(cold('abc|')).subscribe({ next: (v) => values.push(v), complete: () => completions++ });
    });
    expect(values).toEqual(['c']);
    expect(completions).toBe(1);
  });

  it('works with forkJoin and pipe', () => {
    virtual(({ cold, expectObservable }) => {
      const a = createTask(cold('--a|'));
      const b = createTask(cold('----b|'));
      expectObservable(forkJoin([a, b])).toBe('-----(x|)', { x: ['a', 'b'] });
      expectObservable(a.pipe(map((v) => String(v).toUpperCase()))).toBe('---(A|)');
    });
  });

  it('errors every subscriber and rejects every awaiter with the source error', async () => {
    const boom = new Error('boom');
    const task = createTask(throwError(() => boom));
    await expect(task).rejects.toBe(boom);
    await expect(firstValueFrom(task)).rejects.toBe(boom);
    expect(task.exception()).toBe(boom);
    expect(() => task.result()).toThrow(boom);
    expect(task.cancelled()).toBe(false);
  });

  it('is done as soon as the source completes, and its awaiters hear soon', () => {
    const log: string[] = [];
    virtual(() => {
      const source = new Subject<number>();
      const task = createTask(source);
      task.addDoneCallback(() => log.push('callback'));
      createTask(
        defer(() => {
          source.next(1);
          source.complete();
          log.push(`done at once: ${py(task.done())}`);
          return EMPTY;
        }),
      );
    });
    expect(log).toEqual(['done at once: True', 'callback']);
  });
});

describe('Task result() and exception()', () => {
  it('throw InvalidStateError while pending, also after cancel() until the next turn', () => {
    virtual(() => {
      const task = createTask(sleep(10));
      expect(() => task.result()).toThrow(InvalidStateError);
      expect(() => task.exception()).toThrow(InvalidStateError);
      task.cancel();
      expect(() => task.result()).toThrow(InvalidStateError);
    });
  });

  it('throw CancelledError (with the cancel message) once cancelled', () => {
    virtual(() => {
      const task = createTask(sleep(10));
      task.cancel('stop');
      createTask(
        defer(() => {
          expect(() => task.result()).toThrow(new CancelledError('stop'));
          expect(() => task.exception()).toThrow(CancelledError);
          return EMPTY;
        }),
      );
    });
  });

  it('give the result, and undefined as exception, on success', () => {
    virtual(() => {
      const task = createTask(of(1, 2));
      createTask(
        defer(() => {
          expect(task.result()).toBe(2);
          expect(task.exception()).toBeUndefined();
          return EMPTY;
        }),
      );
    });
  });
});

describe('Task.cancel()', () => {
  it('unsubscribes the source at once and the Task is cancelled on the next turn (CPython trace)', () => {
    const lines: string[] = [];
    const log = (s: string) => lines.push(s);
    const child = defer(() => {
      log('child start');
      return sleep(10_000);
    }).pipe(finalize(() => log('child finally')));
    const main = defer(() => {
      const t = createTask(child);
      return concat(
        sleep(0),
        defer(() => {
          t.addDoneCallback((f) => log(`done callback cancelled=${py(f.cancelled())}`));
          log(`cancel -> ${py(t.cancel('bye'))}`);
          log(`done=${py(t.done())}`);
          log(`cancel again -> ${py(t.cancel('bye'))}`);
          return sleep(0);
        }),
        defer(() => {
          log(`next turn: done=${py(t.done())} cancelled=${py(t.cancelled())}`);
          return t.pipe(
            catchError((e: unknown) => {
              log(`awaiter: ${(e as Error).name} ${(e as Error).message}`);
              return EMPTY;
            }),
          );
        }),
        defer(() => {
          log(`cancel done -> ${py(t.cancel())}`);
          return EMPTY;
        }),
      );
    });
    virtual(() => void createTask(main));
    const python = [
      'child start',
      'cancel -> True',
      'done=False',
      'cancel again -> True',
      'child finally',
      'next turn: done=True cancelled=True',
      'awaiter: CancelledError bye',
      'cancel done -> False',
      'done callback cancelled=True',
    ];
    expect(pythonTrace('task_cancel.py', python)).toEqual(python);
    // The one deliberate difference (DESIGN.md, A Task's life): RxJS runs the teardown, the
    // `finally`, synchronously inside cancel(), where asyncio runs it at the task's next step.
    const ours = [...python];
    ours.splice(ours.indexOf('child finally'), 1);
    ours.splice(1, 0, 'child finally');
    expect(lines).toEqual(ours);
  });

  it('runs the source finalize synchronously, returns true, and leaves done() false until the next turn', () => {
    const log: string[] = [];
    virtual(() => {
      const task = createTask(new Observable(() => () => log.push('teardown')));
      createTask(
        defer(() => {
          const r = task.cancel();
          log.push(`cancel ${r}, done ${task.done()}, cancelled ${task.cancelled()}`);
          return sleep(0).pipe(tap(() => log.push(`next turn: done ${task.done()}, cancelled ${task.cancelled()}`)));
        }),
      );
    });
    expect(log).toEqual([
      'teardown',
      'cancel true, done false, cancelled false',
      'next turn: done true, cancelled true',
    ]);
  });

  it('cancels a running source in marble time: the subscription ends at the cancel', () => {
    virtual(({ cold, expectObservable, expectSubscriptions, time }) => {
      const source = cold('--a--b--|');
      const task = createTask(source);
      const at = time('---|');
      asapScheduler.schedule(() => task.cancel('late'), at);
      expectObservable(task).toBe('---#', undefined, new CancelledError('late'));
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('aborts the signal with the CancelledError as reason', () => {
    virtual(() => {
      let signal: AbortSignal | undefined;
      const task = createTask((s) => ((signal = s), sleep(100)));
      createTask(
        defer(() => {
          const events: string[] = [];
          signal!.addEventListener('abort', () => events.push('abort'));
          task.cancel('why');
          expect(events).toEqual(['abort']);
          expect(signal!.aborted).toBe(true);
          expect(signal!.reason).toBeInstanceOf(CancelledError);
          expect((signal!.reason as Error).message).toBe('why');
          return EMPTY;
        }),
      );
    });
  });

  it('builds the AbortController lazily: a signal read after cancel is already aborted', () => {
    virtual(() => {
      const task = createTask(sleep(100));
      expect(task._controller).toBeUndefined();
      task.cancel();
      expect(task.signal.aborted).toBe(true);
      expect(task.signal.reason).toBeInstanceOf(CancelledError);
    });
  });

  it('never subscribes the source of a Task cancelled before it started (CPython trace)', () => {
    const lines: string[] = [];
    virtual(({ cold, expectSubscriptions }) => {
      const source = cold('-a|');
      const main = defer(() => {
        const t = createTask(source.pipe(tap({ subscribe: () => lines.push('child start') })));
        lines.push(`cancel -> ${py(t.cancel())}`);
        lines.push(`done=${py(t.done())}`);
        return sleep(0).pipe(tap(() => lines.push(`next turn: done=${py(t.done())} cancelled=${py(t.cancelled())}`)));
      });
      createTask(main);
      expectSubscriptions(source.subscriptions).toBe([]);
    });
    const expected = ['cancel -> True', 'done=False', 'next turn: done=True cancelled=True'];
    expect(lines).toEqual(expected);
    expect(pythonTrace('task_cancel_before_start.py', expected)).toEqual(expected);
  });

  it('does not call a source function of a Task cancelled before it started', async () => {
    const fn = jest.fn(() => of(1));
    const task = createTask(fn);
    task.cancel();
    await expect(task).rejects.toBeInstanceOf(CancelledError);
    expect(fn).not.toHaveBeenCalled();
  });

  it('returns false on a done Task and changes nothing', async () => {
    const task = createTask(of(1));
    await task;
    expect(task.cancel()).toBe(false);
    expect(task.cancelled()).toBe(false);
    expect(task.result()).toBe(1);
  });

  it('rejects every awaiter and errors every subscriber with CancelledError(msg)', async () => {
    const task = createTask(sleep(1000));
    const a = task.then(undefined, (e: unknown) => e);
    const b = firstValueFrom(task).then(undefined, (e: unknown) => e);
    task.cancel('shutdown');
    for (const e of await Promise.all([a, b])) {
      expect(e).toBeInstanceOf(CancelledError);
      expect((e as Error).message).toBe('shutdown');
    }
  });

  it('unsubscribes a source that cancels its own Task while being subscribed', () => {
    let teardowns = 0;
    let cancelledNextTurn: boolean | undefined;
    virtual(() => {
      let task: Task<unknown> | undefined = undefined;
      task = createTask(
        new Observable(() => {
          task!.cancel();
          return () => teardowns++;
        }),
      );
      // Started in the same turn, it looks one turn later (after a sleep(0)), when the
      // cancel has been delivered.
      createTask(
        concat(
          sleep(0),
          defer(() => {
            cancelledNextTurn = task.cancelled();
            return EMPTY;
          }),
        ),
      );
    });
    expect(teardowns).toBe(1);
    expect(cancelledNextTurn).toBe(true);
  });

  it('does not subscribe what a source function returns after it cancelled its own Task', () => {
    virtual(({ cold, expectSubscriptions }) => {
      const source = cold('-a|');
      const task: Task<string> = createTask(() => {
        task.cancel('changed my mind');
        return source;
      });
      expectSubscriptions(source.subscriptions).toBe([]);
      createTask(sleep(5).pipe(tap(() => expect(task.cancelled()).toBe(true))));
    });
  });

  it.each([
    ['cancelled', true],
    ['completing', false],
  ])("runs each of its source's teardowns once, in RxJS's order, when %s", (_when, cancel) => {
    const log: string[] = [];
    const source = (teardowns: string) =>
      new Observable<number>((subscriber) => {
        if (teardowns.includes('f')) subscriber.add(() => log.push('added function'));
        if (teardowns.includes('s')) subscriber.add(new Subscription(() => log.push('added Subscription')));
        if (teardowns.includes('o')) subscriber.add({ unsubscribe: () => log.push('added object') });
        if (teardowns.includes('x')) {
          const removed = () => log.push('removed');
          subscriber.add(removed);
          subscriber.remove(removed);
        }
        if (!cancel) subscriber.complete();
        return () => log.push('returned');
      });
    const kinds = ['', 'f', 'o', 'x', 'fs', 'sf', 'of', 'fox', 'sxo'];
    // What plain RxJS runs, for each source.
    const expected = kinds.map((k) => {
      log.length = 0;
      source(k).subscribe().unsubscribe();
      return [...log];
    });
    const got: string[][] = [];
    const asCompleted: string[] = [];
    virtual(() => {
      const tasks = kinds.map((k) => createTask(source(k)));
      createTask(
        defer(() => {
          asCompleted.push(...log);
          for (const task of tasks) {
            log.length = 0;
            task.cancel(); // a no-op for a Task already done: its teardowns ran as it completed
            got.push([...log]);
          }
          return EMPTY;
        }),
      );
      if (!cancel) log.length = 0;
    });
    if (cancel) expect(got).toEqual(expected);
    else {
      expect(asCompleted).toEqual(expected.flat());
      expect(got.flat()).toEqual([]);
    }
  });

  it('still cancels when the source teardown throws, and reports that error', () => {
    const reported: unknown[] = [];
    const { config } = jest.requireActual<typeof import('rxjs')>('rxjs');
    const previous = config.onUnhandledError;
    config.onUnhandledError = (e) => reported.push(e);
    try {
      virtual(() => {
        const task = createTask(
          new Observable(() => () => {
            throw new Error('bad teardown');
          }),
        );
        createTask(
          defer(() => {
            expect(task.cancel()).toBe(true);
            return sleep(0).pipe(tap(() => expect(task.cancelled()).toBe(true)));
          }),
        );
      });
    } finally {
      config.onUnhandledError = previous;
    }
    // As RxJS reports it: an UnsubscriptionError carrying the teardown's error.
    expect(reported).toEqual([expect.any(UnsubscriptionError)]);
    expect((reported[0] as UnsubscriptionError).errors).toEqual([new Error('bad teardown')]);
  });

  it('leaves the Task cancelled, not failed, when the source errors with CancelledError', () => {
    virtual(({ cold, expectObservable }) => {
      const task = createTask(cold('--#', undefined, new CancelledError('inner')));
      expectObservable(task).toBe('--#', undefined, new CancelledError('inner'));
      createTask(
        sleep(5).pipe(
          tap(() => {
            expect(task.cancelled()).toBe(true);
            expect(task.signal.aborted).toBe(true);
            expect(() => task.exception()).toThrow(CancelledError);
          }),
        ),
      );
    });
  });
});

describe('a subscriber of a Task', () => {
  it('cancels the Task when it unsubscribes before the Task is done', () => {
    virtual(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-----a|');
      const task = createTask(source);
      expectObservable(task, '^--!').toBe('----');
      expectSubscriptions(source.subscriptions).toBe('^--!');
      createTask(sleep(10).pipe(tap(() => expect(task.cancelled()).toBe(true))));
    });
  });

  it('is how a Task awaiting another cancels it, as in asyncio (CPython trace)', () => {
    const lines: string[] = [];
    const turns = (n: number) => concat(...Array.from({ length: n }, () => sleep(0)));
    virtual(() => {
      const main = defer(() => {
        const inner = createTask(sleep(10_000));
        const w = createTask(defer(() => inner)); // async def waiter(): await inner
        return concat(
          sleep(0),
          defer(() => (lines.push(`cancel waiter -> ${py(w.cancel())}`), turns(3))),
          defer(() => {
            lines.push(`waiter cancelled=${py(w.cancelled())} inner cancelled=${py(inner.cancelled())}`);
            const done = createTask(sleep(0, 'r'));
            return concat(
              turns(2),
              defer(() => {
                const l = createTask(concat(done, sleep(10_000)));
                return concat(
                  sleep(0),
                  defer(() => (l.cancel(), turns(3))),
                  defer(() => (lines.push(`late cancelled=${py(l.cancelled())} done result=${done.result()}`), EMPTY)),
                );
              }),
            );
          }),
        );
      });
      createTask(main);
    });
    const expected = [
      'cancel waiter -> True',
      'waiter cancelled=True inner cancelled=True',
      'late cancelled=True done result=r',
    ];
    expect(lines).toEqual(expected);
    expect(pythonTrace('task_await_cancel.py', expected)).toEqual(expected);
  });

  it('cancels the Task through a chain of mergeMaps', () => {
    virtual(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-----a|');
      const task = createTask(source);
      const out = of(0).pipe(
        mergeMap((x) => of(x)),
        mergeMap(() => task),
        mergeMap((x) => of(x)),
      );
      expectObservable(out, '^-!').toBe('---');
      expectSubscriptions(source.subscriptions).toBe('^-!');
    });
  });

  it('does not cancel the Task when it unsubscribes after the Task is done', () => {
    virtual(({ cold, expectObservable }) => {
      const task = createTask(cold('-a|'));
      expectObservable(task, '^----!').toBe('--(a|)');
      createTask(sleep(10).pipe(tap(() => expect(outcome(task)).toBe('result a'))));
    });
  });
});

describe('Task done callbacks', () => {
  it('run soon after done, once per registration, in order; removeDoneCallback counts (CPython trace)', () => {
    const lines: string[] = [];
    const log = (s: string) => lines.push(s);
    virtual(() => {
      const main = defer(() => {
        const t = createTask(defer(() => (log('child'), of(7))));
        const cb1 = (f: Task<number>) => log(`cb1 ${f.result()}`);
        const cb2 = (f: Task<number>) => log(`cb2 ${f.result()}`);
        t.addDoneCallback(cb1);
        t.addDoneCallback(cb2);
        t.addDoneCallback(cb1);
        t.addDoneCallback(cb2);
        log(`removed ${t.removeDoneCallback(cb1)}`);
        return concat(
          t.pipe(tap((v) => log(`await -> ${v}`))),
          sleep(0),
          defer(() => {
            t.addDoneCallback(cb1);
            log('added on done task');
            return sleep(0);
          }),
          defer(() => (log(`removed after done ${t.removeDoneCallback(cb2)}`), EMPTY)),
        );
      });
      createTask(main);
    });
    const expected = [
      'removed 2',
      'child',
      'cb2 7',
      'cb2 7',
      'await -> 7',
      'added on done task',
      'cb1 7',
      'removed after done 0',
    ];
    expect(lines).toEqual(expected);
    expect(pythonTrace('task_callbacks.py', expected)).toEqual(expected);
  });

  it('receive the Task itself and run in the async context of addDoneCallback', async () => {
    const als = new AsyncLocalStorage<string>();
    const task = createTask(sleep(1, 'r'));
    const seen = await als.run(
      'ctx',
      () =>
        new Promise<[unknown, string | undefined]>((resolve) =>
          task.addDoneCallback((t) => resolve([t, als.getStore()])),
        ),
    );
    expect(seen).toEqual([task, 'ctx']);
  });
});

describe('Task cost model', () => {
  it('builds no AbortController and no Promise unless asked for', () => {
    virtual(({ expectObservable }) => {
      const task = createTask(of(1));
      expectObservable(task).toBe('(a|)', { a: 1 });
      createTask(
        defer(() => {
          expect(task._controller).toBeUndefined();
          expect(task._promise).toBeUndefined();
          void task.then(() => undefined);
          expect(task._promise).toBeInstanceOf(Promise);
          return EMPTY;
        }),
      );
    });
  });

  it('builds the AbortController for a source function, which receives its signal', () => {
    virtual(() => {
      const task = createTask((signal) => of(signal));
      createTask(
        defer(() => {
          expect(task._controller).toBeDefined();
          expect(task.result()).toBe(task.signal);
          return EMPTY;
        }),
      );
    });
  });

  it("keeps Future's then on Task's prototype, as a method: not enumerable, not on the instance", async () => {
    const own = Object.getOwnPropertyDescriptor(Task.prototype, 'then');
    expect(own).toEqual({ value: Future.prototype.then, writable: true, enumerable: false, configurable: true });
    const task = createTask(of(7));
    const keys: string[] = [];
    for (const key in task) keys.push(key);
    expect(keys).not.toContain('then');
    expect(Object.prototype.hasOwnProperty.call(task, 'then')).toBe(false);
    await expect(task).resolves.toBe(7);
  });
});

describe('Task names', () => {
  it('are Task-1, Task-2, … in creation order unless given', () => {
    const a = createTask(EMPTY);
    const n = Number(/^Task-(\d+)$/.exec(a.name)![1]);
    const b = createTask(EMPTY, { name: 'worker' });
    const c = createTask(EMPTY);
    expect(b.name).toBe('worker');
    expect(c.name).toBe(`Task-${n + 1}`);
  });

  it('show in toString as in asyncio', async () => {
    const t = createTask(of(42), { name: 'answer' });
    expect(String(t)).toBe("<Task pending name='answer'>");
    await t;
    expect(String(t)).toBe("<Task finished name='answer' result=42>");
  });
});

describe('bad input', () => {
  const counter = () => Number(/^Task-(\d+)$/.exec(createTask(EMPTY).name)![1]);

  it.each([
    ['createTask(42)', () => createTask(42 as never), TypeError, /^createTask\(\): `source` must be .*got 42$/],
    ['createTask(null)', () => createTask(null as never), TypeError, /^createTask\(\): `source` must be .*got null$/],
    ['createTask(undefined)', () => createTask(undefined as never), TypeError, /`source`.*got undefined/],
    [
      'a number name',
      () => createTask(EMPTY, { name: 7 as never }),
      TypeError,
      /^createTask\(\): `options\.name` must be a string, got 7$/,
    ],
    [
      'options not an object',
      () => createTask(EMPTY, 'x' as never),
      TypeError,
      /^createTask\(\): `options` must be an object/,
    ],
    [
      'a bad scheduler',
      () => createTask(EMPTY, { scheduler: {} as never }),
      TypeError,
      /^createTask\(\): `scheduler` must be a SchedulerLike/,
    ],
    [
      'a non-function done callback',
      () => createTask(EMPTY).addDoneCallback('x' as never),
      TypeError,
      /^Task\.addDoneCallback\(\): `fn` must be a function, got 'x'$/,
    ],
    [
      'a non-function to removeDoneCallback',
      () => createTask(EMPTY).removeDoneCallback(null as never),
      TypeError,
      /removeDoneCallback\(\): `fn`/,
    ],
    [
      'a non-string cancel message',
      () => createTask(EMPTY).cancel(3 as never),
      TypeError,
      /^Task\.cancel\(\): `msg` must be a string, got 3$/,
    ],
  ])('throws at once for %s', (_label, call, Err, message) => {
    expect(call).toThrow(Err);
    expect(call).toThrow(message);
  });

  it('changes no state: the name counter does not advance and nothing is queued', () => {
    const before = counter();
    expect(() => createTask(42 as never)).toThrow(TypeError);
    expect(() => createTask(EMPTY, { name: 1 as never })).toThrow(TypeError);
    expect(counter()).toBe(before + 1);
  });

  it('a Task refuses setResult and setException (its outcome is its source)', () => {
    const t = createTask(EMPTY);
    expect(() => t.setResult(undefined as never)).toThrow(InvalidStateError);
    expect(() => t.setException(new Error('x'))).toThrow(InvalidStateError);
    expect(t.done()).toBe(false);
  });
});

describe('async context (Node)', () => {
  it('runs each Task in its creator’s AsyncLocalStorage store; interleaved requests never see each other’s', async () => {
    const als = new AsyncLocalStorage<string>();
    const seen: string[] = [];
    const request = (id: string) =>
      als.run(id, () =>
        createTask(
          defer(() => {
            seen.push(`${id} start ${als.getStore()}`);
            return sleep(0).pipe(
              tap(() => seen.push(`${id} after sleep(0) ${als.getStore()}`)),
              mergeMap(() => createTask(defer(() => of(`${id} child ${als.getStore()}`)))),
            );
          }),
        ),
      );
    // Both requests' starts land in one ready-queue drain, scheduled by request A.
    const [a, b] = [request('A'), request('B')];
    expect(await Promise.all([a, b])).toEqual(['A child A', 'B child B']);
    expect(seen).toEqual(['A start A', 'B start B', 'A after sleep(0) A', 'B after sleep(0) B']);
  });
});

describe('async context of those who wait (Node)', () => {
  it('a subscriber, a done callback and an awaiter each continue in their own store, not the creator’s', async () => {
    const als = new AsyncLocalStorage<string>();
    const task = als.run('A', () => createTask(sleep(2, 'x')));
    const seen = await Promise.all([
      als.run('B', () => firstValueFrom(task.pipe(map(() => `subscriber ${als.getStore()}`)))),
      als.run(
        'C',
        () => new Promise<string>((resolve) => task.addDoneCallback(() => resolve(`callback ${als.getStore()}`))),
      ),
      als.run('D', () => task.then(() => `awaiter ${als.getStore()}`)),
    ]);
    expect(seen).toEqual(['subscriber B', 'callback C', 'awaiter D']);
  });

  it('settling and cancelling run no code in a request’s context', async () => {
    const als = new AsyncLocalStorage<string>();
    const task = als.run('A', () => createTask(sleep(1000)));
    const seen = als.run('B', () => firstValueFrom(task).then(undefined, () => `subscriber ${als.getStore()}`));
    als.run('C', () => task.cancel());
    expect(await seen).toBe('subscriber B');
  });
});

describe('unobserved failures', () => {
  const lib = join(__dirname, '..', 'lib');
  const dir = mkdtempSync(join(tmpdir(), 'rxjs-asyncio-unobserved-'));

  /** Runs a script in `node --expose-gc` (through tsx) and returns its stdout, stderr and exit code. */
  function runScript(name: string, body: string): { stdout: string; stderr: string; status: number | null } {
    const file = join(dir, `${name}.ts`);
    writeFileSync(
      file,
      `import { createTask, setUnobservedErrorHandler, CancelledError, sleep } from ${JSON.stringify(lib)};\n` +
        `import { throwError, firstValueFrom } from ${JSON.stringify(require.resolve('rxjs'))};\n` +
        `process.on('unhandledRejection', (e) => console.log('unhandledRejection', String(e)));\n` +
        `const gc = (globalThis as unknown as { gc: () => void }).gc;\n` +
        `const settle = () => new Promise<void>((r) => setTimeout(r, 20));\n` +
        `const collect = async () => { for (let i = 0; i < 3; i++) { await settle(); gc(); } await settle(); };\n` +
        `void CancelledError; void sleep; void firstValueFrom; void setUnobservedErrorHandler; void createTask; void throwError; void collect;\n` +
        body,
    );
    const r = spawnSync(process.execPath, ['--expose-gc', '--require', require.resolve('tsx/cjs'), file], {
      encoding: 'utf8',
      cwd: join(__dirname, '..'),
    });
    return { stdout: r.stdout, stderr: r.stderr, status: r.status };
  }

  it('reports a failure nobody retrieved once, through the handler, with the Task', () => {
    const { stdout } = runScript(
      'report',
      `setUnobservedErrorHandler((e, t) => console.log('unobserved', t.name, (e as Error).message, t.done(), String(t)));
       (async () => {
         createTask(throwError(() => new Error('lost')), { name: 'lonely' });
         await collect();
         console.log('end');
       })();`,
    );
    expect(stdout.trim().split('\n')).toEqual([
      "unobserved lonely lost true <Task finished name='lonely' exception=Error('lost')>",
      'end',
    ]);
  });

  it('does not report failures that were retrieved, nor cancelled Tasks, and never an unhandledRejection', () => {
    const { stdout } = runScript(
      'retrieved',
      `setUnobservedErrorHandler((e, t) => console.log('unobserved', t.name));
       (async () => {
         const fail = (name: string) => createTask(throwError(() => new Error(name)), { name });
         fail('subscribed').subscribe({ error: () => undefined });
         await fail('awaited').then(undefined, () => undefined);
         const r = fail('result'); await settle(); try { r.result(); } catch {}
         const x = fail('exception'); await settle(); x.exception();
         await firstValueFrom(fail('firstValueFrom')).catch(() => undefined);
         fail('forgotten');
         createTask(sleep(1000), { name: 'cancelled' }).cancel();
         createTask(throwError(() => new CancelledError('inner')), { name: 'cancelled-by-source' });
         const late = fail('late'); await settle(); await late.catch(() => undefined);
         fail('unretrieved');
         await collect();
         console.log('end');
       })();`,
    );
    const lines = stdout.trim().split('\n');
    expect(lines.pop()).toBe('end');
    expect(lines.sort()).toEqual(['unobserved forgotten', 'unobserved unretrieved']); // GC order is not defined
  });

  it('writes asyncio’s "Task exception was never retrieved" line with the name by default', () => {
    const { stdout, stderr, status } = runScript(
      'default',
      `createTask(throwError(() => new Error('nobody listened')), { name: 'orphan' });
       collect().then(() => console.log('end'));`,
    );
    expect(stdout.trim()).toBe('end');
    expect(status).toBe(0); // reported, not crashed
    expect(stderr).toContain('Task exception was never retrieved');
    expect(stderr).toContain("name='orphan'");
    expect(stderr).toContain('nobody listened');
    expect(stderr.match(/never retrieved/g)).toHaveLength(1);
  });
});
