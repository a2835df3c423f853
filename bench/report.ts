/** Turns case results into results.json entries, the printed tables, ratios and the target checks. */
import type { Impl, Workload } from './cases/common';
import { W3_JOB_MS, W3_LIMIT } from './cases/w3-bounded';
import { WORKLOAD_TITLES } from './plan';
import type { CaseResult } from './run-case';

/** One row of results.json (the shape, plus a few fields that say more). */
export interface Entry {
  workload: Workload;
  n: number;
  impl: Impl;
  variant: string;
  medianMs: number | null;
  minMs: number | null;
  maxMs: number | null;
  perItemUs: number | null;
  bytesPerItem: number | null;
  /** Timed runs behind the median. */
  repeats: number;
  /** W4: items per second at the median. */
  itemsPerSec?: number;
  /** W3: the ideal wall time (n / 100 × 1 ms) and the median's multiple of it. */
  idealMs?: number;
  timesIdeal?: number;
  /** Why there is no time: "did not finish in 30 s", a failure. */
  note?: string;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const round = (x: number, digits = 3): number => Number(x.toPrecision(digits + 2));

export function toEntry(result: CaseResult): Entry {
  const { workload, n, impl, variant } = result.planned;
  const times = result.runs.map((r) => r.ms);
  const bytes = result.runs.flatMap((r) => (r.bytesPerItem === undefined ? [] : [r.bytesPerItem]));
  const entry: Entry = {
    workload,
    n,
    impl,
    variant,
    medianMs: null,
    minMs: null,
    maxMs: null,
    perItemUs: null,
    bytesPerItem: bytes.length ? round(median(bytes)) : null,
    repeats: times.length,
  };
  if (result.status === 'ok' && times.length) {
    const med = median(times);
    entry.medianMs = round(med);
    entry.minMs = round(Math.min(...times));
    entry.maxMs = round(Math.max(...times));
    entry.perItemUs = round((med * 1000) / n);
    if (workload === 'W4') entry.itemsPerSec = Math.round(n / (med / 1000));
    if (workload === 'W3') {
      entry.idealMs = (n / W3_LIMIT) * W3_JOB_MS;
      entry.timesIdeal = round(med / entry.idealMs);
    }
  } else if (result.note) entry.note = result.note;
  return entry;
}

/* ---------- printing ---------- */

export const fmtMs = (ms: number): string =>
  ms >= 10_000
    ? `${(ms / 1000).toFixed(1)} s`
    : ms >= 100
      ? `${ms.toFixed(0)} ms`
      : ms >= 10
        ? `${ms.toFixed(1)} ms`
        : `${ms.toFixed(2)} ms`;

const fmtN = (n: number): string => {
  const exp = Math.log10(n);
  return Number.isInteger(exp) ? `10^${exp}` : String(n);
};

const fmtRate = (perSec: number): string =>
  perSec >= 1e6 ? `${(perSec / 1e6).toFixed(2)} M/s` : `${(perSec / 1e3).toFixed(0)} k/s`;

function extra(e: Entry): string {
  const parts: string[] = [];
  if (e.perItemUs !== null) parts.push(`${e.perItemUs.toPrecision(3)} µs/item`);
  if (e.itemsPerSec !== undefined) parts.push(fmtRate(e.itemsPerSec));
  if (e.timesIdeal !== undefined) parts.push(`${e.timesIdeal.toFixed(2)}× ideal`);
  if (e.bytesPerItem !== null) parts.push(`${Math.round(e.bytesPerItem)} B/item`);
  if (e.medianMs !== null && e.repeats < 5) parts.push(`${e.repeats} runs`);
  return parts.join(', ');
}

const pad = (s: string, w: number): string => (s.length >= w ? s : s + ' '.repeat(w - s.length));

/** The table of medians (min–max) for one workload, as lines. */
export function tableLines(entries: Entry[], skipped: string[]): string[] {
  const lines: string[] = [];
  for (const workload of Object.keys(WORKLOAD_TITLES) as Workload[]) {
    const rows = entries.filter((e) => e.workload === workload);
    const skips = skipped.filter((s) => s.startsWith(workload));
    if (!rows.length && !skips.length) continue;
    lines.push('', WORKLOAD_TITLES[workload]);
    for (const e of rows) {
      const time =
        e.medianMs === null ? (e.note ?? 'no result') : `${fmtMs(e.medianMs)} (${fmtMs(e.minMs!)}–${fmtMs(e.maxMs!)})`;
      lines.push(`  ${pad(fmtN(e.n), 6)} ${pad(e.impl, 13)} ${pad(e.variant, 22)} ${pad(time, 30)} ${extra(e)}`);
    }
    for (const s of skips) lines.push(`  ${s}`);
  }
  return lines;
}

/* ---------- ratios ---------- */

export interface Ratio {
  workload: Workload;
  n: number;
  ours: string;
  peer: string;
  /** Our median time / the peer's (< 1: rxjs-asyncio is faster); null when the peer did not finish. */
  timeRatio: number | null;
  note?: string;
}

const label = (e: Entry): string => `${e.impl} ${e.variant}`;

/** W2 inside AsyncLocalStorage is compared with the peers inside it, and W2 plain with the plain ones. */
const inAls = (e: Entry): boolean => e.variant.endsWith(' in ALS');
const comparable = (ours: Entry, peer: Entry): boolean => inAls(ours) === inAls(peer);

export function ratios(entries: Entry[]): Ratio[] {
  const out: Ratio[] = [];
  for (const ours of entries.filter((e) => e.impl === 'rxjs-asyncio' && e.medianMs !== null)) {
    const peers = entries.filter(
      (e) => e.workload === ours.workload && e.n === ours.n && e.impl !== 'rxjs-asyncio' && comparable(ours, e),
    );
    for (const peer of peers) {
      out.push({
        workload: ours.workload,
        n: ours.n,
        ours: ours.variant,
        peer: label(peer),
        timeRatio: peer.medianMs === null ? null : round(ours.medianMs! / peer.medianMs),
        ...(peer.medianMs === null ? { note: peer.note ?? 'no result' } : {}),
      });
    }
  }
  return out;
}

export function ratioLines(list: Ratio[]): string[] {
  const lines = ['', 'Ratios, same run: rxjs-asyncio time / peer time (below 1: rxjs-asyncio is faster)'];
  for (const r of list) {
    const text =
      r.timeRatio === null
        ? `peer ${r.note}`
        : r.timeRatio <= 1
          ? `${r.timeRatio.toFixed(3)}  (${(1 / r.timeRatio).toFixed(1)}× faster)`
          : `${r.timeRatio.toFixed(3)}  (${r.timeRatio.toFixed(2)}× slower)`;
    lines.push(`  ${r.workload} ${pad(fmtN(r.n), 6)} ${pad(r.ours, 18)} vs ${pad(r.peer, 34)} ${text}`);
  }
  return lines;
}

/* ---------- targets (issue 7 / DESIGN.md Cost model) ---------- */

export interface Target {
  target: string;
  measured: string;
  pass: boolean | null;
}

export function targets(entries: Entry[]): Target[] {
  const find = (w: Workload, n: number, impl: Impl, variant: string) =>
    entries.find((e) => e.workload === w && e.n === n && e.impl === impl && e.variant === variant);
  const out: Target[] = [];
  const add = (
    target: string,
    value: number | null | undefined,
    ok: (v: number) => boolean,
    show: (v: number) => string,
  ) =>
    out.push(
      value === null || value === undefined
        ? { target, measured: 'not measured', pass: null }
        : { target, measured: show(value), pass: ok(value) },
    );
  const time = (e: Entry | undefined) => e?.medianMs ?? null;
  const div = (a: number | null, b: number | null) => (a === null || b === null ? null : a / b);
  const x = (v: number) => `${v.toFixed(2)}×`;

  for (const [variant, cpythonVariant] of [
    ['gather', 'gather'],
    ['taskGroup', 'TaskGroup'],
  ] as const) {
    const ours5 = time(find('W1', 1e5, 'rxjs-asyncio', variant));
    add(
      `W1 ${variant} 10^5 within 1.5× of Promise.all`,
      div(ours5, time(find('W1', 1e5, 'promise', 'Promise.all'))),
      (v) => v <= 1.5,
      x,
    );
    add(
      `W1 ${variant} 10^5 ≥ 2× faster than CPython ${cpythonVariant}`,
      div(time(find('W1', 1e5, 'cpython', cpythonVariant)), ours5),
      (v) => v >= 2,
      x,
    );
    add(
      `W1 ${variant} 10^5 ≥ 7× faster than forkJoin`,
      div(time(find('W1', 1e5, 'rxjs', 'forkJoin')), ours5),
      (v) => v >= 7,
      x,
    );
    add(
      `W1 ${variant} 10^6 costs ≤ 12× 10^5`,
      div(time(find('W1', 1e6, 'rxjs-asyncio', variant)), ours5),
      (v) => v <= 12,
      x,
    );
  }
  const w2 = find('W2', 1e6, 'rxjs-asyncio', 'createTask');
  add(
    'W2 create + await ≤ 0.5 µs',
    w2?.perItemUs,
    (v) => v <= 0.5,
    (v) => `${v.toFixed(3)} µs`,
  );
  add(
    'W2 ≥ 25× faster than CPython create_task',
    div(time(find('W2', 1e6, 'cpython', 'create_task')), time(w2)),
    (v) => v >= 25,
    x,
  );
  add(
    'W3 within 1.15× of p-map',
    div(
      time(find('W3', 1e4, 'rxjs-asyncio', 'Semaphore+holding')),
      time(find('W3', 1e4, 'p-map', 'pMap(concurrency 100)')),
    ),
    (v) => v <= 1.15,
    x,
  );
  const w4 = entries.filter((e) => e.workload === 'W4' && e.n === 1e6 && e.impl === 'rxjs-asyncio' && e.itemsPerSec);
  add(
    'W4 ≥ 3 M items/s on the faster path',
    w4.length ? Math.max(...w4.map((e) => e.itemsPerSec!)) : null,
    (v) => v >= 3e6,
    fmtRate,
  );
  const w4await = find('W4', 1e6, 'rxjs-asyncio', 'await put/get')?.itemsPerSec ?? null;
  const w4py = find('W4', 1e6, 'cpython', 'Queue(100)')?.itemsPerSec ?? null;
  add('W4 await put/get ≥ 2× CPython', div(w4await, w4py), (v) => v >= 2, x);
  const w5 = find('W5', 1e5, 'rxjs-asyncio', 'Task.cancel');
  add(
    'W5 ≤ 1 KB per pending Task',
    w5?.bytesPerItem,
    (v) => v <= 1024,
    (v) => `${Math.round(v)} B`,
  );
  add('W5 cancel + settle 10^5 ≤ 150 ms', time(w5), (v) => v <= 150, fmtMs);
  return out;
}

export function targetLines(list: Target[]): string[] {
  return [
    '',
    'Targets (issue 7), from this run:',
    ...list.map(
      (t) => `  ${t.pass === null ? '  -- ' : t.pass ? ' PASS' : ' MISS'}  ${pad(t.target, 48)} ${t.measured}`,
    ),
  ];
}

/* ---------- Markdown (the README's Performance table) ---------- */

const mdTime = (e: Entry): string =>
  e.medianMs === null ? `— (${e.note ?? 'no result'})` : `${fmtMs(e.medianMs)} (${fmtMs(e.minMs!)}–${fmtMs(e.maxMs!)})`;

/** The results as Markdown tables: medians per workload, then the targets. */
export function markdown(entries: Entry[], targetList: Target[], header: string): string {
  const out = [header, ''];
  for (const workload of Object.keys(WORKLOAD_TITLES) as Workload[]) {
    const rows = entries.filter((e) => e.workload === workload);
    if (!rows.length) continue;
    out.push(
      `**${WORKLOAD_TITLES[workload]}**`,
      '',
      '| n | implementation | median (min–max) | per item | vs rxjs-asyncio |',
      '|---|---|---|---|---|',
    );
    for (const e of rows) {
      const ours = rows.filter(
        (o) => o.impl === 'rxjs-asyncio' && o.n === e.n && o.medianMs !== null && comparable(o, e),
      );
      const vs =
        e.impl === 'rxjs-asyncio' || e.medianMs === null || !ours.length
          ? ''
          : ours.map((o) => `${(e.medianMs! / o.medianMs!).toFixed(2)}× ${o.variant}`).join(', ');
      out.push(`| ${fmtN(e.n)} | ${e.impl} ${e.variant} | ${mdTime(e)} | ${extra(e)} | ${vs} |`);
    }
    out.push('');
  }
  if (targetList.length) {
    out.push('**Targets** (issue 7), from this run:', '', '| target | measured | |', '|---|---|---|');
    for (const t of targetList)
      out.push(`| ${t.target} | ${t.measured} | ${t.pass === null ? '—' : t.pass ? 'pass' : 'MISS'} |`);
    out.push('');
  }
  return out.join('\n');
}
