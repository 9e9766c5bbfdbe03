/**
 * The score distribution as an SVG bar chart drawn on the server (decision 031): a string the API answers and the
 * page inlines, so the chart costs the phone no JavaScript and reads the same in the page and in a saved copy.
 * Accessible: `role="img"` named by its <title> and described by its <desc> (which spells every bar out), axis
 * labels in the reader's language, no script, no style attribute (presentation attributes only, so the page's
 * content security policy has nothing to allow), every text escaped.
 */
import type { Bucket } from './item-stats.js';

export interface ChartTexts {
  /** The chart's name, e.g. "成绩分布". */
  title: string;
  /** What it shows, in one sentence; the bars are appended to it. */
  description: string;
  /** Below the x axis, e.g. "得分率（%）". */
  xAxis: string;
  /** Beside the y axis, e.g. "人数". */
  yAxis: string;
  /** The pass mark's label, e.g. "及格线 60%". */
  passMark: string;
  /** One bar in words for the description, with {from}, {to} and {count}. */
  bar: string;
}

const WIDTH = 640;
const HEIGHT = 300;
const LEFT = 56;
const RIGHT = 16;
const TOP = 44;
const BOTTOM = 56;
const BAR_COLOR = '#c8161d';
const PASS_COLOR = '#1d4ed8';
const INK = '#374151';
const GRID = '#e5e7eb';

/** Text and attribute values with the five XML specials escaped. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A tick step of 1, 2 or 5 × 10ⁿ giving at most about five gridlines up to `max`. */
export function tickStep(max: number): number {
  if (max <= 5) return 1;
  const raw = max / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= raw)!;
}

const fill = (template: string, params: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));

/**
 * The chart of `buckets` (counts per percent band), with the pass mark drawn as a dashed line. `id` makes the
 * <title> and <desc> ids unique in a page.
 */
export function distributionSvg(buckets: readonly Bucket[], texts: ChartTexts, passPercent: number, id = 'score-chart'): string {
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const step = tickStep(max);
  const top = Math.ceil(max / step) * step;
  const y = (count: number) => TOP + plotH - (count / top) * plotH;
  const slot = plotW / Math.max(1, buckets.length);
  const x = (percent: number) => LEFT + (percent / 100) * plotW;
  const r = (n: number) => Math.round(n * 10) / 10;
  const words = buckets.map((b) => fill(texts.bar, { from: b.from, to: b.to, count: b.count })).join('；');
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="system-ui, sans-serif" font-size="12">`,
    `<title id="${id}-title">${escapeXml(texts.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(`${texts.description} ${words}`)}</desc>`,
  );
  // Gridlines and the y axis's ticks.
  for (let tick = 0; tick <= top; tick += step) {
    parts.push(`<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${r(y(tick))}" y2="${r(y(tick))}" stroke="${tick === 0 ? INK : GRID}"/>`);
    parts.push(`<text x="${LEFT - 6}" y="${r(y(tick) + 4)}" text-anchor="end" fill="${INK}">${tick}</text>`);
  }
  // The bars, each with its count above it and its band below.
  buckets.forEach((bucket, i) => {
    const barX = LEFT + i * slot + slot * 0.12;
    const barW = slot * 0.76;
    const barY = y(bucket.count);
    if (bucket.count > 0) parts.push(`<rect x="${r(barX)}" y="${r(barY)}" width="${r(barW)}" height="${r(TOP + plotH - barY)}" fill="${BAR_COLOR}"/>`);
    parts.push(`<text x="${r(barX + barW / 2)}" y="${r(barY - 4)}" text-anchor="middle" fill="${INK}">${bucket.count}</text>`);
  });
  for (let percent = 0; percent <= 100; percent += 10) {
    parts.push(`<text x="${r(x(percent))}" y="${TOP + plotH + 16}" text-anchor="middle" fill="${INK}">${percent}</text>`);
  }
  // The pass mark.
  const passX = r(x(Math.min(100, Math.max(0, passPercent))));
  parts.push(`<line x1="${passX}" x2="${passX}" y1="${TOP - 20}" y2="${TOP + plotH}" stroke="${PASS_COLOR}" stroke-width="2" stroke-dasharray="6 4"/>`);
  parts.push(`<text x="${passX}" y="${TOP - 24}" text-anchor="${passPercent > 80 ? 'end' : 'middle'}" fill="${PASS_COLOR}">${escapeXml(texts.passMark)}</text>`);
  // Axis labels.
  parts.push(`<text x="${LEFT + plotW / 2}" y="${HEIGHT - 12}" text-anchor="middle" fill="${INK}" font-size="13">${escapeXml(texts.xAxis)}</text>`);
  parts.push(`<text x="14" y="${TOP + plotH / 2}" text-anchor="middle" fill="${INK}" font-size="13" transform="rotate(-90 14 ${TOP + plotH / 2})">${escapeXml(texts.yAxis)}</text>`);
  parts.push('</svg>');
  return parts.join('');
}
