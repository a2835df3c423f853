// Builds dist/:
//   dist/cjs/          the CommonJS build (tsc) with its .d.ts files — the one implementation
//                      every Node program loads, through `require` and `import` alike;
//   dist/esm/          index.mjs, Node's ESM entry: re-exports dist/cjs (and index.d.mts);
//   dist/bundler/      index.mjs, one ES module (esbuild) for bundlers and browsers.
//
// Why Node gets one CommonJS build behind both entries: a dual build lets one app load both
// copies (an `import` from one file, a `require` from a dependency), and then it holds two
// CancelledError classes (`instanceof` fails across them) and two ready queues (FIFO order
// breaks). With one implementation behind both entries, every Node consumer shares one copy.
//
// Why bundlers get an ES module: they resolve `rxjs` itself to its ES build (rxjs's
// `exports` send only the `node` and `require` conditions to its CommonJS build). Our
// CommonJS build `require`s rxjs's CommonJS build, so an Angular app would bundle two
// copies of rxjs: `instanceof TimeoutError` fails, `config.onUnhandledError` is not seen,
// and TestScheduler's virtual time does not reach our timers. The package's `exports`
// therefore mirror rxjs's: `node` and `require` → CommonJS, anything else → dist/bundler,
// so our copy always sits next to the rxjs copy the consumer has.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const require = createRequire(import.meta.url);
rmSync(dist, { recursive: true, force: true });

execFileSync(
  process.execPath,
  [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')],
  {
    stdio: 'inherit',
  },
);
const names = Object.keys(require(join(dist, 'cjs/index.js')))
  .filter((n) => n !== '__esModule')
  .sort();

mkdirSync(join(dist, 'esm'), { recursive: true });
writeFileSync(
  join(dist, 'esm/index.mjs'),
  `// Node's ESM entry: re-exports the CommonJS build so a Node app never holds two copies.\n` +
    `import cjs from '../cjs/index.js';\n\n` +
    `export const {\n${names.map((n) => `  ${n},`).join('\n')}\n} = cjs;\n`,
);
writeFileSync(join(dist, 'esm/index.d.mts'), `export * from '../cjs/index.js';\n`);

const esbuild = require('esbuild');
const result = esbuild.buildSync({
  entryPoints: [join(root, 'lib/index.ts')],
  outfile: join(dist, 'bundler/index.mjs'),
  tsconfig: join(root, 'tsconfig.build.json'),
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  external: ['rxjs', 'rxjs/*'],
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
});
const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint);
const esmNames = [...(output?.exports ?? [])].sort();
if (JSON.stringify(esmNames) !== JSON.stringify(names)) {
  throw new Error(`dist/bundler exports [${esmNames}] but dist/cjs exports [${names}]`);
}
console.log(`dist/: CommonJS build, Node ESM entry and bundler ES module, each with ${names.length} exports`);
