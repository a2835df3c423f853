import { AsyncLocalStorage } from 'node:async_hooks';
import { captureContext, runInContext } from '../../lib/internal/context';

describe('async context', () => {
  it('captures the caller’s AsyncLocalStorage store and runs a callback in it later', async () => {
    const als = new AsyncLocalStorage<string>();
    const context = als.run('request-1', () => captureContext());
    expect(context).toBeDefined();
    const seen = await als.run('request-2', () => new Promise((resolve) => setTimeout(() => runInContext(context, () => resolve(als.getStore()), undefined), 1)));
    expect(seen).toBe('request-1');
    expect(als.getStore()).toBeUndefined();
  });

  it('runs the callback directly, with its argument, when there is no context', () => {
    const seen: number[] = [];
    runInContext(undefined, (n: number) => seen.push(n), 7);
    expect(seen).toEqual([7]);
  });

  it('does not import node:async_hooks statically (browser bundles)', () => {
    const { readFileSync } = jest.requireActual<typeof import('node:fs')>('node:fs');
    const source = readFileSync(require.resolve('../../lib/internal/context'), 'utf8');
    expect(source).not.toMatch(/^\s*import[^;]*['"](node:)?async_hooks['"]/m);
    expect(source).not.toMatch(/require\(['"](node:)?async_hooks['"]\)/);
  });
});
