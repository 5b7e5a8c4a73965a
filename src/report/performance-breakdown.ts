import type { SimulationResult } from '../simulation/result.js';
import type { WorkloadBreakdown } from './report-data.js';

/**
 * The P_a / P_d / P_s breakdown of a result: per workload, averaged over its finished containers,
 * when the result carries per-container records (`record: 'containers'`); otherwise one row, `all`,
 * from the run's means. `undefined` when the run had no performance model.
 *
 * @example
 * ```ts
 * performanceBreakdown(simulate({ ...scenario, record: 'containers' }));
 * // [{ workload: 'web', pa: 1.2, pd: 0.3, ps: 0.8 }, …]
 * ```
 */
export function performanceBreakdown(result: SimulationResult): WorkloadBreakdown[] | undefined {
  const p = result.performance;
  if (p === undefined) return undefined;
  const records = p.records;
  if (records !== undefined && records.length > 0) {
    const by = new Map<string, { n: number; pa: number; pd: number; ps: number }>();
    for (const r of records) {
      let a = by.get(r.workload);
      if (a === undefined) by.set(r.workload, (a = { n: 0, pa: 0, pd: 0, ps: 0 }));
      a.n++;
      a.pa += r.pa;
      a.pd += r.pd;
      a.ps += r.ps;
    }
    return [...by].map(([workload, a]) => ({ workload, pa: a.pa / a.n, pd: a.pd / a.n, ps: a.ps / a.n }));
  }
  return [{ workload: 'all', pa: p.breakdown.pa.mean, pd: p.breakdown.pd.mean, ps: p.breakdown.ps.mean }];
}
