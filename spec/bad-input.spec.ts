/**
 * The bad-input table: for every export and argument in DESIGN.md's Signatures, the values
 * its "Valid values, and bad input" rules out. Each row asserts that the call throws at
 * once the right class, with a message naming the function, the argument and the value,
 * and that no state changed (nothing scheduled, no Task created, the object's observable
 * state the same). Rows whose export has not landed yet are left out, so the table grows
 * as modules are merged. The last block checks the edge values DESIGN.md allows.
 */
import { EMPTY, map, NEVER, of, type Observable, type SchedulerLike } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import * as lib from '../lib';
import { flushTo, LeakScheduler } from './helpers/leak-accounting';
import { observableMatcher } from './helpers/observable-matcher';

type Fn = (...args: unknown[]) => unknown;
type Obj = Record<string, unknown>;
type ErrorClass = abstract new (...args: never[]) => Error;

const api = lib as unknown as Obj;
const has = (...names: string[]) => names.every((n) => api[n] !== undefined);
const call = (name: string, ...args: unknown[]) => (api[name] as Fn)(...args);
const make = (name: string, ...args: unknown[]) => new (api[name] as new (...a: unknown[]) => Obj)(...args);
const method = (target: unknown, name: string, ...args: unknown[]) => ((target as Obj)[name] as Fn).apply(target, args);

/** What a row's functions get: a fresh clock and a scheduler that counts what is scheduled on it. */
interface Ctx {
  ts: TestScheduler;
  leak: LeakScheduler;
}

interface Row {
  /** Exports the row needs; it is left out while one is missing. */
  needs: string[];
  /** What the message must name: the function (or method) and the argument. */
  fn: string;
  arg?: string;
  /** How the value must appear in the message (omitted for calls on finished objects). */
  shown?: string;
  error: ErrorClass;
  /** Test title's ending when no value is shown. */
  label?: string;
  /** Builds the object under test (its own state may be scheduled here). */
  setup?: (ctx: Ctx) => unknown;
  call: (target: unknown, ctx: Ctx) => unknown;
  /** The object's observable state, compared before and after the call. */
  state?: (target: unknown) => unknown;
}

/** A bad value, how the message shows it, and the class it must throw. */
type Bad = readonly [value: unknown, shown: string, error: ErrorClass];

const T = TypeError;
const R = RangeError;

/** Ruled out for a delay, timeout or deadline (`number | null`). */
const badDelays: Bad[] = [
  [NaN, 'NaN', R],
  ['10', "'10'", T],
  [undefined, 'undefined', T],
  [{}, 'object', T],
  [true, 'true', T],
  [10n, '10n', T],
];
/** Ruled out for an optional delay in an options bag (undefined means "not given"). */
const badOptionalDelays = badDelays.filter(([v]) => v !== undefined);

/** Ruled out for a count that must be an integer ≥ `min`. */
const badCounts = (min: number): Bad[] => [
  [min - 1, String(min - 1), R],
  [min + 0.5, String(min + 0.5), R],
  [NaN, 'NaN', R],
  [Infinity, 'Infinity', R],
  [String(min + 1), `'${min + 1}'`, T],
  [null, 'null', T],
];

/** Not an ObservableInput. */
const badSources: Bad[] = [
  [42, '42', T],
  [null, 'null', T],
  [undefined, 'undefined', T],
  [true, 'true', T],
  [{}, 'object', T],
];

const badFunctions: Bad[] = [
  [42, '42', T],
  ['f', "'f'", T],
  [{}, 'object', T],
];
const badOptionalFunctions = badFunctions; // undefined is allowed there
const badRequiredFunctions: Bad[] = [...badFunctions, [undefined, 'undefined', T], [null, 'null', T]];

const badSchedulers: Bad[] = [
  [{}, 'object', T],
  [42, '42', T],
  [{ now: () => 0 }, 'object', T],
];
const badOptions: Bad[] = [
  [42, '42', T],
  ['x', "'x'", T],
];

const rows: Row[] = [];
/** One row per bad value, for one argument. */
function each(
  bads: Bad[],
  row: Omit<Row, 'call' | 'shown' | 'error'> & { call: (v: unknown, target: unknown, ctx: Ctx) => unknown },
): void {
  for (const [value, shown, error] of bads) {
    rows.push({ ...row, shown, error, call: (target, ctx) => row.call(value, target, ctx) });
  }
}

