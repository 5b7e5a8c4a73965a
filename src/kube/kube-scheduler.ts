import type { ClusterState } from '../cluster/cluster-state.js';
import { PodsimError, type Issue } from '../errors.js';
import type { Rng } from '../random/streams.js';
import type { ResourceVector } from '../resources/vector.js';
import { failureOf, explainCycle, type KubeExplain, type KubeScheduleFailure } from './explain.js';
import { nonZeroRequest, numFeasibleNodesToFind as numFeasible } from './formulas.js';
import { buildFramework, type ProfileFramework } from './framework.js';
import { HostTopology } from './host-topology.js';
import { UsedHostPorts } from './host-ports.js';
import type { KubeNodeFields, Taint } from './node-fields-schema.js';
import { NodeTable } from './node-table.js';
import type { KubeState } from './plugin.js';
import { BUILTIN_PLUGINS, STATIC_RULES } from './plugins/index.js';
import type { KubePodFields } from './pod-fields-schema.js';
import { PodTable } from './pod-table.js';
import { REQ_ANTI, type PodTemplate } from './pod-template.js';
import type { PodDisruptionBudget, PriorityClass } from './policy-schema.js';
import { defaultPreemption, type KubePreemption, type PreemptionHost } from './preemption.js';
import { priorityTable } from './priority.js';
import type { KubeProfile } from './profile-schema.js';
import { resolveProfile, type KubePreset, type ResolvedProfile } from './resolve-profile.js';
import { Cycle } from './schedule-cycle.js';
import { ScoreCache } from './score-cache.js';
import { TemplateStore } from './template-store.js';

export { formatFitError } from './explain.js';
export type { KubeExplain, KubeHostExplain, KubeScheduleFailure } from './explain.js';
export type { KubePreemption } from './preemption.js';

/**
 * Options for {@link KubeScheduler}.
 *
 * @example
 * ```ts
 * const opts: KubeSchedulerOptions = {
 *   cluster,
 *   rng: createRng(1, 'kube/tiebreak'),
 *   nodeFieldsByGroup: [{ taints: [{ key: 'gpu', effect: 'NoSchedule' }] }, undefined],
 * };
 * ```
 */
export interface KubeSchedulerOptions {
  /** The hosts. The scheduler reads capacity and allocation from it; the caller allocates and releases. */
  readonly cluster: ClusterState;
  /** The seeded stream for tie-breaking between equal scores and for preemption's random offset. */
  readonly rng: Rng;
  /**
   * Profiles (`KubeSchedulerConfiguration.profiles` entries, preset names, or resolved profiles).
   * Pods choose one by `schedulerName`. Registered plugins (`registerKubePlugin`) may be enabled.
   * @defaultValue one profile: kube-scheduler's default, named `default-scheduler`
   */
  readonly profiles?: ReadonlyArray<KubeProfile | KubePreset | ResolvedProfile>;
  /**
   * The scheduler-wide percentageOfNodesToScore for profiles that set none.
   * @defaultValue 0 (adaptive)
   */
  readonly percentageOfNodesToScore?: number;
  /**
   * Kube fields per host group, indexed like `cluster.hostGroup` values.
   * @defaultValue no taints, schedulable, maxPods 110, no images
   */
  readonly nodeFieldsByGroup?: ReadonlyArray<KubeNodeFields | undefined>;
  /**
   * Kube fields per host, overriding the group's.
   * @defaultValue none
   */
  readonly nodeFieldsByHost?: ReadonlyArray<KubeNodeFields | undefined>;
  /**
   * Priority classes, for `priorityClassName`.
   * @defaultValue none (the built-in system classes always exist)
   */
  readonly priorityClasses?: readonly PriorityClass[];
  /**
   * Pod disruption budgets, honoured by preemption.
   * @defaultValue none
   */
  readonly podDisruptionBudgets?: readonly PodDisruptionBudget[];
  /**
   * Register a `cluster.onChange` listener so that resource scores can be memoised per host between
   * cycles. ClusterState cannot remove listeners, so keep one scheduler per ClusterState; pass `false` for
   * short-lived schedulers (scores are then recomputed every cycle).
   * @defaultValue true
   */
  readonly watchCluster?: boolean;
}

