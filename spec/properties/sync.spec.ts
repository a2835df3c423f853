/**
 * Properties of the queues and locks in virtual time: random producers, consumers and
 * cancels, compared with a model of DESIGN.md's "Queues and locks are fair and lose
 * nothing" (an item leaves only with a completed get(); a cancelled put/get added or took
 * nothing; a freed slot or permit passes at once to the oldest waiter still waiting).
 * Each case ends with every Task done and nothing left scheduled.
 */
import * as fc from 'fast-check';
import { Observable } from 'rxjs';
import {
  BoundedSemaphore,
  holding,
  LifoQueue,
  Lock,
  PriorityQueue,
  Queue,
  QueueEmpty,
  QueueFull,
  QueueShutDown,
  Semaphore,
  type Task,
} from '../../lib';
import { clock, fcOptions, scriptArb, scripted } from './support';

type Kind = 'Queue' | 'LifoQueue' | 'PriorityQueue';

type QueueOp =
  | { op: 'put'; v: number }
  | { op: 'putNowait'; v: number }
  | { op: 'get' }
  | { op: 'getNowait' }
  | { op: 'cancel'; which: number }
  | { op: 'taskDone' }
  | { op: 'join' }
  | { op: 'shutdown'; immediate: boolean }
  | { op: 'turn' };

