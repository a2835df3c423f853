import { CancelledError } from '../errors';

type ErrorConstructorWithLimit = ErrorConstructor & { stackTraceLimit?: number };

const ErrorClass = Error as ErrorConstructorWithLimit;

/** V8 (Node, Chrome) reads a writable `Error.stackTraceLimit` when an error is built. */
const canSkipStack =
  typeof ErrorClass.stackTraceLimit === 'number' &&
  Object.getOwnPropertyDescriptor(ErrorClass, 'stackTraceLimit')?.writable === true;

/**
 * Builds a `CancelledError(msg)`, without capturing a stack unless `withStack`.
 *
 * A cancellation is reported on a ready-queue turn, where the stack holds only the
 * queue's own frames; capturing it (V8 walks the stack when the error is built) is what
 * made cancelling and settling 10^5 Tasks cost over a second. `Error.stackTraceLimit` is
 * 0 for the construction only; engines without it build the error as usual.
 */
export function cancelledError(msg: string | undefined, withStack: boolean): CancelledError {
  if (withStack || !canSkipStack) return new CancelledError(msg);
  const limit = ErrorClass.stackTraceLimit;
  ErrorClass.stackTraceLimit = 0;
  try {
    return new CancelledError(msg);
  } finally {
    ErrorClass.stackTraceLimit = limit;
  }
}
