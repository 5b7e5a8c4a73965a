import { isRecord } from '../plain-data.js';

/**
 * Ports published in host mode (long syntax, `mode: host`, one published port), as the pod ports
 * NodePorts checks: each takes its published port on the node, so two replicas publishing the same
 * port never share one. Ports published through the routing mesh (`mode: ingress`, the default, and
 * the short syntax) take no port on the node. A published range stays a `not_modelled` warning.
 *
 * @example
 * ```ts
 * hostModePorts([{ target: 80, published: '8080', mode: 'host' }]); // [{ containerPort: 80, hostPort: 8080 }]
 * ```
 */
export function hostModePorts(ports: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (!Array.isArray(ports)) return out;
  for (const p of ports) {
    const host = hostModePort(p);
    if (host !== undefined) out.push(host);
  }
  return out;
}

/** One long-syntax port in host mode with a single published port, as a pod port; else undefined. */
export function hostModePort(p: unknown): Record<string, unknown> | undefined {
  if (!isRecord(p) || p['mode'] !== 'host') return undefined;
  const target = Number(p['target']), published = Number(p['published']);
  if (!Number.isInteger(target) || target < 1 || target > 65535 || !Number.isInteger(published) || published < 1 || published > 65535) return undefined;
  const protocol = typeof p['protocol'] === 'string' ? p['protocol'].toUpperCase() : undefined;
  return { containerPort: target, hostPort: published, ...(protocol === 'UDP' || protocol === 'SCTP' ? { protocol } : {}) };
}