const queueOpArb: fc.Arbitrary<QueueOp> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('put' as const), v: fc.integer({ min: 0, max: 50 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('putNowait' as const), v: fc.integer({ min: 0, max: 50 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('get' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('getNowait' as const) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('cancel' as const), which: fc.nat(30) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('taskDone' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('join' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('turn' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('shutdown' as const), immediate: fc.boolean() }) },
);

/** The model queue: items in, waiters FIFO, handoff at once. */
class ModelQueue {
  items: { v: number; id: number }[] = [];
  getters: number[] = []; // get op ids waiting
  putters: { id: number; v: number; uid: number }[] = [];
  got = new Map<number, number>(); // get id → uid of the item
  unfinished = 0;
  constructor(
    readonly kind: Kind,
    readonly maxsize: number,
  ) {}
  full(): boolean {
    return this.maxsize > 0 && this.items.length >= this.maxsize;
  }
  private take(): { v: number; id: number } {
    if (this.kind === 'Queue') return this.items.shift()!;
    if (this.kind === 'LifoQueue') return this.items.pop()!;
    let best = 0;
    for (let i = 1; i < this.items.length; i++) {
      const a = this.items[i];
      const b = this.items[best];
      if (a.v < b.v) best = i;
    }
    return this.items.splice(best, 1)[0];
  }
  /** Adds an item: straight to the oldest waiting getter, else into the queue. */
  added: number[] = [];
  add(v: number, uid: number): void {
    this.unfinished++;
    this.added.push(uid);
    const getter = this.getters.shift();
    if (getter !== undefined) this.got.set(getter, uid);
    else this.items.push({ v, id: uid });
  }
  /** Takes an item, letting the oldest waiting putter in. */
  takeOne(): number {
    const item = this.take();
    const putter = this.putters.shift();
    if (putter) {
      this.putDone.add(putter.id);
      this.add(putter.v, putter.uid);
    }
    return item.id;
  }
  putDone = new Set<number>();
  /** Ops whose Task failed with QueueShutDown. */
  shutDownOps = new Set<number>();
  shut = false;
  dropped: number[] = [];
  /** Python 3.13: later puts fail; waiting putters and getters fail; `immediate` drops the items (each counts as done). */
  shutdown(immediate: boolean): void {
    this.shut = true;
    if (immediate) {
      this.unfinished = Math.max(0, this.unfinished - this.items.length);
      this.dropped.push(...this.items.map((it) => it.id));
      this.items = [];
    }
    for (const id of this.getters) this.shutDownOps.add(id);
    for (const p of this.putters) this.shutDownOps.add(p.id);
    this.getters = [];
    this.putters = [];
  }
}

describe('Queue, LifoQueue, PriorityQueue (property)', () => {
  it('every item put is got exactly once or still queued, in the queue’s order; cancelled put/get add or take nothing; join resolves when taskDone balances', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Kind>('Queue', 'LifoQueue', 'PriorityQueue'),
        fc.integer({ min: 0, max: 3 }),
        fc.array(queueOpArb, { maxLength: 30 }),
        (kind, maxsize, ops) => {
          const c = clock();
          const options = { scheduler: c.leak };
          const q =
            kind === 'Queue'
              ? new Queue<number>(maxsize, options)
              : kind === 'LifoQueue'
                ? new LifoQueue<number>(maxsize, options)
                : new PriorityQueue<number>(maxsize, undefined, options);
          const m = new ModelQueue(kind, maxsize);
          // Item identity: values may repeat (priorities), so each put carries a uid in a side table.
          const values: number[] = []; // uid → value
          const tasks: {
            id: number;
            op: 'put' | 'get' | 'join';
            task: Task<unknown>;
            uid?: number;
            cancelledWhilePending?: boolean;
          }[] = [];
          const joins: { task: Task<unknown>; id: number }[] = [];
          const joinResolved = new Set<number>(); // joins that must resolve: unfinished reached 0 after them
          const nowaitGot: number[] = []; // values got by getNowait
          const sizes: [number, number][] = [];
          let id = 0;
          const uid = (v: number) => {
            values.push(v);
            return values.length - 1;
          };
          for (const step of ops) {
            const opId = id++;
            switch (step.op) {
              case 'put': {
                const u = uid(step.v);
                const task = q.put(step.v);
                if (m.shut) m.shutDownOps.add(opId);
                else if (!m.full()) {
                  m.putDone.add(opId);
                  m.add(step.v, u);
                } else m.putters.push({ id: opId, v: step.v, uid: u });
                tasks.push({ id: opId, op: 'put', task, uid: u });
                break;
              }
              case 'putNowait': {
                if (m.shut) expect(() => q.putNowait(step.v)).toThrow(QueueShutDown);
                else if (m.full()) expect(() => q.putNowait(step.v)).toThrow(QueueFull);
                else {
                  q.putNowait(step.v);
                  m.add(step.v, uid(step.v));
                }
                break;
              }
              case 'get': {
                const task = q.get();
                if (m.items.length > 0) m.got.set(opId, m.takeOne());
                else if (m.shut) m.shutDownOps.add(opId);
                else m.getters.push(opId);
                tasks.push({ id: opId, op: 'get', task });
                break;
              }
              case 'getNowait': {
                if (m.items.length === 0) expect(() => q.getNowait()).toThrow(m.shut ? QueueShutDown : QueueEmpty);
                else {
                  const v = q.getNowait();
                  const u = m.takeOne();
                  nowaitGot.push(v);
                  expect(v).toBe(values[u]);
                }
                break;
              }
              case 'cancel': {
                if (tasks.length === 0) break;
                const t = tasks[step.which % tasks.length];
                const wasDone = t.task.done();
                t.task.cancel();
                if (!wasDone) {
                  // Leave the model's line, if still waiting there (handed-off ones are done already).
                  if (t.op === 'get') {
                    const i = m.getters.indexOf(t.id);
                    if (i >= 0) {
                      m.getters.splice(i, 1);
                      t.cancelledWhilePending = true;
                    }
                  } else if (t.op === 'put') {
                    const i = m.putters.findIndex((p) => p.id === t.id);
                    if (i >= 0) {
                      m.putters.splice(i, 1);
                      t.cancelledWhilePending = true;
                    }
                  } else t.cancelledWhilePending = true;
                }
                break;
              }
              case 'taskDone':
                if (m.unfinished > 0) {
                  q.taskDone();
                  if (--m.unfinished === 0) for (const j of joins) joinResolved.add(j.id);
                } else expect(() => q.taskDone()).toThrow();
                break;
              case 'join': {
                const task = q.join();
                joins.push({ task, id: opId });
                if (m.unfinished === 0) joinResolved.add(opId);
                tasks.push({ id: opId, op: 'join', task });
                expect(task.done()).toBe(m.unfinished === 0);
                break;
              }
              case 'shutdown': {
                const before = m.unfinished;
                q.shutdown(step.immediate);
                m.shutdown(step.immediate);
                if (before > 0 && m.unfinished === 0) for (const j of joins) joinResolved.add(j.id);
                break;
              }
              case 'turn':
                c.to(c.now());
                break;
            }
            sizes.push([q.qsize(), m.items.length]);
          }
          c.to(c.now());
          // join resolves exactly when taskDone balances (a join cancelled first stays cancelled).
          expect(joins.map((j) => (j.task.done() && !j.task.cancelled() ? 'resolved' : 'not'))).toEqual(
            joins.map((j) =>
              joinResolved.has(j.id) && !tasks.find((t) => t.id === j.id)!.cancelledWhilePending ? 'resolved' : 'not',
            ),
          );
          // Still waiting at the end: cancel (what run() would do), then settle.
          for (const t of tasks) if (!t.task.done()) t.task.cancel();
          m.putters = [];
          m.getters = [];
          c.to(c.now());

          expect(sizes.map(([a]) => a)).toEqual(sizes.map(([, b]) => b));
          if (maxsize > 0) expect(Math.max(0, ...sizes.map(([a]) => a))).toBeLessThanOrEqual(maxsize);
          // Each get Task: the model's item, or cancelled having taken nothing.
          const outcomes = tasks.map((t) => {
            if (!t.task.done()) return 'pending';
            if (t.task.cancelled()) return 'cancelled';
            const e = t.task.exception();
            if (e !== undefined) return `error ${(e as Error).name}`;
            return t.op === 'get' ? `got ${String(t.task.result())}` : 'done';
          });
          const expected = tasks.map((t) => {
            if (m.shutDownOps.has(t.id)) return 'error QueueShutDown';
            if (t.op === 'get') return m.got.has(t.id) ? `got ${values[m.got.get(t.id)!]}` : 'cancelled';
            if (t.op === 'put') return m.putDone.has(t.id) ? 'done' : 'cancelled';
            return outcomes[tasks.indexOf(t)]; // joins are checked below
          });
          expect(outcomes).toEqual(expected);
          // Nothing lost or duplicated: what was got (by Tasks and getNowait) plus what is left
          // is exactly what went in; what is left comes out in the queue's order.
          const modelLeft: number[] = [];
          while (m.items.length) modelLeft.push(values[m.takeOne()]);
          const left: number[] = [];
          while (!q.empty()) left.push(q.getNowait());
          expect(left).toEqual(modelLeft);
          const gotByTasks = tasks
            .filter((t) => t.op === 'get' && t.task.done() && !t.task.cancelled() && t.task.exception() === undefined)
            .map((t) => t.task.result() as number);
          const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
          expect(sorted([...gotByTasks, ...nowaitGot, ...left])).toEqual(
            sorted(m.added.filter((u) => !m.dropped.includes(u)).map((u) => values[u])),
          );
          expect(c.leak.live).toBe(0);
          expect(c.ts.actions.length).toBe(0);
        },
      ),
      fcOptions,
    );
  });
});

type LockOp = { op: 'acquire' } | { op: 'cancel'; which: number } | { op: 'release' } | { op: 'turn' };
const lockOpArb: fc.Arbitrary<LockOp> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('acquire' as const) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('cancel' as const), which: fc.nat(30) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('release' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('turn' as const) }) },
);

