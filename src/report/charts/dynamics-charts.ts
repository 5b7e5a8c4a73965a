import type { SimulationResult } from '../../simulation/result.js';
import { timeUnitFor } from '../time-unit.js';
import { base, timeX, type ChartSpec } from './chart-spec.js';

/**
 * Hosts up over time per host group (failures, repairs, additions and removals), as step lines.
 *
 * @param r - A result with `hosts.groups` (a run with dynamics).
 * @example
 * ```ts
 * if (result.hosts.groups) await renderSvg(hostsUpChart(result));
 * ```
 */
export function hostsUpChart(r: SimulationResult): ChartSpec {
  const end = r.simulatedTime;
  const unit = timeUnitFor(end);
  const values: { t: number; hosts: number; group: string }[] = [];
  for (const [group, g] of Object.entries(r.hosts.groups ?? {})) {
    for (const [t, n] of g.up) values.push({ t: t / unit.seconds, hosts: n, group });
    const last = g.up[g.up.length - 1];
    if (last !== undefined) values.push({ t: end / unit.seconds, hosts: last[1], group });
  }
  return {
    ...base('Hosts up per group', 640, 160),
    data: { values },
    mark: { type: 'line', interpolate: 'step-after' },
    encoding: {
      x: timeX(unit.name, end / unit.seconds),
      y: { field: 'hosts', type: 'quantitative', title: 'hosts up', axis: { tickMinStep: 1, format: 'd' }, scale: { domainMin: 0 } },
      color: { field: 'group', type: 'nominal', title: 'group' },
    },
  };
}

/**
 * Availability per service: the time-average of ready ÷ desired replicas, as bars.
 *
 * @param r - A result with `workloads` (a run with services).
 * @example
 * ```ts
 * await renderSvg(availabilityChart(result));
 * ```
 */
export function availabilityChart(r: SimulationResult): ChartSpec {
  const values = Object.entries(r.workloads ?? {}).filter(([, w]) => w.kind === 'service').map(([name, w]) => ({ service: name, availability: w.availability ?? 1 }));
  return {
    ...base('Availability per service', 640, Math.max(60, 24 * values.length)),
    data: { values },
    mark: { type: 'bar', color: '#2e86c1' },
    encoding: {
      y: { field: 'service', type: 'nominal', title: null, sort: null },
      x: { field: 'availability', type: 'quantitative', title: 'availability (time-average of ready ÷ desired)', axis: { format: '%' }, scale: { domain: [0, 1] } },
    },
  };
}
