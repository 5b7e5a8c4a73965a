import { formatQuantity } from '../resources/quantity.js';
import { HOST_CONDITION_NAMES } from './host-condition.js';
import type { HostView, PlacementRequest } from './policy.js';
import type { HostExplanation, SchedulerExplanation } from './scheduler.js';

/**
 * The explanation every classic policy shares: a host is feasible when it has no condition (memory
 * pressure, not ready, cordoned) and the request fits its free capacity in every resource; each
 * rejection says which resource is short, by how much, in the user's units. `score`, when given,
 * scores each feasible host (best-fit and worst-fit score the capacity left after placement).
 *
 * @example
 * ```ts
 * const e = explainFit(req, cluster, (h) => remainingAfter(cluster, h, req.demand, req.offset));
 * e.hosts.filter((h) => !h.feasible).map((h) => h.rejections[0]?.reasons); // [['Insufficient cpu (needs 500m, 200m free)'], …]
 * ```
 */
export function explainFit(request: PlacementRequest, view: HostView, score?: (host: number) => number, scoreName = 'remaining'): SchedulerExplanation {
  const D = view.D, dem = request.demand, off = request.offset;
  const hosts: HostExplanation[] = [];
  let feasible = 0;
  for (let h = 0; h < view.hostCount; h++) {
    const rejections: Array<{ plugin: string; reasons: string[] }> = [];
    const cond = view.conditions[h] as number;
    if (cond !== 0) {
      const names = HOST_CONDITION_NAMES.filter((_, c) => (cond & (1 << c)) !== 0);
      rejections.push({ plugin: 'conditions', reasons: names.map((n) => `host has condition ${n}`) });
    }
    const short: string[] = [];
    for (let d = 0; d < D; d++) {
      const dim = view.dims[d] as string;
      const f = view.free(h, d);
      const r = dem[off + d] as number;
      if (r > 0 && r > f) short.push(`Insufficient ${dim} (needs ${formatQuantity(r, dim)}, ${formatQuantity(f, dim)} free)`);
    }
    if (short.length > 0) rejections.push({ plugin: 'resources', reasons: short });
    const ok = rejections.length === 0;
    if (ok) feasible++;
    const s = ok && score !== undefined ? score(h) : undefined;
    hosts.push({
      host: view.hostNames[h] as string,
      feasible: ok,
      rejections,
      scores: s === undefined ? [] : [{ plugin: scoreName, raw: s, normalized: s, weight: 1 }],
      total: s ?? 0,
    });
  }
  return { feasible, message: feasible === 0 ? `0/${view.hostCount} hosts are available` : undefined, hosts };
}
