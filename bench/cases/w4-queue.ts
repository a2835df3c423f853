/**
 * W4, queue: n items through a queue of 100 slots, one producer and one consumer; the
 * report gives items per second.
 */
import { lastValueFrom, reduce, Subject, take } from 'rxjs';
import { need } from '../api';
import { check, timed, type BenchCase } from './common';

export const W4_MAXSIZE = 100;

const expected = (n: number): number => (n * (n - 1)) / 2;

/**
 * The Promise peer: the bounded async queue people write by hand — an array of items and
 * FIFO lines of waiting getters and putters, each waiter one Promise.
 */
class PromiseQueue<T> {
  private items: T[] = [];
  private head = 0;
  private getters: ((item: T) => void)[] = [];
  private putters: (() => void)[] = [];

  constructor(private readonly maxsize: number) {}

  async put(item: T): Promise<void> {
    while (this.items.length - this.head >= this.maxsize) await new Promise<void>((r) => this.putters.push(r));
    const getter = this.getters.shift();
    if (getter) getter(item);
    else this.items.push(item);
  }

  async get(): Promise<T> {
    if (this.items.length === this.head) return new Promise<T>((r) => this.getters.push(r));
    const item = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    this.putters.shift()?.();
    return item;
  }
}

export const w4Cases: BenchCase[] = [
  {
    workload: 'W4',
    impl: 'rxjs-asyncio',
    variant: 'await put/get',
    run: (n) => {
      const Queue = need('Queue');
      return timed(() => producerConsumer(new Queue<number>(W4_MAXSIZE), n));
    },
  },
  {
    workload: 'W4',
    impl: 'rxjs-asyncio',
    variant: 'consume()',
    run: (n) => {
      const Queue = need('Queue');
      return timed(async () => {
        const queue = new Queue<number>(W4_MAXSIZE);
        const consumer = lastValueFrom(
          queue.consume().pipe(
            take(n),
            reduce((sum, v) => sum + v, 0),
          ),
        );
        // The producer waits only when the queue is full (asyncio's `put` does not yield otherwise).
        for (let i = 0; i < n; i++) {
          if (queue.full()) await queue.put(i);
          else queue.putNowait(i);
        }
        const sum = await consumer;
        check(sum === expected(n), `sum ${sum}`);
      });
    },
  },
  {
    workload: 'W4',
    impl: 'promise',
    variant: 'bounded promise queue',
    run: (n) => timed(() => producerConsumer(new PromiseQueue<number>(W4_MAXSIZE), n)),
  },
  {
    workload: 'W4',
    impl: 'rxjs',
    variant: 'Subject',
    run: (n) =>
      // eslint-disable-next-line @typescript-eslint/require-await -- a Subject pushes synchronously
      timed(async () => {
        const subject = new Subject<number>();
        let sum = 0;
        subject.subscribe((v) => (sum += v));
        for (let i = 0; i < n; i++) subject.next(i);
        subject.complete();
        check(sum === expected(n), `sum ${sum}`);
      }),
  },
];

/** One producer awaiting `put`, one consumer awaiting `get`: the same loop for every queue. */
async function producerConsumer(
  queue: { put(item: number): PromiseLike<void>; get(): PromiseLike<number> },
  n: number,
): Promise<void> {
  const producer = (async () => {
    for (let i = 0; i < n; i++) await queue.put(i);
  })();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += await queue.get();
  await producer;
  check(sum === expected(n), `sum ${sum}`);
}
