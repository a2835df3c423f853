// npm run test:angular — consumers/angular, a standalone zoneless Angular 21 app, built for
// production against the packed tarball and checked in headless Chromium.
//
// The fixture's own `npm ci` first, then `npm install --no-save <tgz>` (never listed in its
// package.json, so a stale copy cannot hide a regression), `ng build`, serve dist/browser
// from 127.0.0.1, and read back what the component rendered. While the package lacks an
// export the app imports (gather, timeout, retryWithDelay live on other branches until they
// are merged), the check is skipped with their names.
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { readPage, serve } from './lib/browser.mjs';
import { packedTarball, root, sh } from './lib/util.mjs';

const app = join(root, 'consumers/angular');
const expected = {
  'gather, retryWithDelay, timeout, async pipe': 'Ada #1 has 7 orders (3 calls)',
  'timeout, toSignal': 'report: TimeoutError after 30 ms',
  'Task awaited': 'Task answer resolved to 42',
  'takeUntilDestroyed cancels a Task': 'long-poll: cancelled (CancelledError), cancelled() true',
};

/** The value names the app imports from 'rxjs-asyncio'. */
function importedNames(dir) {
  const names = new Set();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const text = readFileSync(join(entry.parentPath, entry.name), 'utf8');
    for (const [, list] of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'rxjs-asyncio'/g)) {
      for (const item of list.replace(/\/\/.*$/gm, '').split(',')) {
        const name = item.trim().split(/\s+as\s+/)[0];
        if (name && !name.startsWith('type ')) names.add(name);
      }
    }
  }
  return [...names].sort();
}

const tarball = packedTarball();
const npmOptions = { cwd: app, env: { ...process.env, NG_CLI_ANALYTICS: 'false' } };
sh('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], npmOptions);
sh('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', tarball], npmOptions);

const installed = Object.keys(createRequire(join(app, 'package.json'))('rxjs-asyncio'));
const missing = importedNames(join(app, 'src')).filter((name) => !installed.includes(name));
if (missing.length > 0) {
  console.log(`SKIP test:angular: the package does not export ${missing.join(', ')} yet (consumers/angular uses them)`);
  process.exit(0);
}

rmSync(join(app, 'dist'), { recursive: true, force: true });
sh(
  process.execPath,
  [join(app, 'node_modules/@angular/cli/bin/ng.js'), 'build', '--configuration', 'production', '--stats-json'],
  npmOptions,
);

// One copy of rxjs and of rxjs-asyncio, both ES builds.
const stats = JSON.parse(readFileSync(join(app, 'dist/stats.json'), 'utf8'));
const builds = (pkg) => [
  ...new Set(
    Object.keys(stats.inputs)
      .filter((p) => p.includes(`node_modules/${pkg}/`))
      .map((p) => p.split(`node_modules/${pkg}/`)[1].split('/').slice(0, 2).join('/')),
  ),
];
const problems = [];
for (const pkg of ['rxjs', 'rxjs-asyncio']) {
  const found = builds(pkg);
  if (found.length !== 1) problems.push(`the app bundles ${found.length} builds of ${pkg}: ${found.join(', ')}`);
  else console.log(`bundled ${pkg} from ${found[0]}`);
}

const server = await serve(join(app, 'dist/browser'));
try {
  const { value, errors } = await readPage(
    server.url,
    () =>
      document.querySelectorAll('li[data-check]').length > 0 &&
      document.querySelectorAll('li[data-check]:not([data-final])').length === 0,
    () =>
      Object.fromEntries(
        [...document.querySelectorAll('li[data-check]')].map((li) => [li.dataset.check, li.textContent?.trim()]),
      ),
  );
  console.log(`Chromium (${server.url}) rendered:`);
  for (const [check, text] of Object.entries(value)) console.log(`  ${check}: ${text}`);
  problems.push(...errors);
  if (JSON.stringify(value) !== JSON.stringify(expected))
    problems.push(`expected ${JSON.stringify(expected, null, 1)}`);
} finally {
  await server.close();
}
if (problems.length > 0) {
  for (const problem of problems) console.error(`  FAIL ${problem}`);
  process.exit(1);
}
console.log('test:angular: the Angular app built against the packed package and rendered its results in Chromium');
