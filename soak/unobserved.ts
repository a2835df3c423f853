/**
 * Unobserved failures under load (run with `node --expose-gc`, through tsx):
 *
 *   node --expose-gc --require tsx/cjs soak/unobserved.ts [--size 10000]
 *
 * Fails `size` Tasks that nobody observes (four ways: a synchronous error, an error a turn
 * later, a source function that throws, one that returns a non-ObservableInput), `size`
 * that are observed (subscribed, awaited, `result()`, `exception()`) and `size` that are
 * cancelled, forces GC until the reports stop, and prints one JSON line: every unobserved
 * failure must be reported exactly once through `setUnobservedErrorHandler`, none of the
 * others, and no `unhandledRejection`. Exits 1 when that does not hold.
 */
import { mergeMap, NEVER, throwError } from 'rxjs';
import { createTask, setUnobservedErrorHandler, sleep } from '../lib';

const sizeArg = process.argv.indexOf('--size');
const size = sizeArg > 0 ? Number(process.argv[sizeArg + 1]) : 10_000;
if (!Number.isInteger(size) || size < 1)
  throw new RangeError(`--size must be a positive integer, got ${process.argv[sizeArg + 1]}`);

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const reports = new Map<string, number>();
let unhandled = 0;
process.on('unhandledRejection', () => {
  unhandled++;
});
setUnobservedErrorHandler((_error, task) => reports.set(task.name, (reports.get(task.name) ?? 0) + 1));

const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 5));
const fail = (name: string) => new Error(name);

/** The four ways a Task fails. */
const failing = [
  (name: string) => throwError(() => fail(name)),
  (name: string) => sleep(0).pipe(mergeMap(() => throwError(() => fail(name)))),
  (name: string) => () => {
    throw fail(name);
  },
  () => () => 42 as never,
];

async function main(): Promise<void> {
  const startedAt = Date.now();
  // Unobserved: created and dropped.
  for (let i = 0; i < size; i++) {
    const name = `lost-${i}`;
    createTask(failing[i % failing.length](name), { name });
  }
  // Observed, four ways; and cancelled.
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < size; i++) {
    const name = `seen-${i}`;
    const task = createTask(failing[i % failing.length](name), { name });
    switch (i % 4) {
      case 0:
        task.subscribe({ error: () => undefined });
        break;
      case 1:
        pending.push(task.then(undefined, () => undefined));
        break;
      case 2:
        pending.push(
          sleepTurn().then(() => {
            try {
              task.result();
            } catch {
              /* retrieved */
            }
          }),
        );
        break;
      case 3:
        pending.push(sleepTurn().then(() => task.exception()));
        break;
    }
    createTask(NEVER, { name: `cancelled-${i}` }).cancel();
  }
  await Promise.all(pending);

  // Collect until every lost Task was reported (or reports stop coming).
  let rounds = 0;
  for (let quiet = 0; quiet < 5 && rounds < 400; rounds++) {
    const before = reports.size;
    await turn();
    gc!();
    await turn();
    quiet = reports.size === before && countLost() === size ? quiet + 1 : 0;
  }

  const duplicates = [...reports].filter(([, n]) => n > 1).length;
  const lost = countLost();
  const others = [...reports.keys()].filter((n) => !n.startsWith('lost-')).length;
  const ok = lost === size && duplicates === 0 && others === 0 && unhandled === 0;
  console.log(
    JSON.stringify({
      size,
      reportedLost: lost,
      duplicates,
      reportedObservedOrCancelled: others,
      unhandledRejections: unhandled,
      gcRounds: rounds,
      ms: Date.now() - startedAt,
      ok,
    }),
  );
  process.exitCode = ok ? 0 : 1;
}

function countLost(): number {
  let n = 0;
  for (const name of reports.keys()) if (name.startsWith('lost-')) n++;
  return n;
}

function sleepTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1));
}

void main();
