import type { SchedulerLike } from 'rxjs';
// The clock behind asapScheduler.now() and asyncScheduler.now(); TestScheduler.run sets its
// delegate for its duration. Part of RxJS 7's published `rxjs/internal/*` paths.
import { dateTimestampProvider } from 'rxjs/internal/scheduler/dateTimestampProvider';
import { captureContext, rootContext, runInContext, type AsyncContext } from './context';
import { reportError } from './report-error';
import { rx } from './rx';

/**
 * The ready queue: asyncio's `call_soon` and `_ready` deque, one per scheduler.
 *
 * Every "soon" callback (starting a Task, `sleep(0)`, done callbacks) is appended FIFO,
 * and one scheduled action drains the queue, so starting 10^5 Tasks schedules one action,
 * not 10^5. A drain runs the callbacks that were queued when it began; what they queue
 * runs on the next drain (asyncio's loop iteration), so a task spinning on `sleep(0)`
 * yields every turn.
 *
 * How a drain is scheduled:
 * - default queue (`asapScheduler`, also used for `asyncScheduler` and no scheduler) in
 *   real time: a microtask, so a turn costs no 1 ms timer clamp. Fairness: asyncio polls
 *   timers and I/O on every turn, so once 4 ms have passed without a macrotask (counted
 *   across back-to-back drains; a `setImmediate` sentinel marks that a macrotask ran), the
 *   next drain hops to a macrotask (`setImmediate`, `MessageChannel` in browsers), letting
 *   timers and sockets in. The budget is the ready queue's one use of the real clock, read
 *   on every 8th drain (or after a long one): a clock read can cost as much as a turn.
 * - default queue under `TestScheduler.run` (virtual time): `asyncScheduler.schedule(drain)`
 *   (delay 0); any other scheduler: `scheduler.schedule(drain)`, so "soon" is virtual too.
 */
/** Entries per segment of a ready queue; each entry is 3 slots: fn, arg, context. */
const SEGMENT = 1024;

/**
 * A fixed-size block of queue entries. The queue is a chain of them, so pushing 10^5
 * callbacks never copies a growing array (a large one lives in V8's large-object space,
 * and each regrowth there was a tenth of a 10^5 fan-out's time).
 */
class Segment {
  readonly slots: unknown[] = new Array<unknown>(SEGMENT * 3);
  next: Segment | null = null;
}

class ReadyQueue {
  private head = new Segment();
  private headIndex = 0;
  private tail = this.head;
  private tailIndex = 0;
  private size = 0;
  /** One emptied segment kept for reuse. */
  private spare: Segment | null = null;
  /** How the pending drain was scheduled, or null when none is. */
  private armed: 'native' | 'scheduler' | null = null;

  constructor(private readonly scheduler: SchedulerLike | null) {}

  push<A>(fn: (arg: A) => void, arg: A, inCallerContext: boolean): void {
    let tail = this.tail;
    if (this.tailIndex === SEGMENT) {
      const next = this.spare ?? new Segment();
      this.spare = null;
      tail = tail.next = this.tail = next;
      this.tailIndex = 0;
    }
    const at = this.tailIndex++ * 3;
    const slots = tail.slots;
    slots[at] = fn;
    slots[at + 1] = arg;
    slots[at + 2] = inCallerContext ? captureContext() : rootContext;
    this.size++;
    const mode = this.scheduler === null && isRealTime() ? 'native' : 'scheduler';
    // Re-arm when the clock changed kind (a TestScheduler.run began or ended since).
    if (this.armed !== mode) this.arm(mode);
  }

  private arm(mode: 'native' | 'scheduler'): void {
    this.armed = mode;
    // Virtual time on the default queue: asyncScheduler with delay 0, not asapScheduler.
    // TestScheduler.run's asap emulation throws "Expected a due immediate or interval"
    // when an asap action cancels an async action due in the same frame (RxJS 7.8), and
    // a zero-delay async action also runs after the timers already due in that frame,
    // as asyncio runs due timers before the callbacks they schedule.
    if (mode === 'scheduler') (this.scheduler ?? rx.asyncScheduler).schedule(this.drain);
    else if (fairness.overBudget()) fairness.macrotask(this.drain);
    else microtask(this.drain);
  }

