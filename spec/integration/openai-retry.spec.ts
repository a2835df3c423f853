/**
 * retryWithDelay with the real `openai` client against the local fake server, in real
 * time with short waits: request counts, Retry-After, client timeouts, cancellation that
 * aborts the request in flight, and nothing left open afterwards.
 */
import OpenAI, { APIConnectionTimeoutError, InternalServerError, RateLimitError } from 'openai';
import { asyncScheduler } from 'rxjs';
import { CancelledError, createTask, retryWithDelay, type RetryInfo } from '../../lib';
import { ask, requestWithRetry } from '../../demos/retry-openai';
import { DEFAULT_ANSWER, FakeOpenAIServer } from '../../demos/support/fake-openai-server';
import { LeakScheduler } from '../helpers/leak-accounting';

/** The article's waits (40 s, 3 s, 1 s) become 40 ms, 3 ms, 1 ms. */
const SCALE = 0.001;

/**
 * Jest runs specs in their own realm, where the abort error of a timed-out `fetch` (made
 * in Node's realm) fails the client's `instanceof Error` check, and a timeout would
 * surface as a plain APIConnectionError. Rethrowing it as an error of this realm, with
 * its name kept, lets the client see what it sees outside Jest (the demo's spec checks
 * that, in a child process).
 */
const sameRealmFetch = ((input: string | URL | Request, init?: RequestInit) =>
  fetch(input, init).catch((error: unknown) => {
    if (error instanceof Error) throw error;
    const e = error as { name?: string; message?: string };
    throw Object.assign(new Error(e.message, { cause: error }), { name: e.name });
  })) as typeof fetch;

let server: FakeOpenAIServer;
let resourcesBefore: string[];
/** The retry waits' scheduler: real time, counting the waits still pending. */
let scheduler: LeakScheduler;

function clientFor(timeout: number): OpenAI {
  return new OpenAI({ apiKey: 'test', baseURL: server.baseURL, maxRetries: 0, timeout, fetch: sameRealmFetch });
}

