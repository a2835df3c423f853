import { Observable, type ObservableInput, type ObservedValueOf, type SchedulerLike } from 'rxjs';
import { awaitedValue, succeeded, type Future } from './future';
import { ensureFuture, follow } from './follow';
import { checkBoolean, checkObservableInputs, checkOptions, checkScheduler, typeError } from './internal/validate';

/** Options of {@link gather}. */
export interface GatherOptions {
  /**
   * `true`: an error (a `CancelledError` included) becomes its slot's value instead of
   * failing the output. Default `false`: the first error fails the output at once.
   */
  returnExceptions?: boolean;
  /** The scheduler whose ready queue starts the sources that are not Tasks (default `asapScheduler`). */
  scheduler?: SchedulerLike;
}

/**
 * Runs every source concurrently and emits their results in *input* order, once all are
 * done, then completes.
 *
 * asyncio: `asyncio.gather(*aws, return_exceptions=False)`. The shape is RxJS's
 * `forkJoin` (an array gives an array typed as a tuple, a record gives a record), with
 * asyncio's semantics and a linear cost:
 * - a source that completes without a value gives `undefined` in its slot (`forkJoin`
 *   would complete without emitting); `gather([])` emits `[]`;
 * - each source that is not already a Task becomes one, started soon, in input order;
 *   Tasks are followed through done callbacks, never subscribed to;
 * - the first error (a cancelled source gives `CancelledError`) fails the output at once,
 *   and **the other sources keep running** — their later errors count as retrieved;
 * - with `returnExceptions: true` every error, `CancelledError` included, is a value.
 *
 * Each subscription runs the cold sources again (a Task handed in runs once).
 *
 * **Cancellation.** Unsubscribing before the output has ended cancels every source not
 * yet done, in input order (Tasks handed in included). Once it has emitted or errored,
 * unsubscribing cancels nothing.
 *
 * ## Example
 * ```ts
 * import { gather, sleep } from 'rxjs-asyncio';
 * gather([sleep(20, 'slow'), sleep(10, 2)]).subscribe(([a, b]) => console.log(a, b));
 * gather({ x: sleep(5, 1) }).subscribe(({ x }) => console.log(x));
 * // Logs:
 * // 1
 * // slow 2
 * ```
 * @param sources An array (or tuple) or a record of ObservableInputs and Tasks.
 * @param options `returnExceptions` and `scheduler`.
 * @returns An Observable of one array (or record) of last values.
 * @throws {TypeError} When `sources` is not an array or record, an entry is not an
 *   ObservableInput, or an option has the wrong type.
 */
export function gather<A extends readonly ObservableInput<unknown>[]>(
  sources: readonly [...A],
  options?: GatherOptions,
): Observable<{ -readonly [K in keyof A]: ObservedValueOf<A[K]> }>;
export function gather<R extends Record<string, ObservableInput<unknown>>>(
  sources: R,
  options?: GatherOptions,
): Observable<{ [K in keyof R]: ObservedValueOf<R[K]> }>;
export function gather(
  sources: readonly ObservableInput<unknown>[] | Record<string, ObservableInput<unknown>>,
  options?: GatherOptions,
): Observable<unknown> {
  const isArray = Array.isArray(sources);
  if (!isArray && !isRecord(sources))
    typeError('gather', 'sources', 'an array or a record of ObservableInputs', sources);
  const keys = isArray ? null : Object.keys(sources);
  const inputs: readonly ObservableInput<unknown>[] = isArray
    ? (sources as readonly ObservableInput<unknown>[])
    : keys!.map((k) => sources[k]);
  checkObservableInputs('gather', 'sources', inputs, keys);
  checkOptions('gather', options);
  checkBoolean('gather', 'options.returnExceptions', options?.returnExceptions);
  checkScheduler('gather', options?.scheduler);
  const returnExceptions = options?.returnExceptions ?? false;
  const scheduler = options?.scheduler;
  const n = inputs.length;

  return new Observable<unknown>((subscriber) => {
    const pack = (values: unknown[]) => {
      if (!keys) return values;
      const record: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) record[keys[i]] = values[i];
      return record;
    };
    if (n === 0) {
      subscriber.next(pack([]));
      subscriber.complete();
      return;
    }
    // One listener for every child, as asyncio's gather has one done callback: it counts
    // the children done and, when the last one is, reads every result in order. A slot
    // costs its place in `children`, no closure (W1, W3: 10^4–10^6 slots).
    const children: Future<unknown>[] = new Array<Future<unknown>>(n);
    let remaining = n;
    let ended = false;
    const onChildDone = (child: Future<unknown>) => {
      if (child._failed) child._retrieved(); // also after the output ended
      if (ended) return;
      if (!returnExceptions && !succeeded(child)) {
        ended = true;
        subscriber.error(awaitedValue(child));
      } else if (--remaining === 0) {
        ended = true;
        subscriber.next(pack(children.map(awaitedValue))); // a failure's value is its error
        subscriber.complete();
      }
    };
    for (let i = 0; i < n; i++) children[i] = ensureFuture(inputs[i], scheduler);
    for (let i = 0; i < n; i++) follow(children[i], onChildDone);
    return () => {
      if (ended) return;
      ended = true;
      for (let i = 0; i < n; i++) children[i].cancel(); // a done child: nothing happens
    };
  });
}

/** A plain object (`{…}` or `Object.create(null)`), not a Map, class instance or Observable. */
function isRecord(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
