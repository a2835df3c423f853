import { isObservable, type ObservableInput, type SchedulerLike } from 'rxjs';
import { rx } from './rx';

/** Renders a bad value for an error message: `NaN`, `'1s'`, `null`, `[object Object]`. */
export function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  const ctor = (value as { constructor?: { name?: string } }).constructor?.name;
  return ctor && ctor !== 'Object' ? `a ${ctor}` : 'an object';
}

function fail(Err: typeof TypeError, fn: string, arg: string, rule: string, value: unknown): never {
  throw new Err(`${fn}(): \`${arg}\` must be ${rule}, got ${show(value)}`);
}

/** Throws a TypeError naming the function, the argument and the value. */
export function typeError(fn: string, arg: string, rule: string, value: unknown): never {
  fail(TypeError, fn, arg, rule, value);
}

/** Throws a RangeError naming the function, the argument and the value. */
export function rangeError(fn: string, arg: string, rule: string, value: unknown): never {
  fail(RangeError, fn, arg, rule, value);
}

/**
 * A delay, timeout or deadline: any number (negative = now, ±Infinity allowed) or `null`
 * (never). `NaN`, strings and the rest are rejected.
 */
export function checkDelay(fn: string, arg: string, value: unknown, nullable = true): asserts value is number | null {
  if (value === null && nullable) return;
  if (typeof value !== 'number') typeError(fn, arg, nullable ? 'a number or null' : 'a number', value);
  if (Number.isNaN(value)) rangeError(fn, arg, nullable ? 'a number or null' : 'a number', value);
}

/** An integer in `[min, max]`. */
export function checkInteger(
  fn: string,
  arg: string,
  value: unknown,
  min: number,
  max = Infinity,
): asserts value is number {
  const rule = max === Infinity ? `an integer ≥ ${min}` : `an integer from ${min} to ${max}`;
  if (typeof value !== 'number') typeError(fn, arg, rule, value);
  if (!Number.isInteger(value) || value < min || value > max) rangeError(fn, arg, rule, value);
}

export function checkFunction(fn: string, arg: string, value: unknown): asserts value is (...args: never[]) => unknown {
  if (typeof value !== 'function') typeError(fn, arg, 'a function', value);
}

export function checkOptionalFunction(fn: string, arg: string, value: unknown): void {
  if (value !== undefined) checkFunction(fn, arg, value);
}

export function checkString(fn: string, arg: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') typeError(fn, arg, 'a string', value);
}

export function checkBoolean(fn: string, arg: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean') typeError(fn, arg, 'a boolean', value);
}

/** An options bag: `undefined` or a non-null object. */
export function checkOptions(fn: string, value: unknown): asserts value is object | undefined {
  if (value !== undefined && (value === null || typeof value !== 'object'))
    typeError(fn, 'options', 'an object', value);
}

/** A SchedulerLike (an object with `schedule` and `now`), or `undefined` for the default. `arg` names it (default `scheduler`). */
export function checkScheduler(
  fn: string,
  value: unknown,
  arg = 'scheduler',
): asserts value is SchedulerLike | undefined {
  if (value === undefined) return;
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- false positive: without it `s` is `unknown` and tsc rejects `s.schedule`
  const s = value as Partial<SchedulerLike> | null;
  if (s === null || typeof s !== 'object' || typeof s.schedule !== 'function' || typeof s.now !== 'function') {
    typeError(fn, arg, 'a SchedulerLike', value);
  }
}

/** One of a fixed set of string values. */
export function checkOneOf<T extends string>(
  fn: string,
  arg: string,
  value: unknown,
  allowed: readonly T[],
): asserts value is T {
  if (!allowed.includes(value as T)) {
    const rule = `one of ${allowed.map((a) => `'${a}'`).join(', ')}`;
    if (typeof value === 'string') rangeError(fn, arg, rule, value);
    typeError(fn, arg, rule, value);
  }
}

/** True for what RxJS's `from` accepts: Observables, interop observables, arrays and array-likes, Promises/thenables, (async) iterables, ReadableStreams. */
export function isObservableInput(value: unknown): value is ObservableInput<unknown> {
  if (value instanceof rx.Observable) return true; // the common case first
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return true;
  if (typeof value !== 'object' && typeof value !== 'function') return false;
  if (isObservable(value)) return true;
  const v = value as Record<PropertyKey, unknown>;
  const observable = typeof Symbol === 'function' && Symbol.observable ? Symbol.observable : '@@observable';
  return (
    typeof v[observable] === 'function' ||
    typeof v['@@observable'] === 'function' ||
    typeof v.then === 'function' ||
    typeof v[Symbol.iterator] === 'function' ||
    typeof v[Symbol.asyncIterator] === 'function' ||
    typeof v.getReader === 'function' ||
    (typeof v.length === 'number' && typeof value !== 'function')
  );
}

export function checkObservableInput(
  fn: string,
  arg: string,
  value: unknown,
): asserts value is ObservableInput<unknown> {
  if (!isObservableInput(value))
    typeError(fn, arg, 'an ObservableInput (Observable, Promise, array or iterable)', value);
}

/**
 * Checks every input of a fan-out; the error names the first bad one, `arg[i]` (or
 * `arg['key']` with `keys`). The name is built only for the error: 10^6 valid inputs
 * build no strings.
 */
export function checkObservableInputs(
  fn: string,
  arg: string,
  inputs: readonly unknown[],
  keys?: readonly string[] | null,
): asserts inputs is readonly ObservableInput<unknown>[] {
  for (let i = 0; i < inputs.length; i++) {
    if (!isObservableInput(inputs[i])) checkObservableInput(fn, `${arg}[${keys ? `'${keys[i]}'` : i}]`, inputs[i]);
  }
}
