import { TestScheduler } from 'rxjs/testing';
import { EMPTY, finalize, mergeMap, of, throwError } from 'rxjs';
import { holding } from '../lib/holding';
import { Lock } from '../lib/lock';
import { BoundedSemaphore, Semaphore } from '../lib/semaphore';
import { observableMatcher } from './helpers/observable-matcher';

const testScheduler = () => new TestScheduler(observableMatcher);

describe('holding', () => {
  it('runs the source while holding and releases on complete', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const lock = new Lock();
      const source = cold('-a-b|');
      expectObservable(source.pipe(holding(lock))).toBe('-a-b|');
      expectSubscriptions(source.subscriptions).toBe('^---!');
      flush();
      expect(lock.locked()).toBe(false);
    });
  });

  it('an empty source releases at once', () => {
    const lock = new Lock();
    const seen: string[] = [];
    EMPTY.pipe(holding(lock)).subscribe({
      complete: () => seen.push(`complete locked=${lock.locked()}`),
    });
    expect(seen).toEqual(['complete locked=false']);
  });

  it('releases on error, before passing the error on', () => {
    const sem = new BoundedSemaphore(1);
    const seen: string[] = [];
    throwError(() => new Error('boom'))
      .pipe(holding(sem))
      .subscribe({
        error: (e: Error) => seen.push(`${e.message} locked=${sem.locked()}`),
      });
    expect(seen).toEqual(['boom locked=false']);
    expect(() => sem.release()).toThrow(); // released exactly once
  });

  it('a synchronous source runs synchronously when a permit is free', () => {
    const seen: number[] = [];
    of(1, 2, 3)
      .pipe(holding(new Semaphore(1)))
      .subscribe((v) => seen.push(v));
    expect(seen).toEqual([1, 2, 3]);
  });

  it('unsubscribing while holding unsubscribes the source and releases', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const lock = new Lock();
      const source = cold('-a-b-|');
      const after = cold('x|');
      expectObservable(source.pipe(holding(lock)), '--!').toBe('-a');
      expectObservable(after.pipe(holding(lock))).toBe('--x|');
      expectSubscriptions(source.subscriptions).toBe('^-!');
      expectSubscriptions(after.subscriptions).toBe('--^!');
      flush();
      expect(lock.locked()).toBe(false);
    });
  });

  it('unsubscribing while waiting leaves the line: the source is never subscribed', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const sem = new Semaphore(1);
      const first = cold('----a|');
      const leaver = cold('b|');
      expectObservable(first.pipe(holding(sem))).toBe('----a|');
      expectObservable(leaver.pipe(holding(sem)), '--!').toBe('');
      expectSubscriptions(leaver.subscriptions).toBe([]);
    });
  });

  it('keeps the unsubscription chain between two mergeMaps', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const sem = new Semaphore(1);
      const source = cold('-a-b-c|');
      const out = source.pipe(
        mergeMap((x) => of(x)),
        holding(sem),
        mergeMap((x) => of(x)),
      );
      expectObservable(out, '----!').toBe('-a-b');
      expectSubscriptions(source.subscriptions).toBe('^---!');
    });
  });

  it('teardown runs once and the release happens exactly once', () => {
    const lock = new Lock();
    const log: string[] = [];
    const release = jest.spyOn(lock, 'release');
    const sub = of(1)
      .pipe(
        finalize(() => log.push('finally')),
        holding(lock),
      )
      .subscribe({
        complete: () => log.push(`complete locked=${lock.locked()}`),
      });
    sub.unsubscribe();
    expect(log).toEqual(['complete locked=false', 'finally']);
    expect(release).toHaveBeenCalledTimes(1);
  });

  it('rejects anything but a Lock or Semaphore at call time', () => {
    expect(() => holding(42 as never)).toThrow(new TypeError('holding(): `lock` must be a Lock or Semaphore, got 42'));
    expect(() => holding({ acquire() {}, release() {} } as never)).toThrow(TypeError);
  });

  it('works with a custom scheduler outside run()', () => {
    const scheduler = testScheduler();
    const sem = new Semaphore(1, { scheduler });
    const seen: string[] = [];
    const first = of('a').pipe(holding(sem));
    first.subscribe((v) => seen.push(v));
    scheduler.flush();
    expect(seen).toEqual(['a']);
    expect(sem.locked()).toBe(false);
  });
});

describe('holding, a long line of synchronous sources', () => {
  it('hands permits on without recursion (no stack overflow)', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const lock = new Lock();
      const n = 20_000;
      let seen = 0;
      cold('--a|').pipe(holding(lock)).subscribe();
      for (let i = 0; i < n; i++) of(i).pipe(holding(lock)).subscribe(() => seen++);
      expectObservable(cold('---x|')).toBe('---x|');
      cold('---x|').subscribe(() => {
        expect(seen).toBe(n);
        expect(lock.locked()).toBe(false);
      });
    });
  });
});
