/**
 * `npm run bench -- --profile <case id> [--n N]`: runs one JavaScript case once (after a
 * warm-up) under `node --cpu-prof` and prints the functions with the most self time — the
 * first thing to read when a target is missed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, workerCode } from './build';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function, largest first: `[label, ms, share]`. */
export function topFrames(profile: CpuProfile, count: number): [string, number, number][] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)!.callFrame;
    const where = frame.url ? ` ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}` : '';
    const key = `${frame.functionName || '(anonymous)'}${where}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, us]) => [key, us / 1000, us / total]);
}

export function profileCase(id: string, n: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'rxjs-asyncio-prof-'));
  const run = spawnSync(
    process.execPath,
    ['--expose-gc', '--cpu-prof', `--cpu-prof-dir=${dir}`, '-', id, String(n), '1', String(Math.min(n, 100_000))],
    { encoding: 'utf8', cwd: ROOT, input: workerCode() },
  );
  process.stdout.write(
    run.stdout
      .split('\n')
      .filter((l) => l.startsWith('@@run') || l.startsWith('@@skip'))
      .join('\n') + '\n',
  );
  if (run.status !== 0) throw new Error(run.stderr);
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!;
  console.log(`profile: ${join(dir, file)} (open in Chrome DevTools → Performance)`);
  for (const [label, ms, share] of topFrames(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile, 30)) {
    console.log(`${ms.toFixed(1).padStart(9)} ms ${(share * 100).toFixed(1).padStart(5)}%  ${label}`);
  }
}
