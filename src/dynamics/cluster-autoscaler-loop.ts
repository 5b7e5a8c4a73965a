import type { Rng } from '../random/streams.js';
import type { AutoscalerCluster } from './autoscaler-host.js';
import { resolveAutoscalerOptions, type AutoscalerOptions, type ResolvedAutoscalerOptions } from './autoscaler-options.js';
import { estimateNodes, type EstimatorPodGroup, type NodeTemplate } from './binpacking-estimator.js';
import { findUnneededNodes, type ScaleDownHost, type UnneededNodes } from './find-unneeded-nodes.js';
import { NodeGroupBackoff } from './node-group-backoff.js';
import { planScaleUp, type ScaleUpGroup } from './plan-scale-up.js';
import { ScaleDownTracker } from './scale-down-tracker.js';

/**
 * An autoscaled node group in a run: a scenario host group with its bounds, template node and
 * provisioning delay.
 *
 * @example
 * ```ts
 * const g: NodeGroupBinding = { name: 'pool', hostGroup: 1, min: 1, max: 10, template: { allocatable: [4000, 2 ** 34] }, provisioningDelay: () => 60 };
 * ```
 */
export interface NodeGroupBinding {
  /** The host group's name. */
  readonly name: string;
  /** The host group's index in the scenario's `hosts`. */
  readonly hostGroup: number;
  readonly min: number;
  readonly max: number;
  /** What one new node offers. */
  readonly template: NodeTemplate;
  /** Price per node-hour (the price expander). @defaultValue the template's linear price */
  readonly price?: number | undefined;
  /** Seconds from a scale-up request to the node being Ready, drawn per node. */
  readonly provisioningDelay: (rng: Rng) => number;
}

/**
 * A cluster autoscaler action: a scale-up (nodes requested), a scale-up that failed (nodes not Ready within
 * `maxNodeProvisionTime`; the group backs off), or a scale-down (nodes deleted).
 *
 * @example
 * ```ts
 * const e: ClusterScaleEvent = { time: 0, kind: 'scale-up', group: 'pool', nodes: 3 };
 * ```
 */
export interface ClusterScaleEvent {
  readonly time: number;
  readonly kind: 'scale-up' | 'scale-up-failed' | 'scale-down';
  readonly group: string;
  readonly nodes: number;
  /** For a scale-down: the host ids deleted. */
  readonly hosts?: readonly number[];
}

/**
 * The cluster autoscaler's main loop (cluster-autoscaler core/static_autoscaler.go `RunOnce`), one
 * {@link ClusterAutoscalerLoop.scan} every `scanInterval` (10 s), over an {@link AutoscalerCluster}:
 *
 * 1. Requested nodes not Ready within `maxNodeProvisionTime` fail their scale-up: the group backs off
 *    ({@link NodeGroupBackoff}; clusterstate/clusterstate.go `updateScaleRequests`).
 * 2. Pods pending since `newPodScaleUpDelay` or longer, less those the nodes already requested will take
 *    (binpacked onto the upcoming nodes' templates, as the autoscaler adds upcoming nodes to its snapshot),
 *    go to {@link planScaleUp}. The chosen group's nodes are requested; each becomes Ready after its own
 *    provisioning delay (drawn from the group's distribution), when {@link AutoscalerCluster.addHost} adds it.
 *    A loop that scaled up does not scale down.
 * 3. Scale-down: {@link findUnneededNodes} (repeated only when the cluster changed), the unneeded times
 *    ({@link ScaleDownTracker}), the cooldowns (`scaleDownDelayAfterAdd` 600 s, …) and the deletion
 *    budgets; the chosen nodes are deleted through {@link AutoscalerCluster.removeHost}.
 *
 * @example
 * ```ts
 * const ca = new ClusterAutoscalerLoop(groups, cluster, { scaleDownUnneededTime: 300 }, streams.get('autoscaler/expander'), streams.get('autoscaler/provisioning'));
 * for (let t = 0; t < 3600; t += ca.options.scanInterval) ca.scan(t);
 * ca.events; // scale-ups and scale-downs
 * ```
 */
