/** Bundles the worker with esbuild: one ESM file, rxjs and the p-* packages loaded from node_modules. */
import { buildSync } from 'esbuild';
import { join } from 'node:path';

export const OUT_DIR = join(__dirname, '.out');
export const WORKER = join(OUT_DIR, 'worker.cjs');

export function buildWorker(): void {
  buildSync({
    entryPoints: [join(__dirname, 'worker.ts')],
    outfile: WORKER,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['rxjs', 'p-limit', 'p-map'],
    logLevel: 'warning',
  });
}
