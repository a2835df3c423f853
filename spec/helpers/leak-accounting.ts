import { Observable, Subscription, type SchedulerAction, type SchedulerLike } from 'rxjs';

/**
 * Leak accounting for specs: a scheduler wrapper that counts its live scheduled actions,
 * and a source wrapper that counts live subscriptions. A spec ends by asserting both are
 * zero: after complete, error or cancel nothing of ours stays scheduled or subscribed.
 */
export class LeakScheduler implements SchedulerLike {
  /** Actions scheduled and neither run to the end nor unsubscribed. */
  live = 0;
  /** Every action ever scheduled (rescheduling an action does not count again). */
  total = 0;

  constructor(private readonly inner: SchedulerLike) {}

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
    let rescheduled = false;
    const action = this.inner.schedule(
      function (this: SchedulerAction<T>, s: T) {
        rescheduled = false;
        const self = this;
        const wrapped = Object.create(self) as SchedulerAction<T>;
        wrapped.schedule = (next?: T, d?: number) => {
          rescheduled = true;
          return self.schedule(next, d);
        };
        work.call(wrapped, s);
        if (!rescheduled) close();
      },
      delay,
      state as T,
    );
    action.add(close);
    return action;
  }
}

/** Counts live subscriptions to `source` and teardowns run; `tracked.source` is the wrapped Observable. */
export function trackSubscriptions<T>(source: Observable<T>) {
  const counts = { live: 0, subscribed: 0, tornDown: 0 };
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