/**
 * A pod to register with {@link KubeScheduler.addPod}.
 *
 * @example
 * ```ts
 * const spec: KubePodSpec = { request: { cpu: 500, memory: 2 ** 30 }, fields: { labels: { app: 'web' } }, owner: 'web' };
 * ```
 */
export interface KubePodSpec {
  /**
   * The pod's request in base units: a vector, or a dense array over `cluster.dims`. In a vector a
   * dimension that is present is requested, even at 0 (an explicit `"0"`); an absent one is not.
   * kube-scheduler scores an absent CPU or memory request as 100m / 200Mi and an explicit 0 as 0
   * (upstream pkg/scheduler/util/pod_resources.go, GetNonzeroRequestForResource).
   */
  readonly request: ResourceVector | Float64Array;
  /**
   * The dimensions the pod sets a request for, an explicit 0 included; only `cpu` and `memory` matter.
   * @defaultValue for a vector `request`, its keys; for a dense array, the dimensions with a non-zero
   * value (a dense array cannot tell an explicit 0 from an absent request, so a 0 there is taken as absent)
   */
  readonly requested?: readonly string[] | undefined;
  /**
   * Scheduling fields. Pass the same object for every pod of a workload: compiled state is shared by identity.
   * @defaultValue none: namespace "default", no labels, priority from the global default class or 0
   */
  readonly fields?: KubePodFields | undefined;
  /**
   * The controller the pod belongs to (a workload, a trace's job): the pods of one owner in one
   * namespace are what the default spreading constraints select (upstream helper/spread.go
   * DefaultSelector: the pods of the same ReplicaSet, StatefulSet or Service). Any string or number;
   * equal values are one owner. The owner is per pod: pods of many owners share one template.
   * @defaultValue none: no default spreading, as for a bare pod
   */
  readonly owner?: string | number | undefined;
  /** When the pod entered the queue, for PrioritySort's FIFO order. @defaultValue the order of addPod calls (0, 1, 2, …) */
  readonly timestamp?: number | undefined;
}

// Whether a pod sets a request for a dimension (see KubePodSpec.requested).
function requests(spec: KubePodSpec, name: string, d: number): boolean {
  const req = spec.request;
  if (spec.requested !== undefined) return spec.requested.includes(name);
  if (req instanceof Float64Array) return (req[d] ?? 0) !== 0;
  return Object.prototype.hasOwnProperty.call(req, name);
}

/**
 * podsim's kube-scheduler: the scheduling framework's cycle (PreFilter, Filter with
 * `percentageOfNodesToScore` and the rotating start index, Score, NormalizeScore, selectHost's reservoir
 * tie-breaking) over registered plugins enabled by profile, DefaultPreemption, and incremental per-node
 * indexes (pods per topology domain for each selector in use, affinity terms of bound pods, host ports)
 * so that each decision costs about as much as the hosts it examines.
 *
 * It is a library for an event loop. Register pods with {@link KubeScheduler.addPod}; ask
 * {@link KubeScheduler.schedule} for a host; after `cluster.allocate` succeeds, tell it with
 * {@link KubeScheduler.bind}; when the pod leaves, `cluster.release` and {@link KubeScheduler.unbind}.
 *
 * @example
 * ```ts
 * const cluster = new ClusterState(['cpu', 'memory'], hosts);
 * const s = new KubeScheduler({ cluster, rng: createRng(1, 'kube') });
 * const pod = s.addPod({ request: { cpu: 500, memory: 2 ** 30 }, fields: { labels: { app: 'web' } }, owner: 'web' });
 * const h = s.schedule(pod);
 * if (h >= 0 && cluster.allocate(h, s.demand, s.demandOffset(pod))) s.bind(pod, h, now);
 * else console.log(s.lastFailure?.message);
 * ```
 */
export class KubeScheduler {
  /** The hosts. */
  readonly cluster: ClusterState;
  /** The resolved profiles, by index. */
  readonly profiles: readonly ResolvedProfile[];
  /** Node labels by topology key. */
  readonly topo: HostTopology;
  /** The shared state plugins read: node and pod tables, templates and selector indexes, the score cache. */
  readonly state: KubeState;
  /** Why the last {@link KubeScheduler.schedule} that returned -1 failed. */
  lastFailure: KubeScheduleFailure | undefined;

