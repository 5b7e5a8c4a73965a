import type { ExperimentResult } from '../experiments/experiment.js';
import type { CapacityResult } from '../experiments/find-capacity.js';
import { csvLines } from './csv-field.js';

type Cell = string | number;
const cell = (v: unknown): Cell => (typeof v === 'number' ? v : typeof v === 'string' ? v : JSON.stringify(v));
const bounds = (i: { mean: number; ci: readonly [number, number] } | undefined): Cell[] => (i === undefined ? ['', '', ''] : [i.mean, i.ci[0], i.ci[1]]);

/**
 * A sweep as CSV, one row per point: the varied values, then each metric's mean, lower and upper
 * confidence bounds, the replications `n`, why they stopped, the paired differences (`diff` columns)
 * when there is a baseline, and the first issue of a failed point.
 *
 * @example
 * ```ts
 * pointsCsv(ex);
 * // 'hosts[0].count,wait.p99.mean,wait.p99.lo,wait.p99.hi,n,stopped,issue\n8,1.2,1.1,1.3,10,fixed,\n…'
 * ```
 */
export function pointsCsv(ex: ExperimentResult): string {
  const diff = ex.baseline !== undefined;
  const header = [
    ...ex.factors,
    ...ex.metrics.flatMap((m) => [`${m}.mean`, `${m}.lo`, `${m}.hi`]),
    'n', 'stopped',
    ...(diff ? ex.metrics.flatMap((m) => [`${m}.diff.mean`, `${m}.diff.lo`, `${m}.diff.hi`]) : []),
    'issue',
  ];
  const rows = ex.points.map((p): Cell[] => [
    ...ex.factors.map((f) => cell(p.values[f])),
    ...ex.metrics.flatMap((m) => bounds(p.metrics[m])),
    p.replications, p.stopped,
    ...(diff ? ex.metrics.flatMap((m) => bounds(p.differences?.[m])) : []),
    p.issues?.[0] === undefined ? '' : `${p.issues[0].path}: ${p.issues[0].message}`,
  ]);
  return csvLines([header, ...rows]);
}

/**
 * A capacity search's evidence as CSV, one row per value tried, in search order.
 *
 * @example
 * ```ts
 * evidenceCsv(cap); // 'step,hosts[0].count,status,n,wait.p99.mean,wait.p99.lo,wait.p99.hi,issue\n1,12,meets,5,…'
 * ```
 */
export function evidenceCsv(cap: CapacityResult): string {
  const metrics = Object.keys(cap.slo);
  const header = ['step', cap.vary, 'status', 'n', ...metrics.flatMap((m) => [`${m}.mean`, `${m}.lo`, `${m}.hi`]), 'issue'];
  const rows = cap.evidence.map((e, i): Cell[] => [
    i + 1, e.value, e.status, e.replications,
    ...metrics.flatMap((m) => bounds(e.metrics[m])),
    e.issues?.[0] === undefined ? '' : `${e.issues[0].path}: ${e.issues[0].message}`,
  ]);
  return csvLines([header, ...rows]);
}
