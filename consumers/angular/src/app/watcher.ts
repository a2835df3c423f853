import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, type OnInit } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { Task } from 'rxjs-asyncio';

/**
 * Subscribes to a long Task for as long as it is on screen. `takeUntilDestroyed`
 * unsubscribes when it leaves, and a subscriber leaving before the Task is done cancels
 * the Task: navigating away stops the work, without a line of cleanup code.
 */
@Component({
  selector: 'app-watcher',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span>watching {{ task().name }}…</span>`,
})
export class Watcher implements OnInit {
  readonly task = input.required<Task<string>>();
  private readonly destroyRef = inject(DestroyRef);

  ngOnInit(): void {
    this.task()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ error: (error: unknown) => console.error(error) });
  }
}
