import { defer, throwError, type Observable } from 'rxjs';
import { sleep } from 'rxjs-asyncio';

/** What a server answers with when it is busy (an HttpErrorResponse, in a real app). */
export class ServiceUnavailable extends Error {
  override name = 'ServiceUnavailable';
}

export interface User {
  id: number;
  name: string;
}

/** A fake HTTP backend, so the page needs no server of its own. */
export class Backend {
  /** How many times `orders()` was called. */
  calls = 0;

  user(id: number): Observable<User> {
    return sleep(20, { id, name: `Ada #${id}` });
  }

  /** Fails with 503 twice, then answers. */
  orders(): Observable<number> {
    return defer(() => (++this.calls < 3 ? throwError(() => new ServiceUnavailable('503')) : sleep(10, 7)));
  }

  /** Never answers in time. */
  report(): Observable<string> {
    return sleep(60_000, 'too late');
  }
}