const futureState = (f: unknown) => {
  const fut = f as lib.Future<unknown>;
  return { done: fut.done(), cancelled: fut.cancelled(), repr: String(fut) };
};

/* sleep */
each(badDelays, { needs: ['sleep'], fn: 'sleep', arg: 'delay', call: (v, _, { leak }) => call('sleep', v, 'x', leak) });
each(badSchedulers, { needs: ['sleep'], fn: 'sleep', arg: 'scheduler', call: (v) => call('sleep', 10, 'x', v) });

/* createTask, Task */
each(badSources, {
  needs: ['createTask'],
  fn: 'createTask',
  arg: 'source',
  call: (v, _, { leak }) => call('createTask', v, { scheduler: leak }),
});
each(badOptions, {
  needs: ['createTask'],
  fn: 'createTask',
  arg: 'options',
  call: (v) => call('createTask', EMPTY, v),
});
each(
  [
    [5, '5', T],
    [null, 'null', T],
  ],
  {
    needs: ['createTask'],
    fn: 'createTask',
    arg: 'name',
    call: (v, _, { leak }) => call('createTask', EMPTY, { name: v, scheduler: leak }),
  },
);
each(badSchedulers, {
  needs: ['createTask'],
  fn: 'createTask',
  arg: 'scheduler',
  call: (v) => call('createTask', EMPTY, { scheduler: v }),
});
each(badSources, {
  needs: ['Task'],
  fn: 'createTask',
  arg: 'source',
  call: (v, _, { leak }) => make('Task', v, { scheduler: leak }),
});
const pendingTask = ({ leak }: Ctx) => lib.createTask(NEVER, { scheduler: leak });
each(
  [
    [5, '5', T],
    [{}, 'object', T],
  ],
  {
    needs: ['createTask'],
    fn: 'cancel',
    arg: 'msg',
    setup: pendingTask,
    state: futureState,
    call: (v, task) => method(task, 'cancel', v),
  },
);
for (const m of ['addDoneCallback', 'removeDoneCallback']) {
  each(badRequiredFunctions, {
    needs: ['createTask'],
    fn: m,
    arg: 'fn',
    setup: pendingTask,
    state: futureState,
    call: (v, task) => method(task, m, v),
  });
  each(badRequiredFunctions, {
    needs: ['Future'],
    fn: m,
    arg: 'fn',
    setup: ({ leak }) => new lib.Future({ scheduler: leak }),
    state: futureState,
    call: (v, fut) => method(fut, m, v),
  });
}

/* Future */
each(
  [
    [5, '5', T],
    [{}, 'object', T],
  ],
  {
    needs: ['Future'],
    fn: 'cancel',
    arg: 'msg',
    setup: ({ leak }) => new lib.Future({ scheduler: leak }),
    state: futureState,
    call: (v, f) => method(f, 'cancel', v),
  },
);

each(badOptions, { needs: ['Future'], fn: 'Future', arg: 'options', call: (v) => make('Future', v) });
each(badSchedulers, {
  needs: ['Future'],
  fn: 'Future',
  arg: 'scheduler',
  call: (v) => make('Future', { scheduler: v }),
});
const finishedFuture = ({ leak }: Ctx) => {
  const f = new lib.Future<number>({ scheduler: leak });
  f.setResult(1);
  return f;
};
const cancelledFuture = ({ leak }: Ctx) => {
  const f = new lib.Future<number>({ scheduler: leak });
  f.cancel();
  return f;
};
for (const [name, setup] of [
  ['finished', finishedFuture],
  ['cancelled', cancelledFuture],
] as const) {
  const label = `on a ${name} Future`;
  rows.push({
    needs: ['Future'],
    fn: 'setResult',
    label,
    error: lib.InvalidStateError,
    setup,
    state: futureState,
    call: (f) => method(f, 'setResult', 2),
  });
  rows.push({
    needs: ['Future'],
    fn: 'setException',
    label,
    error: lib.InvalidStateError,
    setup,
    state: futureState,
    call: (f) => method(f, 'setException', new Error('x')),
  });
}
rows.push({
  needs: ['Future'],
  fn: 'setException',
  arg: 'exception',
  label: 'a CancelledError',
  error: TypeError,
  setup: ({ leak }) => new lib.Future({ scheduler: leak }),
  state: futureState,
  call: (f) => method(f, 'setException', new lib.CancelledError()),
});
for (const m of ['result', 'exception']) {
  rows.push({
    needs: ['Future'],
    fn: '',
    label: `${m}() on a pending Future`,
    error: lib.InvalidStateError,
    setup: ({ leak }) => new lib.Future({ scheduler: leak }),
    state: futureState,
    call: (f) => method(f, m),
  });
}

