import { describe, expect, it } from 'vitest';
import { distributionSvg, escapeXml, tickStep } from './score-chart.js';
import type { Bucket } from './item-stats.js';

const texts = { title: '成绩分布', description: '按得分率分段的人数：', xAxis: '得分率（%）', yAxis: '人数', passMark: '及格线 60%', bar: '{from}%–{to}% {count} 人' };
const buckets = (counts: number[]): Bucket[] => counts.map((count, i) => ({ from: i * 10, to: i * 10 + 10, count }));

describe('the score chart', () => {
  const svg = distributionSvg(buckets([0, 1, 0, 2, 0, 5, 8, 12, 6, 3]), texts, 60);

  it('is an image named by its title and described bar by bar, with its axes labelled', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-labelledby="score-chart-title score-chart-desc"');
    expect(svg).toContain('<title id="score-chart-title">成绩分布</title>');
    expect(svg).toMatch(/<desc id="score-chart-desc">按得分率分段的人数： 0%–10% 0 人；10%–20% 1 人；.*90%–100% 3 人<\/desc>/);
    expect(svg).toContain('>得分率（%）</text>');
    expect(svg).toContain('>人数</text>');
    expect(svg).toContain('>及格线 60%</text>');
  });

  it('draws one bar per non-empty bin, heights in proportion to the counts', () => {
    const heights = [...svg.matchAll(/<rect [^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(heights).toHaveLength(7);
    const tallest = Math.max(...heights);
    expect(heights[heights.length - 4]! / tallest).toBeCloseTo(8 / 12, 1);
  });

  it('holds no script, no event handler and no style attribute, and escapes what it is given', () => {
    const hostile = distributionSvg(buckets(new Array(10).fill(0)), { ...texts, title: '<script>alert(1)</script>', xAxis: '" onload="x' }, 60);
    expect(hostile).not.toMatch(/<script|<[^>]*\son\w+=|style=/i);
    expect(hostile).toContain('&lt;script&gt;');
    expect(hostile).toContain('&quot; onload=&quot;x');
  });

  it('draws the pass mark where it is', () => {
    expect(svg).toMatch(/<line x1="(\d+(\.\d+)?)" x2="\1" [^>]*stroke-dasharray/);
    const x = Number(/<line x1="([\d.]+)" x2="[\d.]+" [^>]*stroke-dasharray/.exec(svg)![1]);
    expect(x).toBeCloseTo(56 + 0.6 * (640 - 56 - 16), 0);
  });
});

describe('tick steps', () => {
  it('are 1, 2 or 5 times a power of ten', () => {
    expect([1, 5, 6, 12, 37, 120, 999].map(tickStep)).toEqual([1, 1, 2, 5, 10, 50, 200]);
  });
  it('escape the five XML specials', () => {
    expect(escapeXml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&apos;');
  });
});
