import { TestScheduler } from 'rxjs/testing';
import { concatMap, map, mergeMap, of, take } from 'rxjs';
import { CancelledError, InvalidStateError, QueueEmpty, QueueFull, QueueShutDown } from '../lib/errors';
import { LifoQueue, PriorityQueue, Queue, pythonCompare } from '../lib/queue';
import type { Task } from '../lib/task';
import { observableMatcher } from './helpers/observable-matcher';
import { seeded } from './helpers/seeded';

const testScheduler = () => new TestScheduler(observableMatcher);

describe('Queue', () => {
  it('is FIFO; put/get that need not wait are done on the spot', () => {
    const q = new Queue<string>();
    expect(q.maxsize).toBe(0);
    expect(q.put('a').done()).toBe(true);
    q.putNowait('b');
    expect(q.qsize()).toBe(2);
    expect(q.empty()).toBe(false);
    expect(q.full()).toBe(false);
    const g = q.get();
    expect(g.done()).toBe(true);
    expect(g.result()).toBe('a');
    expect(q.getNowait()).toBe('b');
    expect(q.empty()).toBe(true);
  });

  it('get() waits while empty; waiting gets are served FIFO', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const q = new Queue<string>();
      const g1 = q.get();
      const g2 = q.get();
      expect(String(q)).toBe('<Queue maxsize=0 qsize=0 getters[2]>');
      cold('-a-b|').subscribe((x) => q.putNowait(x));
      expectObservable(g1).toBe('-(a|)');
      expectObservable(g2).toBe('---(b|)');
    });
  });

  it('put() waits while full and goes in when a get makes room', () => {
    const q = new Queue<number>(1);
    q.putNowait(1);
    expect(q.full()).toBe(true);
    expect(() => q.putNowait(2)).toThrow(QueueFull);
    const p2 = q.put(2);
    const p3 = q.put(3);
    expect(p2.done()).toBe(false);
    expect(q.getNowait()).toBe(1);
    expect(p2.done()).toBe(true);
    expect(p3.done()).toBe(false);
    expect(q.qsize()).toBe(1);
    expect(q.getNowait()).toBe(2);
    expect(q.getNowait()).toBe(3);
    expect(() => q.getNowait()).toThrow(QueueEmpty);
  });

  it('a cancelled get loses no item; a cancelled put adds none', async () => {
    const q = new Queue<string>(1);
    const g1 = q.get();
    const g2 = q.get();
    g1.cancel();
    q.putNowait('x');
    expect(g2.result()).toBe('x');
    await expect(g1).rejects.toBeInstanceOf(CancelledError);
    q.putNowait('y');
    const p = q.put('z');
    p.cancel();
    expect(q.getNowait()).toBe('y');
    expect(q.empty()).toBe(true);
    expect(() => q.taskDone()).not.toThrow(); // x
    expect(() => q.taskDone()).not.toThrow(); // y
    expect(() => q.taskDone()).toThrow(InvalidStateError); // z was never put
  });

  it('unsubscribing from a waiting get() leaves the line (marbles)', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const q = new Queue<string>();
      const leaver = q.get();
      const stayer = q.get();
      cold('---a|').subscribe((x) => q.putNowait(x));
      expectObservable(leaver, '-!').toBe('');
      expectObservable(stayer).toBe('---(a|)');
    });
  });

  it('a producer unsubscribed while its put() waits adds nothing (marbles)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const q = new Queue<string>(1);
      const producer = cold('a-b---c|');
      const consumer = cold('----x|');
      consumer.subscribe(() => q.getNowait());
      const out = producer.pipe(concatMap((x) => q.put(x).pipe(map(() => x))));
      expectObservable(out, '-------!').toBe('a---b');
      expectSubscriptions(producer.subscriptions).toBe('^------!');
      flush();
      expect(q.qsize()).toBe(1);
      expect(q.getNowait()).toBe('b');
      expect(q._putters.size).toBe(0);
      q.taskDone();
      q.taskDone();
      expect(() => q.taskDone()).toThrow(InvalidStateError); // c was never counted
    });
  });

  it('a consumer unsubscribed while its get() waits takes nothing (marbles)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const q = new Queue<string>();
      const ticks = cold('x---x|');
      cold('--a----b|').subscribe((x) => q.putNowait(x));
      const out = ticks.pipe(concatMap(() => q.get()));
      expectObservable(out, '------!').toBe('--a');
      expectSubscriptions(ticks.subscriptions).toBe('^----!'); // ticks completed; the get waiting since 4 is cancelled at 6
      flush();
      expect(q._getters.size).toBe(0);
      expect(q.getNowait()).toBe('b');
    });
  });

  it('join() waits until taskDone() was called once per item put', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const q = new Queue<number>();
      expect(q.join().done()).toBe(true);
      q.putNowait(1);
      q.putNowait(2);
      const joined = q.join();
      cold('-x-x|').subscribe(() => {
        q.getNowait();
        q.taskDone();
      });
      expectObservable(joined).toBe('---(u|)', { u: undefined });
    });
    const q = new Queue<number>();
    expect(() => q.taskDone()).toThrow(new InvalidStateError('taskDone() called too many times'));
  });

  it('randomized puts, gets and cancels lose and duplicate nothing (seed 2024)', () => {
    const random = seeded(2024);
    const q = new Queue<number>(3);
    const puts: { item: number; task: Task<void> }[] = [];
    const gets: Task<number>[] = [];
    const added: number[] = [];
    const got: number[] = [];
    let next = 0;
    for (let step = 0; step < 3000; step++) {
      const r = random();
      if (r < 0.35) {
        const item = next++;
        puts.push({ item, task: q.put(item) });
      } else if (r < 0.7) {
        gets.push(q.get());
      } else if (r < 0.85 && puts.length) {
        puts[Math.floor(random() * puts.length)]!.task.cancel();
      } else if (gets.length) {
        gets[Math.floor(random() * gets.length)]!.cancel();
      }
    }
    q.shutdown(); // waiting puts fail; gets drain what is left
    while (!q.empty()) got.push(q.getNowait());
    for (const { item, task } of puts) if (task.done() && !task.cancelled() && !task.exception()) added.push(item);
    for (const g of gets) {
      if (g.done() && !g.cancelled()) {
        const e = g.exception();
        if (!e) got.push(g.result());
      }
    }
    expect([...got].sort((a, b) => a - b)).toEqual([...added].sort((a, b) => a - b));
    expect(new Set(got).size).toBe(got.length);
  });

  describe('shutdown (Python 3.13)', () => {
    it('fails waiting and later puts; gets drain what is left, then fail', async () => {
      const q = new Queue<number>(1);
      q.putNowait(1);
      const waitingPut = q.put(2);
      q.shutdown();
      await expect(waitingPut).rejects.toBeInstanceOf(QueueShutDown);
      expect(() => q.putNowait(3)).toThrow(QueueShutDown);
      await expect(q.put(3)).rejects.toBeInstanceOf(QueueShutDown);
      expect(await q.get()).toBe(1);
      await expect(q.get()).rejects.toBeInstanceOf(QueueShutDown);
      expect(() => q.getNowait()).toThrow(QueueShutDown);
    });

    it('fails waiting gets', async () => {
      const q = new Queue<number>();
      const g = q.get();
      q.shutdown();
      await expect(g).rejects.toBeInstanceOf(QueueShutDown);
    });

    it('immediate drops the items left and counts them done for join()', async () => {
      const q = new Queue<number>();
      q.putNowait(1);
      q.putNowait(2);
      const joined = q.join();
      q.shutdown(true);
      expect(q.qsize()).toBe(0);
      expect(await joined).toBeUndefined();
      await expect(q.get()).rejects.toBeInstanceOf(QueueShutDown);
    });

    it('immediate with an item taken but not done: join waits for its taskDone()', () => {
      const q = new Queue<number>();
      q.putNowait(1);
      q.putNowait(2);
      q.getNowait();
      const joined = q.join();
      q.shutdown(true);
      expect(joined.done()).toBe(false);
      q.taskDone();
      expect(joined.done()).toBe(true);
    });

    it('rejects a non-boolean `immediate`', () => {
      const q = new Queue();
      expect(() => q.shutdown('yes' as never)).toThrow(TypeError);
      expect(q.put(1).done()).toBe(true);
    });
  });

  describe('consume()', () => {
    it('emits items as they are got and completes on shutdown', () => {
      testScheduler().run(({ cold, expectObservable }) => {
        const q = new Queue<string>();
        q.putNowait('a');
        cold('--b-c-|').subscribe({
          next: (x) => q.putNowait(x),
          complete: () => q.shutdown(),
        });
        expectObservable(q.consume()).toBe('a-b-c-|');
      });
    });

    it('one consumer per subscription: items are shared out, none twice', () => {
      const q = new Queue<number>();
      const a: number[] = [];
      const b: number[] = [];
      q.consume().subscribe((x) => a.push(x));
      q.consume().subscribe((x) => b.push(x));
      for (let i = 0; i < 6; i++) q.putNowait(i);
      expect(a).toEqual([0, 2, 4]);
      expect(b).toEqual([1, 3, 5]);
    });

    it('unsubscribing loses no item', () => {
      const q = new Queue<number>();
      for (let i = 0; i < 5; i++) q.putNowait(i);
      const seen: number[] = [];
      q.consume()
        .pipe(take(2))
        .subscribe((x) => seen.push(x));
      expect(seen).toEqual([0, 1]);
      expect(q.qsize()).toBe(3);
      const sub = q.consume().subscribe();
      sub.unsubscribe();
      expect(q._getters.size).toBe(0);
    });

    it('keeps the unsubscription chain between two mergeMaps', () => {
      testScheduler().run(({ cold, expectObservable }) => {
        const q = new Queue<string>();
        cold('-a-b-c|').subscribe((x) => q.putNowait(x));
        const out = q.consume().pipe(
          mergeMap((x) => of(x)),
          map((x) => x.toUpperCase()),
          mergeMap((x) => of(x)),
        );
        expectObservable(out, '----!').toBe('-A-B');
      });
    });
  });

  it('rejects bad maxsize and options at call time', () => {
    expect(() => new Queue(-1)).toThrow(new RangeError('Queue(): `maxsize` must be an integer ≥ 0, got -1'));
    expect(() => new Queue(NaN)).toThrow(RangeError);
    expect(() => new Queue(1.5)).toThrow(RangeError);
    expect(() => new Queue('3' as never)).toThrow(TypeError);
    expect(() => new LifoQueue(-1)).toThrow('LifoQueue(): `maxsize`');
    expect(() => new PriorityQueue(0, 'asc' as never)).toThrow(TypeError);
    expect(() => new Queue(0, { scheduler: 5 as never })).toThrow(TypeError);
  });

  it('delivers through the scheduler given', () => {
    const scheduler = testScheduler();
    const q = new Queue<number>(0, { scheduler });
    const seen: number[] = [];
    q.get().subscribe((x) => seen.push(x));
    q.putNowait(7);
    expect(seen).toEqual([]);
    scheduler.flush();
    expect(seen).toEqual([7]);
  });
});

