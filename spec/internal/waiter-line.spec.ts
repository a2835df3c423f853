import { asyncScheduler } from 'rxjs';
import { checkSyncOptions, WaiterLine, type Wakeable } from '../../lib/internal/waiter-line';

function target(log: string[], name: string): Wakeable<string> {
  return {
    next: (v) => log.push(`${name} next ${v}`),
    error: (e: unknown) => log.push(`${name} error ${String(e)}`),
    complete: () => log.push(`${name} complete`),
  };
}

describe('WaiterLine (the FIFO line every lock and queue waits in)', () => {
  it('wakes the oldest waiter still waiting, FIFO', () => {
    const log: string[] = [];
    const line = new WaiterLine<string>();
    line.push(target(log, 'a'));
    const b = line.push(target(log, 'b'));
    line.push(target(log, 'c'));
    expect(b.unsubscribe()).toBe(true); // b leaves the line (a cancelled acquire)
    expect(b.unsubscribe()).toBe(false); // only once
    expect(line.size).toBe(2);
    expect(line.wakeFirst('x')).toBe(true);
    expect(line.wakeFirst('y')).toBe(true);
    expect(line.wakeFirst('z')).toBe(false);
    expect(log).toEqual(['a next x', 'a complete', 'c next y', 'c complete']);
  });

  it('removes from the middle, the head and the tail in O(1), keeping the links', () => {
    const log: string[] = [];
    const line = new WaiterLine<string>();
    const w = ['a', 'b', 'c', 'd', 'e'].map((n) => line.push(target(log, n)));
    w[0].unsubscribe();
    w[4].unsubscribe();
    w[2].unsubscribe();
    line.wakeAll(() => 'go');
    expect(log).toEqual(['b next go', 'b complete', 'd next go', 'd complete']);
    expect(line.size).toBe(0);
    expect(line.shift()).toBeNull();
  });

  it('carries a payload (a put’s item) and fails everyone with a fresh error each', () => {
    const log: string[] = [];
    const line = new WaiterLine<string, number>();
    expect(line.push(target(log, 'a'), 7).payload).toBe(7);
    line.push(target(log, 'b'), 8);
    let n = 0;
    line.failAll(() => `E${++n}`);
    expect(log).toEqual(['a error E1', 'b error E2']);
    expect(line.size).toBe(0);
  });

  it('checks the options bag of the primitives at call time', () => {
    expect(checkSyncOptions('Lock', undefined)).toBeUndefined();
    expect(checkSyncOptions('Lock', { scheduler: asyncScheduler })).toBe(asyncScheduler);
    expect(() => checkSyncOptions('Lock', 5)).toThrow(new TypeError('Lock(): `options` must be an object, got 5'));
    expect(() => checkSyncOptions('Lock', { scheduler: 1 })).toThrow(TypeError);
  });
});
