/**
 * Small, dependency-free SVG charts for the results (issue 7 §1: a chart where a picture says more). Plain
 * SVG 1.1 with inline styles, so GitHub, a browser and an editor all render it the same way.
 */

export interface Series {
  name: string;
  points: ReadonlyArray<{ x: number; y: number }>;
  /** Draw points only, no line (scatter). */
  dots?: boolean;
}

export interface Marker {
  /** A horizontal line at y (a target) or a vertical one at x (an event). */
  axis: 'x' | 'y';
  at: number;
  label: string;
}

export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly Series[];
  markers?: readonly Marker[];
  /** Logarithmic x axis (latency CDFs with long tails). */
  logX?: boolean;
  yMin?: number;
  yMax?: number;
  xMin?: number;
  xMax?: number;
}

export interface BarGroup {
  label: string;
  values: readonly number[];
}

export interface BarChartOptions {
  title: string;
  yLabel: string;
  /** One name per value in each group (e.g. p50, p99). */
  seriesNames: readonly string[];
  groups: readonly BarGroup[];
  markers?: readonly Marker[];
}

const WIDTH = 760;
const HEIGHT = 420;
const MARGIN = { top: 44, right: 24, bottom: 64, left: 72 };
/** Bar charts get room below for slanted group labels. */
const BAR_LAYOUT = { height: 500, bottom: 140 };
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2'];

