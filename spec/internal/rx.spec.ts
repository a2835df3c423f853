import { asapScheduler, asyncScheduler, from, Observable, Subscription } from 'rxjs';
import { rx } from '../../lib/internal/rx';

describe('rx', () => {
  it("holds RxJS's own values, so identity checks against them still hold", () => {
    expect(rx.asapScheduler).toBe(asapScheduler);
    expect(rx.asyncScheduler).toBe(asyncScheduler);
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- a reference to `from`, not a call of its scheduler form
    expect(rx.from).toBe(from);
    expect(rx.Observable).toBe(Observable);
    expect(rx.Subscription).toBe(Subscription);
    expect(Object.keys(rx).sort()).toEqual(['Observable', 'Subscription', 'asapScheduler', 'asyncScheduler', 'from']);
  });
});
