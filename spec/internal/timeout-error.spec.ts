import { TimeoutError } from 'rxjs';
import { timeoutError } from '../../lib/internal/timeout-error';

describe('timeoutError()', () => {
  it('builds RxJS’s TimeoutError with RxJS’s message', () => {
    const e = timeoutError();
    expect(e).toBeInstanceOf(TimeoutError);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('TimeoutError');
    expect(e.message).toBe('Timeout has occurred');
    expect(timeoutError()).not.toBe(e);
  });
});
