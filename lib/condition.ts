import { Observable, type SchedulerLike, type Subscriber } from 'rxjs';
import { InvalidStateError } from './errors';
import { checkSyncOptions, WaiterLine, type SyncOptions, type Waiter } from './internal/waiter-line';
import { checkFunction, checkInteger, typeError } from './internal/validate';
import { Lock } from './lock';
import { EagerTask, Task } from './task';

/**
 * A condition variable: tasks holding its lock wait until another task notifies them.
 *
 * asyncio: `asyncio.Condition` (with Python 3.13's wake-up rules). `acquire`, `release`
 * and `locked` are the lock's. `wait()` releases the lock, waits for `notify`, then
 * re-acquires the lock before its Task completes with `true`; `waitFor(predicate)` loops
 * on `wait()` until `predicate()` is truthy (checked while holding the lock) and
 * completes with its value. `notify(n)` wakes the `n` oldest waiters, `notifyAll()` all.
 * `wait`, `waitFor`, `notify` and `notifyAll` throw `InvalidStateError` (asyncio's
 * RuntimeError) when the lock is not held.
 *
 * **Cancellation.** A cancelled `wait()`/`waitFor()` Task (`cancel()`, or unsubscribing
 * before it is done) leaves the waiters at once but still re-acquires the lock before it
 * ends: until then `done()` is `false`, and once it is cancelled the caller holds the lock
 * (release it in your `finally`). If it had already been notified, it passes the
 * notification on to the next waiter, as asyncio 3.13 does.
 *
 * ## Example
 * ```ts
 * import { Condition } from 'rxjs-asyncio';
 * const cond = new Condition();
 * let ready = false;
 * (async () => {
 *   await cond.acquire();
 *   try { await cond.waitFor(() => ready); console.log('consumer sees ready'); }
 *   finally { cond.release(); }
 * })();
 * await cond.acquire();   // after the consumer started waiting
 * ready = true;
 * cond.notifyAll();
 * cond.release();
 * // Logs:
 * // consumer sees ready
 * ```
 * @param lock The lock to use (default a new `Lock`).
 * @param options `scheduler` delivering the outcome of `wait()`, `waitFor()`, `acquire()`.
 * @throws {TypeError} When `lock` is not a Lock, or `options` is malformed.
 */
export class Condition {
  /** @internal */ readonly _lock: Lock;
  /** @internal */ readonly _line = new WaiterLine<true>();
  /** @internal */ readonly _scheduler: SchedulerLike | undefined;

  constructor(lock?: Lock, options?: SyncOptions) {
    if (lock !== undefined && !((lock as unknown) instanceof Lock)) typeError('Condition', 'lock', 'a Lock or undefined', lock);
    this._scheduler = checkSyncOptions('Condition', options);
    this._lock = lock ?? new Lock({ scheduler: this._scheduler });
  }

  /** Acquires the lock: same as `lock.acquire()`. */
  acquire(): Task<true> {
    return this._lock.acquire();
  }

  /** Releases the lock: same as `lock.release()`. */
  release(): void {
    this._lock.release();
  }

  /** `true` while the lock is held. */
  locked(): boolean {
    return this._lock.locked();
  }

  /**
   * Releases the lock, waits for a notification, re-acquires the lock.
   * @returns A Task that completes with `true`, holding the lock.
   * @throws {InvalidStateError} When the lock is not held (`cannot wait on un-acquired lock`).
   */
  wait(): Task<true> {
    this._check('wait');
    return startWait(this, null);
  }

  /**
   * Waits until `predicate()` is truthy: checks it now and after each notification,
   * always while holding the lock.
   * @returns A Task that completes with the predicate's truthy value, holding the lock (at
   * once if it is truthy already). It fails with the predicate's error, if it throws.
   * @throws {TypeError} When `predicate` is not a function.
   * @throws {InvalidStateError} When the lock is not held.
   */
  waitFor<R>(predicate: () => R): Task<R> {
    checkFunction('Condition.waitFor', 'predicate', predicate);
    this._check('waitFor');
    return startWait(this, predicate);
  }

