import { TimeoutError as RxTimeoutError, timeout, of, delay, firstValueFrom } from 'rxjs';
import {
  BrokenBarrierError,
  CancelledError,
  ExceptionGroup,
  InvalidStateError,
  QueueEmpty,
  QueueFull,
  QueueShutDown,
  TimeoutError,
} from '../lib';

describe('errors', () => {
  it.each([
    ['CancelledError', CancelledError],
    ['InvalidStateError', InvalidStateError],
    ['QueueEmpty', QueueEmpty],
    ['QueueFull', QueueFull],
    ['QueueShutDown', QueueShutDown],
    ['BrokenBarrierError', BrokenBarrierError],
  ] as const)('%s sets its name, keeps message and cause, and works with instanceof', (name, Class) => {
    const cause = new Error('root');
    const e = new Class('msg', { cause });
    expect(e).toBeInstanceOf(Class);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe(name);
    expect(Object.prototype.hasOwnProperty.call(e, 'name')).toBe(false); // on the prototype, as Error's: nothing to define per instance
    expect(e.message).toBe('msg');
    expect(e.cause).toBe(cause);
    expect(String(e)).toBe(`${name}: msg`);
    expect(Object.getPrototypeOf(e)).toBe(Class.prototype);
  });

  it('the classes are distinct: one never passes for another', () => {
    expect(new CancelledError()).not.toBeInstanceOf(InvalidStateError);
    expect(new QueueEmpty()).not.toBeInstanceOf(QueueFull);
    expect(new CancelledError().message).toBe('');
  });

  it('ExceptionGroup takes Python’s (message, errors) order and extends AggregateError', () => {
    const a = new Error('a');
    const b = new TypeError('b');
    const group = new ExceptionGroup('unhandled errors in a TaskGroup', [a, b]);
    expect(group).toBeInstanceOf(ExceptionGroup);
    expect(group).toBeInstanceOf(AggregateError);
    expect(group.name).toBe('ExceptionGroup');
    expect(group.message).toBe('unhandled errors in a TaskGroup');
    expect(group.errors).toEqual([a, b]);
    expect(group.errors[1]).toBe(b);
  });

  it('TimeoutError is RxJS’s own class, so one instanceof covers RxJS’s timeout and ours', async () => {
    expect(TimeoutError).toBe(RxTimeoutError);
    const e = await firstValueFrom(of(1).pipe(delay(50), timeout(1))).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(TimeoutError);
  });
});