  private readonly rng: Rng;
  private readonly nodes: NodeTable;
  private readonly pods: PodTable;
  private readonly store: TemplateStore;
  private readonly frameworks: ProfileFramework[];
  private readonly cycle: Cycle;
  private readonly preemption: PreemptionHost;
  private startCounter = 0;
  private addCounter = 0;

  constructor(options: KubeSchedulerOptions) {
    const cluster = options.cluster;
    this.cluster = cluster;
    this.rng = options.rng;
    const issues: Issue[] = [];
    const profiles: ResolvedProfile[] = [];
    (options.profiles ?? [{}]).forEach((p, i) => {
      if (typeof p === 'object' && 'filters' in p) profiles.push(p);
      else {
        try {
          profiles.push(resolveProfile(p, { path: `profiles[${i}]`, ...(options.percentageOfNodesToScore === undefined ? {} : { percentageOfNodesToScore: options.percentageOfNodesToScore }) }));
        } catch (e) {
          if (e instanceof PodsimError) issues.push(...e.issues);
          else throw e;
        }
      }
    });
    if (issues.length > 0) throw new PodsimError(issues, 'invalid scheduler profiles');
    this.profiles = profiles;
    const profileByName = new Map<string, number>();
    profiles.forEach((p, i) => profileByName.set(p.schedulerName, i));

    this.topo = new HostTopology(cluster.hostLabels, cluster.hostNames);
    this.nodes = new NodeTable(cluster, this.topo, options.nodeFieldsByGroup, options.nodeFieldsByHost);
    this.pods = new PodTable(cluster.D);
    this.store = new TemplateStore(this.topo, profiles, profileByName, priorityTable(options.priorityClasses), options.podDisruptionBudgets ?? [], this.pods);
    const memoize = options.watchCluster ?? true;
    if (memoize) cluster.onChange((h) => this.nodes.sync(h));
    this.state = {
      cluster,
      H: cluster.hostCount,
      D: cluster.D,
      cpuDim: cluster.dimensionIndex('cpu'),
      memDim: cluster.dimensionIndex('memory'),
      topo: this.topo,
      nodes: this.nodes,
      pods: this.pods,
      store: this.store,
      scores: new ScoreCache(this.nodes, this.pods),
      memoize,
    };
    let id = 0;
    const builtin = new Set(BUILTIN_PLUGINS.map((p) => p.name));
    this.frameworks = profiles.map((p, i) => buildFramework(p, i, this.state, () => id++, (n) => builtin.has(n)));
    this.cycle = new Cycle(this.state, STATIC_RULES);
    this.preemption = {
      state: this.state,
      cycle: this.cycle,
      rng: this.rng,
      priorityOf: (p) => this.priorityOf(p),
      prepare: (p) => this.prepare(p),
      applyIndexes: (p, h, delta) => this.applyIndexes(p, h, delta),
    };
  }

  /** Every pod's demand, `[pod * D + d]`; pass with {@link KubeScheduler.demandOffset} to `cluster.allocate`. Extended resources a profile's NodeResourcesFit ignores are 0 here. */
  get demand(): Float64Array {
    return this.pods.demand;
  }

  /**
   * Whether the queue is ordered by PrioritySort (priority, then arrival); `false` when the profiles
   * disable it, and the queue is then FIFO by arrival (see {@link KubeScheduler.queueLess}).
   */
  get queueSortEnabled(): boolean {
    return this.profiles[0]?.prioritySort ?? true;
  }

  private template(pod: number): PodTemplate {
    return this.store.templates[this.pods.tpl[pod] as number] as PodTemplate;
  }

  private prepare(pod: number): void {
    this.cycle.prepare(pod, this.frameworks[this.template(pod).profile] as ProfileFramework);
  }

  // ————————————————————————————————————————— pods

