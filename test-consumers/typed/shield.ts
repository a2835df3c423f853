// shield: an operator that keeps the type.
import { of, type Observable } from 'rxjs';
import { createTask, shield } from 'rxjs-asyncio';

export function shielding(): void {
  expectType<Observable<number>>()(of(1).pipe(shield()));
  expectType<Observable<string>>()(createTask(of('t')).pipe(shield()));
  // @ts-expect-error shield takes no argument
  shield(1);
}
