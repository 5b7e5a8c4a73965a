import { isValidDimensionName } from '../resources/dimensions.js';
import { describeDimension, tryParseQuantity } from '../resources/quantity.js';
import type { IssueSink } from './issue.js';
import { isRecord, describeType } from './plain-data.js';
import type { Origin, PathKey } from './types.js';

/** Exact quantities in base units (millicores, bytes, bit/s, counts) by resource name. @example `const r: ExactResources = new Map([['cpu', 500]]);` */
export type ExactResources = Map<string, number>;

/**
 * Writes exact quantities as a scenario resource spec: CPU as a string of cores or millicores (`"2"`, `"250m"`), every
 * other dimension as an integer in its base unit. Zero quantities are left out.
 *
 * @example
 * ```ts
 * toResourceSpec(new Map([['cpu', 250], ['memory', 1073741824]])); // { cpu: '250m', memory: 1073741824 }
 * ```
 */
export function toResourceSpec(r: ExactResources): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of [...r.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (v === 0) continue;
    out[k] = k === 'cpu' ? (v % 1000 === 0 ? `${v / 1000}` : `${v}m`) : v;
  }
  // Keep cpu and memory first for readability.
  const ordered: Record<string, string | number> = {};
  for (const k of ['cpu', 'memory']) if (k in out) ordered[k] = out[k] as string | number;
  for (const [k, v] of Object.entries(out)) if (!(k in ordered)) ordered[k] = v;
  return ordered;
}

/**
 * Reads a Kubernetes ResourceList (`{ cpu: '500m', memory: '1Gi' }`) into exact quantities,
 * reporting every bad name or quantity at its path. Returns `undefined` when any was bad.
 *
 * @example
 * ```ts
 * readResourceList({ cpu: '500m' }, origin, ['resources', 'requests'], sink); // Map { 'cpu' => 500 }
 * ```
 */
export function readResourceList(v: unknown, origin: Origin, rel: readonly PathKey[], sink: IssueSink): ExactResources | undefined {
  if (v === undefined || v === null) return new Map();
  if (!isRecord(v)) {
    sink.error(origin, rel, 'invalid_type', `expected a mapping of resource names to quantities, got ${describeType(v)}`);
    return undefined;
  }
  const out: ExactResources = new Map();
  let ok = true;
  for (const [name, raw] of Object.entries(v)) {
    if (!isValidDimensionName(name)) {
      sink.error(origin, [...rel, name], 'invalid_resource_name', `${JSON.stringify(name)} is not a valid resource name`);
      ok = false;
      continue;
    }
    const r = tryParseQuantity(raw, name);
    if (!r.ok) {
      sink.error(origin, [...rel, name], 'invalid_quantity', `${JSON.stringify(raw)} is not a valid ${describeDimension(name)} quantity: ${r.reason}`);
      ok = false;
      continue;
    }
    out.set(name, r.value);
  }
  return ok ? out : undefined;
}

/** Adds `b` into `a`. @example `addInto(total, container); // total.cpu += container.cpu …` */
export function addInto(a: ExactResources, b: ExactResources): void {
  for (const [k, v] of b) a.set(k, (a.get(k) ?? 0) + v);
}

/** Raises each of `a`'s quantities to at least `b`'s. @example `maxInto(initMax, initContainer);` */
export function maxInto(a: ExactResources, b: ExactResources): void {
  for (const [k, v] of b) if (v > (a.get(k) ?? 0)) a.set(k, v);
}
