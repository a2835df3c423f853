// wait: {done, pending} Sets of Tasks.
import { of } from 'rxjs';
import { Task, createTask, wait } from 'rxjs-asyncio';

export function waitingForSome(): void {
  const tasks = [createTask(of('a')), createTask(of('b'))];
  wait(tasks, { returnWhen: 'FIRST_COMPLETED', timeout: null }).subscribe(({ done, pending }) => {
    expectType<Set<Task<string>>>()(done);
    expectType<Set<Task<string>>>()(pending);
  });
  // @ts-expect-error returnWhen is one of asyncio's three constants
  wait(tasks, { returnWhen: 'FIRST' });
}