export class ClusterAutoscalerLoop {
  readonly options: ResolvedAutoscalerOptions;
  /** Every action, in time order. */
  readonly events: ClusterScaleEvent[] = [];
  readonly tracker: ScaleDownTracker;
  readonly backoff: NodeGroupBackoff;
  /** Per node group: nodes requested and not yet Ready (their request times). */
  private readonly upcoming: number[][];
  /** Per node group: existing hosts (refreshed when the cluster's version moves). */
  private readonly existing: Int32Array;
  /** Node group of each host id (-1: none), refreshed with `existing`. */
  private groupOfHost = new Int32Array(0);
  /** Readiness of each host id, refreshed with `existing`. */
  private readyOfHost: boolean[] = [];
  private readonly nodeGroupOf: Map<number, number>;
  private seenVersion = NaN;
  private unneeded: UnneededNodes | undefined;
  private unneededIds: number[] = [];
  private unneededChanged = true;

  constructor(
    readonly groups: readonly NodeGroupBinding[],
    private readonly cluster: AutoscalerCluster,
    options: AutoscalerOptions | undefined,
    private readonly expanderRng: Rng,
    private readonly provisioningRng: Rng,
  ) {
    this.options = resolveAutoscalerOptions(options);
    const o = this.options;
    this.tracker = new ScaleDownTracker(Math.max(16, cluster.hostCount));
    this.backoff = new NodeGroupBackoff(groups.length, o.initialNodeGroupBackoffDuration, o.maxNodeGroupBackoffDuration, o.nodeGroupBackoffResetTimeout);
    this.upcoming = groups.map(() => []);
    this.existing = new Int32Array(groups.length);
    this.nodeGroupOf = new Map(groups.map((g, i) => [g.hostGroup, i]));
  }

  /** A node group's target size: its existing hosts plus those requested and not yet Ready. */
  targetSize(g: number): number {
    this.refresh();
    return (this.existing[g] as number) + (this.upcoming[g] as number[]).length;
  }

  /** One loop of the autoscaler at `now`. */
  scan(now: number): void {
    const o = this.options;
    this.refresh();
    // 1. Scale-ups that did not register in time.
    this.upcoming.forEach((list, g) => {
      let failed = 0;
      while (list.length > 0 && (list[0] as number) + o.maxNodeProvisionTime < now) { list.shift(); failed++; }
      if (failed > 0) {
        this.backoff.backoff(g, now);
        this.events.push({ time: now, kind: 'scale-up-failed', group: (this.groups[g] as NodeGroupBinding).name, nodes: failed });
      }
    });
    // 2. Scale-up.
    const pending = this.cluster.unschedulable(now - o.newPodScaleUpDelay);
    if (pending.length > 0 && this.scaleUp(now, pending)) return;
    // 3. Scale-down.
    if (!o.scaleDownEnabled) return;
    const r = this.findUnneeded();
    // The same unneeded hosts as at the last scan keep their times: update only when the list changed.
    if (this.unneededChanged) { this.tracker.update(now, this.unneededIds); this.unneededChanged = false; }
    if (this.tracker.inCooldown(now, o)) return;
    const sizes = this.groups.map((_, g) => this.targetSize(g));
    const del = this.tracker.nodesToDelete(now, this.unneededIds, r.empty, this.groupOfHost, this.readyOfHost, { size: sizes, min: this.groups.map((g) => g.min) }, o);
    const chosen = [...del.empty, ...del.drain];
    if (chosen.length === 0) return;
    const byGroup = new Map<number, number[]>();
    for (const h of chosen) {
      const g = this.groupOfHost[h] as number;
      if (this.cluster.removeHost(h)) (byGroup.get(g) ?? byGroup.set(g, []).get(g) as number[]).push(h);
    }
    if (byGroup.size === 0) return;
    for (const [g, hosts] of [...byGroup].sort((a, b) => a[0] - b[0])) {
      this.events.push({ time: now, kind: 'scale-down', group: (this.groups[g] as NodeGroupBinding).name, nodes: hosts.length, hosts });
    }
    this.tracker.lastScaleDownDelete = now;
  }

