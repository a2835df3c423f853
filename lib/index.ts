/**
 * rxjs-asyncio: Python asyncio's concurrency vocabulary for RxJS.
 * @module rxjs-asyncio
 */

/* Errors */
export {
  BrokenBarrierError,
  CancelledError,
  ExceptionGroup,
  InvalidStateError,
  QueueEmpty,
  QueueFull,
  QueueShutDown,
  TimeoutError,
} from './errors';

/* Tasks, Futures, sleep */
export { sleep } from './sleep';
export { Future, type DoneCallback, type FutureOptions, type FutureState } from './future';
export {
  Task,
  createTask,
  setUnobservedErrorHandler,
  type TaskOptions,
  type TaskSource,
  type UnobservedErrorHandler,
} from './task';

/* Entry point for Node scripts */
export { run, type RunOptions } from './run';

/* Retry */
export {
  retryWithDelay,
  type ErrorMatcher,
  type RetryBackoff,
  type RetryDelayFunction,
  type RetryDelayTable,
  type RetryInfo,
  type RetryPolicy,
} from './retry-with-delay';
