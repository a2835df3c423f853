import { asyncScheduler, defer, finalize, mergeMap, NEVER, of, TimeoutError } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { sleep } from '../lib/sleep';
import { timeout, timeoutAt } from '../lib/timeout';
import { tracer } from './helpers/combinators-trace';
import { timeoutError } from '../lib/internal/timeout-error';
import { observableMatcher } from './helpers/observable-matcher';

const testScheduler = () => new TestScheduler(observableMatcher);

describe('timeout', () => {
  describe('asyncio traces (CPython 3.11, times in virtual ms)', () => {
    it('completes in time: no error, not expired', () => {
      testScheduler().run(({ flush }) => {
        const { lines, log, val, watch } = tracer();
        const cm = timeout(30);
        watch(
          val(10, 'work').pipe(
            cm,
            finalize(() => log(`expired ${cm.expired()}`)),
          ),
        );
        flush();
        expect(lines).toEqual(['10 work done', '10 result "work"', '10 expired false']);
      });
    });

    it('expires: the source is cancelled, then TimeoutError', () => {
      testScheduler().run(({ flush }) => {
        const { lines, log, val } = tracer();
        const cm = timeout(20);
        val(50, 'work')
          .pipe(cm)
          .subscribe({ error: (e: unknown) => log(`${(e as Error).name} ${cm.expired()}`) });
        flush();
        expect(lines).toEqual(['20 work cancelled', '20 TimeoutError true']);
      });
    });

    it('None, then rescheduled once known', () => {
      testScheduler().run(({ flush }) => {
        const { lines, log, val } = tracer();
        const cm = timeout(null);
        defer(() => {
          log(`when ${cm.when()}`);
          cm.reschedule(asyncScheduler.now() + 20);
          return val(50, 'work');
        })
          .pipe(cm)
          .subscribe({ error: (e: unknown) => log(`${(e as Error).name} ${cm.expired()}`) });
        flush();
        expect(lines).toEqual(['0 when null', '20 work cancelled', '20 TimeoutError true']);
      });
    });

    it('rescheduled into the past: fires on the next turn', () => {
      testScheduler().run(({ flush }) => {
        const { lines, log, val } = tracer();
        const cm = timeout(50);
        val(50, 'work')
          .pipe(cm)
          .subscribe({ error: (e: unknown) => log(`${(e as Error).name} ${cm.expired()}`) });
        sleep(10).subscribe(() => {
          log('reschedule past');
          cm.reschedule(asyncScheduler.now() - 1);
          log(`expired yet ${cm.expired()}`);
        });
        flush();
        expect(lines).toEqual([
          '10 reschedule past',
          '10 expired yet false',
          '10 work cancelled',
          '10 TimeoutError true',
        ]);
      });
    });
  });

  it('errors at the deadline and unsubscribes the source', () => {
    testScheduler().run(({ cold, time, expectObservable, expectSubscriptions }) => {
      const source = cold('  -a-b-c-|');
      const limit = time('   ----|');
      const expected = '     -a-b#';
      const sourceSubs = '   ^---!';
      expectObservable(source.pipe(timeout(limit))).toBe(expected, undefined, timeoutError());
      expectSubscriptions(source.subscriptions).toBe(sourceSubs);
    });
  });

  it('limits the whole subscription, not the gap between values', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      // Values every 2 frames would satisfy RxJS's timeout(3) forever; ours ends at 5.
      expectObservable(cold('-a-b-c-d-e-|').pipe(timeout(5))).toBe('-a-b-(c#)', undefined, timeoutError());
    });
  });

  it('takes the deadline at subscription, one per subscription', () => {
    testScheduler().run(({ cold, hot, expectObservable }) => {
      const op = timeout(3);
      const source = cold('-----a|');
      expectObservable(source.pipe(op)).toBe('---#', undefined, timeoutError());
      expectObservable(hot('--x').pipe(mergeMap(() => source.pipe(op)))).toBe('-----#', undefined, timeoutError());
    });
  });

  it('completes in time and leaves no timer', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a|');
      expectObservable(source.pipe(timeout(10))).toBe('-a|');
      expectSubscriptions(source.subscriptions).toBe('^-!');
    });
    const scheduler = testScheduler();
    of(1).pipe(timeout(1000, scheduler)).subscribe();
    sleep(1, 1, scheduler).pipe(timeout(1000, scheduler)).subscribe();
    scheduler.flush();
    expect(scheduler.now()).toBe(1); // a leftover timer would have advanced the clock to 1000
  });

  it('completes an empty source', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('--|').pipe(timeout(5))).toBe('--|');
    });
  });

  it('passes on a source error and leaves no timer', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('--#', undefined, new Error('x')).pipe(timeout(5))).toBe('--#', undefined, new Error('x'));
    });
  });

  it('lets a synchronous source finish, even with a deadline already past', () => {
    const seen: unknown[] = [];
    of(1, 2)
      .pipe(timeout(-1))
      .subscribe({ next: (v) => seen.push(v), complete: () => seen.push('done') });
    expect(seen).toEqual([1, 2, 'done']);
  });

  it('fires a negative or -Infinity delay on the next turn, in the same frame', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-a|').pipe(timeout(-5))).toBe('#', undefined, timeoutError());
      expectObservable(cold('-a|').pipe(timeout(-Infinity))).toBe('#', undefined, timeoutError());
      expectObservable(cold('-a|').pipe(timeout(0))).toBe('#', undefined, timeoutError());
    });
  });

  it('never fires with null or Infinity', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-----------a|').pipe(timeout(null))).toBe('-----------a|');
      expectObservable(cold('-----------a|').pipe(timeout(Infinity))).toBe('-----------a|');
    });
  });

  it('does not overflow a delay above 2^31-1 ms into 1 ms', () => {
    testScheduler().run(({ expectObservable }) => {
      const big = 2 ** 31 + 5;
      expectObservable(sleep(2 ** 31, 'x').pipe(timeout(big))).toBe(`${2 ** 31}ms (x|)`);
      expectObservable(NEVER.pipe(timeout(big))).toBe(`${big}ms #`, undefined, timeoutError());
    });
  });

  it('unsubscribing early removes the timer and unsubscribes the source', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-----a|');
      expectObservable(source.pipe(timeout(3)), '^-!').toBe('---');
      expectSubscriptions(source.subscriptions).toBe('^-!');
    });
  });

  it('keeps the unsubscription chain intact between mergeMaps', () => {
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const inner = cold('------a|');
      const source = hot('-x').pipe(
        mergeMap((x) => of(x)),
        mergeMap(() => inner.pipe(timeout(4))),
        mergeMap((x) => of(x)),
      );
      expectObservable(source, '^--!').toBe('----');
      expectSubscriptions(inner.subscriptions).toBe('-^-!');
    });
  });

  it("runs the source's teardown once, before the TimeoutError is seen", () => {
    testScheduler().run(({ cold, flush }) => {
      const events: string[] = [];
      cold('------a|')
        .pipe(
          finalize(() => events.push('finally')),
          timeout(2),
        )
        .subscribe({ error: () => events.push('error') });
      flush();
      expect(events).toEqual(['finally', 'error']);
    });
  });

  describe('the handle', () => {
    it('when() is null before the first subscription and kept after the end', () => {
      testScheduler().run(({ cold, flush }) => {
        const op = timeout(5);
        expect(op.when()).toBeNull();
        cold('--a|').pipe(op).subscribe();
        expect(op.when()).toBe(5);
        flush();
        expect(op.when()).toBe(5);
        expect(op.expired()).toBe(false);
      });
    });

    it('reschedule() moves the live deadline later and earlier', () => {
      testScheduler().run(({ cold, expectObservable }) => {
        const later = timeout(2);
        cold('-x').subscribe(() => later.reschedule(6));
        expectObservable(cold('----a|').pipe(later)).toBe('----a|');
        const earlier = timeout(10);
        cold('-x').subscribe(() => earlier.reschedule(3));
        expectObservable(cold('------a|').pipe(earlier)).toBe('---#', undefined, timeoutError());
      });
    });

    it('reschedule(null) removes the deadline', () => {
      testScheduler().run(({ cold, expectObservable }) => {
        const op = timeout(2);
        cold('-x').subscribe(() => op.reschedule(null));
        expectObservable(cold('------a|').pipe(op)).toBe('------a|');
      });
    });

    it('reschedule() with no live subscription sets the deadline the next one uses', () => {
      testScheduler().run(({ cold, expectObservable }) => {
        const op = timeout(100);
        op.reschedule(4);
        expect(op.when()).toBe(4);
        expectObservable(cold('------a|').pipe(op)).toBe('----#', undefined, timeoutError());
        expectObservable(cold('------a|').pipe(op), '-----^').toBe('-----------a|'); // back to now + 100
      });
    });

    it('timeoutAt() takes an absolute time', () => {
      testScheduler().run(({ cold, hot, expectObservable }) => {
        const op = timeoutAt(4);
        expectObservable(hot('--x').pipe(mergeMap(() => cold('-----a|').pipe(op)))).toBe(
          '----#',
          undefined,
          timeoutError(),
        );
        expectObservable(cold('-a|').pipe(timeoutAt(null))).toBe('-a|');
        expectObservable(cold('-a|').pipe(timeoutAt(-1))).toBe('#', undefined, timeoutError());
      });
    });
  });

  it('throws at call time on bad input', () => {
    expect(() => timeout(NaN)).toThrow(new RangeError('timeout(): `delay` must be a number or null, got NaN'));
    expect(() => timeout('1s' as never)).toThrow(
      new TypeError("timeout(): `delay` must be a number or null, got '1s'"),
    );
    expect(() => timeout(undefined as never)).toThrow(TypeError);
    expect(() => timeout(1, {} as never)).toThrow(TypeError);
    expect(() => timeoutAt(NaN)).toThrow(new RangeError('timeoutAt(): `when` must be a number or null, got NaN'));
    const op = timeout(5);
    expect(() => op.reschedule(NaN)).toThrow(
      new RangeError('timeout().reschedule(): `when` must be a number or null, got NaN'),
    );
    expect(() => op.reschedule('x' as never)).toThrow(TypeError);
    expect(op.when()).toBeNull(); // no state changed
  });

  it('uses a custom scheduler outside run()', () => {
    const scheduler = testScheduler();
    const seen: unknown[] = [];
    const op = timeout(50, scheduler);
    sleep(100, 'late', scheduler)
      .pipe(op)
      .subscribe({
        next: (v) => seen.push(v),
        error: (e: unknown) => seen.push([e instanceof TimeoutError, scheduler.now()]),
      });
    scheduler.flush();
    expect(seen).toEqual([[true, 50]]);
    expect(op.when()).toBe(50);
    expect(op.expired()).toBe(true);
  });
});