  /**
   * Registers a pod and returns its id: 0, 1, 2, … while no pod was removed; after
   * {@link KubeScheduler.removePod}, a removed pod's id (so ids stay below the most pods registered at
   * once). The pod is pending until {@link KubeScheduler.bind}.
   *
   * @example
   * ```ts
   * const id = s.addPod({ request: { cpu: 250, memory: 2 ** 28 }, fields: webFields, owner: 'web' });
   * ```
   */
  addPod(spec: KubePodSpec): number {
    const t = this.store.templateFor(spec.fields);
    const pods = this.pods, D = this.state.D;
    const id = pods.add();
    pods.tpl[id] = t.id;
    if (spec.owner !== undefined) pods.own[id] = this.store.ownerOf(t.identity.namespace, spec.owner);
    pods.ts[id] = spec.timestamp ?? this.addCounter;
    this.addCounter++;
    const off = id * D, dem = pods.demand;
    const req = spec.request;
    if (req instanceof Float64Array) {
      for (let d = 0; d < D; d++) dem[off + d] = req[d] ?? 0;
    } else {
      dem.fill(0, off, off + D);
      for (const name in req) {
        const d = this.cluster.dimensionIndex(name);
        if (d < 0) throw new Error(`KubeScheduler.addPod: dimension "${name}" is not in the cluster's dimensions (${this.cluster.dims.join(', ')})`);
        dem[off + d] = req[name] as number;
      }
    }
    const cpu = this.state.cpuDim, mem = this.state.memDim;
    pods.nzCpu[id] = cpu < 0 ? 0 : nonZeroRequest('cpu', dem[off + cpu] as number, requests(spec, 'cpu', cpu));
    pods.nzMem[id] = mem < 0 ? 0 : nonZeroRequest('memory', dem[off + mem] as number, requests(spec, 'memory', mem));
    for (const d of (this.frameworks[t.profile] as ProfileFramework).untracked) dem[off + d] = 0;
    pods.pos[id] = t.members.length;
    t.members.push(id);
    for (const i of t.pdbs) this.store.pdbs[i]!.expected++;
    return id;
  }

  /**
   * Forgets a pod (it completed or was deleted), unbinding it first if it is bound. Its id is freed:
   * the next {@link KubeScheduler.addPod} may return it, so do not use it afterwards.
   *
   * @example
   * ```ts
   * cluster.release(h, s.demand, s.demandOffset(pod));
   * s.removePod(pod);
   * ```
   */
  removePod(pod: number): void {
    const pods = this.pods;
    if (pods.alive[pod] !== 1) return;
    if ((pods.host[pod] as number) >= 0) this.unbind(pod);
    const t = this.template(pod);
    const i = pods.pos[pod] as number;
    const last = t.members.pop() as number;
    if (last !== pod) {
      t.members[i] = last;
      pods.pos[last] = i;
    }
    for (const k of t.pdbs) this.store.pdbs[k]!.expected--;
    const o = pods.own[pod] as number;
    if (o >= 0) this.store.releaseOwner(o);
    pods.remove(pod);
  }

  /**
   * Rows of the per-pod table: the most pods registered at once so far (rounded up to the table's
   * growth), not the pods ever registered, since {@link KubeScheduler.removePod} frees an id for the next pod.
   *
   * @example
   * ```ts
   * s.podCapacity; // 1024 after a million pods added and removed one at a time
   * ```
   */
  get podCapacity(): number {
    return this.pods.capacity;
  }

  /** Where a pod's demand starts in {@link KubeScheduler.demand}. @example `cluster.allocate(h, s.demand, s.demandOffset(pod));` */
  demandOffset(pod: number): number {
    return pod * this.state.D;
  }

  /** The host a pod is bound to, or -1. @example `s.hostOf(pod);` */
  hostOf(pod: number): number {
    return this.pods.host[pod] ?? -1;
  }

  /** A pod's priority (from its priority class, `priority`, or the global default class). @example `s.priorityOf(pod); // 1000` */
  priorityOf(pod: number): number {
    return this.template(pod).priority;
  }

  /** The pods bound to a host (a live view; do not modify). @example `s.podsOn(3).length;` */
  podsOn(host: number): readonly number[] {
    return this.nodes.hostPods[host] as number[];
  }

  /** The host a pod was nominated to by preemption, or -1. @example `s.nominatedHostOf(pod);` */
  nominatedHostOf(pod: number): number {
    return this.pods.nom[pod] ?? -1;
  }