/* run, setUnobservedErrorHandler */
each(badSources, { needs: ['run'], fn: 'run', arg: 'main', call: (v) => call('run', v, { handleSignals: false }) });
each(badOptions, { needs: ['run'], fn: 'run', arg: 'options', call: (v) => call('run', EMPTY, v) });
each(
  [
    ['yes', "'yes'", T],
    [1, '1', T],
  ],
  { needs: ['run'], fn: 'run', arg: 'handleSignals', call: (v) => call('run', EMPTY, { handleSignals: v }) },
);
each(
  [
    [42, '42', T],
    [undefined, 'undefined', T],
    ['f', "'f'", T],
  ],
  {
    needs: ['setUnobservedErrorHandler'],
    fn: 'setUnobservedErrorHandler',
    arg: 'handler',
    state: () => {
      const current = lib.setUnobservedErrorHandler(null);
      lib.setUnobservedErrorHandler(current);
      return current;
    },
    call: (v) => call('setUnobservedErrorHandler', v),
  },
);

/* gather */
each([...badSources.filter(([v]) => typeof v !== 'object' || v === null)], {
  needs: ['gather'],
  fn: 'gather',
  arg: 'sources',
  call: (v, _, { leak }) => call('gather', v, { scheduler: leak }),
});
each(badSources, {
  needs: ['gather'],
  fn: 'gather',
  arg: 'sources',
  call: (v, _, { leak }) => call('gather', [of(1), v], { scheduler: leak }),
});
each(badSources, {
  needs: ['gather'],
  fn: 'gather',
  arg: 'sources',
  call: (v, _, { leak }) => call('gather', { a: of(1), b: v }, { scheduler: leak }),
});
each(badOptions, { needs: ['gather'], fn: 'gather', arg: 'options', call: (v) => call('gather', [of(1)], v) });
each(
  [
    ['yes', "'yes'", T],
    [1, '1', T],
  ],
  {
    needs: ['gather'],
    fn: 'gather',
    arg: 'returnExceptions',
    call: (v) => call('gather', [of(1)], { returnExceptions: v }),
  },
);
each(badSchedulers, {
  needs: ['gather'],
  fn: 'gather',
  arg: 'scheduler',
  call: (v) => call('gather', [of(1)], { scheduler: v }),
});

/* taskGroup, TaskGroup */
each(badRequiredFunctions, { needs: ['taskGroup'], fn: 'taskGroup', arg: 'body', call: (v) => call('taskGroup', v) });
each(badOptions, {
  needs: ['taskGroup'],
  fn: 'taskGroup',
  arg: 'options',
  call: (v) => call('taskGroup', () => undefined, v),
});
each(badSchedulers, {
  needs: ['taskGroup'],
  fn: 'taskGroup',
  arg: 'scheduler',
  call: (v) => call('taskGroup', () => undefined, { scheduler: v }),
});
each(badOptions, { needs: ['TaskGroup'], fn: 'TaskGroup', arg: 'options', call: (v) => make('TaskGroup', v) });
each(badSchedulers, {
  needs: ['TaskGroup'],
  fn: 'TaskGroup',
  arg: 'scheduler',
  call: (v) => make('TaskGroup', { scheduler: v }),
});
each(badSources, {
  needs: ['TaskGroup'],
  fn: 'createTask',
  arg: 'source',
  setup: ({ leak }) => make('TaskGroup', { scheduler: leak }),
  call: (v, tg) => method(tg, 'createTask', v),
});
each(
  [
    [5, '5', T],
    [null, 'null', T],
  ],
  {
    needs: ['TaskGroup'],
    fn: 'createTask',
    arg: 'name',
    setup: ({ leak }) => make('TaskGroup', { scheduler: leak }),
    call: (v, tg) => method(tg, 'createTask', EMPTY, { name: v }),
  },
);

