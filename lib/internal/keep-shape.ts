/**
 * One inert instance of each class a task, job or waiter allocates, kept for good so that
 * V8 keeps the class's instance shape between bursts of work.
 *
 * V8 reaches the shape (hidden class, "map") of a class's filled-in instances only through
 * weak links, so a full GC that finds no instance left frees it — and with it the
 * optimised code and inline caches built on it. A burst of 10^4 jobs whose objects have
 * all died by the next full GC (an idle program's, or the bench's forced one) then starts
 * cold: it runs in the interpreter while some 60 functions are profiled and compiled
 * again. Measured on W3 (10^4 jobs of a bounded fan-out, a forced GC before each, 8 in a
 * row, one core, from the 4th on): 145–300 ms of CPU per burst and 42–59 recompilations,
 * against 57–99 ms and 8–14 with these instances kept (README, Performance).
 *
 * A kept instance comes from the class's own constructor with fields of the kinds real
 * instances hold (a double where theirs are doubles: a field that changes kind gets a new
 * shape), and holds nothing: no timer, subscription, place in a line or user value.
 * `spec/internal/keep-shape.spec.ts` checks that each has the shape of a real instance.
 */
const kept: object[] = [];

/** A field an inert instance leaves empty, whatever its type. */
export const EMPTY_FIELD = null as never;

/** Keeps `instances` alive for good (see the module's comment). */
export function keepShape(...instances: object[]): void {
  kept.push(...instances);
}

/** @internal The kept instances, for the spec. */
export function keptShapes(): readonly object[] {
  return kept;
}
