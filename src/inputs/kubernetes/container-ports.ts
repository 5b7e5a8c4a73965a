import type { IssueSink } from '../issue.js';
import { describeType, isRecord } from '../plain-data.js';
import { readOneOf } from '../read-helpers.js';
import type { Origin, PathKey } from '../types.js';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;

/**
 * Every container's `ports` (as NodePorts reads them: upstream pkg/scheduler/framework/plugins/nodeports,
 * the pod's containers' ports), checked: a containerPort from 1 to 65535, a hostPort from 0 to 65535,
 * protocol TCP, UDP or SCTP. With `hostNetwork: true` a port without a hostPort takes its
 * containerPort on the node, as the API server defaults it (upstream pkg/apis/core/v1/defaults.go,
 * SetDefaults_PodSpec → defaultHostNetworkPorts).
 *
 * @example
 * ```ts
 * containerPorts([{ name: 'web', ports: [{ containerPort: 80 }] }], true, origin, ['spec'], sink); // [{ containerPort: 80, hostPort: 80 }]
 * ```
 */
export function containerPorts(containers: unknown, hostNetwork: boolean, origin: Origin, rel: readonly PathKey[], sink: IssueSink): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (!Array.isArray(containers)) return out;
  containers.forEach((c, i) => {
    if (!isRecord(c) || !Array.isArray(c['ports'])) return;
    (c['ports'] as unknown[]).forEach((p, j) => {
      const at = [...rel, 'containers', i, 'ports', j];
      if (!isRecord(p)) {
        sink.error(origin, at, 'invalid_type', `expected a mapping, got ${describeType(p)}`);
        return;
      }
      const port: Record<string, unknown> = {};
      for (const [k, min] of [['containerPort', 1], ['hostPort', 0]] as const) {
        const v = p[k];
        if (v === undefined || v === null) continue;
        if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > 65535) sink.error(origin, [...at, k], 'invalid_value', `must be a whole number from ${min} to 65535, got ${describeType(v)}`);
        else port[k] = v;
      }
      if (port['containerPort'] === undefined) {
        if (p['containerPort'] === undefined || p['containerPort'] === null) sink.error(origin, [...at, 'containerPort'], 'required', 'is required');
        return;
      }
      const protocol = readOneOf(p['protocol'], PROTOCOLS, origin, [...at, 'protocol'], sink);
      if (protocol !== undefined) port['protocol'] = protocol;
      if (hostNetwork && (port['hostPort'] === undefined || port['hostPort'] === 0)) port['hostPort'] = port['containerPort'];
      if (typeof p['hostIP'] === 'string' && p['hostIP'] !== '') port['hostIP'] = p['hostIP'];
      if (typeof p['name'] === 'string' && p['name'] !== '') port['name'] = p['name'];
      out.push(port);
    });
  });
  return out;
}
