/**
 * Bundles the worker with esbuild into one CommonJS script held in memory (rxjs and the
 * p-* packages stay external, loaded from node_modules as users load them). Each case's
 * process reads it from stdin (`node -`), so nothing is written into the repository.
 */
import { buildSync } from 'esbuild';
import { join } from 'node:path';

let code: string | undefined;

export function workerCode(): string {
  code ??= buildSync({
    entryPoints: [join(__dirname, 'worker.ts')],
    write: false,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['rxjs', 'p-limit', 'p-map'],
    logLevel: 'warning',
  }).outputFiles[0].text;
  return code;
}

/** Where a worker runs: the repository root, so `require('rxjs')` finds node_modules. */
export const ROOT = join(__dirname, '..');
