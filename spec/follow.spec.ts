import { of, throwError } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { CancelledError } from '../lib/errors';
import { ensureFuture, failed, follow, outcome, toArray, unfollow } from '../lib/follow';
import { Future } from '../lib/future';
import { createTask, Task } from '../lib/task';
import { observableMatcher } from './helpers/observable-matcher';

// The combinators' plumbing: "combinators watch, they don't own".
describe('follow: how the combinators watch Futures and Tasks', () => {
  const scheduler = () => new TestScheduler(observableMatcher);

  it('ensureFuture keeps a Future or Task as it is and turns anything else into a Task started soon', () => {
    const s = scheduler();
    const task = createTask(of(1), { scheduler: s });
    const future = new Future<number>({ scheduler: s });
    expect(ensureFuture(task, s)).toBe(task);
    expect(ensureFuture(future, s)).toBe(future);
    const made = ensureFuture(of(2), s);
    expect(made).toBeInstanceOf(Task);
    expect(made.done()).toBe(false); // started soon, not synchronously
    s.flush();
    expect(made.result()).toBe(2);
  });

  it('follow calls the listener soon after done, also when it already is done; never by subscribing', () => {
    const s = scheduler();
    const log: string[] = [];
    const f = new Future<number>({ scheduler: s });
    follow(f, () => log.push('pending one'));
    f.setResult(1);
    expect(log).toEqual([]); // soon, not at once
    follow(f, () => log.push('done one'));
    s.flush();
    expect(log).toEqual(['pending one', 'done one']);
  });

  it('unfollow removes a listener; the others still run', () => {
    const s = scheduler();
    const log: string[] = [];
    const f = new Future<number>({ scheduler: s });
    const a = () => log.push('a');
    const b = () => log.push('b');
    follow(f, a);
    follow(f, b);
    unfollow(f, a);
    f.setResult(1);
    s.flush();
    expect(log).toEqual(['b']);
  });

  it('outcome reads a result, retrieves a failure, and turns a cancel into a CancelledError', () => {
    const s = scheduler();
    const ok = createTask(of(5), { scheduler: s });
    const bad = createTask(
      throwError(() => new Error('boom')),
      { scheduler: s },
    );
    const gone = new Future<number>({ scheduler: s });
    gone.cancel('bye');
    s.flush();
    expect(outcome(ok as Task<unknown>)).toEqual({ ok: true, value: 5 });
    expect(failed(bad as Task<unknown>)).toBe(true);
    expect(failed(ok as Task<unknown>)).toBe(false);
    const o = outcome(bad);
    expect(o.ok).toBe(false);
    expect(bad._unretrieved).toBe(false); // counts as retrieved: never reported
    const c = outcome(gone);
    expect(!c.ok && c.error).toBeInstanceOf(CancelledError);
    expect(!c.ok && (c.error as Error).message).toBe('bye');
  });

  it('toArray takes any iterable of ObservableInputs and names the bad one', () => {
    expect(toArray('wait', new Set([of(1)]), 'tasks')).toHaveLength(1);
    expect(() => toArray('wait', 42 as never, 'tasks')).toThrow(
      new TypeError('wait(): `tasks` must be an iterable of ObservableInputs, got 42'),
    );
    expect(() => toArray('asCompleted', [of(1), 2] as never)).toThrow(/asCompleted\(\): `sources\[1\]`.*got 2/);
  });
});
