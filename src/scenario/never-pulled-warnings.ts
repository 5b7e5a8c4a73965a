import type { Issue } from '../errors.js';
import type { ParsedScenario } from './validate.js';
import { mayRunOn } from './may-run-on.js';

// The host group a host name (a pinned arrival's) belongs to: `<group>-<i>`, or a single-host group's own name.
function groupOf(s: ParsedScenario, host: string): number {
  return s.hosts.findIndex((g) => {
    const n = g.count ?? 1;
    if (n === 1 && host === g.name) return true;
    if (!host.startsWith(`${g.name}-`)) return false;
    const i = host.slice(g.name.length + 1);
    return /^(0|[1-9]\d*)$/.test(i) && Number(i) < n;
  });
}

/**
 * Warnings for workloads whose image may never be pulled (`imagePullPolicy: Never`) and is
 * pre-pulled on none of the hosts they may run on (their pinned hosts, or the hosts whose labels
 * and taints admit them): each of their containers would fail with `ErrImageNeverPull`. One
 * `image_never_pulled` warning per such workload, at `workloads[i].imagePullPolicy`.
 * @internal
 * @example
 * ```ts
 * neverPulledWarnings(parsed); // [{ code: 'image_never_pulled', path: 'workloads[0].imagePullPolicy', message: '…' }]
 * ```
 */
export function neverPulledWarnings(s: ParsedScenario): Issue[] {
  const out: Issue[] = [];
  s.workloads.forEach((w, i) => {
    if (w.imagePullPolicy !== 'Never' || w.image === undefined) return;
    const pinned = w.arrival?.process === 'explicit' ? w.arrival.hosts : undefined;
    const groups = pinned !== undefined && pinned.length > 0
      ? [...new Set(pinned.map((n) => groupOf(s, n)))].filter((g) => g >= 0)
      : s.hosts.flatMap((g, k) => (mayRunOn(w, g.labels ?? {}, g.taints ?? []) ? [k] : []));
    if (groups.some((k) => (s.hosts[k]?.prePulled ?? []).includes(w.image as string))) return;
    const where = groups.length === 0 ? 'no host admits this workload' : `pre-pull it on ${groups.map((k) => `hosts[${k}] ("${s.hosts[k]?.name}")`).join(' or ')}`;
    out.push({
      code: 'image_never_pulled',
      path: `workloads[${i}].imagePullPolicy`,
      message: `is Never, but image "${w.image}" is pre-pulled on none of the hosts this workload may run on, so its containers will fail with ErrImageNeverPull (${where})`,
    });
  });
  return out;
}