describe('Lock, Semaphore, BoundedSemaphore (property)', () => {
  it('never more holders than permits, FIFO grants among waiters not cancelled, and free at the end', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('Lock', 'Semaphore', 'BoundedSemaphore'),
        fc.integer({ min: 1, max: 3 }),
        fc.array(lockOpArb, { maxLength: 30 }),
        (kind, n, ops) => {
          const c = clock();
          const options = { scheduler: c.leak };
          const permits = kind === 'Lock' ? 1 : n;
          const lock =
            kind === 'Lock'
              ? new Lock(options)
              : kind === 'Semaphore'
                ? new Semaphore(n, options)
                : new BoundedSemaphore(n, options);
          // Model: free permits, FIFO line of acquire ids, holders (granted, not released).
          let free = permits;
          const line: number[] = [];
          const grants: number[] = [];
          const expectedGrants: number[] = [];
          let holders = 0;
          let maxHolders = 0;
          const acquires: Task<true>[] = [];
          for (const step of ops) {
            switch (step.op) {
              case 'acquire': {
                const idx = acquires.length;
                const task = lock.acquire();
                acquires.push(task);
                task.addDoneCallback((t) => {
                  if (!t.cancelled()) grants.push(idx);
                });
                if (free > 0 && line.length === 0) {
                  free--;
                  holders++;
                  expectedGrants.push(idx);
                } else line.push(idx);
                break;
              }
              case 'cancel': {
                const idx = step.which % Math.max(1, acquires.length);
                if (acquires.length === 0) break;
                const t = acquires[idx];
                const i = line.indexOf(idx);
                expect(t.cancel()).toBe(!t.done());
                if (i >= 0) line.splice(i, 1);
                break;
              }
              case 'release': {
                if (holders === 0) {
                  // Releasing what nobody holds: Lock and BoundedSemaphore refuse; Semaphore adds a permit.
                  if (kind === 'Semaphore') {
                    lock.release();
                    free++;
                  } else {
                    expect(() => lock.release()).toThrow();
                    break;
                  }
                } else {
                  lock.release();
                  holders--;
                  free++;
                }
                const next = line.shift();
                if (next !== undefined) {
                  free--;
                  holders++;
                  expectedGrants.push(next);
                }
                break;
              }
              case 'turn':
                c.to(c.now());
                break;
            }
            maxHolders = Math.max(maxHolders, holders);
            expect(lock.locked()).toBe(free === 0 || line.length > 0);
          }
          c.to(c.now());
          expect(grants).toEqual(expectedGrants);
          expect(maxHolders).toBeLessThanOrEqual(kind === 'Semaphore' ? Infinity : permits);
          // End: cancel the waiters, release the holders: free again.
          for (const t of acquires) if (!t.done()) t.cancel();
          for (; holders > 0; holders--) lock.release();
          c.to(c.now());
          expect(lock.locked()).toBe(false);
          expect(acquires.every((t) => t.done())).toBe(true);
          expect(c.leak.live).toBe(0);
          expect(c.ts.actions.length).toBe(0);
        },
      ),
      fcOptions,
    );
  });
});

describe('holding (property)', () => {
  it('never has more sources subscribed (subscribe → teardown) than permits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.array(scriptArb(40), { minLength: 1, maxLength: 6 }),
        (n, scripts) => {
          const c = clock();
          const sem = new Semaphore(n, { scheduler: c.leak });
          let live = 0;
          let peak = 0;
          const subs = scripts.map((s, i) => {
            const made = scripted(s, i, c.leak);
            const counted = new Observable<number>((subscriber) => {
              peak = Math.max(peak, ++live);
              const sub = made.source.subscribe(subscriber);
              return () => {
                live--;
                sub.unsubscribe();
              };
            });
            return counted.pipe(holding(sem)).subscribe({ error: () => undefined });
          });
          c.to(1000);
          subs.forEach((s) => s.unsubscribe());
          c.to(1001);
          expect(peak).toBeLessThanOrEqual(n);
          expect(live).toBe(0);
          expect(sem.locked()).toBe(false);
          expect(c.leak.live).toBe(0);
        },
      ),
      fcOptions,
    );
  });
});
