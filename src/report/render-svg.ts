import type { ChartSpec } from './charts/chart-spec.js';
import { importEsm } from './import-esm.js';

interface VegaLiteModule { compile(spec: unknown): { spec: unknown } }
interface VegaView { toSVG(): Promise<string>; finalize(): void }
interface VegaModule {
  parse(spec: unknown): unknown;
  View: new (runtime: unknown, options: { renderer: 'none'; loader?: unknown }) => VegaView;
  loader(options?: unknown): { load: unknown; sanitize: unknown };
}

let libs: Promise<[VegaLiteModule, VegaModule]> | undefined;

/**
 * Compiles a Vega-Lite spec and renders it to a standalone SVG string in Node, with no browser and
 * no network: data must be inline (`data.values`); any URL fetch is refused. `vega` and `vega-lite`
 * are loaded on first use, so importing podsim stays fast.
 *
 * @example
 * ```ts
 * const svg = await renderSvg({ data: { values: [{ x: 1, y: 2 }] }, mark: 'point',
 *   encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } });
 * svg.startsWith('<svg'); // true
 * ```
 */
export async function renderSvg(spec: ChartSpec): Promise<string> {
  libs ??= Promise.all([importEsm<VegaLiteModule>('vega-lite'), importEsm<VegaModule>('vega')]);
  const [vl, vega] = await libs;
  const loader = {
    ...vega.loader(),
    load: () => Promise.reject(new Error('podsim reports embed their data; loading URLs is disabled')),
    sanitize: () => Promise.reject(new Error('podsim reports embed their data; loading URLs is disabled')),
  };
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none', loader });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
