/**
 * The library as the benchmarks see it: every export a case uses, typed from DESIGN.md's
 * Signatures and looked up at run time, so a case whose export is not built yet is
 * skipped with a clear line instead of failing the whole bench at build time.
 */
import type { MonoTypeOperatorFunction, Observable, ObservableInput, SchedulerLike } from 'rxjs';
import * as lib from '../lib/index';

export type Task<T> = lib.Task<T>;

/** `gather`, array form (the only one the benchmarks use). */
type Gather = <T>(
  sources: readonly ObservableInput<T>[],
  options?: { returnExceptions?: boolean; scheduler?: SchedulerLike },
) => Observable<T[]>;

interface TaskGroupLike {
  createTask<T>(source: ObservableInput<T>, options?: { name?: string }): Task<T>;
}
// `void`: a body may return nothing (DESIGN.md's taskGroup signature).
// eslint-disable-next-line @typescript-eslint/no-invalid-void-type
type TaskGroupFn = <T>(body: (tg: TaskGroupLike) => ObservableInput<T> | void) => Observable<T>;

interface SemaphoreLike {
  acquire(): Task<true>;
  release(): void;
  locked(): boolean;
}
type SemaphoreCtor = new (value?: number) => SemaphoreLike;
type Holding = <T>(lock: SemaphoreLike) => MonoTypeOperatorFunction<T>;

interface QueueLike<T> {
  put(item: T): Task<void>;
  get(): Task<T>;
  putNowait(item: T): void;
  getNowait(): T;
  qsize(): number;
  full(): boolean;
  empty(): boolean;
  consume(): Observable<T>;
}
type QueueCtor = new <T>(maxsize?: number) => QueueLike<T>;

/** What DESIGN.md promises beyond the core; each may be missing while it is being built. */
export interface Extras {
  gather: Gather;
  taskGroup: TaskGroupFn;
  Semaphore: SemaphoreCtor;
  holding: Holding;
  Queue: QueueCtor;
}

const exportsByName = lib as unknown as Partial<Extras>;

/** Thrown by {@link need} when an export does not exist yet; the worker reports it as a skip. */
export class MissingExport extends Error {
  constructor(readonly exportName: string) {
    super(`skipped: ${exportName} not built yet`);
  }
}

/** The export `name`, or a {@link MissingExport} thrown. */
export function need<K extends keyof Extras>(name: K): Extras[K] {
  const value = exportsByName[name];
  if (value === undefined) throw new MissingExport(name);
  return value;
}

/** True when the export `name` exists. */
export function has(name: keyof Extras): boolean {
  return exportsByName[name] !== undefined;
}

export const { createTask, sleep, Future } = lib;
