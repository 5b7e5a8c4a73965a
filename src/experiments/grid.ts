import type { Issue } from '../errors.js';
import { pathKeys } from './set-path.js';

/**
 * The values of the varied paths at one point of a sweep, in the order the paths were given:
 * `{ 'hosts[0].count': 10, 'scheduler.policy': 'kube' }`.
 *
 * @example
 * ```ts
 * const v: PointValues = { 'hosts[0].count': 10, 'scheduler.policy': 'kube' };
 * ```
 */
export type PointValues = Readonly<Record<string, unknown>>;

/**
 * The full grid of a `vary` specification, in a fixed order: the first path varies slowest,
 * the last fastest (as nested loops in the order written). Every point is listed once.
 *
 * @returns the points, or every problem found (paths that are not paths, empty or duplicated values).
 * @example
 * ```ts
 * expandGrid({ 'hosts[0].count': [8, 10], 'scheduler.policy': ['best-fit', 'kube'] });
 * // { ok: true, points: [{ …: 8, …: 'best-fit' }, { …: 8, …: 'kube' }, { …: 10, …: 'best-fit' }, { …: 10, …: 'kube' }] }
 * ```
 */
export function expandGrid(vary: Readonly<Record<string, readonly unknown[]>>): { ok: true; points: PointValues[] } | { ok: false; issues: Issue[] } {
  const issues: Issue[] = [];
  const entries = Object.entries(vary);
  for (const [path, values] of entries) {
    const where = `vary[${JSON.stringify(path)}]`;
    const p = pathKeys(path);
    if (!p.ok) issues.push({ code: 'invalid_path', path: where, message: `${JSON.stringify(path)} ${p.reason}` });
    if (!Array.isArray(values) || values.length === 0) {
      issues.push({ code: 'invalid_value', path: where, message: 'must be a non-empty list of values' });
      continue;
    }
    const seen = new Map<string, number>();
    values.forEach((v, i) => {
      const key = JSON.stringify(v);
      if (v === undefined || key === undefined) issues.push({ code: 'invalid_value', path: `${where}[${i}]`, message: 'must be a JSON value (a number, string, boolean, object or list)' });
      else if (seen.has(key)) issues.push({ code: 'invalid_value', path: `${where}[${i}]`, message: `repeats ${key} (also [${seen.get(key)}]): each point is run once` });
      else seen.set(key, i);
    });
  }
  if (issues.length > 0) return { ok: false, issues };
  let points: Record<string, unknown>[] = [{}];
  for (const [path, values] of entries) {
    const next: Record<string, unknown>[] = [];
    for (const p of points) for (const v of values) next.push({ ...p, [path]: v });
    points = next;
  }
  return { ok: true, points };
}
