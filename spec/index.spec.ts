import * as api from '../lib/index';

// DESIGN.md's public contract: one entry point exporting everything.
describe('the entry point', () => {
  const runtime = [
    // Tasks, Futures, sleep, run
    'sleep',
    'createTask',
    'Task',
    'Future',
    'run',
    'setUnobservedErrorHandler',
    // Combinators
    'gather',
    'TaskGroup',
    'taskGroup',
    'shield',
    'timeout',
    'timeoutAt',
    'waitFor',
    'asCompleted',
    'wait',
    // Retry
    'retryWithDelay',
    // Synchronisation and queues
    'Lock',
    'Semaphore',
    'BoundedSemaphore',
    'holding',
    'Event',
    'Condition',
    'Barrier',
    'Queue',
    'PriorityQueue',
    'LifoQueue',
    // Errors
    'CancelledError',
    'InvalidStateError',
    'ExceptionGroup',
    'QueueEmpty',
    'QueueFull',
    'QueueShutDown',
    'BrokenBarrierError',
    'TimeoutError',
  ];

  it.each(runtime)('exports %s', (name) => {
    expect(typeof (api as Record<string, unknown>)[name]).toBe('function');
  });

  it('re-exports RxJS’s own TimeoutError, so one instanceof covers both timeouts', async () => {
    const rxjs = await import('rxjs');
    expect(api.TimeoutError).toBe(rxjs.TimeoutError);
  });

  it('makes every error an Error with its own name', () => {
    const errors = [
      new api.CancelledError('m'),
      new api.InvalidStateError('m'),
      new api.ExceptionGroup('m', []),
      new api.QueueEmpty(),
      new api.QueueFull(),
      new api.QueueShutDown(),
      new api.BrokenBarrierError(),
    ];
    for (const e of errors) {
      expect(e).toBeInstanceOf(Error);
      expect(e.name).toBe(e.constructor.name);
    }
    expect(new api.ExceptionGroup('m', [])).toBeInstanceOf(AggregateError);
  });
});
