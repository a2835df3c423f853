// Event (shadows the DOM's global Event once imported).
import { Event, Task } from 'rxjs-asyncio';

export async function signalling(): Promise<void> {
  const event = new Event();
  event.set();
  event.clear();
  expectType<boolean>()(event.isSet());
  expectType<Task<true>>()(event.wait());
  expectType<true>()(await event.wait());
  // @ts-expect-error set() takes no value
  event.set(1);
}
