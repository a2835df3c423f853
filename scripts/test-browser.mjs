// npm run test:browser — the packed package bundled for a real browser.
//
// Installs the tarball and rxjs@7.8.2 (a normal dependency) into a fresh project, bundles
// test-consumers/browser/page.mjs with esbuild for the browser (a `node:` import anywhere
// in the library would fail here), serves it from 127.0.0.1, opens it in headless Debian
// Chromium, and reads the results the page wrote into the DOM back, comparing them with
// the example's expected lines (test-consumers/node/example.cjs; sections whose exports
// the package lacks are skipped, with their names).
import { cpSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { readPage, serve } from './lib/browser.mjs';
import { npmInstall, packedTarball, root, tempDir } from './lib/util.mjs';

const require = createRequire(import.meta.url);
const esbuild = require('esbuild');
const example = require('../test-consumers/node/example.cjs');

const tarball = packedTarball();
const project = tempDir('browser');
cpSync(join(root, 'test-consumers'), join(project, 'test-consumers'), { recursive: true });
npmInstall(project, [tarball, 'rxjs@7.8.2']);

const site = join(project, 'site');
const result = await esbuild.build({
  entryPoints: [join(project, 'test-consumers/browser/page.mjs')],
  outfile: join(site, 'page.js'),
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  minify: true,
  metafile: true,
  logLevel: 'warning',
});
cpSync(join(root, 'test-consumers/browser/index.html'), join(site, 'index.html'));
const inputs = Object.keys(result.metafile.inputs);
const ours = inputs.filter((p) => p.includes('node_modules/rxjs-asyncio/'));
if (ours.length === 0) throw new Error('the bundle does not contain rxjs-asyncio from node_modules');
// One copy of each: our ES module next to rxjs's ES build, never a CommonJS rxjs beside it.
const builds = (pkg) =>
  new Set(
    inputs
      .filter((p) => p.includes(`node_modules/${pkg}/`))
      .map((p) => p.split(`node_modules/${pkg}/`)[1].split('/').slice(0, 2).join('/')),
  );
const rxjsBuilds = [...builds('rxjs')];
if (rxjsBuilds.length !== 1)
  throw new Error(`the bundle holds ${rxjsBuilds.length} builds of rxjs: ${rxjsBuilds.join(', ')}`);
const ourBuilds = [...builds('rxjs-asyncio')];
if (ourBuilds.length !== 1)
  throw new Error(`the bundle holds ${ourBuilds.length} builds of rxjs-asyncio: ${ourBuilds.join(', ')}`);
console.log(
  `bundled ${inputs.length} modules (rxjs-asyncio's ${ourBuilds[0]}, rxjs's ${rxjsBuilds[0]}), ${readFileSync(join(site, 'page.js')).length} bytes`,
);

const server = await serve(site);
let page;
try {
  page = await readPage(
    server.url,
    () => document.body.dataset.done !== undefined,
    () => ({
      done: document.body.dataset.done,
      status: document.getElementById('status')?.textContent ?? '',
      names: (document.getElementById('exports')?.textContent ?? '').split('\n').filter(Boolean),
      report: [...document.querySelectorAll('#results li')].map((li) =>
        li.dataset.status === 'skip'
          ? { section: li.dataset.section, status: 'skip', missing: (li.dataset.missing ?? '').split(',') }
          : {
              section: li.dataset.section,
              status: 'ok',
              lines: (li.querySelector('pre')?.textContent ?? '').split('\n'),
            },
      ),
    }),
  );
} finally {
  await server.close();
}

const { value, errors } = page;
console.log(`Chromium (${server.url}): ${value.status}`);
console.log(example.formatReport(value.report));
const problems = [...errors];
if (value.done !== 'ok') problems.push(`the page failed: ${value.status}`);
if (value.report.length !== Object.keys(example.expected).length)
  problems.push(`the page showed ${value.report.length} sections`);
problems.push(...example.checkReport(value.report, value.names));
if (problems.length > 0) {
  for (const problem of problems) console.error(`  FAIL ${problem}`);
  process.exit(1);
}
console.log('test:browser: the page ran the example in headless Chromium and showed the expected results');