  private readonly drain = (): void => {
    const mode = this.armed;
    if (mode === null) return; // a stale drain from a previous clock
    this.armed = null;
    if (mode === 'native') fairness.turnStarted();
    // Runs the callbacks queued when the drain began; theirs wait for the next drain.
    fairness.lastDrain = this.size;
    for (let count = this.size; count > 0; count--) {
      let segment = this.head;
      if (this.headIndex === SEGMENT) {
        const next = segment.next!;
        segment.next = null;
        this.spare = segment;
        segment = this.head = next;
        this.headIndex = 0;
      }
      const at = this.headIndex++ * 3;
      const slots = segment.slots;
      const fn = slots[at] as (arg: never) => void;
      const arg = slots[at + 1] as never;
      const context = slots[at + 2] as AsyncContext | undefined;
      slots[at] = slots[at + 1] = slots[at + 2] = undefined;
      this.size--;
      try {
        runInContext(context, fn, arg);
      } catch (error) {
        reportError(error);
      }
    }
    if (this.size === 0) {
      // Empty: start over at the top of the current segment.
      this.tail = this.head;
      this.head.next = null;
      this.headIndex = this.tailIndex = 0;
      return;
    }
    if (this.armed === null) this.arm(this.scheduler === null && isRealTime() ? 'native' : 'scheduler');
  };
}

/**
 * True unless `TestScheduler.run` has taken over RxJS's clock: `run()` sets the delegate of
 * the timestamp provider behind `asapScheduler.now()` for its duration. One property read
 * on every push, where reading the clock itself costs ~70 ns on some VMs.
 */
export function isRealTime(): boolean {
  return dateTimestampProvider.delegate === undefined;
}

/**
 * Queues `fn` as a microtask. A resolved Promise's `then` is one job; Node's
 * `queueMicrotask` adds an AsyncResource and a bound function per call, and a drain is
 * armed that often (each `await createTask(…)` in a loop arms one). The Promise is made
 * on first use, as RxJS's asapScheduler does, so a patched global Promise (zone.js) that
 * loads after this module is the one used.
 */
let resolved: Promise<void> | undefined;
function microtask(fn: () => void): void {
  void (resolved ??= Promise.resolve()).then(fn);
}

/**
 * The macrotask fairness budget shared by every real-time drain, in `Date.now()`
 * milliseconds. A clock read costs as much as a cheap turn on some VMs, so arming a drain
 * reads the clock only every 8th time, or after a drain that ran 32 callbacks or more.
 */
const fairness = {
  /** When the current run of drains without a macrotask began, or -1. */
  since: -1,
  sentinel: false,
  budgetMs: 4,
  /** Drains armed since the clock was last read. */
  unread: 0,
  /** Callbacks the latest drain ran. */
  lastDrain: 0,
  turnStarted(): void {
    if (this.since < 0) {
      this.since = Date.now();
      this.unread = 0;
    }
    if (!this.sentinel) {
      this.sentinel = true;
      this.macrotask(() => {
        this.sentinel = false;
        this.since = -1;
      });
    }
  },
  /** Whether the next drain must hop to a macrotask. A clock that went back counts as over budget. */
  overBudget(): boolean {
    if (this.since < 0 || (++this.unread < 8 && this.lastDrain < 32)) return false;
    this.unread = 0;
    const now = Date.now();
    return now - this.since > this.budgetMs || now < this.since;
  },
  macrotask: makeMacrotask(),
};

function makeMacrotask(): (fn: () => void) => void {
  const g = globalThis as { setImmediate?: (fn: () => void) => unknown };
  if (typeof g.setImmediate === 'function') {
    const setImmediate = g.setImmediate;
    return (fn) => void setImmediate(fn);
  }
  if (typeof MessageChannel === 'function') {
    const pending: (() => void)[] = [];
    const channel = new MessageChannel();
    channel.port1.onmessage = () => pending.shift()?.();
    return (fn) => {
      pending.push(fn);
      channel.port2.postMessage(null);
    };
  }
  return (fn) => void setTimeout(fn);
}

const defaultQueue = new ReadyQueue(null);
const queues = new WeakMap<SchedulerLike, ReadyQueue>();

function queueFor(scheduler: SchedulerLike | undefined): ReadyQueue {
  if (scheduler === undefined || scheduler === rx.asapScheduler || scheduler === rx.asyncScheduler) return defaultQueue;
  let queue = queues.get(scheduler);
  if (!queue) {
    queue = new ReadyQueue(scheduler);
    queues.set(scheduler, queue);
  }
  return queue;
}

/**
 * Calls `fn(arg)` soon: on the next turn of `scheduler`'s ready queue, in the caller's
 * async context (asyncio's `call_soon` copies the caller's contextvars). FIFO with every
 * other "soon" callback of that scheduler.
 *
 * `inCallerContext: false` is for internal callbacks that run no user code in the caller's
 * name (settling a Future): they run in the root context instead, which spares the
 * capture and never lends one request's context to another's code.
 */
export function soon<A>(fn: (arg: A) => void, arg: A, scheduler?: SchedulerLike, inCallerContext = true): void {
  queueFor(scheduler).push(fn, arg, inCallerContext);
}
