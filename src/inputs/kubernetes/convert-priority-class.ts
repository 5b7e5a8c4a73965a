import type { ConvertContext } from '../parts.js';
import { describeType } from '../plain-data.js';
import { readBoolean, readOneOf, readString } from '../read-helpers.js';
import type { Origin, PriorityClassSpec } from '../types.js';
import { PREEMPTION_POLICIES } from './known-fields.js';
import type { ObjectMeta } from './object-meta.js';

/**
 * Converts a PriorityClass: its value, globalDefault, preemptionPolicy and description.
 *
 * @example
 * ```ts
 * convertPriorityClass(pc, readObjectMeta(pc, 'PriorityClass', at, sink)!, origin, ctx);
 * ctx.parts.priorityClasses[0]?.value; // { name: 'high', value: 1000 }
 * ```
 */
export function convertPriorityClass(obj: Record<string, unknown>, meta: ObjectMeta, origin: Origin, ctx: ConvertContext): void {
  const { sink } = ctx;
  const before = sink.issues.length;
  const value = obj['value'];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < -2147483648 || value > 2000000000) {
    sink.error(origin, value === undefined ? [] : ['value'], 'invalid_value', value === undefined ? 'has no value' : `value must be a whole number between -2147483648 and 2000000000, got ${describeType(value)}`);
  }
  const globalDefault = readBoolean(obj['globalDefault'], origin, ['globalDefault'], sink);
  const policy = readOneOf(obj['preemptionPolicy'], PREEMPTION_POLICIES, origin, ['preemptionPolicy'], sink);
  const description = readString(obj['description'], origin, ['description'], sink);
  if (sink.issues.length > before) return;
  const pc: Record<string, unknown> = { name: meta.name, value };
  if (globalDefault !== undefined) pc['globalDefault'] = globalDefault;
  if (policy !== undefined) pc['preemptionPolicy'] = policy;
  if (description !== undefined) pc['description'] = description;
  ctx.parts.priorityClasses.push({ value: pc as unknown as PriorityClassSpec, origin, names: [meta.name] });
}
