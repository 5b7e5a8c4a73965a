import { editDistance } from '../inputs/did-you-mean.js';
import type { Issue } from '../errors.js';
import { joinPath } from '../errors.js';
import { pathKeys } from './set-path.js';

/**
 * Every path in `value` that leads to a number, in the object's own order (lists are skipped: the
 * result's lists are samples and records, not metrics).
 * @internal
 * @example
 * ```ts
 * numericPaths({ wait: { mean: 1, p99: 2 }, policy: 'x' }); // ['wait.mean', 'wait.p99']
 * ```
 */
export function numericPaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'number') return [prefix];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(value)) out.push(...numericPaths(v, joinPath(prefix, k)));
  return out;
}

/** The few candidates closest to `path`: sharing its first key, then by edit distance. */
function closest(path: string, candidates: readonly string[], count = 4): string[] {
  const head = path.split(/[.[]/)[0] ?? '';
  return candidates
    .map((c) => ({ c, d: editDistance(path, c) - (c.split(/[.[]/)[0] === head ? 2 : 0) }))
    .sort((a, b) => a.d - b.d || (a.c < b.c ? -1 : 1))
    .slice(0, count)
    .map((x) => x.c);
}

/**
 * Reads the number at a dotted path of a result: `wait.p99`, `utilization.cpu`,
 * `workloads.web.wait.p99`, `performance.breakdown.pa.mean`; any numeric path works. When the path
 * is absent or not a number, the issue names it and lists the closest numeric paths that exist.
 *
 * @param where - The issue's path (such as `metrics[2]`). @defaultValue the metric path itself
 * @example
 * ```ts
 * readMetric(simulate(scenario), 'wait.p99'); // { ok: true, value: 0.42 }
 * readMetric(simulate(scenario), 'wait.p999'); // { ok: false, issue: { code: 'unknown_metric', message: '"wait.p999" is not in the result; close: wait.p99, …' } }
 * ```
 */
export function readMetric(result: unknown, path: string, where: string = path): { ok: true; value: number } | { ok: false; issue: Issue } {
  const parsed = pathKeys(path);
  if (!parsed.ok) return { ok: false, issue: { code: 'invalid_path', path: where, message: `metric ${JSON.stringify(path)} ${parsed.reason}` } };
  let node: unknown = result;
  for (const k of parsed.keys) {
    if (node === null || typeof node !== 'object') { node = undefined; break; }
    node = (node as Record<string | number, unknown>)[k];
  }
  if (typeof node === 'number') return { ok: true, value: node };
  const all = numericPaths(result);
  if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
    const inside = numericPaths(node, path);
    if (inside.length > 0) return { ok: false, issue: { code: 'unknown_metric', path: where, message: `metric ${JSON.stringify(path)} is a group, not a number; pick one of ${inside.slice(0, 8).join(', ')}${inside.length > 8 ? ', …' : ''}` } };
  }
  const what = node === undefined ? 'is not in the result' : `is ${Array.isArray(node) ? 'a list' : JSON.stringify(node)}, not a number`;
  return { ok: false, issue: { code: 'unknown_metric', path: where, message: `metric ${JSON.stringify(path)} ${what}; closest numeric paths: ${closest(path, all).join(', ')}` } };
}
