import type { SimulationResult } from '../simulation/result.js';
import { formatNumber, formatPercent, formatSeconds } from './format.js';
import { autoscalingRows } from './autoscaling-rows.js';
import { dynamicsRows } from './dynamics-rows.js';

/**
 * The headline numbers of a run as label–value pairs, the same in the CLI's summary and the HTML
 * report.
 *
 * @example
 * ```ts
 * for (const [label, value] of summaryRows(result)) console.log(label.padEnd(16), value);
 * ```
 */
export function summaryRows(r: SimulationResult): [string, string][] {
  const c = r.containers;
  const w = r.wait;
  const util = Object.entries(r.utilization).map(([k, v]) => `${k} ${formatPercent(v)}`).join('   ');
  return [
    ['policy', r.policy],
    ['seed', String(r.seed)],
    ['simulated time', formatSeconds(r.simulatedTime)],
    ['events', formatNumber(r.events)],
    ['containers', `${formatNumber(c.submitted)} submitted, ${formatNumber(c.placed)} placed, ${formatNumber(c.completed)} completed, ${formatNumber(c.rejected)} rejected`],
    ['at the end', `${formatNumber(c.running)} running, ${formatNumber(c.pending)} pending`],
    ['wait', `mean ${formatSeconds(w.mean)}   p50 ${formatSeconds(w.p50)}   p90 ${formatSeconds(w.p90)}   p99 ${formatSeconds(w.p99)}   max ${formatSeconds(w.max)}${w.relativeError !== undefined ? `   (p50, p90, p99 within ±${formatPercent(w.relativeError)}: sketched past the exact bound)` : ''}${w.censored > 0 ? `   (with ${formatNumber(w.censored)} still pending at the end, counted at their age: waits at least this long)` : ''}`],
    ...(r.warmup !== undefined ? [['warm-up', `${formatSeconds(r.warmup)}: waits of containers submitted from then on; utilisation and queue mean over [${formatSeconds(r.warmup)}, end]`] as [string, string]] : []),
    ['utilisation', util === '' ? '—' : util],
    ['pending queue', `mean ${formatNumber(r.queue.mean)}   max ${formatNumber(r.queue.max)}`],
    ['hosts', `${formatNumber(r.hosts.count)} (peak in use ${formatNumber(r.hosts.peakInUse)})`],
    ...performanceRows(r),
    ...dynamicsRows(r),
    ...costEnergyRows(r),
    ...autoscalingRows(r),
  ];
}

// Declared usage, cost and energy, when the scenario gives them.
function costEnergyRows(r: SimulationResult): [string, string][] {
  const rows: [string, string][] = [];
  const groups = (by: Readonly<Record<string, number>>, unit: string) => {
    const e = Object.entries(by);
    return e.length > 1 ? `   (${e.map(([g, v]) => `${g} ${formatNumber(v)}${unit}`).join(', ')})` : '';
  };
  if (r.usage !== undefined && r.performance === undefined) rows.push(['usage', `cpu ${formatPercent(r.usage.cpu)} (declared by workloads)`]);
  if (r.cost !== undefined) rows.push(['cost', `${formatNumber(r.cost.total)} over ${formatSeconds(r.simulatedTime)}${groups(r.cost.byGroup, '')}`]);
  if (r.energy !== undefined) {
    const co2 = r.energy.co2kg === undefined ? '' : `, ${formatNumber(r.energy.co2kg)} kg CO₂`;
    rows.push(['energy', `${formatNumber(r.energy.kWh)} kWh${co2}${groups(r.energy.byGroup, ' kWh')}   (utilisation from ${r.energy.utilization})`]);
  }
  return rows;
}

function performanceRows(r: SimulationResult): [string, string][] {
  const p = r.performance;
  if (p === undefined) return [];
  const b = p.breakdown;
  return [
    // CPU from the performance model's work and from declared usage (disjoint: a container has one or the other).
    ['usage', `cpu ${formatPercent(p.usage.cpu + (r.usage?.cpu ?? 0))}   memory ${formatPercent(p.usage.memory)}   (throttled ${formatPercent(p.throttledFraction)} of compute time)`],
    ['time per container', `P_a ${formatSeconds(b.pa.mean)} + P_d ${formatSeconds(b.pd.mean)} + P_s ${formatSeconds(b.ps.mean)} (means)`],
    ['turnaround', `mean ${formatSeconds(p.turnaround.mean)}   p99 ${formatSeconds(p.turnaround.p99)}   slowdown p99 ${formatNumber(p.slowdown.p99)}×`],
    ['incidents', `${formatNumber(p.oomKills)} OOM kills, ${formatNumber(p.evictions)} evictions, ${formatNumber(p.restarts)} restarts`],
  ];
}
