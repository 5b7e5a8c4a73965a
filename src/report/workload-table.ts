import type { SimulationResult } from '../simulation/result.js';
import { formatNumber } from './format.js';

/**
 * The per-workload table of a run, the same in the CLI's summary and the HTML report: one row per
 * workload with its counts and its waits (seconds), and under the performance model its mean
 * start-up, p99 turnaround and p99 slowdown. `censored` counts its containers still pending at the
 * end, whose waits enter the figures at their age then.
 *
 * @example
 * ```ts
 * const { header, rows } = workloadTable(simulate(scenario));
 * console.log(header.join('\t'));
 * for (const r of rows) console.log(r.join('\t'));
 * ```
 */
export function workloadTable(r: SimulationResult): { header: string[]; rows: string[][] } {
  const entries = Object.entries(r.workloads);
  const perf = entries.some(([, w]) => w.performance !== undefined);
  const header = ['WORKLOAD', 'SUBMITTED', 'PLACED', 'COMPLETED', 'RUNNING', 'PENDING', 'WAIT MEAN', 'P50', 'P90', 'P99', 'MAX', 'CENSORED',
    ...(perf ? ['STARTUP MEAN', 'TURNAROUND P99', 'SLOWDOWN P99'] : [])];
  const s = (x: number) => formatNumber(x);
  const rows = entries.map(([name, w]) => {
    const c = w.containers, q = w.wait, p = w.performance;
    return [name, s(c.submitted), s(c.placed), s(c.completed), s(c.running), s(c.pending), s(q.mean), s(q.p50), s(q.p90), s(q.p99), s(q.max), s(q.censored),
      ...(perf ? (p === undefined ? ['—', '—', '—'] : [s(p.startup.mean), s(p.turnaround.p99), s(p.slowdown.p99)]) : [])];
  });
  return { header, rows };
}
