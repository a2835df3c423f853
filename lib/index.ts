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

/* Combinators */
export { gather, type GatherOptions } from './gather';
export { TaskGroup, taskGroup, type TaskGroupOptions, type TaskGroupTaskOptions } from './task-group';
export { shield } from './shield';
export { timeout, timeoutAt, type DeadlineOperator } from './timeout';
export { waitFor } from './wait-for';
export { asCompleted, type AsCompletedOptions } from './as-completed';
export { wait, type ReturnWhen, type WaitOptions, type WaitResult } from './wait';

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

/* Synchronisation and queues */
export { Lock } from './lock';
export { Semaphore, BoundedSemaphore } from './semaphore';
export { holding } from './holding';
export { Event } from './event';
export { Condition } from './condition';
export { Barrier } from './barrier';
export { Queue, LifoQueue, PriorityQueue, pythonCompare } from './queue';
export type { SyncOptions } from './internal/waiter-line';
