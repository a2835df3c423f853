import { TestScheduler } from 'rxjs/testing';
import { EMPTY, finalize, mergeMap, Observable, of, take, throwError } from 'rxjs';
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
    // As `async with lock:` around a `try/finally`: the finally runs before the caller resumes.
    expect(log).toEqual(['finally', 'complete locked=false']);
    expect(release).toHaveBeenCalledTimes(1);
  });

  describe('regressions (found by spec/properties/sync.spec.ts)', () => {
    it("tears the source down before the permit passes to the next waiter (a source's finally runs while it holds the permit)", () => {
      const ts = new TestScheduler(observableMatcher);
      const sem = new Semaphore(1, { scheduler: ts });
      const log: string[] = [];
      const job = (n: number, fails: boolean) =>
        new Observable<number>((s) => {
          log.push(`start ${n}`);
          const t = ts.schedule(() => (fails ? s.error(new Error(`e${n}`)) : s.complete()), 5);
          return () => {
            t.unsubscribe();
            log.push(`teardown ${n}`);
          };
        }).pipe(holding(sem));
      job(1, true).subscribe({ error: (e: Error) => log.push(`error ${e.message}`) });
      job(2, false).subscribe({ complete: () => log.push('complete 2') });
      job(3, false).subscribe({ complete: () => log.push('complete 3') });
      ts.flush();
      // The permit passes on (synchronously, to the oldest waiter) only after the holder's
      // teardown, and before the holder's caller hears the outcome (the lock is free then).
      expect(log).toEqual([
        'start 1',
        'teardown 1',
        'start 2',
        'error e1',
        'teardown 2',
        'start 3',
        'complete 2',
        'teardown 3',
        'complete 3',
      ]);
    });
  });

  it('rejects anything but a Lock or Semaphore at call time', () => {
    expect(() => holding(42 as never)).toThrow(new TypeError('holding(): `lock` must be a Lock or Semaphore, got 42'));
    expect(() => holding({ acquire: () => true, release: () => true } as never)).toThrow(TypeError);
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
      for (let i = 0; i < n; i++)
        of(i)
          .pipe(holding(lock))
          .subscribe(() => seen++);
      expectObservable(cold('---x|')).toBe('---x|');
      cold('---x|').subscribe(() => {
        expect(seen).toBe(n);
        expect(lock.locked()).toBe(false);
      });
    });
  });
});

describe('holding() and synchronous sources', () => {
  it.each([
    ['when the permit is free', false],
    ['after a wait in the line', true],
  ])('stops a synchronous source cut off during its first emission, and releases, %s', (_when, wait) => {
    const lock = new Lock();
    if (wait) void lock.acquire();
    let emitted = 0;
    const endless = new Observable<number>((subscriber) => {
      for (let i = 0; !subscriber.closed; i++) {
        emitted++;
        if (emitted > 1000) throw new Error('source kept running after take(1)');
        subscriber.next(i);
      }
    });
    const values: number[] = [];
    endless.pipe(holding(lock), take(1)).subscribe((v) => values.push(v));
    if (wait) {
      expect(emitted).toBe(0);
      lock.release(); // hands the permit on, synchronously: the source starts now
    }
    expect(values).toEqual([0]);
    expect(emitted).toBe(1);
    expect(lock.locked()).toBe(false);
  });
});
