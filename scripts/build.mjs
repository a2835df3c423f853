// Builds dist/: one CommonJS build (tsc) plus a thin ESM entry that re-exports it.
//
// Why not two full builds: a dual build lets one app load both copies (an `import` from
// one file, a `require` from a dependency), and then it holds two CancelledError classes
// (`instanceof` fails across them) and two ready queues (FIFO order breaks). With one
// implementation behind both entries, every consumer shares one copy.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], {
  stdio: 'inherit',
});

const require = createRequire(import.meta.url);
const names = Object.keys(require(join(dist, 'cjs/index.js'))).filter((n) => n !== '__esModule').sort();
mkdirSync(join(dist, 'esm'), { recursive: true });
writeFileSync(
  join(dist, 'esm/index.mjs'),
  `// ESM entry: re-exports the CommonJS build so an app never holds two copies.\n` +
    `import cjs from '../cjs/index.js';\n\n` +
    `export const {\n${names.map((n) => `  ${n},`).join('\n')}\n} = cjs;\n`,
);
writeFileSync(join(dist, 'esm/index.d.mts'), `export * from '../cjs/index.js';\n`);
console.log(`dist/: CommonJS build and ESM entry with ${names.length} exports`);
