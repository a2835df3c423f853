/**
 * The article's production retry loop, `_request_with_retry(retry=3)`, rewritten with
 * `retryWithDelay` and run for real: the official `openai` client (with its own retries
 * off) against a local server that fails in every way the loop handles.
 *
 * ```python
 * async def _request_with_retry(retry=3):
 *     for _ in range(retry):
 *         try:
 *             response = await openai.ChatCompletion.acreate(...)
 *             return response
 *         except openai.error.RateLimitError:
 *             print("Rate limit error, waiting for 40 second...")
 *             await asyncio.sleep(40)
 *         except openai.error.APIError:
 *             print("API error, waiting for 1 second...")
 *             await asyncio.sleep(1)
 *         except openai.error.Timeout:
 *             print("Timeout error, waiting for 1 second...")
 *             await asyncio.sleep(1)
 *         except openai.error.ServiceUnavailableError:
 *             print("Service unavailable error, waiting for 3 second...")
 *             await asyncio.sleep(3)
 *         except openai.error.APIConnectionError:
 *             print("API Connection error, waiting for 3 second...")
 *             await asyncio.sleep(3)
 *     return None
 * ```
 *
 * Differences, on purpose: the server's Retry-After wins over the table's 40 s (so the
 * demo takes seconds), and no wait follows the last failed attempt.
 */
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, RateLimitError } from 'openai';
import type { ChatCompletion, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { defer, type Observable, type SchedulerLike } from 'rxjs';
import { createTask, retryWithDelay, type ErrorMatcher, type RetryInfo } from '../lib';
import { FakeOpenAIServer, type FakeReply } from './support/fake-openai-server';
import { clock, runIfMain, type DemoOptions, type Log } from './support/harness';

/**
 * The loop's `except` clauses as a table, in an order that works with openai 6's class
 * tree, where the first match wins: a 503 (matched by status) before `APIError`, which
 * covers `InternalServerError` (every 5xx) and the rest; `APIConnectionTimeoutError`
 * before its base `APIConnectionError`, which must come before `APIError`, its own base.
 */
export const ERROR_KINDS: readonly { label: string; matcher: ErrorMatcher; wait: number }[] = [
  { label: 'Service unavailable error', matcher: (e) => e instanceof APIError && e.status === 503, wait: 3_000 },
  { label: 'Rate limit error', matcher: RateLimitError, wait: 40_000 },
  { label: 'Timeout error', matcher: APIConnectionTimeoutError, wait: 1_000 },
  { label: 'API Connection error', matcher: APIConnectionError, wait: 3_000 },
  { label: 'API error', matcher: APIError, wait: 1_000 },
];

/** The label of the first kind the error matches, for the messages. */
export function labelOf(error: unknown): string {
  const kind = ERROR_KINDS.find(({ matcher }) =>
    matcher.prototype instanceof Error ? error instanceof matcher : (matcher as (e: unknown) => boolean)(error),
  );
  return kind?.label ?? 'Unexpected error';
}

/**
 * The server's wait, in ms: `retry-after-ms`, else `retry-after` in seconds or as an HTTP
 * date (the headers the openai client itself honours), else `undefined`.
 */
export function retryAfterFromHeaders(error: unknown): number | undefined {
  if (!(error instanceof APIError) || !error.headers) return undefined;
  const ms = parseFloat(error.headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms)) return ms;
  const header = error.headers.get('retry-after');
  if (header === null) return undefined;
  const seconds = parseFloat(header);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isFinite(date) ? date - Date.now() : undefined;
}

export const MESSAGES: ChatCompletionMessageParam[] = [{ role: 'user', content: 'Say hello.' }];

/** How `requestWithRetry` retries. */
export interface RequestWithRetryOptions {
  /** Total attempts (the article's `retry=3`). */
  attempts: number;
  /** Multiplies the table's waits (the server's Retry-After is used as given). Default 1. */
  timeScale?: number;
  /** Called before each retry (the article's prints). */
  onRetry?: (info: RetryInfo) => void;
  /** Called when every attempt has failed, before `null` is returned. */
  onGiveUp?: (error: unknown) => void;
  /** Time source of the waits. Default `asyncScheduler`. */
  scheduler?: SchedulerLike;
}

/**
 * One request, as a cold Observable: each subscription starts a Task whose AbortSignal
 * goes to the client, so unsubscribing (or cancelling a Task running this) aborts the
 * HTTP request in flight.
 */
export function ask(client: OpenAI): Observable<ChatCompletion> {
  return defer(() =>
    createTask((signal) => client.chat.completions.create({ model: 'gpt-4o-mini', messages: MESSAGES }, { signal })),
  );
}

/** `_request_with_retry`: `ask` with the article's table, Retry-After honoured, `null` when attempts run out. */
export function requestWithRetry(client: OpenAI, options: RequestWithRetryOptions): Observable<ChatCompletion | null> {
  const scale = options.timeScale ?? 1;
  return ask(client).pipe(
    retryWithDelay<ChatCompletion | null>({
      attempts: options.attempts,
      delay: ERROR_KINDS.map(({ matcher, wait }) => [matcher, wait * scale] as const),
      retryAfter: retryAfterFromHeaders,
      onRetry: options.onRetry,
      fallback: (error) => {
        options.onGiveUp?.(error);
        return [null]; // the article's `return None`
      },
      scheduler: options.scheduler,
    }),
  );
}

/** `40 seconds`, `1 second`, `1.5 seconds`. */
function seconds(ms: number): string {
  const s = Math.round(ms / 10) / 100;
  return `${s} second${s === 1 ? '' : 's'}`;
}

export async function main(log: Log, options: DemoOptions = {}) {
  const { ms, elapsed, scale, scheduler } = clock(options);
  const server = await FakeOpenAIServer.start();
  const client = new OpenAI({
    apiKey: 'test',
    baseURL: server.baseURL,
    maxRetries: 0, // retries are ours
    timeout: Math.max(ms(1_000), 500), // a hung request fails after 1 s (never under 0.5 s, even scaled down)
  });
  const onRetry = ({ error, delay }: RetryInfo) =>
    log(`${elapsed()} ${labelOf(error)}, waiting for ${seconds(delay / scale)}...`);
  const onGiveUp = (error: unknown) => log(`${elapsed()} ${labelOf(error)}, no attempt left: giving up`);
  const run = async (title: string, attempts: number, script: FakeReply[]) => {
    log(title);
    server.script(script);
    const before = server.requests.length;
    const ret = await createTask(
      requestWithRetry(client, { attempts, timeScale: scale, onRetry, onGiveUp, scheduler }),
    );
    const answer = ret === null ? 'null' : JSON.stringify(ret.choices[0].message.content);
    log(`${elapsed()} ret = ${answer} (${server.requests.length - before} requests)`);
    return ret;
  };
  try {
    const first = await run('Run 1, retry=6: rate limit (Retry-After 2 s), 503, 500, reset, hang, then an answer', 6, [
      { kind: 'rate-limit', retryAfterMs: ms(2_000) },
      { kind: 'status', status: 503 },
      { kind: 'status', status: 500 },
      { kind: 'reset' },
      { kind: 'hang' },
      { kind: 'ok' },
    ]);
    const second = await run('Run 2, retry=3: every attempt fails', 3, [
      { kind: 'status', status: 500 },
      { kind: 'rate-limit', retryAfterMs: ms(1_500) },
      { kind: 'status', status: 503 },
    ]);
    return { first, second, requests: server.requests.length, aborted: server.aborted };
  } finally {
    await server.close();
    log(`server closed after ${server.requests.length} requests`);
  }
}

runIfMain(module, main);
