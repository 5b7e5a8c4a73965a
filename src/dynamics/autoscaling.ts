import type { Simulator } from '../engine/simulator.js';
import type { Issue } from '../errors.js';
import { compileDistribution, type DistributionSpec } from '../random/distributions.js';
import type { RandomStreams } from '../random/streams.js';
import { parseResources } from '../resources/parse.js';
import type { ResourceVector } from '../resources/vector.js';
import type { AutoscalingSummary } from '../simulation/result.js';
import type { AutoscalerCluster, HpaTarget } from './autoscaler-host.js';
import type { AutoscalerOptions } from './autoscaler-options.js';
import { ClusterAutoscalerLoop, type NodeGroupBinding } from './cluster-autoscaler-loop.js';
import type { ExpanderName } from './expander.js';
import type { HpaSpec } from './hpa-controller.js';
import { HpaLoop, ReplicaSeries, type HpaBinding, type HpaScaleEvent } from './hpa-loop.js';
import { hpaFromObject } from './hpa-object.js';

/** The parts of a parsed scenario the autoscalers read. @example `autoscalingView(parsed)` */
export interface AutoscalingScenarioView {
  readonly hosts: readonly { readonly name: string; readonly capacity: unknown; readonly price?: number | undefined }[];
  readonly workloads: readonly { readonly name: string; readonly replicas?: number | undefined; readonly autoscale?: HpaSpec | undefined }[];
  readonly horizontalPodAutoscalers?: readonly Readonly<Record<string, unknown>>[] | undefined;
  readonly autoscaler?: (Omit<AutoscalerOptions, 'expander'> & {
    readonly expander?: ExpanderName | readonly ExpanderName[] | undefined;
    readonly nodeGroups: readonly { readonly group: string; readonly min: number; readonly max: number; readonly provisioningDelay?: number | DistributionSpec | undefined }[];
  }) | undefined;
}

/**
 * The HPAs of a scenario: each service's `autoscale`, then each imported HorizontalPodAutoscaler with a CPU
 * utilisation metric whose target is a service without its own `autoscale` (the workload's field wins; an
 * object for a workload that is not a service does nothing, as `scenarioWarnings` says).
 *
 * @example
 * ```ts
 * hpaBindings({ hosts: [], workloads: [{ name: 'web', replicas: 2, autoscale: { maxReplicas: 8, targetCPUUtilization: 60 } }] });
 * // [{ workload: 0, name: 'web', spec: { maxReplicas: 8, targetCPUUtilization: 60 } }]
 * ```
 */
export function hpaBindings(s: AutoscalingScenarioView): HpaBinding[] {
  const out: HpaBinding[] = [];
  s.workloads.forEach((w, i) => { if (w.autoscale !== undefined && w.replicas !== undefined) out.push({ workload: i, name: w.name, spec: w.autoscale }); });
  (s.horizontalPodAutoscalers ?? []).forEach((obj, i) => {
    const h = hpaFromObject(obj, `horizontalPodAutoscalers[${i}]`);
    if (h.spec === undefined || h.target === undefined) return;
    const wi = s.workloads.findIndex((w) => w.name === h.target);
    const w = s.workloads[wi];
    if (w === undefined || w.replicas === undefined || out.some((b) => b.workload === wi)) return;
    out.push({ workload: wi, name: w.name, spec: h.spec });
  });
  return out;
}

/**
 * The autoscaled node groups of a scenario, with templates in the run's dimensions (a group's
 * `capacity`), prices, and provisioning delays (a number, or a distribution drawn per node).
 *
 * @param dims - The run's dimensions, in order.
 * @example
 * ```ts
 * nodeGroupBindings(parsed, ['cpu', 'memory']);
 * ```
 */
