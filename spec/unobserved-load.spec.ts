import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Unobserved failures under load: soak/unobserved.ts, in a child `node --expose-gc`, fails
 * 10,000 Tasks nobody observes, 10,000 observed ones (subscribed, awaited, result(),
 * exception()) and cancels 10,000 more; each unobserved failure must be reported exactly
 * once through setUnobservedErrorHandler, none of the others, and no unhandledRejection.
 */
describe('unobserved failures under load', () => {
  it('reports each of 10,000 unobserved failures exactly once, and no observed or cancelled Task', () => {
    const root = join(__dirname, '..');
    const r = spawnSync(
      process.execPath,
      ['--expose-gc', '--require', require.resolve('tsx/cjs'), join(root, 'soak', 'unobserved.ts'), '--size', '10000'],
      {
        encoding: 'utf8',
        cwd: root,
      },
    );
    expect(r.stderr).toBe('');
    const result = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
    expect(result).toMatchObject({
      size: 10_000,
      reportedLost: 10_000,
      duplicates: 0,
      reportedObservedOrCancelled: 0,
      unhandledRejections: 0,
      ok: true,
    });
    expect(r.status).toBe(0);
  }, 60_000);
});
