import { describe, expect, it } from 'vitest';
import { reportCharts, renderReport } from '../../src/report/render-report.js';
import { simulateForReport } from '../../src/report/simulate-for-report.js';
import { simulate } from '../../src/simulation/simulate.js';
import { PERFORMANCE, REPORT_SCENARIO } from './report-fixtures.js';

const data = { ...simulateForReport(REPORT_SCENARIO), performance: PERFORMANCE, title: 'a <b>bold</b> test' };

describe('renderReport', () => {
  it('draws every chart as inline SVG with a size', async () => {
    const html = await renderReport(data);
    const figures = [...html.matchAll(/<figure class="chart" id="chart-([\w-]+)"[^>]*>\s*<svg[^>]* width="(\d+)" height="(\d+)"/g)];
    expect(figures.map((f) => f[1])).toEqual(['utilization', 'queue', 'activity', 'wait-cdf', 'heatmap-cpu', 'heatmap-memory', 'breakdown']);
    for (const f of figures) {
      expect(Number(f[2])).toBeGreaterThan(100);
      expect(Number(f[3])).toBeGreaterThan(50);
    }
    expect(html).not.toContain('class="chart missing"');
  });

  it('is self-contained: no script, stylesheet link, image or URL to fetch, and a CSP that forbids the network', async () => {
    const html = await renderReport(data);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|@import/i);
    const urls = [...html.matchAll(/https?:\/\/[^\s"')<>]+/g)].map((m) => m[0]);
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink']));
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect([...html.matchAll(/url\((?!#)/g)]).toHaveLength(0);
  });

  it('gives unique element ids across charts, and every url(#id) points at one of them', async () => {
    const html = await renderReport(data);
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of html.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(m[1]);
  });

  it('gives the same bytes for the same data', async () => {
    expect(await renderReport(data)).toBe(await renderReport(data));
  });

  it('escapes the title', async () => {
    const html = await renderReport(data);
    expect(html).toContain('<h1>a &lt;b&gt;bold&lt;/b&gt; test</h1>');
  });

  it('puts a note where the run has no data for a chart, and still draws the wait CDF', async () => {
    const bare = { result: simulate(REPORT_SCENARIO) };
    const slots = reportCharts(bare);
    expect(slots.filter((s) => 'note' in s).map((s) => s.id)).toEqual(['utilization', 'queue', 'heatmap', 'breakdown']);
    const html = await renderReport(bare);
    expect(html).toMatch(/id="chart-wait-cdf"[^>]*>\s*<svg/);
    expect(html).toContain('through p50, p90, p99 and max');
    expect((html.match(/class="chart missing"/g) ?? []).length).toBe(4);
  });

  it('draws the exact CDF when given every wait', async () => {
    const html = await renderReport({ ...data, waitSamples: [0, 0, 1, 2, 3, 5, 8] });
    expect(html).toContain('7 containers');
  });
});
