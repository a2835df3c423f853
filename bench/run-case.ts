/** Runs one planned case in a child process and collects its timed runs. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, workerCode } from './build';
import type { Measure } from './cases/common';
import { slowCaseDone, type PlannedCase } from './plan';

export interface CaseResult {
  planned: PlannedCase;
  status: 'ok' | 'dnf' | 'skipped' | 'failed';
  runs: Measure[];
  /** Why a case was skipped, stopped or failed. */
  note?: string;
}

const PYTHON_WORKER = join(__dirname, 'python', 'worker.py');

/** `forcedGc: false` is the diagnostic `--no-gc`: no forced GC before the timed runs. */
export function runCase(planned: PlannedCase, repeats: number, forcedGc = true): Promise<CaseResult> {
  const args = [planned.id, String(planned.n), String(repeats), String(planned.warmupN)];
  if (!forcedGc) args.push('no-gc');
  const child =
    planned.lang === 'js'
      ? spawn(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '-', ...args], {
          cwd: ROOT,
          stdio: ['pipe', 'pipe', 'pipe'],
        })
      : spawn('python3', [PYTHON_WORKER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdin?.end(planned.lang === 'js' ? workerCode() : undefined);
  const runs: Measure[] = [];
  let stderr = '';
  let skipped: string | undefined;
  let done = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stopped = true;
      child.kill('SIGKILL');
    }, planned.runBudgetMs);
  };
  let buffered = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line.startsWith('@@start')) arm();
      else if (line.startsWith('@@run ')) runs.push(JSON.parse(line.slice(6)) as Measure);
      else if (line.startsWith('@@skip ')) skipped = line.slice(7);
      else if (line === '@@done') done = true;
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      if (skipped) resolve({ planned, status: 'skipped', runs, note: skipped });
      else if (stopped) {
        const seconds = planned.runBudgetMs / 1000;
        resolve({ planned, status: 'dnf', runs: [], note: `did not finish in ${seconds} s` });
      } else if (done && code === 0) resolve({ planned, status: 'ok', runs });
      else resolve({ planned, status: 'failed', runs, note: `exit ${code}: ${lastLine(stderr)}` });
    });
  });
}

/**
 * Runs the cases in rounds, one size of one workload at a time: round 1 runs every
 * implementation of the group once (each in its own process: a warm-up, then
 * `repeatsPerRound` timed runs), round 2 runs them all again, and so on. A case's timed
 * runs are pooled across its rounds. On a shared machine a burst of load, or a process
 * landing on a slower virtual CPU, then falls on every implementation of the group alike
 * instead of on whichever case ran during it, so the same-run ratios hold. Each process
 * still times a few runs after its warm-up: the second run of a process is often slower
 * than the later ones (the JIT and the heap are still settling), and users' processes
 * run warm. A case that did not finish, failed or was skipped is not run again; a slow
 * case (see SLOW_CASE_MS) stops once it has MIN_REPEATS runs.
 */
export async function runRounds(
  cases: readonly PlannedCase[],
  rounds: number,
  repeatsPerRound: number,
  onDone: (result: CaseResult) => void,
  forcedGc = true,
): Promise<CaseResult[]> {
  const groups = new Map<string, PlannedCase[]>();
  for (const planned of cases) {
    const key = `${planned.workload}/${planned.n}`;
    const group = groups.get(key) ?? [];
    group.push(planned);
    groups.set(key, group);
  }
  const results: CaseResult[] = [];
  for (const group of groups.values()) {
    const pooled = new Map<PlannedCase, CaseResult>();
    for (let round = 0; round < rounds; round++) {
      for (const planned of group) {
        const before = pooled.get(planned);
        if (before && (before.status !== 'ok' || enough(before))) continue;
        const result = await runCase(planned, repeatsPerRound, forcedGc);
        pooled.set(planned, before ? { ...result, runs: [...before.runs, ...result.runs] } : result);
      }
    }
    for (const planned of group) {
      const result = pooled.get(planned)!;
      results.push(result);
      onDone(result);
    }
  }
  return results;
}

function enough(result: CaseResult): boolean {
  return slowCaseDone(
    result.runs.length,
    result.runs.reduce((sum, m) => sum + m.ms, 0),
  );
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n');
  return lines.find((l) => l.includes('Error'))?.trim() ?? lines.at(-1)?.trim() ?? '';
}
