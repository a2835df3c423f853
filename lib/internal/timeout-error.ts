import { TimeoutError } from 'rxjs';

/**
 * Builds the `TimeoutError` our deadlines report. RxJS marks the constructor internal
 * (deprecated for users), but re-using RxJS's own class is the point: one
 * `instanceof TimeoutError` covers RxJS's `timeout` and ours. This is the only place
 * that constructs it, and RxJS's message ("Timeout has occurred") is kept.
 */
export function timeoutError(): TimeoutError {
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- RxJS's own class on purpose (see above)
  return new TimeoutError();
}
