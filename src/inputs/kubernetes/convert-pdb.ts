import type { IssueSink } from '../issue.js';
import type { ConvertContext } from '../parts.js';
import { describeType, isRecord } from '../plain-data.js';
import { checkKeys, requireRecord } from '../read-helpers.js';
import type { Origin, PathKey, PodDisruptionBudgetSpec } from '../types.js';
import { PDB_SPEC_FIELDS } from './known-fields.js';
import type { ObjectMeta } from './object-meta.js';

/** A count or a percentage (`"50%"`), as PodDisruptionBudget's minAvailable and maxUnavailable take. */
function readIntOrPercent(v: unknown, origin: Origin, rel: readonly PathKey[], sink: IssueSink): number | string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  if (typeof v === 'string' && /^\d+%$/.test(v)) return v;
  sink.error(origin, rel, 'invalid_value', `expected a whole number of pods or a percentage such as "50%", got ${describeType(v)}`);
  return undefined;
}

/**
 * Converts a PodDisruptionBudget: its selector and minAvailable or maxUnavailable (a count or a
 * percentage).
 *
 * @example
 * ```ts
 * convertPdb(pdb, readObjectMeta(pdb, 'PodDisruptionBudget', at, sink)!, origin, ctx);
 * ctx.parts.podDisruptionBudgets[0]?.value.minAvailable; // 2
 * ```
 */
export function convertPdb(obj: Record<string, unknown>, meta: ObjectMeta, origin: Origin, ctx: ConvertContext): void {
  const { sink } = ctx;
  const before = sink.issues.length;
  const spec = requireRecord(obj['spec'], origin, ['spec'], sink, 'spec');
  if (spec === undefined) return;
  checkKeys(spec, PDB_SPEC_FIELDS, origin, ['spec'], sink, 'PodDisruptionBudget spec');
  const selector = spec['selector'];
  if (selector !== undefined && selector !== null && !isRecord(selector)) sink.error(origin, ['spec', 'selector'], 'invalid_type', `selector must be a mapping, got ${describeType(selector)}`);
  const minAvailable = readIntOrPercent(spec['minAvailable'], origin, ['spec', 'minAvailable'], sink);
  const maxUnavailable = readIntOrPercent(spec['maxUnavailable'], origin, ['spec', 'maxUnavailable'], sink);
  if (minAvailable !== undefined && maxUnavailable !== undefined) sink.error(origin, ['spec'], 'invalid_value', 'give minAvailable or maxUnavailable, not both');
  if (spec['unhealthyPodEvictionPolicy'] !== undefined && spec['unhealthyPodEvictionPolicy'] !== null) {
    sink.warn(origin, ['spec', 'unhealthyPodEvictionPolicy'], 'not_modelled', 'unhealthyPodEvictionPolicy is not modelled: podsim\'s pods are never unhealthy');
  }
  if (sink.issues.length > before) return;
  const b: Record<string, unknown> = { name: meta.name };
  if (meta.namespace !== undefined) b['namespace'] = meta.namespace;
  if (isRecord(selector)) b['selector'] = selector;
  if (minAvailable !== undefined) b['minAvailable'] = minAvailable;
  if (maxUnavailable !== undefined) b['maxUnavailable'] = maxUnavailable;
  ctx.parts.podDisruptionBudgets.push({ value: b as unknown as PodDisruptionBudgetSpec, origin: { ...origin, fields: { selector: ['spec', 'selector'], minAvailable: ['spec', 'minAvailable'], maxUnavailable: ['spec', 'maxUnavailable'] } }, names: [meta.name] });
}
