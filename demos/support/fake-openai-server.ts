/**
 * A local stand-in for the OpenAI API, for the retry demo and its integration spec: a
 * `node:http` server on 127.0.0.1 and an ephemeral port that speaks enough of
 * `POST /v1/chat/completions` for the official `openai` package to parse its answers.
 *
 * Each request takes the next reply of a script: a 429 with `retry-after-ms` /
 * `retry-after` headers, any other error status (500, 503, …), a connection reset, a hang
 * (no answer: the client's own timeout, or its AbortSignal, ends it), or a normal
 * `chat.completion`. Once the script is used up, every request succeeds. The server counts
 * requests and notices requests the client gave up on (the socket closed before an answer).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One scripted reply. */
export type FakeReply =
  /** 429 with OpenAI's error body; `retryAfterMs` → `retry-after-ms`, `retryAfter` → `retry-after` (seconds or an HTTP date). */
  | { kind: 'rate-limit'; retryAfterMs?: number; retryAfter?: string }
  /** Any error status with OpenAI's error body, e.g. 500 or 503. */
  | { kind: 'status'; status: number }
  /** The socket is destroyed without an answer: the client sees a connection error. */
  | { kind: 'reset' }
  /** No answer at all, until the client gives up (its timeout or its AbortSignal). */
  | { kind: 'hang' }
  /** 200 with a normal `chat.completion` body whose message is `content`. */
  | { kind: 'ok'; content?: string };

/** What the server saw of one request. */
export interface FakeRequest {
  /** 1 for the first request the server got, 2 for the next, … */
  n: number;
  /** The reply it was given. */
  reply: FakeReply;
  /** The `messages` of the request body. */
  messages: unknown;
  /** True once the client closed the connection before an answer was sent. */
  aborted: boolean;
}

export const DEFAULT_ANSWER = 'Hello! How can I help you today?';

const ERROR_BODIES: Record<number, { type: string; code: string | null; message: string }> = {
  429: { type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached for requests.' },
  500: { type: 'server_error', code: null, message: 'The server had an error while processing your request.' },
  503: { type: 'server_error', code: null, message: 'The engine is currently overloaded, please try again later.' },
};

/** The running server; see the module comment. */
export class FakeOpenAIServer {
  /** Every request, in arrival order. */
  readonly requests: FakeRequest[] = [];
  private readonly server = createServer((req, res) => this.handle(req, res));
  private readonly sockets = new Set<Socket>();
  private readonly abortListeners: ((request: FakeRequest) => void)[] = [];
  private readonly requestListeners: ((request: FakeRequest) => void)[] = [];
  private replies: FakeReply[] = [];

  private constructor() {
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Starts a server on 127.0.0.1 and a free port, with `script` as its first replies. */
  static async start(script: readonly FakeReply[] = []): Promise<FakeOpenAIServer> {
    const fake = new FakeOpenAIServer();
    fake.script(script);
    await new Promise<void>((resolve, reject) => {
      fake.server.once('error', reject);
      fake.server.listen(0, '127.0.0.1', () => resolve());
    });
    return fake;
  }

  /** The `baseURL` to give `new OpenAI({ baseURL })`. */
  get baseURL(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/v1`;
  }

  /** Replaces the replies still to come; after them, every request succeeds. */
  script(replies: readonly FakeReply[]): void {
    this.replies = [...replies];
  }

  /** Requests the client gave up on before an answer. */
  get aborted(): number {
    return this.requests.filter((r) => r.aborted).length;
  }

  /** Resolves with the next request the server receives (once its body is read). */
  nextRequest(): Promise<FakeRequest> {
    return new Promise((resolve) => this.requestListeners.push(resolve));
  }

  /** Resolves with the next request the client gives up on. */
  nextAbort(): Promise<FakeRequest> {
    return new Promise((resolve) => this.abortListeners.push(resolve));
  }

  /** Stops listening, closes every connection (hanging ones included), resolves once closed. */
  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      for (const socket of this.sockets) socket.destroy();
    });
  }

  /** True while the server listens. */
  get listening(): boolean {
    return this.server.listening;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        this.sendJson(res, 404, {
          error: { message: `Unknown route ${req.method} ${req.url}`, type: 'invalid_request_error' },
        });
        return;
      }
      let body: { messages?: unknown; model?: string } = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
      } catch {
        // A body that is not JSON still gets its scripted reply; `messages` stays undefined.
      }
      const reply = this.replies.shift() ?? { kind: 'ok' };
      const request: FakeRequest = { n: this.requests.length + 1, reply, messages: body.messages, aborted: false };
      this.requests.push(request);
      res.on('close', () => {
        // Not an abort: an answered request, our own reset, or our own close().
        if (res.writableFinished || reply.kind === 'reset' || !this.server.listening) return;
        request.aborted = true;
        for (const listener of this.abortListeners.splice(0)) listener(request);
      });
      this.reply(req, res, reply, body.model ?? 'gpt-4o-mini');
      for (const listener of this.requestListeners.splice(0)) listener(request);
    });
  }

  private reply(req: IncomingMessage, res: ServerResponse, reply: FakeReply, model: string): void {
    switch (reply.kind) {
      case 'hang':
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'rate-limit': {
        const headers: Record<string, string> = {};
        if (reply.retryAfterMs !== undefined) headers['retry-after-ms'] = String(reply.retryAfterMs);
        if (reply.retryAfter !== undefined) headers['retry-after'] = reply.retryAfter;
        this.sendJson(res, 429, { error: { ...ERROR_BODIES[429], param: null } }, headers);
        return;
      }
      case 'status': {
        const error = ERROR_BODIES[reply.status] ?? {
          type: 'server_error',
          code: null,
          message: `HTTP ${reply.status}`,
        };
        this.sendJson(res, reply.status, { error: { ...error, param: null } });
        return;
      }
      case 'ok':
        this.sendJson(res, 200, completion(model, reply.content ?? DEFAULT_ANSWER, this.requests.length));
        return;
    }
  }

  private sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      'x-request-id': `req_fake_${this.requests.length}`,
      ...headers,
    });
    res.end(text);
  }
}

/** A `chat.completion` object as the API returns it. */
function completion(model: string, content: string, n: number) {
  return {
    id: `chatcmpl-fake${n}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: { prompt_tokens: 9, completion_tokens: 9, total_tokens: 18 },
    system_fingerprint: null,
  };
}
