// asCompleted: results in completion order.
import { of, type Observable } from 'rxjs';
import { asCompleted } from 'rxjs-asyncio';

export function completing(): void {
  expectType<Observable<number>>()(asCompleted([of(1), Promise.resolve(2)], { timeout: 100 }));
  expectType<Observable<string>>()(asCompleted(new Set([of('a')])));
  // @ts-expect-error the timeout is a number of ms or null
  asCompleted([of(1)], { timeout: '1s' });
}
