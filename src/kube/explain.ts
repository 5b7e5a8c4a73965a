import { ABSENT, type Cycle } from './schedule-cycle.js';

/**
 * Why a pod could not be scheduled, as kube-scheduler's FitError reports it.
 *
 * @example
 * ```ts
 * if (s.schedule(pod) < 0) console.log(s.lastFailure?.message);
 * // '0/5000 nodes are available: 3 Insufficient cpu, 4997 node(s) had untolerated taint {gpu: }.'
 * ```
 */
export interface KubeScheduleFailure {
  /** The pod. */
  readonly pod: number;
  /** Hosts considered. */
  readonly numAllNodes: number;
  /** Hosts rejected per filter plugin (each host counts once, for the first filter that rejected it). */
  readonly byPlugin: Readonly<Record<string, number>>;
  /** Hosts per reason, as in the message. */
  readonly reasons: ReadonlyMap<string, number>;
  /** `0/N nodes are available: …` */
  readonly message: string;
}

/**
 * One host in {@link KubeScheduler.scoreHosts}'s explanation.
 *
 * @example
 * ```ts
 * const h: KubeHostExplain = explain.hosts[0]!;
 * h.feasible ? h.total : h.rejections.map((r) => r.reasons.join('; '));
 * ```
 */
export interface KubeHostExplain {
  readonly host: number;
  readonly name: string;
  readonly feasible: boolean;
  /** Every filter that rejects the host, with its reasons (all filters run, not just the first). */
  readonly rejections: ReadonlyArray<{ readonly plugin: string; readonly reasons: readonly string[] }>;
  /** Each score plugin's raw and normalised score and weight; empty for infeasible hosts. */
  readonly scores: ReadonlyArray<{ readonly plugin: string; readonly weight: number; readonly raw: number; readonly normalized: number; readonly skipped: boolean }>;
  /** Σ weight × normalised score. */
  readonly total: number;
}

/**
 * The explanation of one pod's placement over every host.
 *
 * @example
 * ```ts
 * const e: KubeExplain = s.scoreHosts(pod);
 * e.best; // the highest-scoring feasible host, or -1
 * ```
 */
export interface KubeExplain {
  readonly pod: number;
  readonly hosts: readonly KubeHostExplain[];
  /** The feasible host with the highest total (lowest index among ties), or -1. */
  readonly best: number;
  readonly feasibleCount: number;
  /** The FitError message when no host is feasible. */
  readonly message: string | undefined;
}

/**
 * Formats kube-scheduler's FitError: `0/N nodes are available: ` and the reasons with their host counts,
 * sorted as strings, then a full stop (upstream pkg/scheduler/framework/types.go, FitError.Error).
 *
 * @example
 * ```ts
 * formatFitError(5, new Map([['Insufficient cpu', 3], ['node(s) had untolerated taint {a: }', 2]]));
 * // '0/5 nodes are available: 2 node(s) had untolerated taint {a: }, 3 Insufficient cpu.'
 * ```
 */
export function formatFitError(numAllNodes: number, reasons: ReadonlyMap<string, number>): string {
  const parts = [...reasons].map(([r, n]) => `${n} ${r}`).sort();
  return `0/${numAllNodes} nodes are available${parts.length > 0 ? `: ${parts.join(', ')}` : ''}.`;
}

/**
 * The FitError of a failed cycle, from the statuses {@link Cycle.diagnose} recorded (call it first when
 * hosts were examined). Counts per plugin are taken now; the reasons, which need the filters again, are
 * worked out when first read, after `again()` has re-run the pod's PreFilter.
 * @internal
 * @example
 * ```ts
 * cycle.diagnose();
 * scheduler.lastFailure = failureOf(cycle, pod, H, () => cycle.prepare(pod, fw));
 * ```
 */
export function failureOf(c: Cycle, pod: number, examined: number, again: () => void): KubeScheduleFailure {
  const H = c.state.H;
  const byPlugin: Record<string, number> = {};
  const status = examined > 0 ? c.status.slice(0, H) : new Int32Array(0);
  const names = c.fw.filters.map((f) => f.name);
  const narrowedBy = c.narrowedBy;
  for (let h = 0; h < status.length; h++) {
    const s = status[h] as number;
    if (s === 0) continue;
    const name = s === ABSENT ? narrowedBy : (names[(s >> 8) - 1] as string);
    byPlugin[name] = (byPlugin[name] ?? 0) + 1;
  }
  let reasons: Map<string, number> | undefined;
  const get = (): Map<string, number> => {
    if (reasons !== undefined) return reasons;
    reasons = new Map();
    again();
    c.narrowedBy = narrowedBy;
    for (let h = 0; h < status.length; h++) {
      const s = status[h] as number;
      if (s === 0) continue;
      for (const r of c.reasonsOf(s, h).reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
    }
    return reasons;
  };
  return {
    pod,
    numAllNodes: H,
    byPlugin,
    get reasons() {
      return get();
    },
    get message() {
      return formatFitError(H, get());
    },
  };
}

/**
 * Explains a prepared cycle's pod over every host: every filter that rejects each host (all run), and
 * for the feasible hosts each score plugin's raw and normalised score and the weighted total, scores
 * normalised over all feasible hosts.
 * @internal
 * @example
 * ```ts
 * cycle.prepare(pod, fw);
 * explainCycle(cycle);
 * ```
 */
export function explainCycle(c: Cycle): KubeExplain {
  const st = c.state, H = st.H, names = st.topo.names;
  const fs = c.fw.filters;
  const rejections: Array<Array<{ plugin: string; reasons: readonly string[] }>> = [];
  let n = 0;
  const statusCounts = new Map<string, number>();
  // The PreFilters have run: a filter they skipped rejects nothing, as in the cycle.
  const active = fs.map((_, i) => c.filterHostActive(i));
  for (let h = 0; h < H; h++) {
    const rej: Array<{ plugin: string; reasons: readonly string[] }> = [];
    fs.forEach((slot, i) => {
      if (!active[i]) return;
      const code = slot.inst.filter!(c, h);
      if (code !== 0) rej.push(c.reasonsOf((i + 1) * 256 + code, h));
    });
    rejections.push(rej);
    if (rej.length === 0) c.feas[n++] = h;
    else for (const r of rej[0]?.reasons ?? []) statusCounts.set(r, (statusCounts.get(r) ?? 0) + 1);
  }
  const rec = n > 0 ? c.score(n, true) : undefined;
  const posOf = new Int32Array(H).fill(-1);
  for (let i = 0; i < n; i++) posOf[c.feas[i] as number] = i;
  let best = -1, bestScore = -Infinity;
  const hosts: KubeHostExplain[] = [];
  const scoreSlots = c.fw.scores;
  for (let h = 0; h < H; h++) {
    const i = posOf[h] as number;
    if (i < 0) {
      hosts.push({ host: h, name: names[h] as string, feasible: false, rejections: rejections[h] ?? [], scores: [], total: 0 });
      continue;
    }
    const scores = scoreSlots.map((slot, k) => ({
      plugin: slot.name,
      weight: slot.weight,
      raw: rec?.raw[k]?.[i] ?? 0,
      normalized: rec?.norm[k]?.[i] ?? 0,
      skipped: rec?.skipped[k] ?? true,
    }));
    const total = c.total[i] as number;
    if (total > bestScore) {
      bestScore = total;
      best = h;
    }
    hosts.push({ host: h, name: names[h] as string, feasible: true, rejections: [], scores, total });
  }
  return { pod: c.pod, hosts, best, feasibleCount: n, message: n === 0 ? formatFitError(H, statusCounts) : undefined };
}
