import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** `True`/`False`, as Python prints booleans, so our traces read like CPython's. */
export const py = (b: boolean): string => (b ? 'True' : 'False');

let python: string | null | undefined;
function findPython(): string | null {
  if (python === undefined) {
    try {
      execFileSync('python3', ['-c', 'import sys; assert sys.version_info >= (3, 11)'], { stdio: 'ignore' });
      python = 'python3';
    } catch {
      python = null;
    }
  }
  return python;
}

/**
 * The lines CPython (≥ 3.11) prints for `spec/python/<script>`, or `expected` itself when no
 * python3 is installed (CI images without Python still check our side against the recorded
 * trace). Specs assert `expected` against both this and our own trace.
 */
export function pythonTrace(script: string, expected: readonly string[]): string[] {
  const exe = findPython();
  if (exe === null) return [...expected];
  const out = execFileSync(exe, [join(__dirname, '..', 'python', script)], { encoding: 'utf8' });
  return out.trimEnd().split('\n');
}
