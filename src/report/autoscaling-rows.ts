import type { SimulationResult } from '../simulation/result.js';
import { formatNumber, formatSeconds } from './format.js';

/**
 * The autoscalers' lines of the summary (CLI and report): per HPA, its scale-ups and scale-downs and the
 * range of replicas it set; for the cluster autoscaler, the nodes added and removed. Empty when the run
 * has no autoscaler.
 *
 * @example
 * ```ts
 * autoscalingRows(result); // [['HPA web', '6 scale-ups, 4 scale-downs, replicas 2–14'], ['cluster autoscaler', '+6 nodes in 3 scale-ups, −5 in 2 scale-downs']]
 * ```
 */
export function autoscalingRows(r: SimulationResult): [string, string][] {
  const a = r.autoscaling;
  if (a === undefined) return [];
  const rows: [string, string][] = [];
  for (const h of a.hpa ?? []) {
    const ups = h.events.filter((e) => e.to > e.from).length;
    const downs = h.events.length - ups;
    rows.push([`HPA ${h.workload}`, `${formatNumber(ups)} scale-ups, ${formatNumber(downs)} scale-downs, replicas ${formatNumber(h.minSet)}–${formatNumber(h.maxSet)}`]);
  }
  const ca = a.clusterAutoscaler;
  if (ca !== undefined) {
    const first = ca.events.find((e) => e.kind === 'scale-up');
    rows.push(['cluster autoscaler', `+${formatNumber(ca.nodesAdded)} nodes in ${formatNumber(ca.scaleUps)} scale-ups, −${formatNumber(ca.nodesRemoved)} in ${formatNumber(ca.scaleDowns)} scale-downs${ca.failedScaleUps > 0 ? `, ${formatNumber(ca.failedScaleUps)} failed` : ''}${first === undefined ? '' : ` (first at ${formatSeconds(first.time)})`}`]);
  }
  return rows;
}
