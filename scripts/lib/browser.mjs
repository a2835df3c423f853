// Headless Debian Chromium (driven by puppeteer-core, no browser download) and a static
// file server on 127.0.0.1, shared by test:browser and test:angular.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import puppeteer from 'puppeteer-core';
import { tempDir } from './util.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves `dir` on 127.0.0.1 (a free port); unknown paths get index.html, as a single-page
 * app's server does.
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function serve(dir) {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    let file = join(dir, path);
    if (!file.startsWith(dir + sep) || !existsSync(file) || statSync(file).isDirectory())
      file = join(dir, 'index.html');
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the server has no port');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}

/**
 * Opens `url` in a fresh headless Chromium, waits until `ready()` (run in the page) is
 * true, and returns what `read` (run in the page) returns, plus every console error and
 * page error seen.
 * @template T
 * @param {string} url
 * @param {() => boolean} ready
 * @param {() => T} read
 * @returns {Promise<{ value: T, errors: string[] }>}
 */
export async function readPage(url, ready, read) {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: false, // '--headless' is passed below, as Debian's Chromium takes it
    userDataDir: tempDir('chromium-profile'),
    args: [
      '--headless',
      '--no-sandbox', // CI runs as root, where Chromium's sandbox cannot start
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`page error: ${error instanceof Error ? error.message : error}`));
    page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()}`));
    await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
    await page.waitForFunction(ready, { timeout: 30_000, polling: 50 });
    return { value: await page.evaluate(read), errors };
  } finally {
    await browser.close();
  }
}
