import { Subscriber, Subscription, type TeardownLogic, type Unsubscribable } from 'rxjs';
import { rx } from './rx';

/**
 * A Subscriber that keeps its first teardown in a field. RxJS keeps a Subscriber's
 * teardowns in an array it makes on the first `add`: 176 B with V8's growth, for what is
 * nearly always one teardown (the source's). At 10^5 pending Tasks that array was a fifth
 * of each Task (W5), and every job of a bounded fan-out made two (W3).
 *
 * A second teardown, or any `Subscription` (which RxJS links back to its parent), goes to
 * RxJS's array as usual, this one first, so teardowns run in the order RxJS runs them; a
 * teardown that throws surfaces as RxJS's `UnsubscriptionError`, as it would from RxJS.
 * Subclasses relay notifications, as RxJS 7's own operators do by extending Subscriber.
 */
export abstract class LoneTeardownSubscriber<T> extends Subscriber<T> {
  private lone: Unsubscribable | (() => void) | undefined = undefined;
  private spilled = false;

  // Subscriber's constructor is marked deprecated for *creating* Subscribers directly;
  // extending it is how RxJS 7's own operators subscribe (OperatorSubscriber). Ours, with
  // no destination, is the one the subclasses call.
  protected constructor() {
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    super();
  }

  override add(teardown: TeardownLogic): void {
    if (!this.spilled && !this.closed && this.lone === undefined) {
      if (typeof teardown === 'function' || (teardown && !(teardown instanceof rx.Subscription))) {
        this.lone = teardown;
        return;
      }
    }
    if (teardown && teardown !== this) this.spill();
    super.add(teardown);
  }

  override remove(teardown: Exclude<TeardownLogic, void>): void {
    if (teardown === this.lone) this.lone = undefined;
    else super.remove(teardown);
  }

  override unsubscribe(): void {
    const lone = this.closed ? undefined : this.lone;
    this.lone = undefined;
    super.unsubscribe();
    if (lone !== undefined) runTeardown(lone);
  }

  /** From now on, teardowns go to RxJS's array, the lone one first. */
  private spill(): void {
    this.spilled = true;
    const lone = this.lone;
    this.lone = undefined;
    if (lone !== undefined) super.add(lone);
  }
}

/** Runs a teardown as RxJS does: one that throws rethrows as RxJS's `UnsubscriptionError`. */
function runTeardown(teardown: Unsubscribable | (() => void)): void {
  try {
    if (typeof teardown === 'function') teardown();
    else teardown.unsubscribe();
  } catch (error) {
    // RxJS wraps the error (its constructor is internal): a Subscription whose teardown throws it.
    new Subscription(() => {
      throw error;
    }).unsubscribe();
  }
}
