// Queues.
import { type Observable } from 'rxjs';
import { LifoQueue, PriorityQueue, Queue, QueueEmpty, Task, pythonCompare } from 'rxjs-asyncio';

export async function queueing(): Promise<void> {
  const queue = new Queue<string>(10);
  expectType<Task<void>>()(queue.put('a'));
  expectType<string>()(await queue.get());
  queue.putNowait('b');
  try {
    expectType<string>()(queue.getNowait());
  } catch (error) {
    if (!(error instanceof QueueEmpty)) throw error;
  }
  expectType<number>()(queue.qsize());
  expectType<boolean>()(queue.empty() || queue.full());
  queue.taskDone();
  expectType<Task<void>>()(queue.join());
  expectType<Observable<string>>()(queue.consume());
  queue.shutdown(true);
  const priority = new PriorityQueue<number>(0, (a, b) => a - b);
  priority.putNowait(1);
  const byPriority = new PriorityQueue<[number, string]>(0, pythonCompare); // Python's tuple order
  byPriority.putNowait([1, 'urgent']);
  expectType<number>()(pythonCompare([1, 'b'], [1, 'a']));
  new LifoQueue<string>().putNowait('x');

  // @ts-expect-error a Queue<string> takes strings
  queue.putNowait(1);
}
