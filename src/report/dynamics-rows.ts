import type { SimulationResult } from '../simulation/result.js';
import { formatNumber, formatPercent, formatSeconds } from './format.js';

/**
 * The summary's lines for issue 12's dynamics (services, Jobs, host failures), empty for runs without
 * them: one per service (availability, disruptions, replacements, time to replacement ready), one per
 * Job, and one for host failures and the CPU-seconds lost with them.
 *
 * @example
 * ```ts
 * for (const [label, value] of dynamicsRows(result)) console.log(label, value);
 * ```
 */
export function dynamicsRows(r: SimulationResult): [string, string][] {
  const out: [string, string][] = [];
  for (const [name, w] of Object.entries(r.workloads ?? {})) {
    const ttr = w.timeToReplacementReady;
    if (w.kind === 'service') out.push([`service ${name}`, `availability ${formatPercent(w.availability ?? 1)} of ${formatNumber(w.desired ?? 0)} replicas, ${formatNumber(w.disruptions ?? 0)} disruptions, ${formatNumber(w.replacements ?? 0)} replacements${ttr !== undefined && ttr.count > 0 ? ` (ready after ${formatSeconds(ttr.mean)} mean, ${formatSeconds(ttr.max)} max)` : ''}`]);
    else if (w.kind === 'job') out.push([`job ${name}`, `${w.status === '' || w.status === undefined ? 'running' : w.status}: ${formatNumber(w.succeeded ?? 0)} succeeded, ${formatNumber(w.failed ?? 0)} failed, ${formatNumber(w.replacements ?? 0)} retried`]);
    else if (w.kind === 'pods') out.push([`pods ${name}`, `${formatNumber(w.lost ?? 0)} lost with their host`]);
  }
  if (r.hosts.failures !== undefined) out.push(['host failures', `${formatNumber(r.hosts.failures)}, ${formatNumber(r.containers.lost ?? 0)} containers lost, ${formatNumber(r.hosts.lostCpuSeconds ?? 0)} CPU-seconds of work lost`]);
  return out;
}
