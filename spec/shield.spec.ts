import { finalize, mergeMap, NEVER, of } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { CancelledError } from '../lib/errors';
import { shield } from '../lib/shield';
import { sleep } from '../lib/sleep';
import { createTask } from '../lib/task';
import { tracer } from './helpers/combinators-trace';
import { observableMatcher } from './helpers/observable-matcher';

const testScheduler = () => new TestScheduler(observableMatcher);

describe('shield', () => {
  describe("asyncio traces (CPython 3.11, times in virtual ms): shield's three paths", () => {
    it('the caller is cancelled, the shielded work runs to its end', () => {
      testScheduler().run(({ flush }) => {
        const { lines, log, val } = tracer();
        const inner = createTask(val(30, 'inner'));
        const caller = createTask(inner.pipe(shield()));
        sleep(10).subscribe(() => {
          log('cancel caller');
          caller.cancel();
        });
        caller.subscribe({ error: () => log('caller cancelled') });
        inner.subscribe((v) => log(`inner ${v}`));
        flush();
        expect(lines).toEqual(['10 cancel caller', '10 caller cancelled', '30 inner done', '30 inner inner']);
      });
    });

    it('the work finishes normally and the caller gets its result', () => {
      testScheduler().run(({ flush }) => {
        const { lines, val, watch } = tracer();
        const inner = createTask(val(20, 'inner'));
        watch(inner.pipe(shield()));
        flush();
        expect(lines).toEqual(['20 inner done', '20 result "inner"']);
      });
    });

    it('the work is cancelled by other means and the caller gets CancelledError', () => {
      testScheduler().run(({ flush }) => {
        const { lines, log, val, watch } = tracer();
        const inner = createTask(val(30, 'inner'));
        sleep(10).subscribe(() => {
          log('cancel inner');
          inner.cancel();
        });
        watch(inner.pipe(shield()));
        flush();
        expect(lines).toEqual(['10 cancel inner', '10 inner cancelled', '10 error CancelledError()']);
      });
    });
  });

  it('mirrors the outcome: last value, then complete', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b-|');
      expectObservable(source.pipe(shield())).toBe('-----(b|)');
      expectSubscriptions(source.subscriptions).toBe('^----!');
    });
  });

  it('keeps the source running after every subscriber left, and a later subscriber gets the outcome without a second run', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('------a|');
      const shielded = source.pipe(shield());
      expectObservable(shielded, '^-!').toBe('---');
      expectObservable(shielded, '----^').toBe('-------(a|)');
      expectObservable(shielded, '-----------^').toBe('-----------(a|)');
      expectSubscriptions(source.subscriptions).toBe('^------!');
    });
  });

  it('completes without a value for an empty source', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('--|').pipe(shield())).toBe('--|');
    });
  });

  it('relays an error, also to late subscribers', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const shielded = cold('--#', undefined, new Error('x')).pipe(shield());
      expectObservable(shielded).toBe('--#', undefined, new Error('x'));
      expectObservable(shielded, '----^').toBe('----#', undefined, new Error('x'));
    });
  });

  it('errors with CancelledError when the source errors with it', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-#', undefined, new CancelledError('gone')).pipe(shield())).toBe(
        '-#',
        undefined,
        new CancelledError('gone'),
      );
    });
  });

  it('handles a synchronous source', () => {
    const seen: unknown[] = [];
    of(1, 2, 3)
      .pipe(shield())
      .subscribe({ next: (v) => seen.push(v), complete: () => seen.push('done') });
    expect(seen).toEqual([3, 'done']);
  });

  it('does not break the unsubscription chain (the shielded source alone keeps running)', () => {
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const inner = cold('------a|');
      const source = hot('-x').pipe(
        mergeMap((x) => of(x)),
        mergeMap(() => inner.pipe(shield())),
        mergeMap((x) => of(x)),
      );
      const outer = hot('-x-------');
      expectObservable(source, '^--!').toBe('----');
      expectSubscriptions(inner.subscriptions).toBe('-^------!');
      expectSubscriptions(outer.subscriptions).toBe([]);
    });
  });

  it("runs the source's teardown once, when it ends", () => {
    testScheduler().run(({ cold, flush }) => {
      let teardowns = 0;
      const shielded = cold('---a|').pipe(
        finalize(() => teardowns++),
        shield(),
      );
      const sub = shielded.subscribe();
      sub.unsubscribe();
      expect(teardowns).toBe(0);
      shielded.subscribe();
      flush();
      expect(teardowns).toBe(1);
    });
  });

  it('shields a Task from its caller being unsubscribed (no cancel)', () => {
    testScheduler().run(({ cold, flush }) => {
      const task = createTask<string>(cold('----a|'));
      const sub = task.pipe(shield()).subscribe();
      cold('-x').subscribe(() => sub.unsubscribe());
      flush();
      expect(task.cancelled()).toBe(false);
      expect(task.result()).toBe('a');
    });
  });

  it('works with a custom scheduler driving the source', () => {
    const scheduler = testScheduler();
    const seen: unknown[] = [];
    const shielded = sleep(10, 'x', scheduler).pipe(shield());
    shielded.subscribe().unsubscribe();
    shielded.subscribe((v) => seen.push([v, scheduler.now()]));
    scheduler.flush();
    expect(seen).toEqual([['x', 10]]);
  });

  it('takes no arguments (nothing to validate) and leaves NEVER running forever', () => {
    const sub = NEVER.pipe(shield()).subscribe();
    sub.unsubscribe();
    expect(sub.closed).toBe(true);
  });
});
