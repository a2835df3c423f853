import { config } from 'rxjs';

/**
 * Reports an error thrown by a callback that has nobody to hand it to (a done callback,
 * say), the way RxJS reports an unhandled error: through `config.onUnhandledError` when
 * set, else rethrown from a fresh macrotask so the host (Node, the browser) reports it.
 * asyncio logs "Exception in callback"; it never lets one callback stop the loop.
 */
export function reportError(error: unknown): void {
  const handler = config.onUnhandledError;
  if (handler) {
    handler(error);
    return;
  }
  setTimeout(() => {
    throw error;
  });
}
