/**
 * TestScheduler's deep-equality for marble specs. Jest's `toEqual` calls two Errors equal
 * when their messages match, whatever their class; this matcher compares errors by class
 * and message (and an AggregateError's `.errors`), so a TimeoutError never passes for a
 * CancelledError.
 */
const plain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && (v.constructor === Object || Object.getPrototypeOf(v) === null);

export const shape = (v: unknown): unknown =>
  v instanceof Error
    ? {
        class: v.constructor,
        message: v.message,
        errors: v instanceof AggregateError ? (v.errors as unknown[]).map(shape) : undefined,
      }
    : Array.isArray(v)
      ? v.map(shape)
      : v instanceof Set
        ? { set: [...v].map(shape) }
        : plain(v)
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)]))
          : v;

export const observableMatcher = (actual: unknown, expected: unknown): void => {
  expect(shape(actual)).toEqual(shape(expected));
};
