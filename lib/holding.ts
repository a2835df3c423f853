import { Observable, Subscriber, type MonoTypeOperatorFunction, type TeardownLogic } from 'rxjs';
import { LoneTeardownSubscriber } from './internal/lone-teardown';
import { EMPTY_FIELD, keepShape } from './internal/keep-shape';
import { Permits } from './sync-base';
import type { Waiter, Wakeable } from './internal/waiter-line';
import { typeError } from './internal/validate';
import type { Lock } from './lock';
import type { Semaphore } from './semaphore';

/**
 * Runs the source only while holding `lock`: acquires on subscribe, subscribes the source
 * once acquired, releases when the source completes, errors or is unsubscribed.
 *
 * asyncio: `async with lock:` / `async with sem:` around the awaited work. The way to
 * bound the concurrency of an Observable pipeline — at most 5 requests in flight:
 * `from(urls).pipe(mergeMap((u) => fetch$(u).pipe(holding(new Semaphore(5)))))` (create
 * the Semaphore once, outside). Waiters are served FIFO, in subscription order. When a
 * permit is free the source is subscribed synchronously.
 *
 * **Cancellation.** Unsubscribing while waiting leaves the line: the source is never
 * subscribed and no permit is taken. Unsubscribing while holding unsubscribes the source,
 * then releases. The release happens exactly once, before the output's `complete` or
 * `error` is passed on (the `finally` block runs before the caller resumes).
 *
 * ## Example
 * ```ts
 * import { from, mergeMap } from 'rxjs';
 * import { holding, Semaphore, sleep } from 'rxjs-asyncio';
 * const sem = new Semaphore(2);
 * from(['a', 'b', 'c']).pipe(mergeMap((x) => sleep(100, x).pipe(holding(sem))))
 *   .subscribe((x) => console.log(x));
 * // Logs:
 * // a       (after 100 ms)
 * // b       (after 100 ms)
 * // c       (after 200 ms: it waited for a permit)
 * ```
 * @param lock A `Lock`, `Semaphore` or `BoundedSemaphore`.
 * @returns An operator mirroring the source, run while holding `lock`.
 * @throws {TypeError} When `lock` is not a Lock or Semaphore.
 */
export function holding<T>(lock: Lock | Semaphore): MonoTypeOperatorFunction<T> {
  if (!((lock as unknown) instanceof Permits)) typeError('holding', 'lock', 'a Lock or Semaphore', lock);
  return (source) => new Holding(lock, source);
}

/**
 * What `holding()` returns: the lock and the source as fields, so each of 10^4 jobs
 * waiting in a Semaphore's line (W3) keeps one small object, not closures and contexts.
 */
class Holding<T> extends Observable<T> {
  constructor(
    readonly lock: Lock | Semaphore,
    /** The source: the body of the `async with` (`source` has a meaning of its own in RxJS). */
    readonly body: Observable<T>,
  ) {
    super(subscribeHolding);
  }
}

function subscribeHolding<T>(this: Observable<T>, subscriber: Subscriber<T>): TeardownLogic {
  const { lock, body } = this as Holding<T>;
  const hold = new Hold(lock, body, subscriber);
  hold.waiter = lock._take(hold);
  if (hold.waiter === null) hold.start(true);
  return hold;
}

/**
 * One subscription to a `holding()` Observable, in one object (a job of a 10^4 fan-out
 * allocates this and one {@link HoldSubscriber}, no closures): it is the place's waker
 * (a {@link Wakeable}: `next` starts the source once the permit is ours) and the output's
 * teardown.
 */
class Hold<T> implements Wakeable<true> {
  /** Our place in the lock's line, or null when the permit came at once. */
  waiter: Waiter<true> | null = null;
  private held = false;
  private inner: HoldSubscriber<T> | null = null;
  /** True while `source.subscribe` runs. */
  private subscribing = false;
  /** How the source ended while `subscribe` was still running: 1 error, 2 complete. */
  private endedEarly: 0 | 1 | 2 = 0;
  private endError: unknown = undefined;

  constructor(
    private readonly lock: Lock | Semaphore,
    private readonly source: Observable<T>,
    readonly subscriber: Subscriber<T>,
  ) {}

  /** The permit came after a wait in the line: subscribe the source. */
  next(): void {
    this.start(false);
  }

  /**
   * The permit is ours: subscribe the source through our own Subscriber. Unsubscribing
   * the output closes it, so the source stops even while it is still emitting
   * synchronously (e.g. `range(…).pipe(holding(l), take(1))`): through this Hold, the
   * output's teardown, or — while `subscribe` has not returned it yet (`duringSubscribe`,
   * the permit was free) — through a link to the output.
   */
  start(duringSubscribe: boolean): void {
    this.held = true;
    const inner = (this.inner = new HoldSubscriber(this));
    if (duringSubscribe) this.subscriber.add(inner);
    // The source's teardown (its `finally`) runs before the permit passes on, as the
    // body of `async with sem:` ends before `__aexit__` releases. A source that ends
    // while `subscribe` is still running registers its teardown only when `subscribe`
    // returns, so then the hand-over waits for that.
    this.subscribing = true;
    this.source.subscribe(inner);
    this.subscribing = false;
    if (this.endedEarly !== 0) {
      inner.unsubscribe();
      this.release();
      this.pass(this.endedEarly === 1, this.endError);
    }
  }

  /** Waiting failed (e.g. the line was shut): the output errors. */
  error(error: unknown): void {
    this.subscriber.error(error);
  }

  complete(): void {}

  /** The source errored (`failed`) or completed. */
  end(failed: boolean, error: unknown): void {
    if (this.subscribing) {
      this.endedEarly = failed ? 1 : 2;
      this.endError = error;
      return;
    }
    this.inner?.unsubscribe();
    this.release();
    this.pass(failed, error);
  }

  /** The output's teardown. */
  unsubscribe(): void {
    this.waiter?.unsubscribe();
    this.inner?.unsubscribe();
    this.release();
  }

  private release(): void {
    if (this.held) {
      this.held = false;
      this.lock.release();
    }
  }

  private pass(failed: boolean, error: unknown): void {
    if (failed) this.subscriber.error(error);
    else this.subscriber.complete();
  }
}

/** Relays the source to the output through its {@link Hold}. */
class HoldSubscriber<T> extends LoneTeardownSubscriber<T> {
  constructor(private readonly hold: Hold<T>) {
    super();
  }
  protected override _next(value: T): void {
    this.hold.subscriber.next(value);
  }
  protected override _error(error: unknown): void {
    try {
      this.hold.end(true, error);
    } finally {
      this.unsubscribe();
    }
  }
  protected override _complete(): void {
    try {
      this.hold.end(false, undefined);
    } finally {
      this.unsubscribe();
    }
  }
}

// A job's shapes outlive its burst (see keepShape).
const keptHold = new Hold<unknown>(EMPTY_FIELD, EMPTY_FIELD, EMPTY_FIELD);
keepShape(new Holding<unknown>(EMPTY_FIELD, EMPTY_FIELD), keptHold, new HoldSubscriber<unknown>(keptHold));
