import { AsyncPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { catchError, map, of } from 'rxjs';
import {
  CancelledError,
  Task,
  TimeoutError,
  createTask,
  gather,
  retryWithDelay,
  sleep,
  timeout as deadline, // rxjs has a `timeout` of its own: ours limits the whole subscription
} from 'rxjs-asyncio';
import { Backend, ServiceUnavailable } from './backend';
import { Watcher } from './watcher';

@Component({
  selector: 'app-root',
  imports: [AsyncPipe, Watcher],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>rxjs-asyncio in Angular</h1>
    <ul>
      @let dashboard = dashboard$ | async;
      <li data-check="gather, retryWithDelay, timeout, async pipe" [attr.data-final]="dashboard ? '' : null">
        {{ dashboard ?? 'loading…' }}
      </li>
      <li data-check="timeout, toSignal" [attr.data-final]="report() === 'loading…' ? null : ''">{{ report() }}</li>
      <li data-check="Task awaited" [attr.data-final]="answer() ? '' : null">{{ answer() ?? 'pending' }}</li>
      <li data-check="takeUntilDestroyed cancels a Task" [attr.data-final]="watched() ? '' : null">
        @if (watching()) {
          <app-watcher [task]="longTask" />
        } @else {
          {{ watched() ?? 'watcher removed' }}
        }
      </li>
    </ul>
  `,
})
export class App {
  private readonly backend = new Backend();

  /** Two requests at once, the flaky one retried on 503, the whole within 2 s. */
  readonly dashboard$ = gather({
    user: this.backend.user(1),
    orders: this.backend.orders().pipe(retryWithDelay({ attempts: 3, delay: [[ServiceUnavailable, 10]] })),
  }).pipe(
    deadline(2_000),
    map(({ user, orders }) => `${user.name} has ${orders} orders (${this.backend.calls} calls)`),
  );

  /** A deadline that fires, read as a signal. */
  readonly report = toSignal(
    this.backend.report().pipe(
      deadline(30),
      catchError((error: unknown) =>
        of(error instanceof TimeoutError ? 'report: TimeoutError after 30 ms' : `${error}`),
      ),
    ),
    { initialValue: 'loading…' },
  );

  readonly answer = signal<string | undefined>(undefined);
  readonly longTask = createTask(sleep(60_000, 'never'), { name: 'long-poll' });
  readonly watching = signal(true);
  readonly watched = signal<string | undefined>(undefined);

  constructor() {
    void this.awaitTask();
    this.longTask.addDoneCallback((task) => this.watched.set(`${task.name}: ${this.outcome(task)}`));
    // The watcher leaves the page after 50 ms (a timer that stops with this component).
    sleep(50)
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.watching.set(false));
  }

  private async awaitTask(): Promise<void> {
    const task = createTask(sleep(10, 42), { name: 'answer' });
    this.answer.set(`Task ${task.name} resolved to ${await task}`);
  }

  private outcome(task: Task<string>): string {
    try {
      return `finished with ${task.result()}`;
    } catch (error) {
      return error instanceof CancelledError
        ? `cancelled (CancelledError), cancelled() ${task.cancelled()}`
        : `failed: ${error}`;
    }
  }
}
