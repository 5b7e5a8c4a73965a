/// <reference lib="dom" />
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { renderReport } from '../../src/report/render-report.js';
import { simulateForReport } from '../../src/report/simulate-for-report.js';
import { CHROMIUM, describeRequiring } from '../helpers/requires.js';
import { PERFORMANCE, REPORT_SCENARIO } from './report-fixtures.js';

// The report is checked in Debian's Chromium. Without it the suite is skipped with the reason shown,
// unless PODSIM_REQUIRE_BROWSER=1 (CI sets it, after apt-get install -y chromium): then it fails.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** A rectangle of the page, in CSS pixels. */
interface Region { readonly x: number; readonly y: number; readonly width: number; readonly height: number }

/** Non-white pixel fraction and luminance spread of an image region. */
interface PixelStats { readonly width: number; readonly height: number; readonly inked: number; readonly stddev: number }

// The few DOM types the in-page code needs (the project compiles without lib "dom").
interface Ctx2d { drawImage(img: unknown, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } }
interface Dom {
  Image: new () => { src: string; naturalWidth: number; naturalHeight: number; decode(): Promise<void> };
  document: { createElement(tag: 'canvas'): { width: number; height: number; getContext(kind: '2d'): Ctx2d | null } };
  scrollX: number;
  scrollY: number;
}
interface Rect { x: number; y: number; width: number; height: number }

/** Decodes a PNG in the browser (a blank page, so the report's CSP does not apply) and measures the whole image and each region. */
async function pixelStats(ctx: BrowserContext, png: Buffer, regions: readonly Region[] = []): Promise<PixelStats[]> {
  const page = await ctx.newPage();
  try {
    return await page.evaluate(async ([b64, boxes]) => {
      const dom = globalThis as unknown as Dom;
      const img = new dom.Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = dom.document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const g = canvas.getContext('2d') as Ctx2d;
      g.drawImage(img, 0, 0);
      const measure = (x: number, y: number, w: number, h: number) => {
        const d = g.getImageData(Math.round(x), Math.round(y), Math.max(1, Math.round(w)), Math.max(1, Math.round(h))).data;
        let inked = 0, sum = 0, sum2 = 0;
        const n = d.length / 4;
        for (let i = 0; i < d.length; i += 4) {
          const lum = 0.2126 * (d[i] as number) + 0.7152 * (d[i + 1] as number) + 0.0722 * (d[i + 2] as number);
          if (lum < 235) inked++;
          sum += lum;
          sum2 += lum * lum;
        }
        const mean = sum / n;
        return { width: Math.round(w), height: Math.round(h), inked: inked / n, stddev: Math.sqrt(Math.max(0, sum2 / n - mean * mean)) };
      };
      return [measure(0, 0, canvas.width, canvas.height), ...boxes.map((b) => measure(b.x, b.y, b.width, b.height))];
    }, [png.toString('base64'), regions] as const);
  } finally {
    await page.close();
  }
}

describeRequiring(CHROMIUM, 'the HTML report in headless Chromium', () => {
  let dir: string;
  let ctx: BrowserContext;
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  let file: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'podsim-browser-'));
    file = join(dir, 'report.html');
    writeFileSync(file, await renderReport({ ...simulateForReport(REPORT_SCENARIO), performance: PERFORMANCE, title: 'browser check' }));
    ctx = await chromium.launchPersistentContext(join(dir, 'profile'), { executablePath: CHROMIUM.path as string, headless: true, args: ARGS, viewport: { width: 1000, height: 800 }, offline: true });
  });

  afterAll(async () => {
    await ctx?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads offline with no console errors and no request but the file itself', async () => {
    const page = await ctx.newPage();
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(`${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    const response = await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    expect(response?.ok()).toBe(true);
    expect(await page.title()).toBe('browser check');
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    await page.close();
  });

  it('shows every chart as an SVG of non-zero size, and neither the page nor any chart is blank in a screenshot', async () => {
    const page = await ctx.newPage();
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const charts = page.locator('figure.chart:not(.missing)');
    const ids = await charts.evaluateAll((els) => els.map((e) => e.id));
    expect(ids).toEqual(['chart-utilization', 'chart-queue', 'chart-activity', 'chart-wait-cdf', 'chart-heatmap-cpu', 'chart-heatmap-memory', 'chart-breakdown']);
    const boxes: Region[] = [];
    for (const id of ids) {
      const svg = page.locator(`#${id} > svg`);
      expect(await svg.isVisible(), id).toBe(true);
      expect(await svg.locator('path, rect, line').count(), id).toBeGreaterThan(10);
      // Page coordinates: the full-page screenshot starts at the top of the document.
      const box = await svg.evaluate((el) => {
        const r = (el as unknown as { getBoundingClientRect(): Rect }).getBoundingClientRect();
        const dom = globalThis as unknown as Dom;
        return { x: r.x + dom.scrollX, y: r.y + dom.scrollY, width: r.width, height: r.height };
      });
      expect(box.width, id).toBeGreaterThan(200);
      expect(box.height, id).toBeGreaterThan(80);
      boxes.push(box);
    }
    const [whole, ...each] = await pixelStats(ctx, await page.screenshot({ fullPage: true }), boxes);
    expect(whole?.height).toBeGreaterThan(1500);
    expect(whole?.inked, 'page: share of non-white pixels').toBeGreaterThan(0.05);
    expect(whole?.stddev, 'page: luminance spread').toBeGreaterThan(25);
    each.forEach((st, i) => {
      expect(st.inked, `${ids[i]}: share of non-white pixels`).toBeGreaterThan(0.02);
      expect(st.stddev, `${ids[i]}: luminance spread`).toBeGreaterThan(15);
    });
    await page.close();
  });
});
