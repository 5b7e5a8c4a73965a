import { HOSTNAME_LABEL } from '../../kube/validate-kube-config.js';
import { tryParseQuantity } from '../../resources/quantity.js';
import type { HostGroupSpec } from '../../scenario/schema.js';
import type { ConvertContext } from '../parts.js';
import { describeType, isRecord } from '../plain-data.js';
import { checkKeys, readBoolean, readRecordList, readString } from '../read-helpers.js';
import { readResourceList, toResourceSpec } from '../resource-spec.js';
import type { Origin } from '../types.js';
import { NODE_SPEC_FIELDS, NODE_STATUS_FIELDS, TAINT_FIELDS } from './known-fields.js';
import { nodeNotModelled } from './not-modelled.js';
import type { ObjectMeta } from './object-meta.js';

const TAINT_EFFECTS = new Set(['NoSchedule', 'PreferNoSchedule', 'NoExecute']);

/**
 * Converts a Node into a host: its allocatable (or, with a warning, its capacity) resources, the
 * pod limit from `pods`, labels (with the hostname label), taints and `unschedulable`.
 *
 * @example
 * ```ts
 * convertNode(node, readObjectMeta(node, 'Node', at, sink)!, origin, ctx);
 * ctx.parts.hosts[0]?.value.capacity; // { cpu: '4', memory: '16Gi' }
 * ```
 */
export function convertNode(obj: Record<string, unknown>, meta: ObjectMeta, origin: Origin, ctx: ConvertContext): void {
  const { sink } = ctx;
  const before = sink.issues.length;
  const spec = obj['spec'];
  if (spec !== undefined && spec !== null && !isRecord(spec)) sink.error(origin, ['spec'], 'invalid_type', `spec must be a mapping, got ${describeType(spec)}`);
  const status = obj['status'];
  if (!isRecord(status)) {
    sink.error(origin, status === undefined ? [] : ['status'], 'missing_capacity', status === undefined ? 'has no status.allocatable or status.capacity: podsim needs them to size the host' : `status must be a mapping, got ${describeType(status)}`);
    return;
  }
  checkKeys(status, NODE_STATUS_FIELDS, origin, ['status'], sink, 'Node status');
  nodeNotModelled(status, origin, sink);
  const key = status['allocatable'] !== undefined && status['allocatable'] !== null ? 'allocatable' : status['capacity'] !== undefined && status['capacity'] !== null ? 'capacity' : undefined;
  if (key === undefined) {
    sink.error(origin, ['status'], 'missing_capacity', 'has no status.allocatable or status.capacity: podsim needs them to size the host');
    return;
  }
  if (key === 'capacity') sink.warn(origin, ['status', 'capacity'], 'capacity_used', 'has no status.allocatable; its status.capacity is used as the allocatable capacity');
  const raw = status[key];
  let maxPods: number | undefined;
  let resources: Record<string, unknown> = {};
  if (isRecord(raw)) {
    resources = { ...raw };
    if ('pods' in resources) {
      const r = tryParseQuantity(resources['pods'], 'pods');
      if (!r.ok) sink.error(origin, ['status', key, 'pods'], 'invalid_quantity', `${JSON.stringify(resources['pods'])} is not a valid pod count: ${r.reason}`);
      else maxPods = r.value;
      delete resources['pods'];
    }
  }
  const capacity = readResourceList(isRecord(raw) ? resources : raw, origin, ['status', key], sink);
  const s = isRecord(spec) ? spec : {};
  if (isRecord(spec)) checkKeys(spec, NODE_SPEC_FIELDS, origin, ['spec'], sink, 'Node spec');
  const unschedulable = readBoolean(s['unschedulable'], origin, ['spec', 'unschedulable'], sink);
  const taintsRaw = readRecordList(s['taints'], origin, ['spec', 'taints'], sink);
  const taints: { key: string; value?: string; effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }[] = [];
  taintsRaw?.forEach((t, i) => {
    checkKeys(t, TAINT_FIELDS, origin, ['spec', 'taints', i], sink, 'taint');
    const k = readString(t['key'], origin, ['spec', 'taints', i, 'key'], sink);
    const v = readString(t['value'], origin, ['spec', 'taints', i, 'value'], sink);
    const e = t['effect'];
    if (k === undefined) sink.error(origin, ['spec', 'taints', i], 'missing_field', 'the taint has no key');
    if (typeof e !== 'string' || !TAINT_EFFECTS.has(e)) sink.error(origin, ['spec', 'taints', i, 'effect'], 'invalid_value', `effect must be NoSchedule, PreferNoSchedule or NoExecute, got ${describeType(e)}`);
    else if (k !== undefined) taints.push(v === undefined ? { key: k, effect: e as 'NoSchedule' } : { key: k, value: v, effect: e as 'NoSchedule' });
  });
  if (sink.issues.length > before || capacity === undefined) return;
  const host: Record<string, unknown> = { name: meta.name, capacity: toResourceSpec(capacity) };
  host['labels'] = { ...(meta.labels ?? {}) };
  if (!(HOSTNAME_LABEL in (host['labels'] as Record<string, string>))) (host['labels'] as Record<string, string>)[HOSTNAME_LABEL] = meta.name;
  if (taints.length > 0) host['taints'] = taints;
  if (unschedulable === true) host['unschedulable'] = true;
  if (maxPods !== undefined) host['maxPods'] = maxPods;
  ctx.parts.hosts.push({ value: host as unknown as HostGroupSpec, origin, names: [meta.name, `node/${meta.name}`] });
}