  private scaleUp(now: number, pending: readonly EstimatorPodGroup[]): boolean {
    // Pods the upcoming nodes will take are not unschedulable (upstream adds upcoming nodes to the snapshot).
    let left: EstimatorPodGroup[] = pending.map((p) => ({ request: p.request, count: p.count }));
    this.upcoming.forEach((list, g) => {
      if (list.length === 0 || left.length === 0) return;
      const e = estimateNodes(left, (this.groups[g] as NodeGroupBinding).template, { maxNodes: list.length });
      left = left.map((p, i) => ({ request: p.request, count: p.count - (e.scheduled[i] as number) })).filter((p) => p.count > 0);
    });
    if (left.length === 0) return false;
    const groups: ScaleUpGroup[] = this.groups.map((g, i) => ({
      name: g.name, template: g.template, size: this.targetSize(i), min: g.min, max: g.max,
      ...(g.price === undefined ? {} : { price: g.price }),
      backedOff: this.backoff.isBackedOff(i, now),
    }));
    let clusterSize = 0;
    for (let h = 0; h < this.cluster.hostCount; h++) if (this.cluster.exists(h)) clusterSize++;
    for (const list of this.upcoming) clusterSize += list.length;
    const d = planScaleUp({ groups, pending: left, clusterSize, options: this.options }, this.expanderRng);
    if (d === undefined || d.nodes <= 0) return false;
    const g = this.groups[d.group] as NodeGroupBinding;
    const list = this.upcoming[d.group] as number[];
    for (let i = 0; i < d.nodes; i++) {
      const delay = Math.max(0, g.provisioningDelay(this.provisioningRng));
      list.push(now);
      // A node slower than maxNodeProvisionTime never registers: its request times out at a later scan.
      if (delay <= this.options.maxNodeProvisionTime) {
        this.cluster.at(now + delay, () => {
          const k = list.indexOf(now);
          if (k < 0) return; // timed out meanwhile
          list.splice(k, 1);
          this.cluster.addHost(g.hostGroup);
        });
      }
    }
    this.tracker.lastScaleUp = now;
    this.events.push({ time: now, kind: 'scale-up', group: g.name, nodes: d.nodes });
    return true;
  }

  /** Scale-down's simulation, repeated only when the cluster changed since the last one. */
  private findUnneeded(): UnneededNodes {
    const c = this.cluster;
    if (this.unneeded !== undefined && c.version === this.seenVersion) return this.unneeded;
    this.refresh();
    const H = c.hostCount;
    const hosts: ScaleDownHost[] = new Array(H);
    const candidates: number[] = [], destinations: number[] = [];
    let D = 0;
    for (let h = 0; h < H; h++) if (c.exists(h)) { D = c.allocatable(h).length; break; }
    const none = new Float64Array(D);
    for (let h = 0; h < H; h++) {
      if (!c.exists(h)) { hosts[h] = { allocatable: none, group: -1 }; continue; }
      const ready = c.ready(h);
      hosts[h] = { allocatable: c.allocatable(h), maxPods: c.maxPods?.(h) ?? 110, group: this.groupOfHost[h] as number, ready };
      if ((this.groupOfHost[h] as number) >= 0) candidates.push(h);
      if (ready) destinations.push(h);
    }
    this.unneeded = findUnneededNodes({
      hosts, pods: c.boundPods(), candidates, destinations, pdbDisruptionsAllowed: c.pdbDisruptionsAllowed?.() ?? [], options: this.options,
    });
    const ids = this.unneeded.unneeded;
    if (ids.length !== this.unneededIds.length || ids.some((h, i) => h !== this.unneededIds[i])) this.unneededChanged = true;
    this.unneededIds = ids;
    this.tracker.ensure(H);
    return this.unneeded;
  }

  /** Recounts the node groups' hosts when the cluster's version moved. */
  private refresh(): void {
    const c = this.cluster;
    if (c.version === this.seenVersion && this.groupOfHost.length === c.hostCount) return;
    this.unneeded = undefined;
    this.seenVersion = c.version;
    if (this.groupOfHost.length !== c.hostCount) this.groupOfHost = new Int32Array(c.hostCount);
    this.existing.fill(0);
    this.readyOfHost.length = c.hostCount;
    for (let h = 0; h < c.hostCount; h++) {
      const alive = c.exists(h);
      this.readyOfHost[h] = alive && c.ready(h);
      const g = alive ? (this.nodeGroupOf.get(c.hostGroup(h)) ?? -1) : -1;
      this.groupOfHost[h] = g;
      if (g >= 0) this.existing[g] = (this.existing[g] as number) + 1;
    }
    this.tracker.ensure(c.hostCount);
  }
}
