import {
  asapScheduler,
  asyncScheduler,
  from,
  Observable,
  Subscription,
  type ObservableInput,
  type ObservedValueOf,
} from 'rxjs';

/** `from`'s one-argument form. */
// eslint-disable-next-line @typescript-eslint/no-deprecated -- a reference to `from`, typed as its one-argument form; the deprecated form takes a scheduler
const fromInput: <O extends ObservableInput<unknown>>(input: O) => Observable<ObservedValueOf<O>> = from;

/**
 * The RxJS values the hot paths use (per Task, per `sleep`, per child of `gather`), read
 * from `rxjs` once.
 *
 * Node loads RxJS's CommonJS build. Its entry defines every export as a getter on one object
 * of some 300 properties, which V8 keeps in dictionary mode, so each `rxjs.from` that a
 * compiled module reads is a hash lookup and a getter call: about 10 ns, against about 1 ns
 * for a property of this small object. On the hot paths that was 6% of creating and awaiting
 * a Task (W2). Code that runs once per operation imports from `rxjs` as usual.
 */
export const rx = { asapScheduler, asyncScheduler, from: fromInput, Observable, Subscription } as const;