/** Process-level sockets and servers. (Timers are Jest's too; ours are counted by `scheduler`.) */
function openSockets(): string[] {
  return process
    .getActiveResourcesInfo()
    .filter((r) => r === 'TCPSocketWrap' || r === 'TCPServerWrap')
    .sort();
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

beforeEach(async () => {
  resourcesBefore = openSockets();
  scheduler = new LeakScheduler(asyncScheduler);
  server = await FakeOpenAIServer.start();
});

afterEach(async () => {
  await server.close();
  expect(server.listening).toBe(false);
  // The client's sockets close once the server's are gone: a few turns, more on a busy
  // machine (50 turns were once not enough with the whole suite running on both cores).
  const deadline = performance.now() + 2000;
  while (openSockets().length > resourcesBefore.length && performance.now() < deadline) await tick();
  expect(openSockets()).toEqual(resourcesBefore);
  expect(scheduler.live).toBe(0);
});

describe('retryWithDelay with the openai client', () => {
  it('recovers after a 429, a 503, a 500 and a reset: one request per attempt, the waits of the table', async () => {
    server.script([
      { kind: 'rate-limit', retryAfterMs: 25 },
      { kind: 'status', status: 503 },
      { kind: 'status', status: 500 },
      { kind: 'reset' },
    ]);
    const infos: RetryInfo[] = [];
    const ret = await createTask(
      requestWithRetry(clientFor(5_000), {
        attempts: 5,
        timeScale: SCALE,
        scheduler,
        onRetry: (info) => infos.push(info),
      }),
    );
    expect(ret?.choices[0].message.content).toBe(DEFAULT_ANSWER);
    expect(server.requests.map((r) => r.reply.kind)).toEqual(['rate-limit', 'status', 'status', 'reset', 'ok']);
    expect(infos.map((i) => [i.attempt, i.delay, (i.error as Error).constructor.name])).toEqual([
      [1, 25, 'RateLimitError'], // the server's retry-after-ms, not the table's 40 ms
      [2, 3, 'InternalServerError'], // 503: matched by status before APIError
      [3, 1, 'InternalServerError'],
      [4, 3, 'APIConnectionError'],
    ]);
  });

  it('honours retry-after in seconds and as an HTTP date (a past date means now)', async () => {
    server.script([
      { kind: 'rate-limit', retryAfter: '0.02' },
      { kind: 'rate-limit', retryAfter: new Date(Date.now() - 60_000).toUTCString() },
    ]);
    const delays: number[] = [];
    const ret = await createTask(
      requestWithRetry(clientFor(5_000), {
        attempts: 3,
        timeScale: SCALE,
        scheduler,
        onRetry: ({ delay }) => delays.push(delay),
      }),
    );
    expect(ret?.object).toBe('chat.completion');
    expect(delays).toEqual([20, 0]);
    expect(server.requests).toHaveLength(3);
  });

  it('retries a hung request after the client times out, with the Timeout wait', async () => {
    server.script([{ kind: 'hang' }]);
    const infos: RetryInfo[] = [];
    const aborted = server.nextAbort();
    const ret = await createTask(
      requestWithRetry(clientFor(150), {
        attempts: 2,
        timeScale: SCALE,
        scheduler,
        onRetry: (info) => infos.push(info),
      }),
    );
    expect(ret?.object).toBe('chat.completion');
    expect(infos).toHaveLength(1);
    expect(infos[0].error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(infos[0].delay).toBe(1);
    expect((await aborted).n).toBe(1); // the server saw the client hang up
    expect(server.requests).toHaveLength(2);
  });

  it('returns the fallback after exactly `attempts` requests, with no wait after the last', async () => {
    server.script([
      { kind: 'status', status: 500 },
      { kind: 'status', status: 500 },
      { kind: 'status', status: 500 },
    ]);
    const gaveUp: unknown[] = [];
    const ret = await createTask(
      requestWithRetry(clientFor(5_000), { attempts: 3, timeScale: SCALE, scheduler, onGiveUp: (e) => gaveUp.push(e) }),
    );
    expect(ret).toBeNull();
    expect(server.requests).toHaveLength(3);
    expect(gaveUp).toHaveLength(1);
    expect(gaveUp[0]).toBeInstanceOf(InternalServerError);
  });

  it('rethrows an error the table does not list after one request, without the fallback', async () => {
    server.script([{ kind: 'status', status: 500 }]);
    const fallback = jest.fn(() => [null]);
    const task = createTask(
      ask(clientFor(5_000)).pipe(
        retryWithDelay<unknown>({ attempts: 3, delay: [[RateLimitError, 10]], fallback, scheduler }),
      ),
    );
    await expect(task).rejects.toBeInstanceOf(InternalServerError);
    expect(server.requests).toHaveLength(1);
    expect(fallback).not.toHaveBeenCalled();
  });

  it('cancelling the Task aborts the request in flight: the server sees the socket close', async () => {
    server.script([{ kind: 'hang' }]);
    const task = createTask(requestWithRetry(clientFor(30_000), { attempts: 3, timeScale: SCALE, scheduler }));
    await server.nextRequest();
    const aborted = server.nextAbort();
    expect(task.cancel('user left')).toBe(true);
    expect((await aborted).n).toBe(1);
    await expect(task).rejects.toEqual(new CancelledError('user left'));
    expect(task.cancelled()).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('cancelling the Task during a wait starts no further request and leaves no timer', async () => {
    server.script([{ kind: 'rate-limit', retryAfterMs: 60_000 }]);
    let waiting!: () => void;
    const retrying = new Promise<void>((resolve) => (waiting = resolve));
    const task = createTask(
      requestWithRetry(clientFor(5_000), { attempts: 3, timeScale: SCALE, scheduler, onRetry: () => waiting() }),
    );
    await retrying;
    expect(scheduler.live).toBe(1); // the 60 s wait
    task.cancel();
    expect(scheduler.live).toBe(0); // removed at once
    await expect(task).rejects.toBeInstanceOf(CancelledError);
    expect(server.requests).toHaveLength(1);
  });
});
