import { execFile } from 'node:child_process';
import { join } from 'node:path';

// Real sockets and the real openai client: real time, with the article's waits scaled
// down 50× (40 ms for 2 s). Elapsed times print in the article's seconds.
//
// The demo runs in a child Node process, as `npm run demo` runs it: that also proves it
// leaves nothing open (the process exits by itself), and it keeps the openai client out
// of Jest's separate realm, where the abort error of a timed-out fetch fails the client's
// `instanceof Error` check and a timeout would surface as a plain APIConnectionError.
const SCALE = 0.02;
const RESULT = 'RESULT ';

function runDemo(): Promise<{ code: number; lines: string[]; result: unknown }> {
  const code = `require('./demos/retry-openai.ts')
    .main((line) => console.log(line), { timeScale: ${SCALE} })
    .then((result) => console.log(${JSON.stringify(RESULT)} + JSON.stringify(result)))`;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--require', 'tsx/cjs', '-e', code],
      { cwd: join(__dirname, '..', '..'), timeout: 60_000 },
      (error, stdout, stderr) => {
        const all = stdout.trimEnd().split('\n');
        const last = all.findIndex((line) => line.startsWith(RESULT));
        if (stderr) console.error(stderr);
        resolve({
          code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
          lines: all.slice(0, last === -1 ? all.length : last),
          result: last === -1 ? undefined : JSON.parse(all[last].slice(RESULT.length)),
        });
      },
    );
  });
}

describe('demo retry-openai', () => {
  it("prints the article's messages with the waits actually used, the answer, then the fallback's null, and exits 0", async () => {
    const { code, lines, result } = await runDemo();
    expect(code).toBe(0);

    const timed = /^\+(\d+\.\d\d)s (.*)$/;
    const text = lines.map((line) => line.replace(timed, '$2'));
    expect(text).toEqual([
      'Run 1, retry=6: rate limit (Retry-After 2 s), 503, 500, reset, hang, then an answer',
      'Rate limit error, waiting for 2 seconds...',
      'Service unavailable error, waiting for 3 seconds...',
      'API error, waiting for 1 second...',
      'API Connection error, waiting for 3 seconds...',
      'Timeout error, waiting for 1 second...',
      'ret = "Hello! How can I help you today?" (6 requests)',
      'Run 2, retry=3: every attempt fails',
      'API error, waiting for 1 second...',
      'Rate limit error, waiting for 1.5 seconds...',
      'Service unavailable error, no attempt left: giving up',
      'ret = null (3 requests)',
      'server closed after 9 requests',
    ]);

    // Each message comes at least the previous wait after the one before it (a lower
    // bound only: requests take real time too). One ms of real time is 0.05 s here.
    const at = (i: number) => Number(timed.exec(lines[i])![1]);
    const gaps: [number, number, number][] = [
      [1, 2, 2],
      [2, 3, 3],
      [3, 4, 1],
      [4, 5, 3],
      [8, 9, 1],
      [9, 10, 1.5],
    ];
    for (const [from, to, wait] of gaps) expect(at(to) - at(from)).toBeGreaterThanOrEqual(wait - 0.1);
    // The last failure gives up at once: no wait after the last attempt.
    expect(at(11) - at(10)).toBeLessThan(1);

    expect(result).toMatchObject({ first: { object: 'chat.completion' }, second: null, requests: 9, aborted: 1 });
  }, 90_000);
});
