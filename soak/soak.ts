/**
 * The soak: `npm run soak` (`tsx soak/soak.ts`), or `tsx soak/soak.ts --size 1000` for a
 * few-second run in CI.
 *
 * `--size` jobs (default 10,000) call a local fake HTTP server (soak/server.ts, in a child
 * process) that answers 20 % of requests with a fault — a 429 with Retry-After, a 500, a
 * connection reset or a hang — each job bounded by `Semaphore(100)` (`holding`), each
 * attempt by `timeout`, retried by `retryWithDelay` with a fallback, and 5 % of the jobs
 * cancelled at a random moment. It prints the jobs that succeeded, fell back and were
 * cancelled (summing to `--size`: none lost), the peak number of requests in flight
 * (≤ 100), the retries per fault kind, RSS at the start and the end (after a forced GC,
 * within 10 %), the handles still open at the end (none) and the unhandled rejections
 * (none), and exits 1 if any of that does not hold.
 */
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Observable, of } from 'rxjs';
import { createTask, holding, retryWithDelay, Semaphore, sleep, timeout, TimeoutError, type Task } from '../lib';
import { prng } from './server';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i > 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v < 0)
    throw new RangeError(`soak: --${name} must be a number ≥ 0, got ${process.argv[i + 1]}`);
  return v;
}

const size = arg('size', 10_000);
const seed = arg('seed', 1);
const permits = arg('concurrency', 100);
const hangTimeout = arg('timeout', 1000); // ms an attempt may take before `timeout` gives up on it
const cancelShare = 0.05;
const faults = arg('faults', 0.2);
const warmupShare = arg('warmup', 0.2); // share of --size run first, unmeasured

/** 429: the server asks us to wait `retryAfterMs`. */
class RateLimited extends Error {
  override name = 'RateLimited';
  constructor(readonly retryAfterMs: number) {
    super(`429, retry after ${retryAfterMs} ms`);
  }
}
/** 5xx. */
class ServerError extends Error {
  override name = 'ServerError';
}
/** The connection was reset (or closed) before an answer. */
class ConnectionReset extends Error {
  override name = 'ConnectionReset';
}

const FALLBACK = 'fallback';