export function nodeGroupBindings(s: AutoscalingScenarioView, dims: readonly string[]): NodeGroupBinding[] {
  return (s.autoscaler?.nodeGroups ?? []).map((g) => {
    const hostGroup = s.hosts.findIndex((h) => h.name === g.group);
    const host = s.hosts[hostGroup] as AutoscalingScenarioView['hosts'][number];
    const issues: Issue[] = [];
    const capacity: ResourceVector = parseResources(host.capacity, `hosts[${hostGroup}].capacity`, issues) ?? {};
    const delay = g.provisioningDelay;
    const sample = delay === undefined ? () => 0 : typeof delay === 'number' ? () => delay : compileDistribution(delay);
    return {
      name: g.group, hostGroup, min: g.min, max: g.max,
      template: { allocatable: dims.map((d) => capacity[d] ?? 0) },
      ...(host.price === undefined ? {} : { price: host.price }),
      provisioningDelay: sample,
    };
  });
}

/**
 * The autoscalers in a run: the HPA controller's syncs every `syncPeriod` (15 s) and the cluster
 * autoscaler's scans every `scanInterval` (10 s), each an event kind of their own on the run's
 * {@link Simulator}, from t = 0 up to `until`; the replica and host series sampled with the run's time
 * series; the summary for `result.autoscaling`. A scenario without HPAs or an autoscaler never builds one
 * (see {@link Autoscaling.create}), so it pays nothing.
 *
 * @example
 * ```ts
 * const a = Autoscaling.create(sim, parsed, dims, streams, until, target, cluster, hostGroupNames);
 * // at each sample: a?.sample();  at the end: a?.summary()
 * ```
 */
export class Autoscaling {
  readonly hpa: HpaLoop | undefined;
  readonly clusterAutoscaler: ClusterAutoscalerLoop | undefined;
  private readonly replicaSeries: ReplicaSeries | undefined;
  private readonly hostSeries: number[][] | undefined;
  private readonly timers: (() => void)[] = [];
  private readonly freeTimers: number[] = [];
  private readonly TIMER: number;
  private handles = 0;

  /**
   * Builds the autoscalers a scenario asks for, or returns undefined when it asks for none.
   *
   * @param services - Every service (`replicas`), for `timeseries.replicas`.
   * @param hostGroups - Host group names, for `timeseries.hosts`.
   */
  static create(
    sim: Simulator, s: AutoscalingScenarioView, dims: readonly string[], streams: RandomStreams, until: number,
    target: HpaTarget, cluster: AutoscalerCluster | undefined,
  ): Autoscaling | undefined {
    const bindings = hpaBindings(s);
    const groups = s.autoscaler === undefined ? [] : nodeGroupBindings(s, dims);
    const services = s.workloads.flatMap((w, i) => (w.replicas === undefined ? [] : [{ workload: i, name: w.name }]));
    if (bindings.length === 0 && groups.length === 0 && services.length === 0) return undefined;
    return new Autoscaling(sim, s, bindings, groups, services, streams, until, target, cluster);
  }

  private constructor(
    private readonly sim: Simulator, s: AutoscalingScenarioView, bindings: readonly HpaBinding[], groups: readonly NodeGroupBinding[],
    services: readonly { workload: number; name: string }[], streams: RandomStreams, private readonly until: number,
    private readonly target: HpaTarget, private readonly cluster: AutoscalerCluster | undefined,
  ) {
    this.TIMER = sim.on((k) => {
      const fn = this.timers[k] as () => void;
      this.freeTimers.push(k);
      this.handles--;
      fn();
    });
    this.replicaSeries = services.length > 0 ? new ReplicaSeries(services) : undefined;
    if (bindings.length > 0) {
      const hpa = (this.hpa = new HpaLoop(bindings, target));
      const period = hpa.syncPeriod;
      this.every(period, (now) => hpa.sync(now));
    }
    if (groups.length > 0 && cluster !== undefined) {
      const a = s.autoscaler;
      const expander = a?.expander === undefined ? undefined : typeof a.expander === 'string' ? [a.expander] : a.expander;
      const ca = (this.clusterAutoscaler = new ClusterAutoscalerLoop(groups, cluster, { ...a, expander }, streams.get('autoscaler/expander'), streams.get('autoscaler/provisioning')));
      this.every(ca.options.scanInterval, (now) => ca.scan(now));
      this.hostSeries = s.hosts.map(() => []);
      this.hostNames = s.hosts.map((h) => h.name);
    }
  }

