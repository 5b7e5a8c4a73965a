import { KubeScheduler } from '../kube-scheduler.js';
import type { Taint } from '../node-fields-schema.js';
import { kubePodFieldsShape, type KubePodFields } from '../pod-fields-schema.js';
import { placeGang } from '../place-gang.js';
import type { KubePreset } from '../resolve-profile.js';
import type { ResourceVector } from '../../resources/vector.js';
import { HostCondition } from '../../scheduling/host-condition.js';
import type { PolicyContext } from '../../scheduling/policy-registry.js';
import type { HostView, PlacementRequest } from '../../scheduling/policy.js';
import type { Scheduler, SchedulerExplanation, SchedulingDecision } from '../../scheduling/scheduler.js';
import { grown } from '../../util/grown.js';
import { KUBE_POLICY_PRESETS } from '../../scheduling/policy-names.js';

const POD_FIELD_KEYS = Object.keys(kubePodFieldsShape);

// The node lifecycle controller's taints for node conditions (TaintNodesByCondition, upstream
// pkg/controller/nodelifecycle/node_lifecycle_controller.go and pkg/apis/core/well_known_taints.go).
const CONDITION_TAINTS: readonly Taint[] = [
  { key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
];

/**
 * Where the owner of each container comes from when it is not its workload: an arrival source that
 * knows each container's controller (a trace replay: the task's job) sets `current` before it submits
 * the container, and the adapter reads it when the container enters the queue. The owner's pods are
 * what the default topology spreading selects; -1 means none (a bare pod: no default spreading).
 *
 * @example
 * ```ts
 * const owners: KubeOwnerSource = { current: -1 };
 * owners.current = plan.tasks.job[i]!; // then submit task i
 * ```
 */
export interface KubeOwnerSource {
  /** The owner of the container being submitted now (any non-negative number), or -1 for none. */
  current: number;
}

/**
 * kube-scheduler as a {@link Scheduler}: each container becomes a pod of the live
 * {@link KubeScheduler} when it is first tried, binds when placed and leaves when released. When no
 * host fits, DefaultPreemption may nominate a host and name victims, which `select` returns for the
 * simulation to evict; the next `select` for that pod tries the nominated host without preempting
 * again. Host conditions become the node lifecycle controller's taints, which pods may tolerate.
 *
 * @example
 * ```ts
 * const s = new KubeSchedulerAdapter(ctx, 'kube');
 * s.select(request, cluster, decision); // a host, or -1 with victims in `decision`
 * ```
 */
export class KubeSchedulerAdapter implements Scheduler {
  readonly name: string;
  readonly preempts = true;
  /** The live scheduler. */
  readonly kube: KubeScheduler;
  private podOf = new Int32Array(1024).fill(-1);
  private slotOfPod = new Int32Array(1024).fill(-1);
  private readonly fields: readonly KubePodFields[];
  private readonly owners: readonly string[];
  private readonly ownerSource: KubeOwnerSource | undefined;
  // With an owner source: each container's owner, noted when it was submitted.
  private ownerOfContainer = new Int32Array(0);
  private readonly requests: readonly ResourceVector[];
  // The pod whose last select named victims: its next select takes what the eviction freed.
  private preempting = -1;

  /**
   * @param ctx - The run's cluster, scenario, streams, clock and containers.
   * @param name - The policy name: `kube` (the scenario's profiles, else kube-scheduler's default) or a preset (`tetris`, `spread`, `binpack`).
   * @param options - `owners`: per-container owners instead of each container's workload (its name). @defaultValue the workload
   */
  constructor(private readonly ctx: PolicyContext, name: string, options: { readonly owners?: KubeOwnerSource } = {}) {
    const s = ctx.scenario.parsed;
    this.name = name;
    const preset: KubePreset | undefined = name === 'kube' ? undefined : (KUBE_POLICY_PRESETS as Readonly<Record<string, KubePreset>>)[name];
    const profiles = s.scheduler?.profiles ?? (preset === undefined ? undefined : [preset]);
    this.kube = new KubeScheduler({
      cluster: ctx.cluster,
      rng: ctx.streams.get('policy/kube'),
      ...(profiles === undefined ? {} : { profiles }),
      ...(s.scheduler?.percentageOfNodesToScore === undefined ? {} : { percentageOfNodesToScore: s.scheduler.percentageOfNodesToScore }),
      nodeFieldsByGroup: s.hosts.map((g) => g),
      ...(s.priorityClasses === undefined ? {} : { priorityClasses: s.priorityClasses }),
      ...(s.podDisruptionBudgets === undefined ? {} : { podDisruptionBudgets: s.podDisruptionBudgets }),
    });
    // The workloads' pod fields (only those: not names, requests or arrivals), one object per
    // distinct set, so that workloads alike in everything kube reads share it and the scheduler
    // compiles their terms once (a trace replay's thousands of request shapes have none at all).
    const shared = new Map<string, KubePodFields>();
    this.fields = s.workloads.map((w) => {
      const f: Record<string, unknown> = {};
      for (const k of POD_FIELD_KEYS) if ((w as Record<string, unknown>)[k] !== undefined) f[k] = (w as Record<string, unknown>)[k];
      const text = JSON.stringify(f);
      let same = shared.get(text);
      if (same === undefined) shared.set(text, (same = f as KubePodFields));
      return same;
    });
    this.owners = s.workloads.map((w) => w.name);
    this.ownerSource = options.owners;
    if (this.ownerSource !== undefined) this.ownerOfContainer = new Int32Array(1024).fill(-1);
    this.requests = ctx.scenario.workloads.map((w) => w.request);
  }

  /**
   * Whether the profile sorts the queue by priority (PrioritySort enabled at queueSort).
   * @defaultValue true
   */
  get prioritySort(): boolean {
    return this.kube.profiles[0]?.prioritySort ?? true;
  }

  /** With an owner source: notes the owner of a container as it is submitted (the queue calls this). */
  noteSubmitted(container: number): void {
    const src = this.ownerSource;
    if (src === undefined) return;
    if (container >= this.ownerOfContainer.length) this.ownerOfContainer = grown(this.ownerOfContainer, Math.max(container + 1, this.ownerOfContainer.length * 2), -1);
    this.ownerOfContainer[container] = src.current;
  }

  /**
   * The scheduler's pod for a container, registering it on first use with the request's demand (or,
   * without a request, its workload's).
   */
  podFor(container: number, workload: number, req?: PlacementRequest): number {
    if (container >= this.podOf.length) this.podOf = grown(this.podOf, Math.max(container + 1, this.podOf.length * 2), -1);
    let pod = this.podOf[container] as number;
    if (pod < 0) {
      const request = req === undefined ? (this.requests[workload] as ResourceVector) : req.demand.subarray(req.offset, req.offset + this.kube.cluster.D);
      let owner: string | number | undefined = this.owners[workload];
      if (this.ownerSource !== undefined) {
        const o = this.ownerOfContainer[container] ?? -1;
        owner = o >= 0 ? o : undefined;
      }
      pod = this.kube.addPod({ request, fields: this.fields[workload], owner, timestamp: this.ctx.containers.submitTime(container) });
      this.podOf[container] = pod;
      if (pod >= this.slotOfPod.length) this.slotOfPod = grown(this.slotOfPod, Math.max(pod + 1, this.slotOfPod.length * 2), -1);
      this.slotOfPod[pod] = container;
    }
    return pod;
  }

  select(req: PlacementRequest, _view: HostView, decision?: SchedulingDecision): number {
    const pod = this.podFor(req.container, req.workload, req);
    const h = this.kube.schedule(pod);
    if (h >= 0 || decision === undefined) return h;
    if (this.preempting === pod) {
      this.preempting = -1;
      return -1;
    }
    const p = this.kube.preempt(pod);
    if (p === undefined) return -1;
    for (const v of p.victims) {
      const c = this.slotOfPod[v] ?? -1;
      if (c >= 0) decision.addVictim(c);
    }
    if (decision.victimCount > 0) this.preempting = pod;
    return -1;
  }

  placed(req: PlacementRequest, host: number): void {
    if (this.preempting === this.podOf[req.container]) this.preempting = -1;
    this.kube.bind(this.podFor(req.container, req.workload), host, this.ctx.clock.now);
  }

  released(container: number): void {
    const pod = this.podOf[container] ?? -1;
    if (pod >= 0) {
      this.kube.removePod(pod);
      this.podOf[container] = -1;
      this.slotOfPod[pod] = -1;
    }
  }

  hostConditionChanged(host: number, condition: HostCondition, on: boolean): void {
    const taint = CONDITION_TAINTS[condition];
    if (taint !== undefined) this.kube.setTaint(host, taint, on);
  }

  explain(req: PlacementRequest): SchedulerExplanation {
    const e = this.kube.scoreHosts(this.podFor(req.container, req.workload));
    const names = this.kube.cluster.hostNames;
    return {
      feasible: e.feasibleCount,
      message: e.message,
      hosts: e.hosts.map((x, i) => ({ host: names[i] as string, feasible: x.feasible, rejections: x.rejections, scores: x.scores, total: x.total })),
    };
  }

  selectGang(members: Int32Array, count: number, req: PlacementRequest, _view: HostView, hosts: Int32Array): boolean {
    const pods: number[] = [];
    for (let i = 0; i < count; i++) pods.push(this.podFor(members[i] as number, req.workload));
    const placed = placeGang(this.kube, pods);
    if (placed === undefined) return false;
    hosts.set(placed);
    return true;
  }
}