async function main(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc!;
  let unhandled = 0;
  process.on('unhandledRejection', () => {
    unhandled++;
  });
  const random = prng(seed + 1);

  const server = spawn(
    process.execPath,
    [
      ...process.execArgv,
      join(__dirname, 'server.ts'),
      '--requests',
      String(size * 4),
      '--seed',
      String(seed),
      '--faults',
      String(faults),
    ],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: server.stdout })[Symbol.asyncIterator]();
  const { baseURL } = JSON.parse((await lines.next()).value as string) as { baseURL: string };
  const url = `${baseURL}/chat/completions`;
  const agent = new Agent({ keepAlive: true, maxSockets: permits });

  let inFlight = 0;
  let peak = 0;
  const retries: Record<string, number> = { RateLimited: 0, ServerError: 0, ConnectionReset: 0, TimeoutError: 0 };

  /**
   * One POST, as an Observable: unsubscribing before the answer destroys the request. It
   * counts as in flight from its subscription to its teardown.
   */
  const post = new Observable<string>((subscriber) => {
    let answered = false;
    peak = Math.max(peak, ++inFlight);
    const fail = (e: Error) => subscriber.error(new ConnectionReset(e.message));
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', fail);
      res.on('end', () => {
        answered = true;
        const status = res.statusCode ?? 0;
        if (status === 200) {
          subscriber.next(Buffer.concat(chunks).toString('utf8'));
          subscriber.complete();
        } else if (status === 429) subscriber.error(new RateLimited(Number(res.headers['retry-after-ms'] ?? 0)));
        else subscriber.error(new ServerError(`HTTP ${status}`));
      });
    });
    req.on('error', fail);
    req.end(JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }));
    return () => {
      inFlight--;
      if (!answered) req.destroy();
    };
  });

  const sem = new Semaphore(permits);
  const job = post.pipe(
    timeout(hangTimeout),
    holding(sem),
    retryWithDelay<string>({
      attempts: 5,
      delay: [
        [RateLimited, 10],
        [ServerError, 5],
        [ConnectionReset, 5],
        [TimeoutError, 0],
      ],
      backoff: { factor: 2, max: 100 },
      jitter: 0.5,
      random,
      retryAfter: (e) => (e instanceof RateLimited ? e.retryAfterMs : undefined),
      onRetry: ({ error }) => {
        retries[(error as Error).name]++;
      },
      fallback: () => of(FALLBACK),
    }),
  );

  /** Runs `n` jobs as Tasks at once, cancelling ~5 % at random moments; resolves with the outcomes. */
  const batch = async (n: number, prefix: string) => {
    const outcome = { succeeded: 0, fellBack: 0, cancelled: 0, cancelRequests: 0 };
    let settled = 0;
    let allDone!: () => void;
    const finished = new Promise<void>((resolve) => (allDone = resolve));
    const onDone = (task: Task<string>) => {
      if (task.cancelled()) outcome.cancelled++;
      else if (task.result() === FALLBACK) outcome.fellBack++;
      else outcome.succeeded++;
      if (++settled === n) allDone();
    };
    const expectedMs = (n / permits) * 5 + hangTimeout;
    for (let i = 0; i < n; i++) {
      const task = createTask(job, { name: `${prefix}-${i}` });
      task.addDoneCallback(onDone);
      if (random() < cancelShare) {
        outcome.cancelRequests++;
        sleep(random() * expectedMs).subscribe(() => task.cancel('soak'));
      }
    }
    if (n === 0) allDone();
    await finished;
    return outcome;
  };

  // Warm-up, two rounds (JIT, sockets, heap and allocator sizing), then the measured run.
  const warmup = Math.min(size, Math.max(1000, Math.round(size * warmupShare)));
  await batch(warmup, 'warmup');
  await batch(warmup, 'warmup'); // RSS plateaus after the second round
  Object.keys(retries).forEach((k) => (retries[k] = 0));
  peak = 0;
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const rssStart = process.memoryUsage().rss;
  const heapStart = process.memoryUsage().heapUsed;
  const startedAt = Date.now();
  const outcome = await batch(size, 'job');
  const cancelRequests = outcome.cancelRequests;
  const ms = Date.now() - startedAt;

  agent.destroy();
  server.stdin.end();
  const served = JSON.parse((await lines.next()).value as string) as Record<string, unknown>;
  await new Promise<void>((resolve) => (server.exitCode !== null ? resolve() : server.once('exit', () => resolve())));
  await new Promise<void>((resolve) => setTimeout(resolve, 50)); // let destroyed sockets close
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const rssEnd = process.memoryUsage().rss;
  const heapEnd = process.memoryUsage().heapUsed;
  const handles = process.getActiveResourcesInfo().filter((h) => h !== 'TTYWrap' && h !== 'PipeWrap');

  const sum = outcome.succeeded + outcome.fellBack + outcome.cancelled;
  const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`;
  const checks = {
    'sum equals size (none lost)': sum === size,
    [`peak in flight ≤ ${permits}`]: peak <= permits,
    'RSS at the end within 10 % of the start': rssEnd <= rssStart * 1.1,
    'no open handles': handles.length === 0,
    'no unhandledRejection': unhandled === 0,
  };
  console.log(
    `soak: ${size} jobs (after 2 × ${warmup} warm-up jobs), seed ${seed}, Semaphore(${permits}), timeout ${hangTimeout} ms, ${ms} ms`,
  );
  console.log(
    `  succeeded ${outcome.succeeded}, fell back ${outcome.fellBack}, cancelled ${outcome.cancelled} (sum ${sum}; ${cancelRequests} cancel requests)`,
  );
  console.log(`  peak in flight ${peak}`);
  console.log(
    `  retries by fault: 429 ${retries.RateLimited}, 500 ${retries.ServerError}, reset ${retries.ConnectionReset}, hang (timeout) ${retries.TimeoutError}`,
  );
  console.log(`  server (warm-up included): ${JSON.stringify(served)}`);
  console.log(
    `  RSS start ${mb(rssStart)}, end ${mb(rssEnd)} (${(((rssEnd - rssStart) / rssStart) * 100).toFixed(1)} %)`,
  );
  console.log(`  heap used start ${mb(heapStart)}, end ${mb(heapEnd)}`);
  console.log(`  open handles: ${handles.length ? handles.join(', ') : 'none'}; unhandledRejection: ${unhandled}`);
  for (const [name, ok] of Object.entries(checks)) console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}`);
  return Object.values(checks).every(Boolean) ? 0 : 1;
}

if ((globalThis as { gc?: unknown }).gc === undefined) {
  // Forced GC needs --expose-gc: run again with it (tsx's loader flags are in execArgv).
  const child = spawn(process.execPath, ['--expose-gc', ...process.execArgv, __filename, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  child.on('exit', (code) => (process.exitCode = code ?? 1));
} else {
  void main().then((code) => (process.exitCode = code));
}
