import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defer, EMPTY, finalize, mergeMap, of, throwError } from 'rxjs';
import { createTask, run, sleep, type Task } from '../lib';

const lib = join(__dirname, '..', 'lib');
const rxjs = require.resolve('rxjs');
const dir = mkdtempSync(join(tmpdir(), 'rxjs-asyncio-run-'));

/** Starts `body` as a Node script (through tsx); SIGINTs it once it prints `ready`. */
function interrupt(name: string, body: string): Promise<{ stdout: string; stderr: string; code: number | null }> {
  const file = join(dir, `${name}.ts`);
  writeFileSync(
    file,
    `import { run, sleep, createTask, CancelledError } from ${JSON.stringify(lib)};\n` +
      `import { defer, finalize, concat } from ${JSON.stringify(rxjs)};\n` +
      `void run; void sleep; void createTask; void CancelledError; void defer; void finalize; void concat;\n` +
      body,
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      if (d.includes('ready')) child.kill('SIGINT');
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
  });
}

describe('run', () => {
  it('on SIGINT cancels the main Task, runs its teardowns and exits with 130, even if its Promise is not caught', async () => {
    const { stdout, stderr, code } = await interrupt(
      'sigint',
      `run(defer(() => { console.log('ready'); return sleep(60_000); }).pipe(finalize(() => console.log('teardown'))));\n`,
    );
    expect(stdout.trim().split('\n')).toEqual(['ready', 'teardown']);
    expect(stderr).toBe('');
    expect(code).toBe(130);
  });

  it('rejects with CancelledError after the teardowns, cancelling the other Tasks too; the main Task is Task-1', async () => {
    const { stdout, code } = await interrupt(
      'sigint-catch',
      `run(() => {
         const child = createTask(sleep(60_000).pipe(finalize(() => console.log('child teardown'))));
         console.log('child is', child.name);
         return concat(sleep(0), defer(() => { console.log('ready'); return sleep(60_000); })).pipe(finalize(() => console.log('main teardown')));
       }).then(
         () => console.log('resolved?'),
         (e: unknown) => console.log('rejected', e instanceof CancelledError, process.exitCode),
       );\n`,
    );
    expect(stdout.trim().split('\n')).toEqual(['child is Task-2', 'ready', 'main teardown', 'child teardown', 'rejected true 130']);
    expect(code).toBe(130);
  });

  it('returns a Promise of main’s result and removes its SIGINT listener', async () => {
    const before = process.listenerCount('SIGINT');
    const result = run(sleep(1, 'value'));
    expect(process.listenerCount('SIGINT')).toBe(before + 1);
    expect(await result).toBe('value');
    expect(process.listenerCount('SIGINT')).toBe(before);
  });

  it('accepts a function of the main Task’s AbortSignal', async () => {
    expect(await run((signal) => of(signal.aborted ? 'aborted' : 'live'))).toBe('live');
  });

  it('rejects with main’s error and removes its listener', async () => {
    const before = process.listenerCount('SIGINT');
    await expect(run(throwError(() => new Error('main failed')))).rejects.toThrow('main failed');
    expect(process.listenerCount('SIGINT')).toBe(before);
  });

  it('adds no listener with handleSignals: false', async () => {
    const before = process.listenerCount('SIGINT');
    const result = run(of(1), { handleSignals: false });
    expect(process.listenerCount('SIGINT')).toBe(before);
    expect(await result).toBe(1);
  });

  it('cancels and awaits the Tasks still pending when main ends (asyncio.run)', async () => {
    const log: string[] = [];
    let leftover: Task<unknown> | undefined;
    const value = await run(
      defer(() => {
        leftover = createTask(sleep(60_000).pipe(finalize(() => log.push('leftover teardown'))));
        createTask(of('finished on its own'));
        return sleep(1, 'main done');
      }),
      { handleSignals: false },
    );
    expect(value).toBe('main done');
    expect(log).toEqual(['leftover teardown']);
    expect(leftover!.cancelled()).toBe(true);
  });

  it('does not track Tasks created after it ended', async () => {
    await run(EMPTY, { handleSignals: false });
    const later = createTask(sleep(5, 'kept'));
    await run(of(0).pipe(mergeMap(() => sleep(1))), { handleSignals: false });
    expect(await later).toBe('kept');
  });

  describe('bad input', () => {
    it.each([
      ['run(42)', () => run(42 as never), /^run\(\): `main` must be an ObservableInput.*got 42$/],
      ['options not an object', () => run(EMPTY, 1 as never), /^run\(\): `options` must be an object, got 1$/],
      ['a non-boolean handleSignals', () => run(EMPTY, { handleSignals: 'yes' as never }), /^run\(\): `options\.handleSignals` must be a boolean, got 'yes'$/],
    ])('throws a TypeError at once for %s and adds no listener', (_label, call, message) => {
      const before = process.listenerCount('SIGINT');
      expect(call).toThrow(TypeError);
      expect(call).toThrow(message);
      expect(process.listenerCount('SIGINT')).toBe(before);
    });
  });

});