  /**
   * Wakes up to `n` waiters, oldest first. They run once they re-acquire the lock.
   * @param n How many (default 1), an integer ≥ 0.
   * @throws {InvalidStateError} When the lock is not held (`cannot notify on un-acquired lock`).
   */
  notify(n = 1): void {
    checkInteger('Condition.notify', 'n', n, 0);
    this._check('notify');
    this._notify(n);
  }

  /** Wakes every waiter. @throws {InvalidStateError} When the lock is not held. */
  notifyAll(): void {
    this._check('notify');
    this._notify(this._line.size);
  }

  /** `<Condition [unlocked, waiters:1]>`. */
  toString(): string {
    const state = this.locked() ? 'locked' : 'unlocked';
    return `<Condition [${state}${this._line.size ? `, waiters:${this._line.size}` : ''}]>`;
  }

  /** @internal */
  _check(what: 'wait' | 'waitFor' | 'notify'): void {
    if (!this._lock.locked()) throw new InvalidStateError(`cannot ${what === 'notify' ? 'notify' : 'wait'} on un-acquired lock`);
  }

  /** @internal */
  _notify(n: number): void {
    for (let i = 0; i < n && this._line.wakeFirst(true); i++);
  }
}

/**
 * One `wait()`/`waitFor()` call: "check" (predicate, lock held) → "notify" (lock released,
 * in the condition's line) → "relock" (in the lock's line) → "check" … A cancel request
 * leaves the condition's line and turns the next relock into the end.
 */
class WaitCycle<R> {
  phase: 'check' | 'notify' | 'relock' | 'over' = 'check';
  waiter: Waiter<true> | null = null;
  subscriber: Subscriber<R> | null = null;
  task: ConditionWaitTask<R> | null = null;
  cancelling = false;
  cancelMsg: string | undefined = undefined;

  constructor(
    readonly cond: Condition,
    readonly predicate: (() => R) | null,
  ) {}

  readonly wake = { next: () => this.relock(), error: noop, complete: noop };
  readonly locked = { next: () => this.check(), error: noop, complete: noop };

  check(): void {
    const subscriber = this.subscriber!;
    this.waiter = null;
    if (this.cancelling) return this.endCancelled();
    const first = this.phase === 'check';
    let value = true as R;
    if (this.predicate) {
      try {
        value = this.predicate();
      } catch (error) {
        this.phase = 'over';
        subscriber.error(error);
        return;
      }
    }
    if (this.predicate ? value : !first) {
      this.phase = 'over';
      subscriber.next(value);
      subscriber.complete();
      return;
    }
    this.phase = 'notify';
    this.cond._lock.release();
    this.waiter = this.cond._line.push(this.wake);
  }

  relock(): void {
    this.phase = 'relock';
    this.waiter = this.cond._lock._take(this.locked);
    if (this.waiter === null) this.check();
  }

  cancel(msg: string | undefined): void {
    this.cancelMsg = msg;
    if (this.cancelling) return;
    this.cancelling = true;
    if (this.phase === 'notify') {
      this.waiter!.unsubscribe();
      this.relock();
    }
  }

  endCancelled(): void {
    this.phase = 'over';
    // asyncio 3.13: a wait that ends in an error may have consumed a notification; pass one on.
    this.cond._notify(1);
    Task.prototype.cancel.call(this.task!, this.cancelMsg);
  }
}

/** A wait Task whose cancel re-acquires the lock before the Task ends. */
class ConditionWaitTask<R> extends EagerTask<R> {
  declare _cycle: WaitCycle<R>;

  override cancel(msg?: string): boolean {
    if (this._state !== 'PENDING') return false;
    const cycle = this._cycle;
    if (cycle.phase === 'over') return super.cancel(msg);
    cycle.cancel(msg);
    return true;
  }
}

function startWait<R>(cond: Condition, predicate: (() => R) | null): Task<R> {
  const cycle = new WaitCycle(cond, predicate);
  const source = new Observable<R>((subscriber) => {
    cycle.subscriber = subscriber;
    cycle.check();
    return () => cycle.waiter?.unsubscribe();
  });
  const task = new ConditionWaitTask<R>(source, {
    name: predicate ? 'Condition.waitFor' : 'Condition.wait',
    scheduler: cond._scheduler,
  });
  task._cycle = cycle;
  cycle.task = task;
  return task;
}

function noop(): void {}