rows.push({
  needs: ['taskGroup'],
  fn: 'createTask',
  label: 'on a finished TaskGroup',
  error: lib.InvalidStateError,
  setup: ({ ts, leak }) => {
    let group: unknown;
    (call('taskGroup', (tg: unknown) => void (group = tg), { scheduler: leak }) as Observable<unknown>).subscribe();
    flushTo(ts, 10);
    return group;
  },
  call: (tg) => method(tg, 'createTask', of(1)),
});

each(badOptions, {
  needs: ['TaskGroup'],
  fn: 'createTask',
  arg: 'options',
  setup: ({ leak }) => make('TaskGroup', { scheduler: leak }),
  call: (v, tg) => method(tg, 'createTask', EMPTY, v),
});

/* timeout, timeoutAt */
for (const name of ['timeout', 'timeoutAt']) {
  const arg = name === 'timeout' ? 'delay' : 'when';
  each(badDelays, { needs: [name], fn: name, arg, call: (v, _, { leak }) => call(name, v, leak) });
  each(badSchedulers, { needs: [name], fn: name, arg: 'scheduler', call: (v) => call(name, 10, v) });
  each(badDelays, {
    needs: [name],
    fn: 'reschedule',
    arg: 'when',
    setup: ({ leak }) => call(name, 10, leak),
    state: (d) => [method(d, 'when'), method(d, 'expired')],
    call: (v, d) => method(d, 'reschedule', v),
  });
}

/* waitFor */
each(badSources, {
  needs: ['waitFor'],
  fn: 'waitFor',
  arg: 'source',
  call: (v, _, { leak }) => call('waitFor', v, 10, leak),
});
each(badDelays, {
  needs: ['waitFor'],
  fn: 'waitFor',
  arg: 'timeout',
  call: (v, _, { leak }) => call('waitFor', of(1), v, leak),
});
each(badSchedulers, {
  needs: ['waitFor'],
  fn: 'waitFor',
  arg: 'scheduler',
  call: (v) => call('waitFor', of(1), 10, v),
});

/* asCompleted, wait */
for (const name of ['asCompleted', 'wait']) {
  each(
    badSources.filter(([v]) => v !== undefined),
    {
      needs: [name],
      fn: name,
      arg: name === 'wait' ? 'tasks' : 'sources',
      call: (v, _, { leak }) => call(name, v, { scheduler: leak }),
    },
  );
  each(badSources, {
    needs: [name],
    fn: name,
    arg: name === 'wait' ? 'tasks' : 'sources',
    call: (v, _, { leak }) => call(name, [of(1), v], { scheduler: leak }),
  });
  each(badOptions, { needs: [name], fn: name, arg: 'options', call: (v) => call(name, [of(1)], v) });
  each(badOptionalDelays, {
    needs: [name],
    fn: name,
    arg: 'timeout',
    call: (v, _, { leak }) => call(name, [of(1)], { timeout: v, scheduler: leak }),
  });
  each(badSchedulers, {
    needs: [name],
    fn: name,
    arg: 'scheduler',
    call: (v) => call(name, [of(1)], { scheduler: v }),
  });
}
rows.push({
  needs: ['wait'],
  fn: 'wait',
  arg: 'tasks',
  label: '[] (asyncio: ValueError)',
  error: R,
  call: (_, { leak }) => call('wait', [], { scheduler: leak }),
});
each(
  [
    ['SOME', "'SOME'", R],
    ['first_completed', "'first_completed'", R],
    [1, '1', T],
    [null, 'null', T],
  ],
  {
    needs: ['wait'],
    fn: 'wait',
    arg: 'returnWhen',
    call: (v, _, { leak }) => call('wait', [of(1)], { returnWhen: v, scheduler: leak }),
  },
);

