import { asapScheduler, of } from 'rxjs';
import {
  checkBoolean,
  checkDelay,
  checkFunction,
  checkInteger,
  checkObservableInput,
  checkObservableInputs,
  checkOneOf,
  checkOptionalFunction,
  checkOptions,
  checkScheduler,
  checkString,
  isObservableInput,
  show,
} from '../../lib/internal/validate';

const throws = (call: () => void, Err: ErrorConstructor, message: string) => {
  expect(call).toThrow(Err);
  expect(call).toThrow(message);
};

describe('argument checks', () => {
  it('checkObservableInputs() names the first bad input by index or key, and passes good ones', () => {
    expect(() => checkObservableInputs('f', 'sources', [of(1), [2], Promise.resolve(3)])).not.toThrow();
    throws(() => checkObservableInputs('f', 'sources', [of(1), 2, 3]), TypeError, 'f(): `sources[1]` must be');
    throws(() => checkObservableInputs('f', 'sources', [of(1), null], ['a', 'b']), TypeError, "`sources['b']`");
  });

  it('show() renders values for messages', () => {
    expect(
      [
        NaN,
        '1s',
        null,
        undefined,
        3n,
        [1, 2],
        {},
        new Map(),
        function named() {
          return undefined;
        },
        () => 1,
      ].map(show),
    ).toEqual([
      'NaN',
      "'1s'",
      'null',
      'undefined',
      '3n',
      'an array of 2',
      'an object',
      'a Map',
      'function named',
      'function (anonymous)',
    ]);
  });

  it('checkDelay accepts numbers (±Infinity, fractions, negatives) and null', () => {
    for (const v of [0, -1, 1.5, Infinity, -Infinity, null]) expect(() => checkDelay('f', 'delay', v)).not.toThrow();
    throws(
      () => checkDelay('waitFor', 'timeout', NaN),
      RangeError,
      'waitFor(): `timeout` must be a number or null, got NaN',
    );
    throws(() => checkDelay('sleep', 'delay', '1'), TypeError, "sleep(): `delay` must be a number or null, got '1'");
    throws(() => checkDelay('f', 'd', null, false), TypeError, 'f(): `d` must be a number, got null');
  });

  it('checkInteger checks type, integrality and range', () => {
    expect(() => checkInteger('Semaphore', 'value', 0, 0)).not.toThrow();
    throws(
      () => checkInteger('Semaphore', 'value', -1, 0),
      RangeError,
      'Semaphore(): `value` must be an integer ≥ 0, got -1',
    );
    throws(() => checkInteger('f', 'n', 1.5, 1, 3), RangeError, 'f(): `n` must be an integer from 1 to 3, got 1.5');
    throws(() => checkInteger('f', 'n', '2', 1), TypeError, "f(): `n` must be an integer ≥ 1, got '2'");
  });

  it('checkFunction, checkOptionalFunction, checkString, checkBoolean', () => {
    throws(() => checkFunction('f', 'fn', 1), TypeError, 'f(): `fn` must be a function, got 1');
    expect(() => checkOptionalFunction('f', 'fn', undefined)).not.toThrow();
    throws(() => checkOptionalFunction('f', 'fn', null), TypeError, 'f(): `fn` must be a function, got null');
    throws(() => checkString('f', 'name', 1), TypeError, 'f(): `name` must be a string, got 1');
    expect(() => checkBoolean('f', 'b', undefined)).not.toThrow();
    throws(() => checkBoolean('f', 'b', 'yes'), TypeError, "f(): `b` must be a boolean, got 'yes'");
  });

  it('checkOptions, checkScheduler, checkOneOf', () => {
    expect(() => checkOptions('f', undefined)).not.toThrow();
    throws(() => checkOptions('f', null), TypeError, 'f(): `options` must be an object, got null');
    expect(() => checkScheduler('f', asapScheduler)).not.toThrow();
    throws(
      () => checkScheduler('f', { now: () => 0 }),
      TypeError,
      'f(): `scheduler` must be a SchedulerLike, got an object',
    );
    expect(() =>
      checkOneOf('wait', 'returnWhen', 'FIRST_COMPLETED', ['FIRST_COMPLETED', 'ALL_COMPLETED']),
    ).not.toThrow();
    throws(
      () => checkOneOf('wait', 'returnWhen', 'SOON', ['A', 'B']),
      RangeError,
      "wait(): `returnWhen` must be one of 'A', 'B', got 'SOON'",
    );
    throws(
      () => checkOneOf('wait', 'returnWhen', 1, ['A']),
      TypeError,
      "wait(): `returnWhen` must be one of 'A', got 1",
    );
  });

  it('isObservableInput / checkObservableInput accept what from() accepts', () => {
    const inputs: unknown[] = [
      of(1),
      Promise.resolve(1),
      [1],
      'abc',
      new Set([1]),
      { length: 0 },
      (async function* () {
        // yields nothing
      })(),
      { then: () => undefined },
    ];
    for (const v of inputs) expect(isObservableInput(v)).toBe(true);
    for (const v of [42, null, undefined, {}, () => 1, true]) expect(isObservableInput(v)).toBe(false);
    throws(
      () => checkObservableInput('gather', 'sources[0]', 42),
      TypeError,
      'gather(): `sources[0]` must be an ObservableInput',
    );
  });
});