  private hostNames: string[] = [];

  /** Calls `fn` at simulated time `t` (for the cluster autoscaler's provisioned nodes). */
  at(t: number, fn: () => void): void {
    const k = this.freeTimers.pop() ?? this.timers.length;
    this.timers[k] = fn;
    this.handles++;
    this.sim.scheduleAt(t, this.TIMER, k);
  }

  /** Timers pending (not counting the periodic loops), so that a run without `until` can tell they keep nothing alive. */
  get pendingTimers(): number {
    return this.handles;
  }

  /**
   * The periodic loops' events now pending: background, like the run's sampling, which must not keep a
   * run without `until` alive.
   */
  get background(): number {
    return this.loopsPending;
  }

  /** The run's other background events (its next sample), for runs without `until`. */
  otherBackground: () => number = () => 0;

  private loopsPending = 0;

  private every(period: number, fn: (now: number) => void): void {
    // Sync k at k × period (no drift from repeated addition), up to until; without until, only while
    // anything but background events is pending.
    const kind = this.sim.on((k) => {
      this.loopsPending--;
      fn(this.sim.now);
      const next = (k + 1) * period;
      if (next > this.until) return;
      if (this.until === Infinity && this.sim.pending <= this.loopsPending + this.otherBackground()) return;
      this.loopsPending++;
      this.sim.scheduleAt(next, kind, k + 1);
    });
    this.loopsPending++;
    this.sim.scheduleAt(0, kind, 0);
  }

  /** Takes one sample of `timeseries.replicas` and `timeseries.hosts`. */
  sample(): void {
    this.replicaSeries?.add(this.target);
    const hs = this.hostSeries, c = this.cluster;
    if (hs === undefined || c === undefined) return;
    const counts = hs.map(() => 0);
    for (let h = 0; h < c.hostCount; h++) if (c.exists(h)) counts[c.hostGroup(h)] = (counts[c.hostGroup(h)] as number) + 1;
    counts.forEach((n, g) => (hs[g] as number[]).push(n));
  }

  /** The series for `result.timeseries`. */
  timeseries(): { replicas?: ReturnType<ReplicaSeries['build']>; hosts?: Record<string, number[]> } {
    const out: { replicas?: ReturnType<ReplicaSeries['build']>; hosts?: Record<string, number[]> } = {};
    if (this.replicaSeries !== undefined) out.replicas = this.replicaSeries.build();
    if (this.hostSeries !== undefined) {
      const hosts: Record<string, number[]> = {};
      this.hostNames.forEach((n, g) => { hosts[n] = this.hostSeries?.[g] as number[]; });
      out.hosts = hosts;
    }
    return out;
  }

  /** `result.autoscaling`, or undefined when the run has no autoscaler. */
  summary(): AutoscalingSummary | undefined {
    const hpa = this.hpa, ca = this.clusterAutoscaler;
    if (hpa === undefined && ca === undefined) return undefined;
    const out: { -readonly [K in keyof AutoscalingSummary]: AutoscalingSummary[K] } = {};
    if (hpa !== undefined) {
      out.hpa = hpa.bindings.map((b) => {
        const events = hpa.events.filter((e) => e.workload === b.name);
        const counts = events.length === 0 ? [this.target.replicas(b.workload)] : [(events[0] as HpaScaleEvent).from, ...events.map((e) => e.to)];
        return { workload: b.name, events, minSet: Math.min(...counts), maxSet: Math.max(...counts) };
      });
    }
    if (ca !== undefined) {
      const ev = ca.events;
      let scaleUps = 0, scaleDowns = 0, failed = 0, added = 0, removed = 0;
      for (const e of ev) {
        if (e.kind === 'scale-up') { scaleUps++; added += e.nodes; }
        else if (e.kind === 'scale-down') { scaleDowns++; removed += e.nodes; }
        else { failed++; added -= e.nodes; }
      }
      out.clusterAutoscaler = { events: ev, scaleUps, scaleDowns, failedScaleUps: failed, nodesAdded: added, nodesRemoved: removed };
    }
    return out;
  }
}
