/**
 * Regressions for core bugs found by the property suites (spec/properties/). They live
 * here rather than in spec/future.spec.ts and spec/run.spec.ts, which another branch owns.
 */
import { TestScheduler } from 'rxjs/testing';
import { Future, run } from '../../lib';
import { observableMatcher } from '../helpers/observable-matcher';

describe('core regressions', () => {
  it('Future.removeDoneCallback after the Future is done removes nothing, returns 0, and the callback still runs once (asyncio)', () => {
    const ts = new TestScheduler(observableMatcher);
    const fut = new Future<number>({ scheduler: ts });
    const calls: number[] = [];
    const cb = (f: Future<number>) => calls.push(f.result());
    fut.addDoneCallback(cb);
    fut.setResult(7);
    expect(fut.removeDoneCallback(cb)).toBe(0);
    ts.flush();
    expect(calls).toEqual([7]);
  });

  it('Future.removeDoneCallback while pending still removes every registration', () => {
    const ts = new TestScheduler(observableMatcher);
    const fut = new Future<number>({ scheduler: ts });
    const calls: number[] = [];
    const cb = () => calls.push(1);
    fut.addDoneCallback(cb);
    fut.addDoneCallback(cb);
    expect(fut.removeDoneCallback(cb)).toBe(2);
    fut.setResult(7);
    ts.flush();
    expect(calls).toEqual([]);
  });

  it('run() with a main that is not an ObservableInput names run() and `main`', () => {
    expect(() => run(42 as never, { handleSignals: false })).toThrow(
      new TypeError('run(): `main` must be an ObservableInput (Observable, Promise, array or iterable), got 42'),
    );
  });
});
