import type { ConvertContext } from '../parts.js';
import { checkKeys, readCount, requireRecord } from '../read-helpers.js';
import type { Origin } from '../types.js';
import { HPA_SPEC_FIELDS } from './known-fields.js';
import type { ObjectMeta } from './object-meta.js';

/**
 * Converts a HorizontalPodAutoscaler, checking its scaleTargetRef and replica bounds; the spec is
 * kept as it is for the autoscaler to read.
 *
 * @example
 * ```ts
 * convertHpa(hpa, readObjectMeta(hpa, 'HorizontalPodAutoscaler', at, sink)!, origin, ctx);
 * ctx.parts.horizontalPodAutoscalers.length; // 1
 * ```
 */
export function convertHpa(obj: Record<string, unknown>, meta: ObjectMeta, origin: Origin, ctx: ConvertContext): void {
  const { sink } = ctx;
  const before = sink.issues.length;
  const spec = requireRecord(obj['spec'], origin, ['spec'], sink, 'spec');
  if (spec === undefined) return;
  checkKeys(spec, HPA_SPEC_FIELDS, origin, ['spec'], sink, 'HorizontalPodAutoscaler spec');
  const ref = requireRecord(spec['scaleTargetRef'], origin, ['spec', 'scaleTargetRef'], sink, 'spec.scaleTargetRef');
  if (ref !== undefined) {
    if (typeof ref['kind'] !== 'string') sink.error(origin, ['spec', 'scaleTargetRef', 'kind'], 'missing_field', 'scaleTargetRef needs a kind');
    if (typeof ref['name'] !== 'string') sink.error(origin, ['spec', 'scaleTargetRef', 'name'], 'missing_field', 'scaleTargetRef needs a name');
  }
  const maxReplicas = readCount(spec['maxReplicas'], origin, ['spec', 'maxReplicas'], sink, -1, 1, ctx.options.maxArrivals);
  if (maxReplicas === -1) sink.error(origin, ['spec'], 'missing_field', 'has no spec.maxReplicas');
  readCount(spec['minReplicas'], origin, ['spec', 'minReplicas'], sink, 1, 0, ctx.options.maxArrivals);
  if (sink.issues.length > before) return;
  const metadata: Record<string, unknown> = { name: meta.name };
  if (meta.namespace !== undefined) metadata['namespace'] = meta.namespace;
  if (meta.labels !== undefined) metadata['labels'] = meta.labels;
  ctx.parts.horizontalPodAutoscalers.push({ value: { apiVersion: obj['apiVersion'], kind: 'HorizontalPodAutoscaler', metadata, spec }, origin, names: [meta.name] });
}
