/**
 * Async context for queued callbacks, without a static `node:` import.
 *
 * In Node, each callback queued "soon" runs in the async context of the code that queued
 * it (asyncio copies the caller's contextvars in `call_soon` and `create_task`), so an
 * `AsyncLocalStorage` store set by one request never leaks into another request's task.
 * An `AsyncResource` per callback costs tens of nanoseconds; `AsyncLocalStorage.snapshot()`
 * costs microseconds, so it is never used here. Browsers have no `node:async_hooks`: there
 * the context is `undefined` and callbacks run as they are.
 */

/** The part of Node's `AsyncResource` we use. */
export interface AsyncContext {
  runInAsyncScope<A, R>(fn: (arg: A) => R, thisArg: unknown, arg: A): R;
}

interface AsyncResourceOptions {
  triggerAsyncId: number | undefined;
  requireManualDestroy: boolean;
}
type AsyncResourceCtor = new (type: string, options: AsyncResourceOptions) => AsyncContext;

function loadAsyncResource(): AsyncResourceCtor | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const hooks = proc?.getBuiltinModule?.('node:async_hooks') as { AsyncResource?: AsyncResourceCtor } | undefined;
  return hooks?.AsyncResource;
}

const AsyncResourceClass = loadAsyncResource();

/**
 * Node's defaults, spelled out: without options the constructor reads both from a frozen
 * empty object, through V8's generic property lookup (20 ns a capture against 14 ns).
 */
const CAPTURE_OPTIONS: AsyncResourceOptions = { triggerAsyncId: undefined, requireManualDestroy: false };

/** Captures the caller's async context, or `undefined` where there is none to keep. */
export function captureContext(): AsyncContext | undefined {
  return AsyncResourceClass ? new AsyncResourceClass('rxjs-asyncio', CAPTURE_OPTIONS) : undefined;
}

/**
 * The context of no request: captured when this module loads. Internal callbacks that carry
 * no user code of their own (settling a Future, finishing a cancel) run in it, so they
 * never run in whichever request happened to queue them; code that must run in a user's
 * context captures that context itself (a subscriber when it subscribes).
 */
export const rootContext: AsyncContext | undefined = captureContext();

/** Runs `fn(arg)` in `context` (captured earlier), or directly when there is none. */
export function runInContext<A>(context: AsyncContext | undefined, fn: (arg: A) => void, arg: A): void {
  if (context) context.runInAsyncScope(fn, undefined, arg);
  else fn(arg);
}
