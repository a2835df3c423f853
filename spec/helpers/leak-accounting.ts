import { Observable, type SchedulerAction, type SchedulerLike, type Subscription } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';

/**
 * Leak accounting for specs.
 *
 * - `LeakScheduler` wraps a scheduler (a `TestScheduler`, inside `run()` or outside it, or
 *   a real one) and counts its live scheduled actions: scheduled and neither run to the
 *   end nor unsubscribed. An action that reschedules itself stays one live action. Pass it
 *   as the `scheduler` of everything under test; the ready queue of that scheduler drains
 *   through it too, so pending "soon" turns count.
 * - `pendingActions(testScheduler)` counts every action pending on a `TestScheduler`,
 *   including those of the default schedulers that `run()` virtualises.
 * - `trackSubscriptions(source)` counts live subscriptions to a source and teardowns run.
 *
 * A spec ends by asserting both counts are zero: after complete, error or cancel nothing
 * of ours stays scheduled or subscribed.
 */
export class LeakScheduler implements SchedulerLike {
  /** Actions scheduled and neither run to the end nor unsubscribed. */
  live = 0;
  /** Every action ever scheduled (rescheduling an action does not count again). */
  total = 0;

  constructor(readonly inner: SchedulerLike) {}

  now(): number {
    return this.inner.now();
  }

  schedule<T>(work: (this: SchedulerAction<T>, state: T) => void, delay = 0, state?: T): Subscription {
    this.live++;
    this.total++;
    let open = true;
    const close = () => {
      if (open) {
        open = false;
        this.live--;
      }
    };
    const action = this.inner.schedule(
      function (this: SchedulerAction<T>, s: T) {
        // Count a reschedule from inside `work` as the same live action. The action's own
        // `schedule` is shadowed for the duration of the call (a VirtualAction reschedules
        // into a child action that runs this same wrapper again).
        const self = this as SchedulerAction<T> & { schedule: SchedulerAction<T>['schedule'] };
        let rescheduled = false as boolean; // set inside the shadowing `schedule`
        const original = self.schedule;
        self.schedule = (next?: T, d?: number) => {
          const sub = original.call(self, next, d);
          rescheduled = !sub.closed; // a reschedule to Infinity schedules nothing
          return sub;
        };
        try {
          work.call(self, s);
        } finally {
          delete (self as Partial<typeof self>).schedule;
          if (!rescheduled) close();
        }
      },
      delay,
      state as T,
    );
    action.add(close); // runs at once when `inner` scheduled nothing (a closed Subscription)
    return action;
  }
}

/** Actions pending on a TestScheduler (its own, and, inside `run()`, the default schedulers'). */
export function pendingActions(scheduler: TestScheduler): number {
  return scheduler.actions.length;
}

/**
 * Outside `run()`: runs every action due at or before `frame` on `scheduler` and leaves
 * the later ones pending (so a timer left far in the future still counts as live).
 */
export function flushTo(scheduler: TestScheduler, frame: number): void {
  const saved = scheduler.maxFrames;
  scheduler.maxFrames = frame;
  try {
    scheduler.flush();
  } finally {
    scheduler.maxFrames = saved;
  }
}

/** Live-subscription counts of a tracked source. */
export interface SubscriptionCounts {
  /** Subscriptions open now. */
  live: number;
  /** Subscriptions ever made. */
  subscribed: number;
  /** Teardowns run (one per subscription that ended: complete, error or unsubscribe). */
  tornDown: number;
}

/** Counts live subscriptions to `source` and teardowns run; `tracked.source` is the wrapped Observable. */
export function trackSubscriptions<T>(source: Observable<T>): { source: Observable<T>; counts: SubscriptionCounts } {
  const counts: SubscriptionCounts = { live: 0, subscribed: 0, tornDown: 0 };
  const wrapped = new Observable<T>((subscriber) => {
    counts.live++;
    counts.subscribed++;
    const sub = source.subscribe(subscriber);
    return () => {
      counts.live--;
      counts.tornDown++;
      sub.unsubscribe();
    };
  });
  return { source: wrapped, counts };
}
