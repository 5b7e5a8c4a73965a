import type { CompiledWorkload } from '../scenario/compile.js';
import type { SchedulerExplanation } from '../scheduling/scheduler.js';
import type { ExplainRecord } from '../simulation/result.js';
import type { Simulation } from '../simulation/simulation.js';

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
  /** Scores by criterion, for the bin-packing policies that score (kube's are in the kube view). */
  readonly scores: Readonly<Record<string, number>>;
  /** R_c before placement, per resource, in base units. */
  readonly free: Readonly<Record<string, number>>;
}

/**
 * The explanation of one placement: the request, the policy and every host's verdict, from the
 * simulated scheduler's own record of its decision.
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
 * Turns the simulated scheduler's record of the attempt that placed a container into the table
 * `podsim explain` prints: per host, chosen or not, feasible or not and why, its scores (for the
 * bin-packing policies; kube-scheduler's go to {@link kubeView}), and its free capacity before the
 * placement.
 *
 * @param free - Free capacity per host before the placement, `[h * D + d]`.
 * @example
 * ```ts
 * const e = explanationOf(record, run, workload, host, free);
 * ```
 */
export function explanationOf(record: ExplainRecord, run: Simulation, workload: CompiledWorkload, chosen: number, free: Float64Array): PlacementExplanation {
  const c = run.cluster, D = c.D, kube = run.scheduler.preempts === true;
  const request: Record<string, number> = {};
  for (const [k, v] of Object.entries(workload.request)) if (v > 0) request[k] = v;
  const hosts = record.hosts.map((x, h): HostVerdict => {
    const f: Record<string, number> = {};
    for (let d = 0; d < D; d++) f[c.dims[d] as string] = free[h * D + d] as number;
    const scores: Record<string, number> = {};
    if (!kube) for (const s of x.scores) scores[s.plugin] = s.raw;
    return {
      host: x.host,
      chosen: h === chosen,
      feasible: x.feasible,
      reasons: x.rejections.flatMap((r) => (kube ? r.reasons.map((m) => `${r.plugin}: ${m}`) : r.reasons)),
      scores,
      free: f,
    };
  });
  const policy = run.scheduler.name;
  const note = kube ? `${policy} is kube-scheduler: its filter and score plugins are in the table below` : NOTES[policy] ?? `${policy} is a custom policy; podsim cannot see how it scores, so only the resource filter is shown`;
  return { container: record.container, workload: workload.name, time: record.time, policy, request, hosts, scoreNote: note };
}

/**
 * kube-scheduler's filters and scores for one decision, as `podsim explain` shows them.
 *
 * @example
 * ```ts
 * const k: KubeView = kubeView(record, 'default', true);
 * k.hosts[k.best]?.name;
 * ```
 */
export interface KubeView {
  /** The profile: a preset, or the run's kube policy. */
  readonly profile: string;
  /** Whether these are the run's own scheduler's figures (`true`) or a what-if beside another policy. */
  readonly simulated: boolean;
  readonly feasibleCount: number;
  /** The feasible host with the highest total (lowest index among ties), or -1. */
  readonly best: number;
  readonly message: string | undefined;
  readonly hosts: ReadonlyArray<{
    readonly host: number;
    readonly name: string;
    readonly feasible: boolean;
    readonly rejections: SchedulerExplanation['hosts'][number]['rejections'];
    readonly scores: SchedulerExplanation['hosts'][number]['scores'];
    readonly total: number;
  }>;
}

/**
 * Shapes a kube-scheduler explanation for `podsim explain`.
 *
 * @example
 * ```ts
 * kubeView(whatIf.explanations.get('web-3')!, 'binpack', false);
 * ```
 */
export function kubeView(e: SchedulerExplanation, profile: string, simulated: boolean): KubeView {
  let best = -1, bestTotal = -Infinity;
  e.hosts.forEach((h, i) => {
    if (h.feasible && h.total > bestTotal) {
      bestTotal = h.total;
      best = i;
    }
  });
  return {
    profile,
    simulated,
    feasibleCount: e.feasible,
    best,
    message: e.message,
    hosts: e.hosts.map((h, i) => ({ host: i, name: h.host, feasible: h.feasible, rejections: h.rejections, scores: h.scores, total: h.total })),
  };
}

/**
 * A short alias for a plugin, from its capitals: `NodeResourcesBalancedAllocation` → `NRBA`.
 *
 * @example
 * ```ts
 * pluginAlias('TaintToleration'); // 'TT'
 * ```
 */
export function pluginAlias(name: string): string {
  return name.replace(/[^A-Z]/g, '') || name;
}