  /**
   * Records that a pod now runs on `host` (call after `cluster.allocate` succeeded), updating the per-node
   * indexes: pod counts, non-zero requests, pods per topology domain for every selector in use, the
   * affinity terms of bound pods, and host ports.
   *
   * @param time - The pod's start time, used by preemption to prefer evicting younger pods. @defaultValue a counter: bind order
   * @example
   * ```ts
   * if (cluster.allocate(h, s.demand, s.demandOffset(pod))) s.bind(pod, h, sim.now);
   * ```
   */
  bind(pod: number, host: number, time?: number): void {
    const pods = this.pods;
    if ((pods.host[pod] as number) >= 0) throw new Error(`KubeScheduler.bind: pod ${pod} is already bound to host ${pods.host[pod]}`);
    pods.host[pod] = host;
    pods.start[pod] = time ?? this.startCounter++;
    pods.nom[pod] = -1;
    (this.nodes.hostPods[host] as number[]).push(pod);
    this.applyIndexes(pod, host, 1);
  }

  /**
   * Records that a pod left its host (call with `cluster.release`).
   *
   * @example
   * ```ts
   * cluster.release(h, s.demand, s.demandOffset(pod));
   * s.unbind(pod);
   * ```
   */
  unbind(pod: number): void {
    const h = this.pods.host[pod] as number;
    if (h < 0) return;
    const list = this.nodes.hostPods[h] as number[];
    const i = list.indexOf(pod);
    if (i >= 0) {
      list[i] = list[list.length - 1] as number;
      list.pop();
    }
    this.applyIndexes(pod, h, -1);
    this.pods.host[pod] = -1;
  }

  private applyIndexes(pod: number, h: number, delta: number): void {
    const nodes = this.nodes, pods = this.pods, store = this.store;
    nodes.addPods(h, delta, pods.nzCpu[pod] as number, pods.nzMem[pod] as number);
    const t = this.template(pod);
    const m = t.matched, sels = store.selectors;
    for (let i = 0; i < m.length; i++) sels[m[i] as number]!.add(h, delta);
    const o = pods.own[pod] as number;
    if (o >= 0) store.owners[o]!.add(h, delta);
    for (const c of t.carried) {
      const d = (this.topo.domainOf[c.keyId] as Int32Array)[h] as number;
      if (d < 0) continue;
      c.counts.add(d, delta);
      const before = c.total;
      c.total += delta;
      if (c.kind !== REQ_ANTI) store.activeCarriedScore += (c.total > 0 ? 1 : 0) - (before > 0 ? 1 : 0);
    }
    for (const i of t.pdbs) store.pdbs[i]!.healthy += delta;
    if (t.hostPorts.length > 0) {
      let used = nodes.ports[h];
      if (used === undefined) nodes.ports[h] = used = new UsedHostPorts();
      used.add(t.hostPorts, delta);
    }
  }

  // ————————————————————————————————————————— the cycle

  /**
   * How many feasible hosts this scheduler looks for before it stops filtering, for a profile.
   *
   * @example
   * ```ts
   * s.numFeasibleNodesToFind(); // 500 at 5000 hosts
   * ```
   */
  numFeasibleNodesToFind(profile = 0): number {
    return numFeasible(this.state.H, (this.profiles[profile] as ResolvedProfile).percentageOfNodesToScore);
  }

  /**
   * Runs one scheduling cycle for a pod, as kube-scheduler's schedulePod: the nominated host first if it
   * has one; otherwise filters hosts from the rotating start index until enough feasible ones are found
   * (`percentageOfNodesToScore`), scores them with the profile's plugins, and picks the highest total,
   * breaking ties uniformly at random with the seeded stream. Changes no state but the rotating index and
   * the random stream; the caller allocates and then calls {@link KubeScheduler.bind}.
   *
   * @returns The host, or -1 with {@link KubeScheduler.lastFailure} saying why.
   * @example
   * ```ts
   * const h = s.schedule(pod);
   * ```
   */
  schedule(pod: number): number {
    if (this.pods.alive[pod] !== 1) throw new Error(`KubeScheduler.schedule: pod ${pod} is not registered`);
    const c = this.cycle;
    if (this.state.H === 0) {
      this.lastFailure = failureOf(c, pod, 0, () => undefined);
      return -1;
    }
    this.prepare(pod);
    const nom = this.pods.nom[pod] as number;
    if (nom >= 0 && (c.onlyHost === -1 || c.onlyHost === nom) && c.filterHost(nom) === 0) return nom;
    let n: number;
    if (c.onlyHost !== -1) {
      // A PreFilter narrowed the cycle to one host (NodeName): only it is filtered.
      n = c.onlyHost >= 0 && c.filterHost(c.onlyHost) === 0 ? 1 : 0;
      if (n === 1) c.feas[0] = c.onlyHost;
    } else n = c.findFeasible();
    if (n === 0) {
      // Every host was examined and rejected; only now work out which filter rejected each.
      c.diagnose();
      this.lastFailure = failureOf(c, pod, this.state.H, () => this.prepare(pod));
      return -1;
    }
    this.lastFailure = undefined;
    if (n === 1) return c.feas[0] as number;
    c.score(n, false);
    return c.select(n, this.rng);
  }

