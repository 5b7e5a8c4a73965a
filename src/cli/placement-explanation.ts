import { formatQuantity } from '../resources/quantity.js';
import { remainingAfter } from '../scheduling/policies.js';
import type { HostView, PlacementRequest } from '../scheduling/policy.js';

/**
 * What one host looked like to the scheduler when a container was placed.
 *
 * @example
 * ```ts
 * const v: HostVerdict = { host: 'node-1', chosen: false, feasible: false, reasons: ['Insufficient cpu (needs 500m, 200m free)'], scores: {}, free: { cpu: 200 } };
 * ```
 */
export interface HostVerdict {
  /** The host's name. */
  readonly host: string;
  /** Whether the container went here. */
  readonly chosen: boolean;
  /** Whether the host passed every filter. */
  readonly feasible: boolean;
  /** Why the filters rejected it (empty when feasible). */
  readonly reasons: readonly string[];
  /** Scores by plugin or criterion (empty when the policy does not score). */
  readonly scores: Readonly<Record<string, number>>;
  /** R_c before placement, per resource, in base units. */
  readonly free: Readonly<Record<string, number>>;
}

/**
 * The explanation of one placement: the request, the policy and every host's verdict.
 *
 * @example
 * ```ts
 * const e: PlacementExplanation = { container: 'web-3', workload: 'web', time: 12.5, policy: 'best-fit', request: { cpu: 500 }, hosts: [], scoreNote: '' };
 * ```
 */
export interface PlacementExplanation {
  readonly container: string;
  readonly workload: string;
  /** Simulated time of the placement, seconds. */
  readonly time: number;
  readonly policy: string;
  /** The container's request, base units. */
  readonly request: Readonly<Record<string, number>>;
  readonly hosts: readonly HostVerdict[];
  /** How to read the scores. */
  readonly scoreNote: string;
}

const NOTES: Record<string, string> = {
  'first-fit': 'first-fit takes the lowest-numbered feasible host; it does not score',
  'best-fit': 'best-fit scores each feasible host by the capacity left after placement (summed fractions per resource); lowest wins, ties to the lower-numbered host',
  'worst-fit': 'worst-fit scores each feasible host by the capacity left after placement (summed fractions per resource); highest wins, ties to the lower-numbered host',
  random: 'random draws uniformly among the feasible hosts from the seeded stream policy/random; it does not score',
  'round-robin': 'round-robin takes the first feasible host after the one it used last; it does not score',
};

/**
 * Explains a placement by one of the built-in bin-packing policies from the cluster as the
 * policy saw it (before the container was allocated): which hosts the resource filter rejected and
 * why, and each feasible host's score where the policy scores.
 *
 * @example
 * ```ts
 * const e = explainBuiltin('web-3', 'web', run.now, run.policy.name, req, cluster, chosenHost);
 * ```
 */
export function explainBuiltin(container: string, workload: string, time: number, policy: string, req: PlacementRequest, hosts: HostView & { readonly hostNames: readonly string[] }, chosen: number): PlacementExplanation {
  const D = hosts.D;
  const request: Record<string, number> = {};
  for (let d = 0; d < D; d++) {
    const r = req.demand[req.offset + d] as number;
    if (r > 0) request[hosts.dims[d] as string] = r;
  }
  const verdicts: HostVerdict[] = [];
  for (let h = 0; h < hosts.hostCount; h++) {
    const reasons: string[] = [];
    const free: Record<string, number> = {};
    for (let d = 0; d < D; d++) {
      const dim = hosts.dims[d] as string;
      const f = hosts.free(h, d);
      free[dim] = f;
      const r = req.demand[req.offset + d] as number;
      if (r > 0 && r > f) reasons.push(`Insufficient ${dim} (needs ${formatQuantity(r, dim)}, ${formatQuantity(f, dim)} free)`);
    }
    const feasible = reasons.length === 0;
    const scores: Record<string, number> = {};
    if (feasible && (policy === 'best-fit' || policy === 'worst-fit')) scores.remaining = remainingAfter(hosts, h, req.demand, req.offset);
    verdicts.push({ host: hosts.hostNames[h] as string, chosen: h === chosen, feasible, reasons, scores, free });
  }
  return { container, workload, time, policy, request, hosts: verdicts, scoreNote: NOTES[policy] ?? `${policy} is a custom policy; podsim cannot see how it scores` };
}