/* retryWithDelay */
const policy = (extra: Obj): Obj => ({ attempts: 3, delay: [[Error, 10]], ...extra });
each(
  [
    [undefined, 'undefined', T],
    [null, 'null', T],
    [3, '3', T],
  ],
  { needs: ['retryWithDelay'], fn: 'retryWithDelay', arg: 'policy', call: (v) => call('retryWithDelay', v) },
);
each(badCounts(1), {
  needs: ['retryWithDelay'],
  fn: 'retryWithDelay',
  arg: 'attempts',
  call: (v) => call('retryWithDelay', policy({ attempts: v })),
});
each(
  [
    [5, '5', T],
    ['x', "'x'", T],
    [null, 'null', T],
    [undefined, 'undefined', T],
  ],
  {
    needs: ['retryWithDelay'],
    fn: 'retryWithDelay',
    arg: 'delay',
    call: (v) => call('retryWithDelay', policy({ delay: v })),
  },
);
each(
  [
    [5, '5', T],
    ['Error', "'Error'", T],
  ],
  {
    needs: ['retryWithDelay'],
    fn: 'retryWithDelay',
    arg: 'delay',
    call: (v) => call('retryWithDelay', policy({ delay: [[v, 10]] })),
  },
);
each(
  [
    [NaN, 'NaN', R],
    ['10', "'10'", T],
  ],
  {
    needs: ['retryWithDelay'],
    fn: 'retryWithDelay',
    arg: 'delay',
    call: (v) => call('retryWithDelay', policy({ delay: [[Error, v]] })),
  },
);
each(
  [
    [NaN, 'NaN', R],
    ['2', "'2'", T],
  ],
  {
    needs: ['retryWithDelay'],
    fn: 'retryWithDelay',
    arg: 'factor',
    call: (v) => call('retryWithDelay', policy({ backoff: { factor: v } })),
  },
);
each(
  [
    [NaN, 'NaN', R],
    ['2', "'2'", T],
  ],
  {
    needs: ['retryWithDelay'],
    fn: 'retryWithDelay',
    arg: 'max',
    call: (v) => call('retryWithDelay', policy({ backoff: { factor: 2, max: v } })),
  },
);
each(
  [
    [1.5, '1.5', R],
    [-0.1, '-0.1', R],
    [NaN, 'NaN', R],
    ['0.5', "'0.5'", T],
  ],
  {
    needs: ['retryWithDelay'],
    fn: 'retryWithDelay',
    arg: 'jitter',
    call: (v) => call('retryWithDelay', policy({ jitter: v })),
  },
);
for (const f of ['random', 'retryAfter', 'onRetry', 'fallback']) {
  each(badOptionalFunctions, {
    needs: ['retryWithDelay'],
    fn: 'retryWithDelay',
    arg: f,
    call: (v) => call('retryWithDelay', policy({ [f]: v })),
  });
}
each(badSchedulers, {
  needs: ['retryWithDelay'],
  fn: 'retryWithDelay',
  arg: 'scheduler',
  call: (v) => call('retryWithDelay', policy({ scheduler: v })),
});

/* Semaphore, BoundedSemaphore, holding */
for (const name of ['Semaphore', 'BoundedSemaphore']) {
  each(
    badCounts(0).filter(([v]) => v !== null),
    { needs: [name], fn: name, arg: 'value', call: (v) => make(name, v) },
  );
}
each(
  [
    [42, '42', T],
    [{}, 'object', T],
    [undefined, 'undefined', T],
  ],
  { needs: ['holding'], fn: 'holding', arg: 'lock', call: (v) => call('holding', v) },
);

/* Calls in the wrong state (asyncio's RuntimeError/ValueError: InvalidStateError here; asyncio's messages are kept) */
rows.push({
  needs: ['Lock'],
  fn: '',
  label: 'release() of a free Lock',
  error: lib.InvalidStateError,
  setup: () => make('Lock'),
  state: (l) => method(l, 'locked'),
  call: (l) => method(l, 'release'),
});
rows.push({
  needs: ['BoundedSemaphore'],
  fn: '',
  label: 'release() above the initial value',
  error: lib.InvalidStateError,
  setup: () => make('BoundedSemaphore', 2),
  state: (sem) => [method(sem, 'locked'), String(sem)],
  call: (sem) => method(sem, 'release'),
});
rows.push({
  needs: ['Queue'],
  fn: 'taskDone',
  label: 'taskDone() more often than items were put',
  error: lib.InvalidStateError,
  setup: () => make('Queue'),
  state: (q) => method(q, 'qsize'),
  call: (q) => method(q, 'taskDone'),
});
for (const m of ['notify', 'notifyAll', 'wait']) {
  rows.push({
    needs: ['Condition'],
    fn: '',
    label: `${m}() without the lock`,
    error: lib.InvalidStateError,
    setup: () => make('Condition'),
    state: (c) => method(c, 'locked'),
    call: (c) => method(c, m),
  });
}

