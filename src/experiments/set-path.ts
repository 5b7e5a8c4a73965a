import { parsePath, pathToString, type Issue } from '../errors.js';

/**
 * The keys of a dotted path (`hosts[0].count`, `workloads.web.arrival.rate`,
 * `hosts[0].capacity["example.com/fpga"]`), or an issue when the text is not such a path.
 * @internal
 * @example
 * ```ts
 * pathKeys('hosts[0].count'); // { ok: true, keys: ['hosts', 0, 'count'] }
 * ```
 */
export function pathKeys(path: string): { ok: true; keys: Array<string | number> } | { ok: false; reason: string } {
  if (typeof path !== 'string' || path === '') return { ok: false, reason: 'is empty: give a dotted path such as hosts[0].count' };
  const keys = parsePath(path);
  // parsePath skips what it cannot read; a path is well formed when printing its keys gives it back
  // (allowing `a.b` written for `a["b"]` and quoted keys written bare).
  const canonical = pathToString(keys);
  const plain = keys.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('').replace(/^\./, '');
  if (keys.length === 0 || (canonical !== path && plain !== path)) return { ok: false, reason: `is not a dotted path such as hosts[0].count (read as ${canonical === '' ? 'nothing' : canonical})` };
  return { ok: true, keys };
}

/**
 * Returns a copy of `target` with the value at `path` replaced by `value`; `target` is not changed
 * (only the objects along the path are copied). Missing objects along the way are created. In an
 * array of named objects, a name selects the element: `workloads.web.arrival.rate` is the arrival
 * rate of the workload named `web`.
 *
 * @returns the new object, or an issue naming the path and the reason.
 * @example
 * ```ts
 * setPath(scenario, 'hosts[0].count', 12);
 * setPath(scenario, 'scheduler.policy', 'best-fit');
 * setPath(scenario, 'workloads.web.arrival.rate', 5);
 * ```
 */
export function setPath<T>(target: T, path: string, value: unknown): { ok: true; value: T } | { ok: false; issue: Issue } {
  const parsed = pathKeys(path);
  if (!parsed.ok) return { ok: false, issue: { code: 'invalid_path', path, message: parsed.reason } };
  const keys = parsed.keys;
  const fail = (depth: number, message: string) => ({ ok: false as const, issue: { code: 'invalid_path', path, message: `${pathToString(keys.slice(0, depth)) || 'the scenario'} ${message}` } });
  const copy = (node: unknown, depth: number): { ok: true; value: unknown } | { ok: false; issue: Issue } => {
    if (depth === keys.length) return { ok: true, value };
    const key = keys[depth] as string | number;
    if (Array.isArray(node)) {
      let index: number;
      if (typeof key === 'number') {
        if (key >= node.length) return fail(depth, `has ${node.length} entr${node.length === 1 ? 'y' : 'ies'}, so there is no [${key}]`);
        index = key;
      } else {
        index = node.findIndex((e) => typeof e === 'object' && e !== null && (e as { name?: unknown }).name === key);
        if (index < 0) {
          const names = node.map((e) => (e as { name?: unknown })?.name).filter((n): n is string => typeof n === 'string');
          return fail(depth, `is a list with no entry named ${JSON.stringify(key)}${names.length > 0 ? ` (names: ${names.join(', ')})` : ''}`);
        }
      }
      const inner = copy(node[index], depth + 1);
      if (!inner.ok) return inner;
      const out = node.slice();
      out[index] = inner.value;
      return { ok: true, value: out };
    }
    if (node === undefined || node === null || typeof node === 'object') {
      if (typeof key === 'number') return fail(depth, node === undefined || node === null ? `is absent, so there is no [${key}]` : `is not a list, so there is no [${key}]`);
      const obj = (node ?? {}) as Record<string, unknown>;
      const inner = copy(obj[key], depth + 1);
      if (!inner.ok) return inner;
      return { ok: true, value: { ...obj, [key]: inner.value } };
    }
    return fail(depth, `is ${JSON.stringify(node)}, not an object, so it has no ${typeof key === 'number' ? `[${key}]` : `"${key}"`}`);
  };
  const r = copy(target, 0);
  return r.ok ? { ok: true, value: r.value as T } : r;
}
