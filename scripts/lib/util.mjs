// Small helpers shared by the package checks in scripts/.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs a command, its output going to ours; throws when it exits non-zero. */
export function sh(command, args, options = {}) {
  console.log(`$ ${[command, ...args].join(' ')}${options.cwd ? `   (in ${options.cwd})` : ''}`);
  execFileSync(command, args, { stdio: 'inherit', ...options });
}

/** Runs a command and returns what it printed on stdout. */
export function capture(command, args, options = {}) {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], ...options });
}

/** A fresh temporary folder, removed when the process exits (unless KEEP_TMP is set). */
export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), `rxjs-asyncio-${prefix}-`));
  process.on('exit', () => {
    if (process.env.KEEP_TMP) console.log(`(kept ${dir})`);
    else rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

/**
 * The package as users get it: `npm pack` of the built repository (run `npm run build`
 * first), or the tarball named by RXJS_ASYNCIO_TGZ (CI packs once and reuses it).
 * @returns {string} the absolute path of the .tgz
 */
export function packedTarball() {
  if (process.env.RXJS_ASYNCIO_TGZ) return resolve(process.env.RXJS_ASYNCIO_TGZ);
  const dir = tempDir('pack');
  sh('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const [file] = readdirSync(dir).filter((f) => f.endsWith('.tgz'));
  if (!file) throw new Error('npm pack wrote no tarball');
  return join(dir, file);
}

/** `npm install` into `dir`, quietly, never touching the repository's own lockfile. */
export function npmInstall(dir, specs) {
  sh('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', ...specs], { cwd: dir });
}
