import { noop, Observable, of, Subject, type Subscriber, type TeardownLogic } from 'rxjs';
import { setFlagsFromString } from 'node:v8';
import { createTask, holding, Semaphore, sleep, type Task } from '../../lib/index';
import { keptShapes } from '../../lib/internal/keep-shape';
import { realTimers } from '../../lib/internal/schedule';
import { WaiterLine } from '../../lib/internal/waiter-line';

// V8's own test for "same hidden class": the point of a kept instance is to share it.
setFlagsFromString('--allow-natives-syntax');
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- the one way to reach a V8 intrinsic
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

/** The kept instance of `real`'s class (same prototype), which must share its shape. */
function expectKeptShapeOf(real: object): void {
  const proto = Object.getPrototypeOf(real) as object;
  const kept = keptShapes().filter((instance) => Object.getPrototypeOf(instance) === proto);
  expect(kept).toHaveLength(1);
  expect(haveSameMap(kept[0], real)).toBe(true);
}

interface Internals {
  _sub: object | null;
  _subscribe(this: Observable<unknown>, subscriber: Subscriber<unknown>): TeardownLogic;
  inner: object | null;
}
const internals = (o: unknown) => o as Internals;

describe('keepShape', () => {
  it('keeps one instance of each per-task class, with the shape a real one has after its life', async () => {
    const running = createTask(new Subject<number>(), { name: 'running' });
    await createTask(of(0)); // `running` started first (FIFO): its source is subscribed
    const subscriber = internals(running)._sub!;
    const done: Task<number> = createTask(of(1));
    await done;
    running.cancel();
    await Promise.allSettled([running]);
    expectKeptShapeOf(done);
    expectKeptShapeOf(running);
    expectKeptShapeOf(subscriber); // the TaskSubscriber
    expectKeptShapeOf(new Semaphore(1).acquire()); // a ManualTask, done at once

    const entry = realTimers().schedule(1000, noop);
    entry.unsubscribe();
    expectKeptShapeOf(entry);

    const line = new WaiterLine<number>();
    line.push({ next: noop, error: noop, complete: noop }, 7);
    expectKeptShapeOf(line.shift()!);

    expectKeptShapeOf(sleep(5, 'x'));
    const held = sleep(0.5).pipe(holding(new Semaphore(1)));
    expectKeptShapeOf(held);
    let output!: Subscriber<unknown>;
    const outer = new Observable<unknown>((subscriber) => void (output = subscriber)).subscribe();
    const hold = internals(held)._subscribe.call(held, output) as object;
    expectKeptShapeOf(hold);
    expectKeptShapeOf(internals(hold).inner!); // the HoldSubscriber
    outer.unsubscribe();
  });

  it('keeps instances that hold nothing: no timer is armed and no task runs', () => {
    expect(keptShapes().length).toBeGreaterThanOrEqual(9);
    expect(realTimers().size).toBe(0);
    for (const instance of keptShapes()) {
      if ('done' in instance) expect((instance as Task<unknown>).cancelled()).toBe(false);
    }
  });
});
