// taskGroup / TaskGroup: structured concurrency.
import { of, type Observable } from 'rxjs';
import { Task, TaskGroup, sleep, taskGroup } from 'rxjs-asyncio';

export async function grouping(): Promise<void> {
  const out = taskGroup((tg) => {
    const a = tg.createTask(sleep(5, 'a'), { name: 'a' });
    expectType<Task<string>>()(a);
    return of(1);
  });
  expectType<Observable<number>>()(out);

  const tg = new TaskGroup();
  expectType<Task<number>>()(tg.createTask(of(1)));
  expectType<Promise<void>>()(tg[Symbol.asyncDispose]());

  // @ts-expect-error the body receives the group, it is not an Observable
  taskGroup(of(1));
}
