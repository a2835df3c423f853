import { asyncScheduler, type SchedulerLike } from 'rxjs';

/** What every demo's `main(log, options)` receives. */
export interface DemoOptions {
  /**
   * Time source for sleeps and elapsed times (default `asyncScheduler`, real time).
   * Specs pass a `TestScheduler` to run Observable-first demos in virtual time.
   */
  scheduler?: SchedulerLike;
  /**
   * Multiplies every delay of the demo (default 1). Specs of demos that use `await` or real
   * sockets run in real time with delays scaled down, e.g. 0.01 (1 s → 10 ms).
   */
  timeScale?: number;
}

/** A demo's output: one line at a time. */
export type Log = (line: string) => void;

/** A demo module. */
export interface Demo {
  main(log: Log, options?: DemoOptions): Promise<unknown>;
}

/**
 * The article prints `started at 17:13:52`; demos add the elapsed time from the
 * scheduler's clock: `started at 17:13:52 (+0.00s)`. `elapsed()` is `+2.00s`, in the
 * article's seconds (unscaled by `timeScale`).
 */
export function clock(options: DemoOptions = {}) {
  const scheduler = options.scheduler ?? asyncScheduler;
  const scale = options.timeScale ?? 1;
  const start = scheduler.now();
  const wallStart = Date.now();
  const elapsedMs = () => (scheduler.now() - start) / scale;
  return {
    scheduler,
    scale,
    /** Milliseconds of the article, scaled: `ms(1000)` is 10 with `timeScale: 0.01`. */
    ms: (articleMs: number) => articleMs * scale,
    /** `+2.00s` */
    elapsed: () => `+${(elapsedMs() / 1000).toFixed(2)}s`,
    /** `17:14:34 (+2.00s)`, the article's `time.strftime('%X')` plus the elapsed time. */
    time: () => {
      const wall = new Date(wallStart + elapsedMs());
      const hms = wall.toTimeString().slice(0, 8);
      return `${hms} (+${(elapsedMs() / 1000).toFixed(2)}s)`;
    },
  };
}

/** Runs a demo's `main` when its file is executed directly (`tsx demos/x.ts`). */
export function runIfMain(mod: NodeJS.Module, demo: Demo['main']): void {
  if (require.main === mod) {
    demo((line) => console.log(line)).then(
      () => undefined,
      (error: unknown) => {
        console.error(error);
        process.exitCode = 1;
      },
    );
  }
}
