// A dependency-free SVG writer for the bench's charts: line charts (series of x,y points) and
// grouped bar charts (categories x series). Output is a self-contained SVG document.

export interface LineSeries {
  name: string;
  points: Array<[number, number]>;
}

export interface LineChart {
  title: string;
  xLabel: string;
  yLabel: string;
  series: LineSeries[];
}

export interface BarChart {
  title: string;
  yLabel: string;
  categories: string[];
  series: Array<{ name: string; values: number[] }>;
  /** Log scale on y (values <= 0 are drawn at the axis). */
  log?: boolean;
}

const W = 880;
const H = 440;
const M = { left: 76, right: 180, top: 44, bottom: 56 };
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmt = (v: number) =>
  Math.abs(v) >= 10000
    ? `${Math.round(v / 1000)}k`
    : Math.abs(v) >= 100
      ? String(Math.round(v))
      : String(Number(v.toPrecision(3)));

/** 4-8 "nice" ticks (1, 2, 5 x 10^k steps) covering [min, max]. */
export function niceTicks(min: number, max: number): number[] {
  if (!(max > min)) max = min + 1;
  const raw = (max - min) / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((k) => k * mag).find((s) => (max - min) / s <= 7) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.floor(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  if (out[out.length - 1] < max) out.push(out[out.length - 1] + step);
  return out;
}

function frame(title: string, xLabel: string, yLabel: string, body: string[], legend: string[]): string {
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const items = legend.map(
    (name, i) =>
      `<rect x="${W - M.right + 16}" y="${M.top + i * 20}" width="12" height="12" fill="${COLORS[i % COLORS.length]}"/>` +
      `<text x="${W - M.right + 34}" y="${M.top + i * 20 + 11}">${esc(name)}</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${M.left + pw / 2}" y="24" text-anchor="middle" font-size="16" font-weight="bold">${esc(title)}</text>`,
    `<text x="${M.left + pw / 2}" y="${H - 12}" text-anchor="middle">${esc(xLabel)}</text>`,
    `<text transform="translate(18 ${M.top + ph / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`,
    ...body,
    `<rect x="${M.left}" y="${M.top}" width="${pw}" height="${ph}" fill="none" stroke="#333"/>`,
    ...items,
    '</svg>',
    '',
  ].join('\n');
}

function yAxis(ticks: number[], y: (v: number) => number): string[] {
  return ticks.map(
    (t) =>
      `<line x1="${M.left}" x2="${W - M.right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="#ddd"/>` +
      `<text x="${M.left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${fmt(t)}</text>`,
  );
}

export function lineChartSvg(c: LineChart): string {
  const all = c.series.flatMap((s) => s.points);
  const xs = niceTicks(Math.min(0, ...all.map((p) => p[0])), Math.max(1, ...all.map((p) => p[0])));
  const ys = niceTicks(Math.min(0, ...all.map((p) => p[1])), Math.max(1, ...all.map((p) => p[1])));
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const x = (v: number) => M.left + ((v - xs[0]) / (xs[xs.length - 1] - xs[0])) * pw;
  const y = (v: number) => M.top + ph - ((v - ys[0]) / (ys[ys.length - 1] - ys[0])) * ph;
  const body = [
    ...yAxis(ys, y),
    ...xs.map((t) => `<text x="${x(t).toFixed(1)}" y="${H - M.bottom + 18}" text-anchor="middle">${fmt(t)}</text>`),
    ...c.series.map((s, i) => {
      const d = s.points
        .map(([px, py], j) => `${j === 0 ? 'M' : 'L'}${x(px).toFixed(1)},${y(py).toFixed(1)}`)
        .join(' ');
      return `<path d="${d}" fill="none" stroke="${COLORS[i % COLORS.length]}" stroke-width="2"/>`;
    }),
  ];
  return frame(
    c.title,
    c.xLabel,
    c.yLabel,
    body,
    c.series.map((s) => s.name),
  );
}

export function barChartSvg(c: BarChart): string {
  const values = c.series.flatMap((s) => s.values).filter((v) => Number.isFinite(v));
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  let y: (v: number) => number;
  let ticks: number[];
  if (c.log) {
    const lo = Math.floor(Math.log10(Math.max(0.1, Math.min(...values.filter((v) => v > 0), 1))));
    const hi = Math.ceil(Math.log10(Math.max(1, ...values)));
    ticks = Array.from({ length: hi - lo + 1 }, (_, i) => 10 ** (lo + i));
    y = (v) => M.top + ph - ((Math.log10(Math.max(v, 10 ** lo)) - lo) / Math.max(1, hi - lo)) * ph;
  } else {
    ticks = niceTicks(0, Math.max(1, ...values));
    y = (v) => M.top + ph - (v / ticks[ticks.length - 1]) * ph;
  }
  const group = pw / Math.max(1, c.categories.length);
  const bar = (group * 0.8) / Math.max(1, c.series.length);
  const body = [...yAxis(ticks, y)];
  c.categories.forEach((cat, ci) => {
    body.push(
      `<text x="${(M.left + group * (ci + 0.5)).toFixed(1)}" y="${H - M.bottom + 18}" text-anchor="middle">${esc(cat)}</text>`,
    );
    c.series.forEach((s, si) => {
      const v = s.values[ci] ?? 0;
      const bx = M.left + group * ci + group * 0.1 + bar * si;
      const top = y(v);
      body.push(
        `<rect x="${bx.toFixed(1)}" y="${top.toFixed(1)}" width="${(bar - 2).toFixed(1)}" height="${(M.top + ph - top).toFixed(1)}" fill="${COLORS[si % COLORS.length]}"><title>${esc(`${cat} ${s.name}: ${fmt(v)}`)}</title></rect>`,
      );
    });
  });
  return frame(
    c.title,
    '',
    c.yLabel,
    body,
    c.series.map((s) => s.name),
  );
}