  /**
   * Runs the filters for one pod on one host, as for a pod pinned to a node (a DaemonSet pod): the reasons of
   * the first filter that rejects it, or an empty list when the host is feasible.
   *
   * @example
   * ```ts
   * for (let h = 0; h < cluster.hostCount; h++) if (s.checkHost(daemonPod, h).length === 0) { … }
   * ```
   */
  checkHost(pod: number, host: number): readonly string[] {
    this.prepare(pod);
    const s = this.cycle.filterHost(host);
    return s === 0 ? [] : this.cycle.reasonsOf(s, host).reasons;
  }

  /**
   * Explains a placement: for every host, whether it is feasible and every filter that rejects it
   * (all filters run), and for feasible hosts each score plugin's raw and normalised score and the weighted
   * total. Scores are normalised over all feasible hosts (as if percentageOfNodesToScore were 100).
   * Changes no state.
   *
   * @example
   * ```ts
   * const e = s.scoreHosts(pod);
   * for (const h of e.hosts) if (h.feasible) console.log(h.name, h.total, h.scores);
   * ```
   */
  scoreHosts(pod: number): KubeExplain {
    this.prepare(pod);
    return explainCycle(this.cycle);
  }

  /**
   * DefaultPreemption for a pod that {@link KubeScheduler.schedule} could not place: finds hosts where
   * evicting lower-priority pods would make it fit (dry-running from a random offset over the hosts whose
   * rejection is resolvable, until enough candidates are found), keeps as few victims as possible
   * (reprieving the most important first, PDB-violating ones before the rest), and picks the host by
   * fewest PDB violations, lowest highest-victim priority, smallest priority sum, fewest victims, and
   * latest start among the highest-priority victims. Nominates the pod to that host, so its next
   * `schedule` tries it first. Changes no other state: the caller evicts the victims.
   *
   * @returns The host and victims, or `undefined` if the pod may not preempt (preemptionPolicy Never,
   * DefaultPreemption disabled) or preemption would not help.
   * @example
   * ```ts
   * const p = s.preempt(pod);
   * if (p) for (const v of p.victims) { cluster.release(s.hostOf(v), s.demand, s.demandOffset(v)); s.unbind(v); }
   * ```
   */
  preempt(pod: number): KubePreemption | undefined {
    const t = this.template(pod);
    if (!(this.profiles[t.profile] as ResolvedProfile).preemption || t.preemptNever) return undefined;
    return defaultPreemption(this.preemption, pod);
  }

  /**
   * The queue order: with PrioritySort (the default), higher priority first, then earlier queue
   * timestamp; with PrioritySort disabled in the profiles, earlier queue timestamp only (FIFO).
   *
   * @example
   * ```ts
   * pending.sort((a, b) => (s.queueLess(a, b) ? -1 : s.queueLess(b, a) ? 1 : 0));
   * ```
   */
  queueLess(a: number, b: number): boolean {
    if (this.queueSortEnabled) {
      const pa = this.priorityOf(a), pb = this.priorityOf(b);
      if (pa !== pb) return pa > pb;
    }
    return (this.pods.ts[a] as number) < (this.pods.ts[b] as number);
  }

  /**
   * Replaces one host's kube fields (cordon, taints, pod limit, images), as a node update would.
   *
   * @example
   * ```ts
   * s.updateNode(3, { unschedulable: true }); // cordon
   * ```
   */
  updateNode(host: number, fields: KubeNodeFields | undefined): void {
    this.nodes.update(host, fields);
  }

  /**
   * Adds (`present`) or removes one taint on a host and keeps its other fields, as the node
   * lifecycle controller does for a node condition such as memory pressure.
   *
   * @example
   * ```ts
   * s.setTaint(3, { key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' }, true);
   * ```
   */
  setTaint(host: number, taint: Taint, present: boolean): void {
    this.nodes.setTaint(host, taint, present);
  }
}

