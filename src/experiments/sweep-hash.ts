import { createHash } from 'node:crypto';

/**
 * JSON with every object's keys sorted, so that equal data gives equal text whatever order its keys
 * were written in. (Order that matters, such as the order of varied paths, must be given as a list.)
 * @internal
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }); // '{"a":[2,{"c":4,"d":3}],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined && typeof v !== 'function').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * The content hash of a sweep's definition: SHA-256 of its canonical JSON, in hex. Two definitions
 * that would run the same (point, replication) list with the same settings have the same hash, so a
 * queue or a set of shards can name its work after it.
 *
 * @example
 * ```ts
 * sweepHash({ scenario, vary: [['hosts[0].count', [8, 10]]], metrics: ['wait.p99'] }); // '3f9c…'
 * ```
 */
export function sweepHash(definition: unknown): string {
  return createHash('sha256').update(canonicalJson(definition)).digest('hex');
}
