// The example every consumer runs — the ESM script, the CJS script and the browser page —
// taking the library and rxjs as arguments so each of them imports them its own way.
//
// Each section needs some exports. A section whose exports the package does not have (yet)
// is reported as skipped with the missing names; the runners check that those names really
// are missing, so a skip can never hide a broken example.
'use strict';

/** What each section must produce, line by line. */
const expected = {
  core: [
    'createTask + await: slept',
    'cancel: CancelledError bye, cancelled() true',
    'Future: 42',
    'Task as Observable: [7]',
  ],
  'gather + timeout': [
    'gather array: ["slow",1,"fast"]',
    'gather record: {"x":1,"y":"y"}',
    'gather returnExceptions: ["1","Error: boom"]',
    'timeout: TimeoutError (also instanceof rxjs TimeoutError: true)',
  ],
  retryWithDelay: [
    'onRetry: RateLimited attempt 1 wait 10',
    'onRetry: RateLimited attempt 2 wait 10',
    'retryWithDelay: ok after 3 calls',
  ],
};

const needs = {
  core: ['createTask', 'sleep', 'Future', 'Task', 'CancelledError'],
  'gather + timeout': ['gather', 'timeout', 'TimeoutError'],
  retryWithDelay: ['retryWithDelay'],
};

/**
 * Runs every section.
 * @param {Record<string, unknown>} asyncio the rxjs-asyncio module
 * @param {typeof import('rxjs')} rxjs
 * @returns {Promise<Array<{section: string, status: 'ok', lines: string[]} | {section: string, status: 'skip', missing: string[]}>>}
 */
async function runExamples(asyncio, rxjs) {
  const sections = { core, 'gather + timeout': gatherTimeout, retryWithDelay };
  const report = [];
  for (const [section, body] of Object.entries(sections)) {
    const missing = needs[section].filter((name) => asyncio[name] === undefined);
    if (missing.length > 0) report.push({ section, status: 'skip', missing });
    else report.push({ section, status: 'ok', lines: await body(asyncio, rxjs) });
  }
  return report;
}

async function core({ createTask, sleep, Future, Task, CancelledError }, { lastValueFrom, toArray }) {
  const lines = [];
  lines.push(`createTask + await: ${await createTask(sleep(5, 'slept'))}`);

  const doomed = createTask(sleep(10_000));
  doomed.cancel('bye');
  try {
    await doomed;
    lines.push('cancel: not cancelled');
  } catch (error) {
    lines.push(
      `cancel: ${error instanceof CancelledError ? 'CancelledError' : error} ${error.message}, cancelled() ${doomed.cancelled()}`,
    );
  }

  const future = new Future();
  setTimeout(() => future.setResult(42), 1);
  lines.push(`Future: ${await future}`);

  const task = createTask(sleep(1, 7));
  if (!(task instanceof Task)) throw new Error('createTask did not return a Task');
  lines.push(`Task as Observable: ${JSON.stringify(await lastValueFrom(task.pipe(toArray())))}`);
  return lines;
}

async function gatherTimeout({ gather, timeout, sleep, TimeoutError }, rxjs) {
  const { lastValueFrom, of, throwError } = rxjs;
  const lines = [];
  const list = await lastValueFrom(gather([sleep(20, 'slow'), of(1), sleep(5, 'fast')]));
  lines.push(`gather array: ${JSON.stringify(list)}`);
  const record = await lastValueFrom(gather({ x: sleep(5, 1), y: of('y') }));
  lines.push(`gather record: ${JSON.stringify(record)}`);
  const settled = await lastValueFrom(gather([of(1), throwError(() => new Error('boom'))], { returnExceptions: true }));
  lines.push(`gather returnExceptions: ${JSON.stringify(settled.map(String))}`);
  try {
    await lastValueFrom(sleep(10_000).pipe(timeout(10)));
    lines.push('timeout: no error');
  } catch (error) {
    const name = error instanceof TimeoutError ? 'TimeoutError' : String(error);
    lines.push(`timeout: ${name} (also instanceof rxjs TimeoutError: ${error instanceof rxjs.TimeoutError})`);
  }
  return lines;
}

async function retryWithDelay(asyncio, { defer, lastValueFrom, of, throwError }) {
  class RateLimited extends Error {
    name = 'RateLimited';
  }
  const lines = [];
  let calls = 0;
  const flaky = defer(() => (++calls < 3 ? throwError(() => new RateLimited('429')) : of('ok')));
  const policy = {
    attempts: 3,
    delay: [[RateLimited, 10]],
    onRetry: ({ error, attempt, delay }) => lines.push(`onRetry: ${error.name} attempt ${attempt} wait ${delay}`),
  };
  const result = await lastValueFrom(flaky.pipe(asyncio.retryWithDelay(policy)));
  lines.push(`retryWithDelay: ${result} after ${calls} calls`);
  return lines;
}

/**
 * Compares a report with `expected` and with the exports the package really lacks.
 * @param {Awaited<ReturnType<typeof runExamples>>} report
 * @param {string[]} exported names the package exports
 * @returns {string[]} problems (empty when all is well)
 */
function checkReport(report, exported) {
  const problems = [];
  for (const entry of report) {
    if (entry.status === 'skip') {
      const really = needs[entry.section].filter((name) => !exported.includes(name));
      if (JSON.stringify(really) !== JSON.stringify(entry.missing)) {
        problems.push(
          `${entry.section}: skipped for ${entry.missing.join(', ')} but the package lacks [${really.join(', ')}]`,
        );
      }
    } else if (JSON.stringify(entry.lines) !== JSON.stringify(expected[entry.section])) {
      problems.push(
        `${entry.section}: got ${JSON.stringify(entry.lines, null, 1)}, expected ${JSON.stringify(expected[entry.section], null, 1)}`,
      );
    }
  }
  return problems;
}

/** Prints a report the way every runner does. */
function formatReport(report) {
  return report
    .map((e) =>
      e.status === 'skip'
        ? `  SKIP ${e.section}: the package does not export ${e.missing.join(', ')} yet`
        : `  ok   ${e.section}\n${e.lines.map((l) => `         ${l}`).join('\n')}`,
    )
    .join('\n');
}

module.exports = { runExamples, checkReport, formatReport, expected, needs };
