import type { SchedulerAction, SchedulerLike, Subscription } from 'rxjs';

/** A scheduler that delegates to `inner` and counts its actions still pending. */
export interface CountingScheduler extends SchedulerLike {
  /** Actions scheduled and neither run nor cancelled yet. */
  pending(): number;
}

/**
 * Wraps a scheduler (a TestScheduler, or `asyncScheduler` in real time) to prove that
 * an operator leaves no timer behind: pass it as the operator's scheduler and check
 * `pending()` after the output has ended or been unsubscribed.
 */
export function countingScheduler(inner: SchedulerLike): CountingScheduler {
  let open = 0;
  return {
    now: () => inner.now(),
    pending: () => open,
    schedule<S>(work: (this: SchedulerAction<S>, state: S) => void, delay?: number, state?: S): Subscription {
      let live = true;
      const settle = () => {
        if (live) {
          live = false;
          open -= 1;
        }
      };
      open += 1;
      const sub = inner.schedule(
        function (this: SchedulerAction<S>, s?: S) {
          settle();
          work.call(this, s as S);
        },
        delay,
        state,
      );
      sub.add(settle);
      return sub;
    },
  };
}
