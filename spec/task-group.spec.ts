import { defer, finalize, mergeMap, NEVER, of, throwError } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { CancelledError, ExceptionGroup, InvalidStateError } from '../lib/errors';
import { sleep } from '../lib/sleep';
import { createTask, type Task } from '../lib/task';
import { TaskGroup, taskGroup } from '../lib/task-group';
import { tracer } from './helpers/combinators-trace';
import { observableMatcher } from './helpers/observable-matcher';

const testScheduler = () => new TestScheduler(observableMatcher);
const group = (...errors: unknown[]) => new ExceptionGroup('unhandled errors in a TaskGroup', errors);

describe('taskGroup', () => {
  describe('asyncio traces (CPython 3.11, times in virtual ms)', () => {
    it('one failing child cancels its sibling and the body', () => {
      testScheduler().run(({ flush }) => {
        const { lines, val, boom, watch } = tracer();
        watch(
          taskGroup((tg) => {
            tg.createTask(val(30, 'a'));
            tg.createTask(boom(10, 'x'));
            return val(50, 'body');
          }),
        );
        flush();
        expect(lines).toEqual([
          '10 raise x',
          '10 a cancelled',
          '10 body cancelled',
          '10 error ExceptionGroup[Error(x)]',
        ]);
      });
    });

    it('two children failing in the same turn are both in the ExceptionGroup, in order', () => {
      testScheduler().run(({ flush }) => {
        const { lines, val, boom, watch } = tracer();
        watch(
          taskGroup((tg) => {
            tg.createTask(boom(10, 'x'));
            tg.createTask(boom(10, 'y'));
            tg.createTask(val(30, 'a'));
          }),
        );
        flush();
        expect(lines).toEqual([
          '10 raise x',
          '10 raise y',
          '10 a cancelled',
          '10 error ExceptionGroup[Error(x), Error(y)]',
        ]);
      });
    });

    it('waits for tasks added while it waits (by another task, after the body ended)', () => {
      testScheduler().run(({ flush }) => {
        const { lines, log, val } = tracer();
        taskGroup((tg) => {
          tg.createTask(
            sleep(10).pipe(
              mergeMap(() => {
                log('spawn');
                tg.createTask(val(20, 'late'));
                return of('s');
              }),
            ),
          );
          log('body end');
        }).subscribe({ complete: () => log('group end') });
        flush();
        expect(lines).toEqual(['0 body end', '10 spawn', '30 late done', '30 group end']);
      });
    });

    it('createTask on a finished group throws', () => {
      testScheduler().run(({ flush }) => {
        const { lines, log, val } = tracer();
        let saved: TaskGroup | undefined;
        taskGroup((tg) => {
          saved = tg;
          tg.createTask(val(10, 'a'));
        }).subscribe({
          complete: () => {
            try {
              saved!.createTask(val(10, 'b'));
            } catch (e) {
              log(`${(e as Error).name} ${(e as Error).message}`);
            }
          },
        });
        flush();
        expect(lines).toEqual(['10 a done', '10 InvalidStateError TaskGroup.createTask(): the TaskGroup is finished']);
      });
    });

    it('nests: an inner group failure cancels the outer group', () => {
      testScheduler().run(({ flush }) => {
        const { lines, val, boom, watch } = tracer();
        watch(
          taskGroup((outer) => {
            outer.createTask(
              taskGroup((tg) => {
                tg.createTask(val(20, 'i1'));
                tg.createTask(boom(10, 'inner'));
              }),
            );
            outer.createTask(val(30, 'o1'));
          }),
        );
        flush();
        expect(lines).toEqual([
          '10 raise inner',
          '10 i1 cancelled',
          '10 o1 cancelled',
          '10 error ExceptionGroup[ExceptionGroup[Error(inner)]]',
        ]);
      });
    });

    it('cancelled from outside, it cancels its children and reports CancelledError', () => {
      testScheduler().run(({ flush }) => {
        const { lines, log, val } = tracer();
        let children: Task<unknown>[] = [];
        const task = createTask(
          taskGroup((tg) => {
            children = [tg.createTask(val(20, 'a')), tg.createTask(val(30, 'b'))];
          }),
        );
        sleep(10).subscribe(() => {
          log('cancel');
          task.cancel();
        });
        task.subscribe({
          error: (e: unknown) => {
            log(`group task ${(e as Error).name}`);
            expect(children.every((c) => c.cancelled())).toBe(true); // settled first
          },
        });
        flush();
        expect(lines).toEqual(['10 cancel', '10 a cancelled', '10 b cancelled', '10 group task CancelledError']);
      });
    });
  });

  it('completes with the body result once the body and every task are done', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = cold('----a|');
      const body = cold('-b|');
      expectObservable(
        taskGroup((tg) => {
          tg.createTask(a);
          return body;
        }),
      ).toBe('-----(b|)');
      expectSubscriptions(a.subscriptions).toBe('^----!');
      expectSubscriptions(body.subscriptions).toBe('^-!');
    });
  });

  it('completes at once with an empty body and no tasks (empty source)', () => {
    testScheduler().run(({ expectObservable }) => {
      expectObservable(taskGroup(() => undefined)).toBe('|');
      expectObservable(taskGroup(() => of())).toBe('|');
    });
  });

  it('handles a synchronous body and synchronous tasks', () => {
    testScheduler().run(({ expectObservable }) => {
      expectObservable(
        taskGroup((tg) => {
          tg.createTask(of(1, 2));
          return of('x', 'y');
        }),
      ).toBe('(y|)');
    });
  });

  it('a body error cancels the tasks and is in the ExceptionGroup', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = cold('-----a|');
      expectObservable(
        taskGroup((tg) => {
          tg.createTask(a);
          return cold('--#', undefined, new Error('body'));
        }),
      ).toBe('--#', undefined, group(new Error('body')));
      expectSubscriptions(a.subscriptions).toBe('^-!');
    });
  });

  it('a body that throws synchronously fails the group', () => {
    testScheduler().run(({ expectObservable }) => {
      expectObservable(
        taskGroup(() => {
          throw new Error('sync');
        }),
      ).toBe('#', undefined, group(new Error('sync')));
    });
  });

  it('a body that errors with CancelledError cancels the tasks and errors with CancelledError', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = cold('-----a|');
      expectObservable(
        taskGroup((tg) => {
          tg.createTask(a);
          return cold('--#', undefined, new CancelledError('stop'));
        }),
      ).toBe('--#', undefined, new CancelledError('stop'));
      expectSubscriptions(a.subscriptions).toBe('^-!');
    });
  });

  it('ignores a child cancelled by someone else', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(
        taskGroup((tg) => {
          const t = tg.createTask(cold('-----a|'));
          tg.createTask(cold('--a|'));
          cold('-x').subscribe(() => t.cancel());
          return of('ok');
        }),
      ).toBe('---(o|)', { o: 'ok' });
    });
  });

  it('refuses createTask while aborting', () => {
    testScheduler().run(({ cold, flush }) => {
      let error: unknown;
      taskGroup((tg) => {
        tg.createTask(cold('-#'));
        tg.createTask(
          cold('----a|').pipe(
            finalize(() => {
              try {
                tg.createTask(of(1));
              } catch (e) {
                error = e;
              }
            }),
          ),
        );
      }).subscribe({ error: () => undefined });
      flush();
      expect(error).toBeInstanceOf(InvalidStateError);
      expect((error as Error).message).toBe('TaskGroup.createTask(): the TaskGroup is shutting down');
    });
  });

  it('unsubscribing cancels the body and the tasks in creation order', () => {
    testScheduler().run(({ cold, flush }) => {
      const order: string[] = [];
      const sub = taskGroup((tg) => {
        tg.createTask(cold('------|').pipe(finalize(() => order.push('t1'))));
        tg.createTask(cold('------|').pipe(finalize(() => order.push('t2'))));
        return NEVER.pipe(finalize(() => order.push('body')));
      }).subscribe();
      cold('--x').subscribe(() => sub.unsubscribe());
      flush();
      expect(order).toEqual(['t1', 't2', 'body']);
    });
  });

  it('keeps the unsubscription chain intact between mergeMaps', () => {
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const child = cold('--------a|');
      const body = cold('--------b|');
      const source = hot('-x------').pipe(
        mergeMap((x) => of(x)),
        mergeMap(() =>
          taskGroup((tg) => {
            tg.createTask(child);
            return body;
          }),
        ),
        mergeMap((x) => of(x)),
      );
      expectObservable(source, '^---!').toBe('-----');
      expectSubscriptions(child.subscriptions).toBe('-^--!');
      expectSubscriptions(body.subscriptions).toBe('-^--!');
    });
  });

  it('runs every teardown once', () => {
    testScheduler().run(({ cold, flush }) => {
      let teardowns = 0;
      const counted = (marbles: string) => defer(() => cold(marbles)).pipe(finalize(() => teardowns++));
      taskGroup((tg) => {
        tg.createTask(counted('--a|'));
        tg.createTask(counted('---#'));
        tg.createTask(counted('------a|'));
        return counted('-----|');
      }).subscribe({ error: () => undefined });
      flush();
      expect(teardowns).toBe(4);
    });
  });

  it('throws at call time on bad input', () => {
    expect(() => taskGroup(42 as never)).toThrow(new TypeError('taskGroup(): `body` must be a function, got 42'));
    expect(() => taskGroup(() => undefined, { scheduler: 1 } as never)).toThrow(TypeError);
    expect(() => new TaskGroup(3 as never)).toThrow(TypeError);
    const tg = new TaskGroup();
    expect(() => tg.createTask(42 as never)).toThrow(TypeError);
    expect(() => tg.createTask(of(1), { name: 3 } as never)).toThrow(TypeError);
    expect(tg._tasks.size).toBe(0); // no state changed
  });

  it('errors when the body returns something that is not an ObservableInput', () => {
    testScheduler().run(({ expectObservable }) => {
      expectObservable(taskGroup(() => 42 as never)).toBe(
        '#',
        undefined,
        group(new TypeError('taskGroup(): `body()` must be to return an ObservableInput or nothing, got 42')),
      );
    });
  });

  it('starts its tasks on a custom scheduler', () => {
    const scheduler = testScheduler();
    const seen: unknown[] = [];
    taskGroup(
      (tg) => {
        tg.createTask(sleep(10, 'a', scheduler)).subscribe((v) => seen.push(v));
        return of('body');
      },
      { scheduler },
    ).subscribe({ next: (v) => seen.push(v), complete: () => seen.push(scheduler.now()) });
    expect(seen).toEqual([]);
    scheduler.flush();
    expect(seen).toEqual(['a', 'body', 10]);
  });

  describe('await using (Promise code)', () => {
    it('waits for the tasks on dispose', async () => {
      const log: string[] = [];
      {
        await using tg = new TaskGroup();
        tg.createTask(sleep(10, 'a')).subscribe((v) => log.push(v));
        tg.createTask(sleep(5, 'b')).subscribe((v) => log.push(v));
        log.push('body');
      }
      log.push('after');
      // Real time: which sleep ends first depends on the load (a stall of 5 ms between the
      // two starts lets 'a' win); the order of the sleeps is timer-heap.spec's, in virtual time.
      expect([log[0], log[3]]).toEqual(['body', 'after']);
      expect(log.slice(1, 3).sort()).toEqual(['a', 'b']);
    });

    it('throws the ExceptionGroup after the other tasks were cancelled', async () => {
      let other: Task<unknown> | undefined;
      const run = async () => {
        await using tg = new TaskGroup();
        other = tg.createTask(sleep(1000));
        tg.createTask(throwError(() => new Error('x')));
      };
      const error = await run().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ExceptionGroup);
      expect((error as ExceptionGroup).errors).toEqual([new Error('x')]);
      expect(other!.cancelled()).toBe(true);
    });

    it('resolves at once with no tasks, and refuses tasks afterwards', async () => {
      const tg = new TaskGroup();
      await tg[Symbol.asyncDispose]();
      expect(() => tg.createTask(of(1))).toThrow(InvalidStateError);
    });
  });
});
