import { concat, defer, firstValueFrom, map, mergeMap, of, tap } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { CancelledError, createTask, Future, InvalidStateError, sleep } from '../lib';
import { observableMatcher } from './helpers/observable-matcher';
import { pythonTrace } from './helpers/python-trace';

const virtual = (body: Parameters<TestScheduler['run']>[0]) => new TestScheduler(observableMatcher).run(body);

describe('Future', () => {
  it('tells the restaurant-token story as asyncio does (CPython trace)', () => {
    const lines: string[] = [];
    const log = (s: string) => lines.push(s);
    virtual(() => {
      const main = defer(() => {
        const fut = new Future<string>();
        fut.addDoneCallback((f) => log(`callback ${f.result()}`));
        fut.setResult('noodles');
        log(`set, done=${fut.done() ? 'True' : 'False'}`);
        try {
          fut.setResult('again');
        } catch (e) {
          log((e as Error).name);
        }
        return concat(
          fut.pipe(tap((v) => log(`await -> ${v}`))),
          sleep(0).pipe(tap(() => log('after one turn'))),
        );
      });
      createTask(main);
    });
    const expected = ['set, done=True', 'InvalidStateError', 'await -> noodles', 'callback noodles', 'after one turn'];
    expect(lines).toEqual(expected);
    expect(pythonTrace('future_story.py', expected)).toEqual(expected);
  });

  describe('setResult / setException', () => {
    it('throw InvalidStateError on a done Future, keeping the first outcome', () => {
      const f = new Future<number>();
      f.setResult(1);
      expect(() => f.setResult(2)).toThrow(InvalidStateError);
      expect(() => f.setException(new Error('x'))).toThrow(InvalidStateError);
      expect(f.result()).toBe(1);

      const g = new Future<number>();
      const boom = new Error('boom');
      g.setException(boom);
      expect(() => g.setResult(2)).toThrow(InvalidStateError);
      expect(() => g.setException(new Error('y'))).toThrow(InvalidStateError);
      expect(g.exception()).toBe(boom);

      const c = new Future<number>();
      c.cancel();
      expect(() => c.setResult(1)).toThrow(InvalidStateError);
      expect(c.cancelled()).toBe(true);
    });

    it('setException refuses a CancelledError (cancel() is the way), changing nothing', () => {
      const f = new Future<number>();
      expect(() => f.setException(new CancelledError())).toThrow(TypeError);
      expect(f.done()).toBe(false);
    });
  });

  describe('result() and exception()', () => {
    it('throw InvalidStateError while pending', () => {
      const f = new Future<number>();
      expect(() => f.result()).toThrow(InvalidStateError);
      expect(() => f.exception()).toThrow(InvalidStateError);
    });

    it('throw CancelledError with the message once cancelled', () => {
      const f = new Future<number>();
      expect(f.cancel('closed')).toBe(true);
      expect(() => f.result()).toThrow(new CancelledError('closed'));
      expect(() => f.exception()).toThrow(CancelledError);
    });

    it('give the result or the exception once done', () => {
      const ok = new Future<string>();
      ok.setResult('r');
      expect([ok.result(), ok.exception()]).toEqual(['r', undefined]);
      const bad = new Future<string>();
      const boom = new Error('boom');
      bad.setException(boom);
      expect(bad.exception()).toBe(boom);
      expect(() => bad.result()).toThrow(boom);
    });
  });

  describe('cancel()', () => {
    it('makes a pending Future done and cancelled at once (unlike a Task, it has no step to wait for)', () => {
      const f = new Future<number>();
      expect(f.cancel()).toBe(true);
      expect([f.done(), f.cancelled()]).toEqual([true, true]);
      expect(f.cancel()).toBe(false);
    });

    it('returns false on a done Future', () => {
      const f = new Future<number>();
      f.setResult(1);
      expect(f.cancel()).toBe(false);
      expect(f.cancelled()).toBe(false);
    });

    it('rejects awaiters and errors subscribers with CancelledError(msg)', async () => {
      const f = new Future<number>();
      const awaited = f.then(undefined, (e: unknown) => e);
      const subscribed = firstValueFrom(f).then(undefined, (e: unknown) => e);
      f.cancel('bye');
      for (const e of await Promise.all([awaited, subscribed])) {
        expect(e).toBeInstanceOf(CancelledError);
        expect((e as Error).message).toBe('bye');
      }
    });
  });

  describe('Observable face', () => {
    it('emits the result once when set, then completes', () => {
      virtual(({ expectObservable, time }) => {
        const f = new Future<string>();
        createTask(sleep(time('---|')).pipe(tap(() => f.setResult('x'))));
        expectObservable(f).toBe('---(x|)');
        expectObservable(f, '-----^').toBe('-----(x|)');
      });
    });

    it('errors with the exception', () => {
      virtual(({ expectObservable }) => {
        const f = new Future<string>();
        createTask(sleep(2).pipe(tap(() => f.setException(new Error('e')))));
        expectObservable(f).toBe('--#', undefined, new Error('e'));
      });
    });

    it('delivers synchronously to a subscriber arriving when it is done', () => {
      const f = new Future<number>();
      f.setResult(3);
      const seen: unknown[] = [];
      f.subscribe({ next: (v) => seen.push(v), complete: () => seen.push('complete') });
      expect(seen).toEqual([3, 'complete']);
    });

    it('is cancelled by a subscriber that leaves before it is done', () => {
      virtual(({ expectObservable }) => {
        const f = new Future<number>();
        expectObservable(f, '^--!').toBe('---');
        createTask(sleep(5).pipe(tap(() => expect(f.cancelled()).toBe(true))));
      });
    });

    it('keeps the outcome for a subscriber that leaves after it is done', () => {
      const f = new Future<number>();
      const sub = f.subscribe();
      f.setResult(1);
      sub.unsubscribe();
      expect(f.result()).toBe(1);
    });

    it('keeps the unsubscription chain between two mergeMaps', () => {
      virtual(({ expectObservable }) => {
        const f = new Future<number>();
        const out = of(0).pipe(
          mergeMap((x) => of(x)),
          mergeMap(() => f),
          mergeMap((x) => of(x)),
        );
        expectObservable(out, '^-!').toBe('---');
        createTask(sleep(5).pipe(tap(() => expect(f.cancelled()).toBe(true))));
      });
    });
  });

  describe('PromiseLike face', () => {
    it('builds its Promise only when then() is first called, and reuses it', async () => {
      const f = new Future<number>();
      expect(f._promise).toBeUndefined();
      const a = f.then((v) => v * 2);
      const p = f._promise;
      expect(p).toBeInstanceOf(Promise);
      void f.then((v) => v);
      expect(f._promise).toBe(p);
      f.setResult(21);
      expect(await a).toBe(42);
      expect(await f).toBe(21);
    });

    it('supports catch and finally', async () => {
      const f = new Future<number>();
      const log: string[] = [];
      const done = f.catch((e: unknown) => (e as Error).message).finally(() => log.push('finally'));
      f.setException(new Error('nope'));
      expect(await done).toBe('nope');
      expect(log).toEqual(['finally']);
    });
  });

  describe('done callbacks', () => {
    it('run soon, not during setResult, once each, in order', () => {
      const log: string[] = [];
      virtual(() => {
        const f = new Future<number>();
        const a = () => log.push('a');
        f.addDoneCallback(a);
        f.addDoneCallback(() => log.push('b'));
        f.setResult(1);
        log.push('after setResult');
      });
      expect(log).toEqual(['after setResult', 'a', 'b']);
    });

    it('removeDoneCallback removes every registration while pending and returns the count', () => {
      const log: string[] = [];
      virtual(() => {
        const f = new Future<number>();
        const a = () => log.push('a');
        f.addDoneCallback(a);
        f.addDoneCallback(() => log.push('b'));
        f.addDoneCallback(a);
        expect(f.removeDoneCallback(a)).toBe(2);
        expect(f.removeDoneCallback(a)).toBe(0);
        f.setResult(1);
        expect(f.removeDoneCallback(() => undefined)).toBe(0);
      });
      expect(log).toEqual(['b']);
    });

    it('a callback added to a done Future runs soon', () => {
      const log: string[] = [];
      virtual(() => {
        const f = new Future<number>();
        f.setResult(1);
        f.addDoneCallback(() => log.push('late'));
        log.push('sync');
      });
      expect(log).toEqual(['sync', 'late']);
    });

    it('an internal listener added after the listeners ran is still called', () => {
      const log: string[] = [];
      virtual(() => {
        const f = new Future<number>();
        f.addDoneCallback(() => log.push('first'));
        f.setResult(1);
        createTask(
          sleep(1).pipe(
            map(() => f._listen(() => log.push('listener after done'))),
          ),
        );
      });
      expect(log).toEqual(['first', 'listener after done']);
    });

    it('a throwing callback is reported and does not stop the others', () => {
      const { config } = jest.requireActual<typeof import('rxjs')>('rxjs');
      const previous = config.onUnhandledError;
      const reported: unknown[] = [];
      config.onUnhandledError = (e) => reported.push(e);
      const log: string[] = [];
      try {
        virtual(() => {
          const f = new Future<number>();
          f.addDoneCallback(() => {
            throw new Error('cb');
          });
          f.addDoneCallback(() => log.push('second'));
          f.setResult(1);
        });
      } finally {
        config.onUnhandledError = previous;
      }
      expect(log).toEqual(['second']);
      expect(reported).toEqual([new Error('cb')]);
    });

    it('use the scheduler given to the constructor', () => {
      const scheduler = new TestScheduler(observableMatcher);
      const f = new Future<number>({ scheduler });
      const log: string[] = [];
      f.addDoneCallback(() => log.push('cb'));
      f.setResult(1);
      expect(log).toEqual([]);
      scheduler.flush();
      expect(log).toEqual(['cb']);
    });
  });

  describe('bad input', () => {
    it.each([
      ['options not an object', () => new Future(42 as never), /^Future\(\): `options` must be an object, got 42$/],
      ['a bad scheduler', () => new Future({ scheduler: 'x' as never }), /^Future\(\): `scheduler` must be a SchedulerLike, got 'x'$/],
      ['a non-function done callback', () => new Future().addDoneCallback(1 as never), /^Future\.addDoneCallback\(\): `fn` must be a function, got 1$/],
      ['a non-string cancel message', () => new Future().cancel({} as never), /^Future\.cancel\(\): `msg` must be a string/],
    ])('throws a TypeError for %s', (_label, call, message) => {
      expect(call).toThrow(TypeError);
      expect(call).toThrow(message);
    });

    it('a bad cancel message leaves the Future pending', () => {
      const f = new Future();
      expect(() => f.cancel(5 as never)).toThrow(TypeError);
      expect(f.done()).toBe(false);
    });
  });

  it('shows its state in toString', () => {
    const f = new Future<number>();
    expect(String(f)).toBe('<Future pending>');
    f.setResult(5);
    expect(String(f)).toBe('<Future finished result=5>');
    const g = new Future<number>();
    g.setException(new TypeError('t'));
    expect(String(g)).toBe("<Future finished exception=TypeError('t')>");
    const h = new Future<number>();
    h.cancel();
    expect(String(h)).toBe('<Future cancelled>');
  });
});

describe('the CancelledError handed to awaiters and subscribers', () => {
  it('carries no stack trace (one per cancelled Task: 10^5 of them must stay cheap)', async () => {
    const f = new Future<number>();
    f.cancel('m');
    const e = (await f.then(undefined, (err: unknown) => err)) as CancelledError;
    expect(e).toBeInstanceOf(CancelledError);
    expect(e.message).toBe('m');
    expect(e.stack).toBe('CancelledError: m');
  });

  it('keeps the caller’s stack when thrown by result()', () => {
    const f = new Future<number>();
    f.cancel();
    let stack = '';
    try {
      f.result();
    } catch (e) {
      stack = (e as Error).stack ?? '';
    }
    expect(stack).toMatch(/\n\s+at /);
    expect(Error.stackTraceLimit).toBeGreaterThan(0);
  });
});
