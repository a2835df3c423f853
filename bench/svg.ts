/**
 * bench/scaling.svg: W1's median time against n on log-log axes, one line per
 * implementation, drawn by hand (no chart library). A straight line of slope 1 is linear
 * cost; forkJoin's steeper line is its quadratic cost, and a run stopped at its budget is
 * drawn as an open marker at the budget with "did not finish".
 */
import type { Entry } from './report';

const W = 760;
const H = 460;
const M = { left: 70, right: 230, top: 40, bottom: 56 };
const COLORS = ['#d62728', '#ff7f0e', '#1f77b4', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function decadeLabel(exp: number): string {
  return `10<tspan dy="-6" font-size="9">${exp}</tspan>`;
}

function msLabel(exp: number): string {
  const ms = 10 ** exp;
  if (ms >= 1000) return `${ms / 1000} s`;
  if (ms >= 1) return `${ms} ms`;
  return `${ms * 1000} µs`;
}

/** `budgetMs(entry)` gives the budget of a case that did not finish, for placing its marker. */
export function scalingSvg(entries: Entry[], budgetMs: (e: Entry) => number, subtitle: string): string {
  const w1 = entries.filter((e) => e.workload === 'W1');
  const series = [...new Set(w1.map((e) => `${e.impl} ${e.variant}`))];
  const ns = w1.map((e) => e.n);
  const ys = w1.map((e) => e.medianMs ?? budgetMs(e)).filter((y) => y > 0);
  if (!ns.length || !ys.length) return '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>\n';
  const x0 = Math.floor(Math.log10(Math.min(...ns)));
  const x1 = Math.max(x0 + 1, Math.ceil(Math.log10(Math.max(...ns))));
  const y0 = Math.floor(Math.log10(Math.min(...ys)));
  const y1 = Math.max(y0 + 1, Math.ceil(Math.log10(Math.max(...ys))));
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const px = (n: number) => M.left + ((Math.log10(n) - x0) / (x1 - x0)) * pw;
  const py = (ms: number) => M.top + ph - ((Math.log10(ms) - y0) / (y1 - y0)) * ph;
  const f = (v: number) => v.toFixed(1);

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${M.left}" y="18" font-size="14" font-weight="bold">W1 gather fan-out: median time vs n (log-log)</text>`,
    `<text x="${M.left}" y="33" fill="#555">${esc(subtitle)}</text>`,
  ];
  for (let e = x0; e <= x1; e++) {
    const x = px(10 ** e);
    out.push(`<line x1="${f(x)}" y1="${M.top}" x2="${f(x)}" y2="${M.top + ph}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${f(x)}" y="${M.top + ph + 20}" text-anchor="middle">${decadeLabel(e)}</text>`);
  }
  for (let e = y0; e <= y1; e++) {
    const y = py(10 ** e);
    out.push(`<line x1="${M.left}" y1="${f(y)}" x2="${M.left + pw}" y2="${f(y)}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${M.left - 8}" y="${f(y + 4)}" text-anchor="end">${msLabel(e)}</text>`);
  }
  out.push(`<rect x="${M.left}" y="${M.top}" width="${pw}" height="${ph}" fill="none" stroke="#999"/>`);
  out.push(`<text x="${M.left + pw / 2}" y="${H - 14}" text-anchor="middle">n (sources gathered)</text>`);
  out.push(
    `<text x="18" y="${M.top + ph / 2}" text-anchor="middle" transform="rotate(-90 18 ${M.top + ph / 2})">median wall time</text>`,
  );

  series.forEach((name, i) => {
    const color = COLORS[i % COLORS.length];
    const points = w1.filter((e) => `${e.impl} ${e.variant}` === name).sort((a, b) => a.n - b.n);
    const done = points.filter((e) => e.medianMs !== null);
    if (done.length > 1) {
      const d = done.map((e, k) => `${k ? 'L' : 'M'}${f(px(e.n))},${f(py(e.medianMs!))}`).join(' ');
      out.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="2"/>`);
    }
    for (const e of points) {
      if (e.medianMs !== null) {
        out.push(
          `<circle cx="${f(px(e.n))}" cy="${f(py(e.medianMs))}" r="4" fill="${color}"><title>${esc(`${name}, n=${e.n}: ${e.medianMs} ms`)}</title></circle>`,
        );
      } else {
        const x = px(e.n);
        const y = py(budgetMs(e));
        const last = done.at(-1);
        if (last)
          out.push(
            `<path d="M${f(px(last.n))},${f(py(last.medianMs!))} L${f(x)},${f(y)}" fill="none" stroke="${color}" stroke-width="2" stroke-dasharray="5 4"/>`,
          );
        out.push(
          `<circle cx="${f(x)}" cy="${f(y)}" r="5" fill="#fff" stroke="${color}" stroke-width="2"><title>${esc(`${name}, n=${e.n}: ${e.note ?? 'no result'}`)}</title></circle>`,
        );
        out.push(
          `<text x="${f(x - 8)}" y="${f(y - 9)}" text-anchor="end" fill="${color}">${esc(e.note ?? 'no result')}</text>`,
        );
      }
    }
    const ly = M.top + 10 + i * 20;
    const lx = M.left + pw + 16;
    out.push(`<line x1="${lx}" y1="${ly}" x2="${lx + 22}" y2="${ly}" stroke="${color}" stroke-width="2"/>`);
    out.push(`<circle cx="${lx + 11}" cy="${ly}" r="4" fill="${color}"/>`);
    out.push(`<text x="${lx + 30}" y="${ly + 4}">${esc(name)}</text>`);
  });
  const ly = M.top + 10 + series.length * 20 + 10;
  out.push(`<text x="${M.left + pw + 16}" y="${ly}" fill="#555">slope 1 = linear cost;</text>`);
  out.push(`<text x="${M.left + pw + 16}" y="${ly + 15}" fill="#555">slope 2 = quadratic</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}