/* Options bags of the synchronisation primitives (the argument after the counts) */
const syncCtors: [string, unknown[]][] = [
  ['Lock', []],
  ['Semaphore', [1]],
  ['BoundedSemaphore', [1]],
  ['Event', []],
  ['Condition', [undefined]],
  ['Barrier', [2]],
  ['Queue', [0]],
  ['LifoQueue', [0]],
  ['PriorityQueue', [0, undefined]],
];
for (const [name, args] of syncCtors) {
  each(badOptions, { needs: [name], fn: name, arg: 'options', call: (v) => make(name, ...args, v) });
  each(badSchedulers, {
    needs: [name],
    fn: name,
    arg: 'scheduler',
    call: (v) => make(name, ...args, { scheduler: v }),
  });
}

/* Condition, Barrier */
each(
  [
    [42, '42', T],
    [{}, 'object', T],
  ],
  { needs: ['Condition'], fn: 'Condition', arg: 'lock', call: (v) => make('Condition', v) },
);
each(badRequiredFunctions, {
  needs: ['Condition'],
  fn: 'waitFor',
  arg: 'predicate',
  setup: () => make('Condition'),
  state: (c) => method(c, 'locked'),
  call: (v, c) => method(c, 'waitFor', v),
});
each(
  [
    [1.5, '1.5', R],
    [NaN, 'NaN', R],
    ['1', "'1'", T],
  ],
  {
    needs: ['Condition'],
    fn: 'notify',
    arg: 'n',
    setup: () => make('Condition'),
    state: (c) => method(c, 'locked'),
    call: (v, c) => method(c, 'notify', v),
  },
);
each([...badCounts(1), [undefined, 'undefined', T]], {
  needs: ['Barrier'],
  fn: 'Barrier',
  arg: 'parties',
  call: (v) => make('Barrier', v),
});

/* Queue, PriorityQueue, LifoQueue */
for (const name of ['Queue', 'PriorityQueue', 'LifoQueue']) {
  each(
    badCounts(0).filter(([v]) => v !== null),
    { needs: [name], fn: name, arg: 'maxsize', call: (v) => make(name, v) },
  );
  const queueState = (q: unknown) => [method(q, 'qsize'), method(q, 'empty'), method(q, 'full')];
  rows.push({
    needs: [name, 'QueueFull'],
    fn: '', // asyncio raises QueueFull/QueueEmpty bare; any message is a bonus
    label: 'putNowait on a full queue',
    error: lib.QueueFull,
    setup: () => {
      const q = make(name, 1);
      method(q, 'putNowait', 1);
      return q;
    },
    state: queueState,
    call: (q) => method(q, 'putNowait', 2),
  });
  rows.push({
    needs: [name, 'QueueEmpty'],
    fn: '',
    label: 'getNowait on an empty queue',
    error: lib.QueueEmpty,
    setup: () => make(name),
    state: queueState,
    call: (q) => method(q, 'getNowait'),
  });
  each(
    [
      ['yes', "'yes'", T],
      [1, '1', T],
    ],
    {
      needs: [name],
      fn: 'shutdown',
      arg: 'immediate',
      setup: () => make(name),
      state: queueState,
      call: (v, q) => method(q, 'shutdown', v),
    },
  );
}
each(
  [
    [42, '42', T],
    ['<', "'<'", T],
  ],
  { needs: ['PriorityQueue'], fn: 'PriorityQueue', arg: 'compare', call: (v) => make('PriorityQueue', 0, v) },
);

/** The number in the name the next Task gets (a probe on a throwaway scheduler). */
function nextTaskNumber(): number {
  const probe = lib.createTask(EMPTY, { scheduler: new TestScheduler(observableMatcher) });
  probe.cancel();
  return Number(/^Task-(\d+)$/.exec(probe.name)![1]);
}

