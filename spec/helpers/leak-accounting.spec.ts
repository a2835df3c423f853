import { asyncScheduler, NEVER, of, Subject, timer, type SchedulerAction } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { createTask, sleep } from '../../lib';
import { scheduleIn } from '../../lib/internal/schedule';
import { flushTo, LeakScheduler, pendingActions, trackSubscriptions } from './leak-accounting';
import { observableMatcher } from './observable-matcher';

describe('LeakScheduler', () => {
  describe('outside run()', () => {
    let ts: TestScheduler;
    let leak: LeakScheduler;
    beforeEach(() => {
      ts = new TestScheduler(observableMatcher);
      leak = new LeakScheduler(ts);
    });

    it('counts an action live until it has run', () => {
      const ran: number[] = [];
      leak.schedule(() => ran.push(ts.now()), 10);
      expect([leak.live, leak.total]).toEqual([1, 1]);
      flushTo(ts, 9);
      expect([leak.live, ran]).toEqual([1, []]);
      flushTo(ts, 10);
      expect([leak.live, leak.total, ran]).toEqual([0, 1, [10]]);
    });

    it('counts an action live until it is unsubscribed', () => {
      const sub = leak.schedule(() => undefined, 10);
      sub.unsubscribe();
      expect(leak.live).toBe(0);
      sub.unsubscribe();
      expect(leak.live).toBe(0);
      expect(pendingActions(ts)).toBe(0);
    });

    it('counts a self-rescheduling action once, live until it stops', () => {
      let n = 0;
      leak.schedule(function (this: SchedulerAction<void>) {
        if (++n < 3) this.schedule(undefined, 5);
      }, 5);
      flushTo(ts, 5);
      expect([n, leak.live, leak.total]).toEqual([1, 1, 1]);
      flushTo(ts, 10);
      expect([n, leak.live]).toEqual([2, 1]);
      flushTo(ts, 100);
      expect([n, leak.live, leak.total]).toEqual([3, 0, 1]);
    });

    it('counts a rescheduled action closed when unsubscribed between runs', () => {
      const sub = leak.schedule(function (this: SchedulerAction<void>) {
        this.schedule(undefined, 5);
      }, 5);
      flushTo(ts, 12);
      expect(leak.live).toBe(1);
      sub.unsubscribe();
      expect([leak.live, pendingActions(ts)]).toEqual([0, 0]);
    });

    it('counts an action whose work throws as ended', () => {
      leak.schedule(() => {
        throw new Error('boom');
      }, 1);
      expect(() => flushTo(ts, 1)).toThrow('boom');
      expect(leak.live).toBe(0);
    });

    it('counts nothing live for an Infinity delay (nothing is scheduled)', () => {
      leak.schedule(() => undefined, Infinity);
      expect([leak.live, leak.total, pendingActions(ts)]).toEqual([0, 1, 0]);
    });

    it('sees a timer left far in the future as live', () => {
      const sub = sleep(1e6, 'late', leak).subscribe();
      flushTo(ts, 1000);
      expect(leak.live).toBe(1);
      sub.unsubscribe();
      expect(leak.live).toBe(0);
    });

    it('follows a chunked delay above 2^31−1 as one live action', () => {
      let fired = -1;
      scheduleIn(leak, 2 ** 31 + 10, () => (fired = ts.now()));
      flushTo(ts, 2 ** 31 - 1);
      expect([leak.live, fired]).toEqual([1, -1]);
      flushTo(ts, 2 ** 32);
      expect([leak.live, leak.total, fired]).toEqual([0, 1, 2 ** 31 + 10]);
    });

    it('counts the ready-queue turns of a Task on that scheduler', () => {
      const task = createTask(of(1), { scheduler: leak });
      expect(leak.live).toBe(1); // the queued start
      flushTo(ts, 0);
      expect(task.done()).toBe(true);
      expect(leak.live).toBe(0);
      task.cancel();
      expect(leak.live).toBe(0);
    });

    it('sees a cancelled Task settle within one turn, leaving nothing', () => {
      const tracked = trackSubscriptions(sleep(50, 'x', leak));
      const task = createTask(tracked.source, { scheduler: leak });
      flushTo(ts, 10);
      expect([tracked.counts.live, leak.live]).toEqual([1, 1]);
      task.cancel();
      expect(tracked.counts).toEqual({ live: 0, subscribed: 1, tornDown: 1 });
      expect(task.done()).toBe(false);
      flushTo(ts, 10);
      expect([task.cancelled(), leak.live, pendingActions(ts)]).toEqual([true, 0, 0]);
    });

    it('reports now() from the inner scheduler', () => {
      flushTo(ts, 0);
      ts.schedule(() => undefined, 42);
      flushTo(ts, 42);
      expect(leak.now()).toBe(42);
    });
  });

  describe('inside run()', () => {
    it('counts actions on the wrapped TestScheduler in virtual time', () => {
      const ts = new TestScheduler(observableMatcher);
      const leak = new LeakScheduler(ts);
      const seen: number[] = [];
      ts.run(({ expectObservable }) => {
        const tracked = trackSubscriptions(sleep(30, 'a', leak));
        expectObservable(tracked.source).toBe('30ms (a|)', { a: 'a' });
        ts.schedule(() => seen.push(leak.live, tracked.counts.live), 10);
        ts.schedule(() => seen.push(leak.live, tracked.counts.live), 31);
      });
      expect(seen).toEqual([1, 1, 0, 0]);
    });

    it('counts default-scheduler timers through pendingActions', () => {
      const ts = new TestScheduler(observableMatcher);
      const seen: number[] = [];
      ts.run(() => {
        const sub = timer(100, asyncScheduler).subscribe();
        const never = NEVER.subscribe();
        ts.schedule(() => seen.push(pendingActions(ts)), 10); // the timer and the probe at 20
        ts.schedule(() => {
          sub.unsubscribe();
          never.unsubscribe();
          seen.push(pendingActions(ts));
        }, 20);
      });
      expect(seen).toEqual([2, 0]);
    });
  });
});

describe('trackSubscriptions', () => {
  it('counts subscriptions and teardowns for complete, error and unsubscribe', () => {
    const subject = new Subject<number>();
    const { source, counts } = trackSubscriptions(subject);
    const a = source.subscribe();
    const b = source.subscribe({ error: () => undefined });
    expect(counts).toEqual({ live: 2, subscribed: 2, tornDown: 0 });
    a.unsubscribe();
    expect(counts).toEqual({ live: 1, subscribed: 2, tornDown: 1 });
    subject.error(new Error('x'));
    expect(counts).toEqual({ live: 0, subscribed: 2, tornDown: 2 });
    b.unsubscribe();
    expect(counts.tornDown).toBe(2);
  });

  it('tears down a synchronous source at once', () => {
    const { source, counts } = trackSubscriptions(of(1, 2));
    source.subscribe();
    expect(counts).toEqual({ live: 0, subscribed: 1, tornDown: 1 });
  });
});
