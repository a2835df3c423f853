import { config } from 'rxjs';
import { reportError } from '../../lib/internal/report-error';

describe('reportError()', () => {
  afterEach(() => {
    config.onUnhandledError = null;
    jest.useRealTimers();
  });

  it('hands the error to config.onUnhandledError when set, synchronously', () => {
    const seen: unknown[] = [];
    config.onUnhandledError = (e) => seen.push(e);
    const e = new Error('x');
    reportError(e);
    expect(seen).toEqual([e]);
  });

  it('otherwise rethrows it from a fresh macrotask, never from the caller', () => {
    jest.useFakeTimers();
    const e = new Error('y');
    expect(() => reportError(e)).not.toThrow();
    expect(() => jest.runOnlyPendingTimers()).toThrow(e);
  });
});
