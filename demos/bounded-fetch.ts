/**
 * Bounded concurrency for HTTP calls: 50 real GETs with Node's `fetch` against a local
 * `node:http` server that delays each answer, at most 5 in flight through
 * `Semaphore(5)` and `holding` — the README's
 * `from(urls).pipe(mergeMap((u) => fetch$(u).pipe(holding(sem))))`.
 * The server counts the requests it has open at once and prints the highest count
 * (5: never more, since the semaphore bounds them, and reached, since 50 > 5), then the
 * total time (50 / 5 × the delay). asyncio's twin:
 *
 *   sem = asyncio.Semaphore(5)
 *   async def get(url):
 *       async with sem:
 *           return await fetch(url)
 *   await asyncio.gather(*(get(u) for u in urls))
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defer, from, lastValueFrom, mergeMap, tap, toArray, type Observable } from 'rxjs';
import { holding } from '../lib/holding';
import { Semaphore } from '../lib/semaphore';
import { createTask } from '../lib/task';
import { clock, runIfMain, type DemoOptions, type Log } from './support/harness';

/** A GET as a cold Observable of the body; unsubscribing aborts the request. */
const fetch$ = (url: string): Observable<string> =>
  defer(() => createTask((signal) => fetch(url, { signal }).then((res) => res.text())));

/** A server answering `/item/N` with `item N` after `delayMs`, counting open requests. */
async function startServer(delayMs: number) {
  const stats = { open: 0, highest: 0, served: 0 };
  const server: Server = createServer((req, res) => {
    stats.open++;
    stats.highest = Math.max(stats.highest, stats.open);
    setTimeout(() => {
      stats.open--;
      stats.served++;
      res.end(`item ${req.url!.slice('/item/'.length)}`);
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections(); // idle keep-alive sockets of fetch's pool
    });
  return { base: `http://127.0.0.1:${port}`, stats, close };
}

export async function main(log: Log, options: DemoOptions = {}): Promise<{ highest: number; bodies: string[] }> {
  const server = await startServer(200 * (options.timeScale ?? 1));
  try {
    await fetch(`${server.base}/item/warm-up`).then((res) => res.text()); // loads fetch's machinery: not timed, not counted
    Object.assign(server.stats, { open: 0, highest: 0, served: 0 });
    const { elapsed } = clock(options);
    const sem = new Semaphore(5);
    const urls = Array.from({ length: 50 }, (_, i) => `${server.base}/item/${i}`);
    log(`GET ${urls.length} URLs, at most 5 at a time (each answer takes 0.20 s)`);
    const bodies = await lastValueFrom(
      from(urls).pipe(
        mergeMap((u) => fetch$(u).pipe(holding(sem))),
        tap((body) => {
          if (body.endsWith('9')) log(`got ${body} (${elapsed()})`);
        }),
        toArray(),
      ),
    );
    log(`${bodies.length} responses; highest number of requests open at the server at once: ${server.stats.highest}`);
    log(`total time: ${elapsed()} (at best 50 requests / 5 at a time × 0.20 s = 2.00 s)`);
    return { highest: server.stats.highest, bodies };
  } finally {
    await server.close();
  }
}

runIfMain(module, main);