export function lineChart(options: LineChartOptions): string {
  const all = options.series.flatMap((series) => series.points);
  const positiveX = all.filter((p) => p.x > 0).map((p) => p.x);
  const xMin = options.xMin ?? (options.logX ? Math.min(...positiveX) : Math.min(0, ...all.map((p) => p.x)));
  const xMax = options.xMax ?? Math.max(...all.map((p) => p.x), xMin + 1);
  const yMin = options.yMin ?? Math.min(0, ...all.map((p) => p.y));
  const markerYs = (options.markers ?? []).filter((m) => m.axis === 'y').map((m) => m.at);
  const yMax = options.yMax ?? niceCeil(Math.max(...all.map((p) => p.y), ...markerYs, yMin + 1) * 1.05);
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const sx = options.logX
    ? (x: number) => MARGIN.left + ((Math.log10(Math.max(x, xMin)) - Math.log10(xMin)) / (Math.log10(xMax) - Math.log10(xMin) || 1)) * plotW
    : (x: number) => MARGIN.left + ((x - xMin) / (xMax - xMin || 1)) * plotW;
  const sy = (y: number) => MARGIN.top + plotH - ((y - yMin) / (yMax - yMin || 1)) * plotH;

  const parts: string[] = [frame(options.title, options.xLabel, options.yLabel)];
  for (const tick of ticks(yMin, yMax)) parts.push(yTick(sy(tick), tick, plotW));
  for (const tick of options.logX ? logTicks(xMin, xMax) : ticks(xMin, xMax)) parts.push(xTick(sx(tick), tick, plotH));
  options.series.forEach((series, index) => {
    const colour = COLOURS[index % COLOURS.length] as string;
    const points = series.points.filter((p) => !options.logX || p.x > 0);
    if (series.dots) {
      for (const p of points) parts.push(`<circle cx="${f(sx(p.x))}" cy="${f(sy(p.y))}" r="2" fill="${colour}" fill-opacity="0.6"/>`);
    } else if (points.length > 0) {
      const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${f(sx(p.x))},${f(sy(p.y))}`).join('');
      parts.push(`<path d="${d}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    }
    parts.push(legend(index, series.name, colour));
  });
  for (const marker of options.markers ?? []) parts.push(markerLine(marker, sx, sy, plotW, plotH));
  return svg(parts);
}

export function barChart(options: BarChartOptions): string {
  const values = options.groups.flatMap((group) => group.values);
  const markerYs = (options.markers ?? []).filter((m) => m.axis === 'y').map((m) => m.at);
  const yMax = niceCeil(Math.max(...values, ...markerYs, 1) * 1.1);
  const height = BAR_LAYOUT.height;
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - BAR_LAYOUT.bottom;
  const sy = (y: number) => MARGIN.top + plotH - (y / yMax) * plotH;
  const groupW = plotW / Math.max(1, options.groups.length);
  const barW = (groupW * 0.8) / Math.max(1, options.seriesNames.length);
  const parts: string[] = [frame(options.title, '', options.yLabel, height, plotH)];
  for (const tick of ticks(0, yMax)) parts.push(yTick(sy(tick), tick, plotW));
  options.groups.forEach((group, g) => {
    const x0 = MARGIN.left + g * groupW + groupW * 0.1;
    group.values.forEach((value, s) => {
      const colour = COLOURS[s % COLOURS.length] as string;
      const y = sy(value);
      parts.push(`<rect x="${f(x0 + s * barW)}" y="${f(y)}" width="${f(barW - 2)}" height="${f(MARGIN.top + plotH - y)}" fill="${colour}"/>`);
      parts.push(`<text x="${f(x0 + s * barW + barW / 2)}" y="${f(y - 3)}" font-size="9" text-anchor="middle">${num(value)}</text>`);
    });
    const lx = x0 + groupW * 0.4;
    const ly = MARGIN.top + plotH + 12;
    parts.push(`<text x="${f(lx)}" y="${ly}" font-size="10" text-anchor="end" transform="rotate(-35 ${f(lx)} ${ly})">${escape(group.label)}</text>`);
  });
  options.seriesNames.forEach((name, index) => parts.push(legend(index, name, COLOURS[index % COLOURS.length] as string)));
  for (const marker of options.markers ?? []) parts.push(markerLine(marker, (x) => x, sy, plotW, plotH));
  return svg(parts, height);
}

/** Empirical CDF points (x = value, y = % of requests at or below it), thinned to at most `max` points. */
export function cdfPoints(values: readonly number[], max = 400): Array<{ x: number; y: number }> {
  const sorted = [...values].sort((a, b) => a - b);
  const step = Math.max(1, Math.floor(sorted.length / max));
  const points: Array<{ x: number; y: number }> = [];
  for (let i = 0; i < sorted.length; i += step) points.push({ x: sorted[i] as number, y: ((i + 1) / sorted.length) * 100 });
  if (sorted.length > 0) points.push({ x: sorted.at(-1) as number, y: 100 });
  return points;
}

function frame(title: string, xLabel: string, yLabel: string, height = HEIGHT, plotH = HEIGHT - MARGIN.top - MARGIN.bottom): string {
  return [
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="${WIDTH / 2}" y="22" font-size="15" font-weight="bold" text-anchor="middle">${escape(title)}</text>`,
    `<text x="${MARGIN.left + (WIDTH - MARGIN.left - MARGIN.right) / 2}" y="${height - 14}" font-size="12" text-anchor="middle">${escape(xLabel)}</text>`,
    `<text x="16" y="${MARGIN.top + plotH / 2}" font-size="12" text-anchor="middle" transform="rotate(-90 16 ${MARGIN.top + plotH / 2})">${escape(yLabel)}</text>`,
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${WIDTH - MARGIN.left - MARGIN.right}" height="${plotH}" fill="none" stroke="#444"/>`,
  ].join('');
}

function yTick(y: number, value: number, plotW: number): string {
  return `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${f(y)}" y2="${f(y)}" stroke="#e5e5e5"/><text x="${MARGIN.left - 6}" y="${f(y + 4)}" font-size="10" text-anchor="end">${num(value)}</text>`;
}

function xTick(x: number, value: number, plotH: number): string {
  return `<line x1="${f(x)}" x2="${f(x)}" y1="${MARGIN.top}" y2="${MARGIN.top + plotH}" stroke="#f0f0f0"/><text x="${f(x)}" y="${MARGIN.top + plotH + 16}" font-size="10" text-anchor="middle">${num(value)}</text>`;
}

function legend(index: number, name: string, colour: string): string {
  const x = MARGIN.left + 10;
  const y = MARGIN.top + 14 + index * 16;
  return `<rect x="${x}" y="${y - 9}" width="12" height="10" fill="${colour}"/><text x="${x + 18}" y="${y}" font-size="11">${escape(name)}</text>`;
}

function markerLine(marker: Marker, sx: (x: number) => number, sy: (y: number) => number, plotW: number, plotH: number): string {
  if (marker.axis === 'y') {
    const y = sy(marker.at);
    return `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${f(y)}" y2="${f(y)}" stroke="#000" stroke-dasharray="6 4"/><text x="${MARGIN.left + plotW - 4}" y="${f(y - 4)}" font-size="10" text-anchor="end">${escape(marker.label)}</text>`;
  }
  const x = sx(marker.at);
  // Labelled at the foot of the line, clear of the legend in the top left corner.
  return `<line x1="${f(x)}" x2="${f(x)}" y1="${MARGIN.top}" y2="${MARGIN.top + plotH}" stroke="#000" stroke-dasharray="6 4"/><text x="${f(x + 4)}" y="${MARGIN.top + plotH - 6}" font-size="10">${escape(marker.label)}</text>`;
}

function svg(parts: string[], height = HEIGHT): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="Helvetica, Arial, sans-serif">${parts.join('')}</svg>\n`;
}

/** About five round tick values between min and max. */
function ticks(min: number, max: number): number[] {
  const span = max - min;
  if (!(span > 0)) return [min];
  const step = niceStep(span / 5);
  const result: number[] = [];
  for (let value = Math.ceil(min / step) * step; value <= max + step * 1e-9; value += step) result.push(Number(value.toPrecision(12)));
  return result;
}

function logTicks(min: number, max: number): number[] {
  const result: number[] = [];
  for (let decade = Math.floor(Math.log10(min)); decade <= Math.ceil(Math.log10(max)); decade += 1) {
    for (const m of [1, 2, 5]) {
      const value = m * 10 ** decade;
      if (value >= min && value <= max) result.push(value);
    }
  }
  return result;
}

function niceStep(raw: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const residual = raw / magnitude;
  return (residual > 5 ? 10 : residual > 2 ? 5 : residual > 1 ? 2 : 1) * magnitude;
}

function niceCeil(value: number): number {
  if (!(value > 0)) return 1;
  const step = niceStep(value / 5);
  return Math.ceil(value / step) * step;
}

function num(value: number): string {
  if (Math.abs(value) >= 10_000) return `${Math.round(value / 1000)}k`;
  if (Math.abs(value) >= 100 || Number.isInteger(value)) return String(Math.round(value));
  return value.toFixed(Math.abs(value) >= 10 ? 1 : 2);
}

function f(value: number): string {
  return value.toFixed(1);
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
