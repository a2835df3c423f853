/**
 * Runs one JavaScript case in its own process: `node --expose-gc worker.cjs <id> <n>
 * <repeats> <warmupN> [no-gc]`. One warm-up at `warmupN`, then `repeats` timed runs at `n`
 * (fewer for a very slow case, see SLOW_CASE_MS), each after a forced GC (not with
 * `no-gc`: the bench's diagnostic `--no-gc`). Prints `@@start` before each run (the runner's budget clock), one
 * line per timed run (`@@run {"ms":…}`), then `@@done`, or
 * `@@skip <reason>` when an export the case needs is not built yet.
 */
import { MissingExport } from './api';
import { heapAfterGc, macrotask } from './cases/common';
import { caseId, jsCases } from './cases/index';
import { slowCaseDone } from './plan';

async function main(): Promise<void> {
  const [id, nArg, repeatsArg, warmupArg, gcArg] = process.argv.slice(2);
  const forcedGc = gcArg !== 'no-gc';
  const found = jsCases.find((c) => caseId(c) === id);
  if (!found) throw new Error(`unknown case ${id}`);
  const n = Number(nArg);
  const repeats = Number(repeatsArg);
  try {
    process.stdout.write('@@start warm-up\n');
    await found.run(Number(warmupArg));
    let timedMs = 0;
    for (let r = 0; r < repeats; r++) {
      if (slowCaseDone(r, timedMs)) break;
      if (forcedGc) heapAfterGc();
      await macrotask();
      process.stdout.write(`@@start ${r + 1}\n`);
      const measure = await found.run(n);
      timedMs += measure.ms;
      process.stdout.write(`@@run ${JSON.stringify(measure)}\n`);
    }
    process.stdout.write('@@done\n');
  } catch (error) {
    if (error instanceof MissingExport) {
      process.stdout.write(`@@skip ${error.message}\n`);
      return;
    }
    throw error;
  }
}

main().then(
  // A 1-hour sleep of W5 may linger when a case failed to cancel it: leave anyway.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
