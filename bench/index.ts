/**
 * `npm run bench`: rxjs-asyncio against its peers, every case in its own process, in one
 * run. Prints the table of medians (min–max), the same-run ratios and the targets of
 * issue 7, and writes bench/results.json and bench/scaling.svg.
 *
 *   npm run bench                    the full run (about 10–15 minutes on 2 cores)
 *   npm run bench -- --quick         smaller n, 3 repeats: a smoke run of the harness
 *   npm run bench -- --only W1,W4    some workloads only
 *   npm run bench -- --repeats 7     timed repeats per case (default 5)
 *   npm run bench -- --rounds 1      processes per case, interleaved with its peers' (default 3)
 *   npm run bench -- --profile 'W2/rxjs-asyncio/createTask' --n 100000
 *                                    one case under --cpu-prof: its top frames
 *   npm run bench -- --only W3 --no-gc --out /tmp/w3
 *                                    a diagnostic: no forced GC before each timed run
 *                                    (see the README's Performance section)
 *
 * JavaScript cases run as one esbuild bundle of bench/worker.ts (the same code for every
 * implementation, fed to `node --expose-gc -` on stdin); CPython cases run
 * bench/python/worker.py.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workerCode } from './build';
import { plan, type PlannedCase } from './plan';
import { profileCase } from './profile';
import { fmtMs, markdown, ratioLines, ratios, tableLines, targetLines, targets, toEntry, type Entry } from './report';
import { runRounds, type CaseResult } from './run-case';
import { scalingSvg } from './svg';

/** The options that take a value, and the flags that take none. */
const VALUED = ['--only', '--repeats', '--rounds', '--profile', '--n', '--out'];
const FLAGS = ['--quick', '--no-gc'];

function parseArgs(argv: string[]) {
  // A mistyped option must not start a 10-minute run that overwrites the committed results.
  for (let i = 0; i < argv.length; i++) {
    if (VALUED.includes(argv[i])) {
      if (++i >= argv.length) throw new RangeError(`npm run bench: ${argv[i - 1]} needs a value`);
    } else if (!FLAGS.includes(argv[i])) {
      throw new RangeError(`npm run bench: unknown option '${argv[i]}' (see the top of bench/index.ts)`);
    }
  }
  const quick = argv.includes('--quick');
  const forcedGc = !argv.includes('--no-gc');
  const at = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const only = at('--only');
  const repeats = Number(at('--repeats') ?? (quick ? 3 : 5));
  if (!Number.isInteger(repeats) || repeats < 1) throw new RangeError('--repeats must be a positive integer');
  const rounds = Number(at('--rounds') ?? (quick ? 1 : 3));
  if (!Number.isInteger(rounds) || rounds < 1) throw new RangeError('--rounds must be a positive integer');
  const profile = at('--profile');
  const n = Number(at('--n') ?? 100_000);
  const out = at('--out');
  // The committed results are always measured as the README says, with the forced GC.
  if (!forcedGc && out === undefined) throw new RangeError('--no-gc is a diagnostic: give it an --out directory');
  return {
    quick,
    forcedGc,
    repeats,
    rounds,
    profile,
    n,
    only: only ? new Set(only.split(',')) : undefined,
    out: out ?? __dirname,
  };
}

function pythonVersion(): string | null {
  const result = spawnSync('python3', ['-c', 'import sys; print(sys.version.split()[0])'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  workerCode(); // bundle once, before the first case
  if (args.profile) {
    profileCase(args.profile, args.n);
    return;
  }
  const python = pythonVersion();
  const cases = plan({ quick: args.quick, only: args.only, python: python !== null });
  const repeatsPerRound = Math.ceil(args.repeats / args.rounds);
  const gcNote = args.forcedGc ? '' : ', no forced GC before the timed runs (--no-gc)';
  console.log(
    `rxjs-asyncio benchmarks: node ${process.version}, python ${python ?? 'absent'}, ${cases.length} cases, ` +
      `${args.rounds} round(s) of processes per case, each 1 warm-up + ${repeatsPerRound} timed runs${args.quick ? ' (--quick)' : ''}${gcNote}`,
  );
  if (!python) console.log('skipped: CPython cases (python3 not found)');

  const started = Date.now();
  // `repeats` timed runs or more, spread over `rounds` processes per case (see runRounds).
  const results = await runRounds(
    cases,
    args.rounds,
    repeatsPerRound,
    (result) => console.log(progressLine(result)),
    args.forcedGc,
  );

  const entries: Entry[] = results.filter((r) => r.status !== 'skipped').map(toEntry);
  const skipped = results
    .filter((r) => r.status === 'skipped')
    .map((r) => `${r.planned.workload} ${r.planned.impl} ${r.planned.variant}: ${r.note}`)
    .filter(unique);
  const ratioList = ratios(entries);
  const targetList = args.quick ? [] : targets(entries);
  const lines = [
    ...tableLines(entries, skipped),
    ...ratioLines(ratioList),
    ...(args.quick
      ? ['', 'Targets are checked at the full sizes only (run without --quick).']
      : targetLines(targetList)),
  ];
  console.log(lines.join('\n'));

  const date = new Date().toISOString();
  const json = {
    node: process.version,
    python: python ?? null,
    date,
    quick: args.quick,
    repeats: args.rounds * repeatsPerRound,
    rounds: args.rounds,
    forcedGc: args.forcedGc,
    results: entries,
    skipped,
    ratios: ratioList,
    targets: targetList,
  };
  mkdirSync(args.out, { recursive: true }); // `--out` may name a directory not made yet
  writeFileSync(join(args.out, 'results.json'), JSON.stringify(json, null, 2) + '\n');
  const budgetOf = (e: Entry) =>
    cases.find((c) => c.workload === e.workload && c.impl === e.impl && c.variant === e.variant && c.n === e.n)
      ?.runBudgetMs ?? 0;
  const subtitle = `node ${process.version}, CPython ${python ?? 'absent'}, ${date.slice(0, 10)}; medians of ${args.rounds * repeatsPerRound} runs in ${args.rounds} round(s)`;
  writeFileSync(join(args.out, 'scaling.svg'), scalingSvg(entries, budgetOf, subtitle));
  const header = `Node ${process.version}, CPython ${python ?? 'absent'}, ${date.slice(0, 16).replace('T', ' ')} UTC; medians of ${args.rounds * repeatsPerRound} runs per case, in ${args.rounds} round(s) of one process per case, interleaved with its peers${gcNote}. "vs rxjs-asyncio": the peer's time / ours (above 1: rxjs-asyncio is faster).`;
  writeFileSync(join(args.out, 'results.md'), markdown(entries, targetList, header) + '\n');
  console.log(
    `\nwrote results.json, results.md and scaling.svg to ${args.out} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
}

function unique<T>(value: T, index: number, all: T[]): boolean {
  return all.indexOf(value) === index;
}

function progressLine(r: CaseResult): string {
  const p: PlannedCase = r.planned;
  const head = `  ${p.id} n=${p.n}`;
  if (r.status !== 'ok') return `${head}: ${r.note}`;
  const times = r.runs.map((m) => m.ms).sort((a, b) => a - b);
  return `${head}: ${fmtMs(times[times.length >> 1])} median of ${times.length}`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
