/**
 * The soak's HTTP server, in its own process so the soak measures only its own memory:
 * starts the fake OpenAI server (demos/support/fake-openai-server.ts) with a seeded script
 * of `--requests` replies, `--faults` of them faults split evenly between 429 with
 * Retry-After, 500, connection resets and hangs; prints `{"baseURL": …}` as its first
 * line; on stdin's end prints what it served and exits.
 */
import { FakeOpenAIServer, type FakeReply } from '../demos/support/fake-openai-server';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** A small seeded PRNG (mulberry32), so a run can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function main(): Promise<void> {
  const requests = arg('requests', 20_000);
  const faults = arg('faults', 0.2);
  const random = prng(arg('seed', 1));
  const script: FakeReply[] = [];
  for (let i = 0; i < requests; i++) {
    const r = random();
    if (r >= faults) script.push({ kind: 'ok', content: 'ok' });
    else {
      const kind = Math.floor((r / faults) * 4);
      script.push(
        kind === 0
          ? { kind: 'rate-limit', retryAfterMs: 5 + Math.floor(random() * 20) }
          : kind === 1
            ? { kind: 'status', status: 500 }
            : kind === 2
              ? { kind: 'reset' }
              : { kind: 'hang' },
      );
    }
  }
  const server = await FakeOpenAIServer.start(script);
  process.stdout.write(`${JSON.stringify({ baseURL: server.baseURL })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    const served: Record<string, number> = {};
    for (const r of server.requests) served[r.reply.kind] = (served[r.reply.kind] ?? 0) + 1;
    void server.close().then(() => {
      process.stdout.write(
        `${JSON.stringify({ served, requests: server.requests.length, aborted: server.aborted })}\n`,
      );
      process.exit(0);
    });
  });
}

if (require.main === module) void main();