describe('LifoQueue', () => {
  it('hands out the newest item first', () => {
    const q = new LifoQueue<number>();
    [1, 2, 3].forEach((x) => q.putNowait(x));
    expect([q.getNowait(), q.getNowait(), q.getNowait()]).toEqual([3, 2, 1]);
  });
});

describe('PriorityQueue', () => {
  it('orders numbers, strings and [priority, item] tuples as Python does', () => {
    const q = new PriorityQueue<[number, string]>();
    q.putNowait([2, 'b']);
    q.putNowait([1, 'z']);
    q.putNowait([2, 'a']);
    q.putNowait([0, 'x']);
    expect([q.getNowait(), q.getNowait(), q.getNowait(), q.getNowait()]).toEqual([
      [0, 'x'],
      [1, 'z'],
      [2, 'a'],
      [2, 'b'],
    ]);
    const s = new PriorityQueue<string>();
    ['pear', 'apple', 'fig'].forEach((x) => s.putNowait(x));
    expect([s.getNowait(), s.getNowait(), s.getNowait()]).toEqual(['apple', 'fig', 'pear']);
    expect(pythonCompare([1, 2], [1, 2, 0])).toBeLessThan(0);
  });

  it('sorts 1000 seeded random numbers like a sort (heap)', () => {
    const random = seeded(99);
    const q = new PriorityQueue<number>();
    const xs = Array.from({ length: 1000 }, () => Math.floor(random() * 100));
    xs.forEach((x) => q.putNowait(x));
    const out: number[] = [];
    while (!q.empty()) out.push(q.getNowait());
    expect(out).toEqual([...xs].sort((a, b) => a - b));
  });

  it('takes a comparator; mixing kinds without one throws TypeError and adds nothing', () => {
    const q = new PriorityQueue<number>(0, (a, b) => b - a);
    [1, 3, 2].forEach((x) => q.putNowait(x));
    expect(q.getNowait()).toBe(3);
    const mixed = new PriorityQueue<unknown>();
    mixed.putNowait(1);
    expect(() => mixed.putNowait('a')).toThrow(TypeError);
    expect(mixed.qsize()).toBe(1);
    expect(() => mixed.taskDone()).not.toThrow();
    expect(() => mixed.taskDone()).toThrow(InvalidStateError);
  });
});
