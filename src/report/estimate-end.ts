import type { Scenario } from '../scenario/schema.js';
import { controlledArrival } from '../dynamics/controlled-arrival.js';
import { meanOf, type DistributionSpec } from '../random/distributions.js';

/**
 * A rough guess, before running, of how many simulated seconds a scenario covers: its `until` if it
 * has one, otherwise the latest expected last arrival plus that workload's mean duration. Used to
 * pick a default sampling interval and to scale progress bars; never used for results.
 *
 * @returns seconds, at least 1 when nothing better is known.
 * @example
 * ```ts
 * estimateEnd({ hosts, workloads: [{ name: 'w', count: 100, arrival: { process: 'poisson', rate: 10 }, request: { cpu: 1 } }] }); // 10
 * ```
 */
export function estimateEnd(scenario: Scenario): number {
  if (scenario.until !== undefined && Number.isFinite(scenario.until) && scenario.until > 0) return scenario.until;
  let end = 0;
  for (const w of scenario.workloads ?? []) {
    const a = controlledArrival(w);
    let last: number;
    if (a.process === 'explicit') last = a.times.length > 0 ? Math.max(...a.times) : 0;
    else if (a.process === 'interval') last = (a.start ?? 0) + Math.max(0, (w.count ?? Infinity) - 1) * a.every;
    else last = (w.count ?? Infinity) / a.rate;
    if (w.horizon !== undefined) last = Math.min(last, w.horizon);
    let mean = 0;
    try {
      mean = w.duration === undefined ? 0 : meanOf(w.duration as DistributionSpec);
    } catch {
      mean = 0;
    }
    const e = last + (Number.isFinite(mean) && mean > 0 ? mean : 0);
    if (Number.isFinite(e) && e > end) end = e;
  }
  return end > 0 ? end : 1;
}

/**
 * The sampling interval podsim uses when none is given: about `end / 200`, rounded to 1, 2 or 5
 * times a power of ten (whichever is nearest on a log scale), so a run gives roughly 125–320 samples.
 *
 * @example
 * ```ts
 * defaultInterval(3600); // 20
 * ```
 */
export function defaultInterval(end: number): number {
  const raw = end / 200;
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  // Round to the nearest of 1, 2, 5, 10 on a log scale (thresholds at their geometric midpoints).
  return (m < Math.SQRT2 ? 1 : m < Math.sqrt(10) ? 2 : m < Math.sqrt(50) ? 5 : 10) * p;
}