const live = rows.filter((row) => has(...row.needs));
const title = (row: Row) => `${row.fn || 'call'}${row.arg ? ` \`${row.arg}\`` : ''} ${row.shown ?? row.label ?? ''}`;

describe('bad input', () => {
  it.each(live.map((row) => [`${row.needs[0]}: ${title(row)} throws ${row.error.name}`, row] as const))(
    '%s',
    (_, row) => {
      const ts = new TestScheduler(observableMatcher);
      const ctx: Ctx = { ts, leak: new LeakScheduler(ts) };
      const target = row.setup?.(ctx);
      const before = row.state?.(target);
      const scheduledBefore = ctx.leak.total;
      const tasksBefore = nextTaskNumber();

      let thrown: unknown = undefined;
      let returned = false;
      try {
        row.call(target, ctx);
        returned = true;
      } catch (error) {
        thrown = error;
      }

      expect(returned).toBe(false);
      expect(thrown).toBeInstanceOf(row.error);
      const message = (thrown as Error).message;
      expect(message).toContain(row.fn);
      if (row.arg) expect(message).toContain(row.arg);
      if (row.shown) expect(message).toContain(row.shown);
      // No state changed: nothing scheduled, no Task created, the object as it was.
      expect(ctx.leak.total).toBe(scheduledBefore);
      expect(nextTaskNumber()).toBe(tasksBefore + 1);
      if (row.state) expect(row.state(target)).toEqual(before);
    },
  );
});

/** Subscribes in virtual time and returns [frame, event] pairs up to `horizon`. */
function timeline(
  build: (scheduler: SchedulerLike) => Observable<unknown>,
  horizon: number,
): { events: [number, string][]; leak: LeakScheduler } {
  const ts = new TestScheduler(observableMatcher);
  const leak = new LeakScheduler(ts);
  const events: [number, string][] = [];
  build(leak).subscribe({
    next: (v: unknown) => events.push([ts.now(), `next ${String(v)}`]),
    error: (e: Error) => events.push([ts.now(), `error ${e.name}`]),
    complete: () => events.push([ts.now(), 'complete']),
  });
  events.push([-1, 'subscribed']); // everything before this line happened synchronously
  flushTo(ts, horizon);
  return { events, leak };
}

describe('allowed edge values', () => {
  const now = [-5, -Infinity, 0, -0];
  const never = [Infinity, null];
  const huge = 2 ** 31 + 5;

  describe('sleep', () => {
    it.each(now)('sleep(%p) emits on the next ready-queue turn, not synchronously', (d) => {
      const { events, leak } = timeline((s) => lib.sleep(d, 'x', s), 10);
      expect(events).toEqual([
        [-1, 'subscribed'],
        [0, 'next x'],
        [0, 'complete'],
      ]);
      expect(leak.live).toBe(0);
    });
    it.each(never)('sleep(%p) never emits and schedules nothing', (d) => {
      const { events, leak } = timeline((s) => lib.sleep(d!, 'x', s), 2 ** 40);
      expect(events).toEqual([[-1, 'subscribed']]);
      expect(leak.total).toBe(0);
    });
    it('sleep(2^31 + 5) fires at 2^31 + 5, not after 1 ms', () => {
      const { events, leak } = timeline((s) => lib.sleep(huge, 'x', s), 2 ** 33);
      expect(events.slice(1)).toEqual([
        [huge, 'next x'],
        [huge, 'complete'],
      ]);
      expect(leak.live).toBe(0);
    });
    it('sleep(1.5) takes fractions', () => {
      const { events } = timeline((s) => lib.sleep(1.5, 'x', s), 10);
      expect(events[1]).toEqual([1.5, 'next x']);
    });
  });

  /** Blocks for exports not merged yet are not defined at all (no skipped-test noise). */
  const whenHas = (name: string) => (has(name) ? describe : () => undefined);
  const itHas = (name: string) => (has(name) ? it : () => undefined);

  whenHas('timeout')('timeout / timeoutAt', () => {
    const deadline = (d: number | null, s: SchedulerLike) =>
      (call('timeout', d, s) as (o: Observable<never>) => Observable<unknown>)(NEVER);
    it.each(now)('timeout(%p) fires on the next turn', (d) => {
      const { events, leak } = timeline((s) => deadline(d, s), 10);
      expect(events).toEqual([
        [-1, 'subscribed'],
        [0, 'error TimeoutError'],
      ]);
      expect(leak.live).toBe(0);
    });
    it.each(never)('timeout(%p) never fires and schedules nothing', (d) => {
      const { events, leak } = timeline((s) => deadline(d, s), 2 ** 40);
      expect(events).toEqual([[-1, 'subscribed']]);
      expect(leak.live).toBe(0);
    });
    it('timeout(2^31 + 5) fires at 2^31 + 5', () => {
      const { events } = timeline((s) => deadline(huge, s), 2 ** 33);
      expect(events.slice(1)).toEqual([[huge, 'error TimeoutError']]);
    });
    it('timeoutAt(a past time) fires on the next turn', () => {
      const { events } = timeline(
        (s) => (call('timeoutAt', -100, s) as (o: Observable<never>) => Observable<unknown>)(NEVER),
        10,
      );
      expect(events.slice(1)).toEqual([[0, 'error TimeoutError']]);
    });
  });

  whenHas('waitFor')('waitFor', () => {
    it.each(now)('waitFor(never, %p) times out on the next turn', (d) => {
      const { events, leak } = timeline((s) => call('waitFor', NEVER, d, s) as Observable<unknown>, 10);
      expect(events.slice(1)).toEqual([[0, 'error TimeoutError']]);
      expect(leak.live).toBe(0);
    });
    it.each(never)('waitFor(source, %p) waits forever', (d) => {
      const { events } = timeline(
        (s) => call('waitFor', lib.sleep(2 ** 35, 'x', s), d, s) as Observable<unknown>,
        2 ** 36,
      );
      expect(events.slice(1)).toEqual([
        [2 ** 35, 'next x'],
        [2 ** 35, 'complete'],
      ]);
    });
    it('waitFor(never, 2^31 + 5) times out at 2^31 + 5', () => {
      const { events } = timeline((s) => call('waitFor', NEVER, huge, s) as Observable<unknown>, 2 ** 33);
      expect(events.slice(1)).toEqual([[huge, 'error TimeoutError']]);
    });
  });

  whenHas('asCompleted')('asCompleted', () => {
    it.each(never)('asCompleted(…, {timeout: %p}) never times out', (d) => {
      const { events } = timeline(
        (s) => call('asCompleted', [lib.sleep(2 ** 35, 'x', s)], { timeout: d, scheduler: s }) as Observable<unknown>,
        2 ** 36,
      );
      expect(events.slice(1)).toEqual([
        [2 ** 35, 'next x'],
        [2 ** 35, 'complete'],
      ]);
    });
    it('asCompleted(never, {timeout: -1}) times out on the next turn', () => {
      const { events } = timeline(
        (s) => call('asCompleted', [NEVER], { timeout: -1, scheduler: s }) as Observable<unknown>,
        10,
      );
      expect(events.slice(1)).toEqual([[0, 'error TimeoutError']]);
    });
  });

  whenHas('wait')('wait', () => {
    it('wait(never, {timeout: 2^31 + 5}) reports at 2^31 + 5 with it pending', () => {
      const { events } = timeline(
        (s) =>
          (
            call('wait', [NEVER], { timeout: huge, scheduler: s }) as Observable<{
              done: Set<unknown>;
              pending: Set<unknown>;
            }>
          ).pipe(map((r) => `${r.done.size}/${r.pending.size}`)),
        2 ** 33,
      );
      expect(events.slice(1, 2)).toEqual([[huge, 'next 0/1']]);
    });
  });

  describe('counts at the edge of their range', () => {
    itHas('Semaphore')('Semaphore(0) is allowed and starts locked', () => {
      expect(method(make('Semaphore', 0), 'locked')).toBe(true);
    });
    itHas('Queue')('Queue(0) is unbounded', () => {
      const q = make('Queue', 0);
      for (let i = 0; i < 1000; i++) method(q, 'putNowait', i);
      expect([method(q, 'qsize'), method(q, 'full')]).toEqual([1000, false]);
    });
    itHas('Barrier')('Barrier(1) is allowed', () => {
      expect(make('Barrier', 1).parties).toBe(1);
    });
  });
});
