import { Subscriber, Subscription, UnsubscriptionError, type TeardownLogic } from 'rxjs';
import { LoneTeardownSubscriber } from '../../lib/internal/lone-teardown';

class Probe extends LoneTeardownSubscriber<number> {
  constructor(readonly label = 'probe') {
    super();
  }
  /** RxJS's own teardown array, to check when it is made. */
  get finalizers(): unknown {
    return (this as unknown as { _finalizers: unknown })._finalizers;
  }
}

/** Adds teardowns per the letters of `plan`, logging each when it runs. */
function addAll(target: Subscription, plan: string, log: string[]): void {
  for (let i = 0; i < plan.length; i++) {
    const kind = plan[i];
    const label = `${kind}${i}`;
    const teardown: TeardownLogic =
      kind === 'f'
        ? () => log.push(label)
        : kind === 'o'
          ? { unsubscribe: () => log.push(label) }
          : new Subscription(() => log.push(label));
    target.add(teardown);
    if (kind === 'x') target.remove(teardown);
  }
}

describe('LoneTeardownSubscriber', () => {
  it('keeps a lone teardown out of RxJS’s array and runs it once on unsubscribe', () => {
    const probe = new Probe();
    const log: string[] = [];
    addAll(probe, 'o', log);
    expect(probe.finalizers).toBeNull();
    probe.unsubscribe();
    probe.unsubscribe();
    expect(log).toEqual(['o0']);
  });

  it.each(['', 'f', 'o', 's', 'ff', 'fo', 'of', 'fs', 'sf', 'fso', 'fx', 'xf', 'ofxs'])(
    'runs teardowns %p in the order a plain RxJS Subscriber runs them',
    (plan) => {
      const expected: string[] = [];
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- the reference: a plain Subscriber
      const plain = new Subscriber<number>();
      addAll(plain, plan, expected);
      plain.unsubscribe();
      const log: string[] = [];
      const probe = new Probe();
      addAll(probe, plan, log);
      probe.unsubscribe();
      expect(log).toEqual(expected);
    },
  );

  it('lets go of a removed lone teardown, and runs one added once closed at once', () => {
    const probe = new Probe();
    const log: string[] = [];
    const first = () => log.push('removed');
    probe.add(first);
    probe.remove(first);
    probe.unsubscribe();
    probe.add(() => log.push('late'));
    expect(log).toEqual(['late']);
  });

  it('rethrows a throwing lone teardown as RxJS’s UnsubscriptionError, closed all the same', () => {
    const probe = new Probe();
    const error = new Error('bad teardown');
    probe.add(() => {
      throw error;
    });
    let thrown: unknown;
    try {
      probe.unsubscribe();
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(UnsubscriptionError);
    expect((thrown as UnsubscriptionError).errors).toEqual([error]);
    expect(probe.closed).toBe(true);
  });
});
