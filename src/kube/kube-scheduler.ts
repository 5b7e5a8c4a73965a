import type { ClusterState } from '../cluster/cluster-state.js';
import { PodsimError, type Issue } from '../errors.js';
import type { Rng } from '../random/streams.js';
import type { ResourceVector } from '../resources/vector.js';
import {
  balancedScoreFromStd,
  balancedScoreWithWithoutPod,
  balancedStd,
  calculateNumCandidates,
  DEFAULT_MEMORY_REQUEST,
  DEFAULT_MILLI_CPU_REQUEST,
  defaultNormalizeScore,
  goRound,
  imageLocalityScore,
  leastRequestedScore,
  MAX_NODE_SCORE,
  mostRequestedScore,
  mulDiv,
  numFeasibleNodesToFind,
  requestedToCapacityScore,
  scaledImageScore,
  scaleShape,
  scoreForCount,
  topologyNormalizingWeight,
  type FunctionShapePoint,
} from './formulas.js';
import { HostTopology } from './host-topology.js';
import type { KubeNodeFields, Taint } from './node-fields-schema.js';
import type { KubePodFields } from './pod-fields-schema.js';
import {
  compileTemplate,
  parseImage,
  PREF_AFF,
  REQ_AFF,
  REQ_ANTI,
  type CarriedTerm,
  type PodTemplate,
  type TemplateContext,
} from './pod-template.js';
import type { PodDisruptionBudget, PriorityClass } from './policy-schema.js';
import type { KubeProfile } from './profile-schema.js';
import { priorityTable } from './priority.js';
import { resolveProfile, type KubePreset, type ResolvedProfile } from './resolve-profile.js';
import { clauseKey, clauseMatches, SelectorIndex, type MatchClause } from './selector-index.js';
import { compileLabelSelector, findUntoleratedTaint, matchesLabels, matchesNodeSelectorTerm, tolerates, type CompiledLabelSelector } from './selectors.js';
import { grown } from '../util/grown.js';

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
   * Pods choose one by `schedulerName`.
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
  /** The pod's request in base units: a vector, or a dense array over `cluster.dims`. A zero CPU or memory request is scored as kube-scheduler scores a missing one (100m, 200Mi). */
  readonly request: ResourceVector | Float64Array;
  /**
   * Scheduling fields. Pass the same object for every pod of a workload: compiled state is shared by identity.
   * @defaultValue none: namespace "default", no labels, priority from the global default class or 0
   */
  readonly fields?: KubePodFields | undefined;
  /** The controller (workload) the pod belongs to: the selector of the default spreading constraints. @defaultValue none: no default spreading, as for a bare pod */
  readonly owner?: string | undefined;
  /** When the pod entered the queue, for PrioritySort's FIFO order. @defaultValue the order of addPod calls */
  readonly timestamp?: number | undefined;
}

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
 * A preemption decision: the host the pod is nominated to and the pods to evict first.
 *
 * @example
 * ```ts
 * const p: KubePreemption = { host: 3, victims: [17, 42] };
 * ```
 */
export interface KubePreemption {
  readonly host: number;
  /** Pod ids, most important first. */
  readonly victims: readonly number[];
  /** How many victims violate a pod disruption budget. */
  readonly pdbViolations: number;
}

// Filter result codes.
const F_OK = 0, F_UNSCHED = 1, F_TAINT = 2, F_AFFINITY = 3, F_FIT = 4, F_FIT_UNRESOLVABLE = 5, F_PTS = 6, F_PTS_LABEL = 7, F_IPA_AFF = 8, F_IPA_ANTI = 9, F_IPA_EXISTING = 10;
const CODE_PLUGIN = ['', 'NodeUnschedulable', 'TaintToleration', 'NodeAffinity', 'NodeResourcesFit', 'NodeResourcesFit', 'PodTopologySpread', 'PodTopologySpread', 'InterPodAffinity', 'InterPodAffinity', 'InterPodAffinity'];
const UNRESOLVABLE = new Set([F_UNSCHED, F_TAINT, F_AFFINITY, F_FIT_UNRESOLVABLE, F_PTS_LABEL, F_IPA_AFF]);
// Filter plugin codes.
const P_UNSCHED = 1, P_TAINT = 2, P_AFFINITY = 3, P_FIT = 4, P_PTS = 5, P_IPA = 6;
const FILTER_CODE: Readonly<Record<string, number>> = { NodeUnschedulable: P_UNSCHED, TaintToleration: P_TAINT, NodeAffinity: P_AFFINITY, NodeResourcesFit: P_FIT, PodTopologySpread: P_PTS, InterPodAffinity: P_IPA };
// Score plugin codes.
const S_TAINT = 0, S_AFFINITY = 1, S_FIT = 2, S_PTS = 3, S_IPA = 4, S_BAL = 5, S_IMG = 6, S_TETRIS = 7;
const SCORE_CODE: Readonly<Record<string, number>> = { TaintToleration: S_TAINT, NodeAffinity: S_AFFINITY, NodeResourcesFit: S_FIT, PodTopologySpread: S_PTS, InterPodAffinity: S_IPA, NodeResourcesBalancedAllocation: S_BAL, ImageLocality: S_IMG, TetrisAlignment: S_TETRIS };
// Resource kinds for the resource scorers.
const K_CPU = 0, K_MEM = 1, K_PLAIN = 2, K_SCALAR = 3;
// Static filter bits of a template on a host.
const B_UNSCHED = 1, B_TAINT = 2, B_AFFINITY = 4;

const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };
const ZONE_LABELS = ['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone'];
const REGION_LABELS = ['topology.kubernetes.io/region', 'failure-domain.beta.kubernetes.io/region'];

interface ProfileRuntime {
  readonly profile: ResolvedProfile;
  readonly filters: Uint8Array;
  /** Static filter bits the profile's filters check. */
  readonly staticMask: number;
  readonly fitOn: boolean;
  readonly scoreCodes: Uint8Array;
  readonly scoreWeights: Float64Array;
  readonly scoreNames: readonly string[];
  readonly fitDims: Int32Array;
  readonly fitKinds: Uint8Array;
  readonly fitWeights: Float64Array;
  readonly fitStrategy: number;
  readonly shape: readonly FunctionShapePoint[];
  readonly balDims: Int32Array;
  readonly balKinds: Uint8Array;
  readonly balNew: boolean;
  readonly tetDims: Int32Array;
  readonly tetWeights: Float64Array;
}

interface CompiledPdb {
  readonly namespace: string;
  readonly selector: CompiledLabelSelector | null;
  readonly min: number | string | undefined;
  readonly maxUnavailable: number | string | undefined;
  healthy: number;
  expected: number;
}

function scaled(v: number | string, expected: number): number {
  if (typeof v === 'number') return v;
  const p = Number(v.replace('%', ''));
  return Math.ceil((expected * p) / 100);
}


/**
 * podsim's kube-scheduler: the scheduling framework's filter and score plugins with Kubernetes' integer
 * formulas, `percentageOfNodesToScore` with the rotating start index, reservoir tie-breaking,
 * DefaultPreemption, and incremental per-node indexes (pods per topology domain for each selector in use,
 * affinity terms of bound pods) so that each decision costs about as much as the hosts it examines.
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
  /** Every pod's demand, `[pod * D + d]`; pass with {@link KubeScheduler.demandOffset} to `cluster.allocate`. */
  demand: Float64Array;
  /** Why the last {@link KubeScheduler.schedule} that returned -1 failed. */
  lastFailure: KubeScheduleFailure | undefined;

  private readonly rng: Rng;
  private readonly H: number;
  private readonly D: number;
  private readonly runtimes: ProfileRuntime[];
  private readonly profileByName = new Map<string, number>();
  private readonly cpuDim: number;
  private readonly memDim: number;

  // Host metadata.
  private maxPods: Int32Array;
  private unsched: Uint8Array;
  private taints: Array<readonly Taint[]>;
  private hostImages: Array<ReadonlyMap<string, number>>;
  private imageNodes = new Map<string, number>();
  private anyPreferNoSchedule = false;
  private epoch = 0;

  // Host state.
  private readonly podCount: Int32Array;
  private readonly nzCpu: Float64Array;
  private readonly nzMem: Float64Array;
  private readonly hostPods: number[][];
  private readonly order: Int32Array;
  private nextStart = 0;
  private startCounter = 0;

  // Pods.
  private n = 0;
  private podTpl: Int32Array;
  private podHost: Int32Array;
  private podNom: Int32Array;
  private podAlive: Uint8Array;
  private podStart: Float64Array;
  private podTs: Float64Array;
  private podPos: Int32Array;

  private readonly templates: PodTemplate[] = [];
  private readonly tplByFields = new WeakMap<object, Map<string, PodTemplate>>();
  private readonly tplByText = new Map<string, PodTemplate>();
  private readonly selectors: SelectorIndex[] = [];
  private readonly selByKey = new Map<string, SelectorIndex>();
  private readonly carried: CarriedTerm[] = [];
  private readonly carriedAnti: CarriedTerm[] = [];
  private readonly carriedScore: CarriedTerm[] = [];
  private readonly pdbs: CompiledPdb[];
  private readonly tplCtx: TemplateContext;

  // Scratch, reused by every cycle.
  private readonly feas: Int32Array;
  private readonly status: Uint8Array;
  private readonly total: Float64Array;
  private readonly bufs: Float64Array[] = [];
  private readonly ignored: Uint8Array;
  private readonly frac: Float64Array;
  private readonly frac0: Float64Array;
  private stamp: Int32Array[] = [];
  private stampGen = 1;

  // The cycle in progress.
  private cTpl!: PodTemplate;
  private cRt!: ProfileRuntime;
  private cOff = 0;
  private ptsN = 0;
  private readonly ptsDom: Int32Array[] = [];
  private readonly ptsCounts: Int32Array[] = [];
  private readonly ptsScratch: Int32Array[] = [];
  private readonly ptsSeen: Uint8Array[] = [];
  private readonly ptsMin: number[] = [];
  private readonly ptsSelf: number[] = [];
  private readonly ptsSkew: number[] = [];
  private readonly ptsSIdx: Int32Array[] = [];
  private readonly ptsSCounts: Int32Array[] = [];
  private readonly ptsSW: number[] = [];
  private readonly ptsSSkew: number[] = [];
  private readonly identity: Int32Array;
  private ipaOn = false;
  private ipaAffN = 0;
  private ipaAffOk = false;
  private readonly ipaAffDom: Int32Array[] = [];
  private readonly ipaAffCounts: Int32Array[] = [];
  private ipaAntiN = 0;
  private readonly ipaAntiDom: Int32Array[] = [];
  private readonly ipaAntiCounts: Int32Array[] = [];
  private ipaExistN = 0;
  private readonly ipaExist: CarriedTerm[] = [];
  private readonly ipaKeys: number[] = [];
  private readonly ipaCnts: Int32Array[] = [];
  private readonly ipaWts: number[] = [];
  // Per-host versions (bumped on every allocate, release, bind and unbind) and memoised resource
  // scores per (plugin, profile, request): a host's score is recomputed only when the host changed.
  private readonly hostVer: Uint32Array;
  private readonly memoize: boolean;
  private readonly scoreCache = new Map<string, { ver: Uint32Array; val: Float64Array }>();
  private readonly modeCache = new WeakMap<PodTemplate, { epoch: number; modes: Array<Int8Array | null> }>();
  private readonly tplCache: Array<{ demand: Float64Array; entries: Array<{ ver: Uint32Array; val: Float64Array } | undefined> } | undefined> = [];
  // Preemption's what-if overlay: capacity freed on one host.
  private ovHost = -1;
  private readonly ovFree: Float64Array;

  constructor(options: KubeSchedulerOptions) {
    const cluster = options.cluster;
    this.cluster = cluster;
    this.rng = options.rng;
    this.H = cluster.hostCount;
    this.D = cluster.D;
    const H = this.H;
    this.cpuDim = cluster.dimensionIndex('cpu');
    this.memDim = cluster.dimensionIndex('memory');

    const issues: Issue[] = [];
    const specs = options.profiles ?? [{}];
    const profiles: ResolvedProfile[] = [];
    specs.forEach((p, i) => {
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
    profiles.forEach((p, i) => this.profileByName.set(p.schedulerName, i));
    this.runtimes = profiles.map((p) => this.runtimeOf(p));

    this.pdbs = (options.podDisruptionBudgets ?? []).map((b) => {
      const sel = compileLabelSelector(b.selector);
      return {
        namespace: b.namespace ?? 'default',
        selector: sel !== null && sel.pairs.length === 0 && sel.requirements.length === 0 ? null : sel,
        min: b.minAvailable,
        maxUnavailable: b.maxUnavailable,
        healthy: 0,
        expected: 0,
      };
    });

    this.topo = new HostTopology(cluster.hostLabels, cluster.hostNames);
    this.maxPods = new Int32Array(H);
    this.unsched = new Uint8Array(H);
    this.taints = new Array<readonly Taint[]>(H);
    this.hostImages = new Array<ReadonlyMap<string, number>>(H);
    const groupMeta = (options.nodeFieldsByGroup ?? []).map((f) => this.metaOf(f));
    for (let h = 0; h < H; h++) {
      const own = options.nodeFieldsByHost?.[h];
      const m = own !== undefined ? this.metaOf(own) : groupMeta[cluster.hostGroup[h] as number] ?? this.metaOf(undefined);
      this.setHostMeta(h, m);
    }
    this.recountImages();

    this.podCount = new Int32Array(H);
    this.nzCpu = new Float64Array(H);
    this.nzMem = new Float64Array(H);
    // Capacity already held on the hosts by pods this scheduler did not bind (a standalone
    // scoreHosts() over a loaded cluster) counts as requested, as their requests would.
    const cpuDim = cluster.dimensionIndex('cpu'), memDim = cluster.dimensionIndex('memory');
    for (let h = 0; h < H; h++) {
      if (cpuDim >= 0) this.nzCpu[h] = cluster.allocated[h * cluster.D + cpuDim] as number;
      if (memDim >= 0) this.nzMem[h] = cluster.allocated[h * cluster.D + memDim] as number;
    }
    this.hostPods = Array.from({ length: H }, () => []);
    this.order = this.nodeTreeOrder();

    const cap = 1024;
    this.podTpl = new Int32Array(cap);
    this.podHost = new Int32Array(cap).fill(-1);
    this.podNom = new Int32Array(cap).fill(-1);
    this.podAlive = new Uint8Array(cap);
    this.podStart = new Float64Array(cap);
    this.podTs = new Float64Array(cap);
    this.podPos = new Int32Array(cap);
    this.demand = new Float64Array(cap * this.D);

    this.feas = new Int32Array(H);
    this.status = new Uint8Array(H);
    this.total = new Float64Array(H);
    for (let k = 0; k < 8; k++) this.bufs.push(new Float64Array(H));
    this.ignored = new Uint8Array(H);
    this.frac = new Float64Array(Math.max(8, this.D * 2));
    this.frac0 = new Float64Array(Math.max(8, this.D * 2));
    this.ovFree = new Float64Array(this.D);
    this.hostVer = new Uint32Array(H).fill(1);
    this.identity = Int32Array.from({ length: H }, (_, h) => h);
    this.memoize = options.watchCluster ?? true;
    if (this.memoize) {
      cluster.onChange((h) => {
        this.hostVer[h] = ((this.hostVer[h] as number) + 1) >>> 0 || 1;
      });
    }

    this.tplCtx = {
      topo: this.topo,
      profiles: this.profiles,
      priorities: priorityTable(options.priorityClasses),
      internSelector: (clauses) => this.internSelector(clauses),
      newCarried: (kind, weight, clause, keyId) => {
        const t: CarriedTerm = { id: this.carried.length, kind, weight, clause, keyId, counts: new Int32Array(this.topo.domainCount(keyId)), total: 0 };
        this.carried.push(t);
        if (kind === REQ_ANTI) this.carriedAnti.push(t);
        else this.carriedScore.push(t);
        return t;
      },
      pdbMatches: (id) => {
        const out: number[] = [];
        this.pdbs.forEach((b, i) => {
          if (b.selector !== null && b.namespace === id.namespace && Object.keys(id.labels).length > 0 && matchesLabels(b.selector, id.labels)) out.push(i);
        });
        return out;
      },
    };
  }

  // ————————————————————————————————————————— setup helpers

  private metaOf(f: KubeNodeFields | undefined): { maxPods: number; unsched: boolean; taints: readonly Taint[]; images: ReadonlyMap<string, number> } {
    const images = new Map<string, number>();
    for (const i of f?.images ?? []) {
      const p = parseImage(i);
      images.set(p.name, p.size);
    }
    return { maxPods: f?.maxPods ?? 110, unsched: f?.unschedulable ?? false, taints: f?.taints ?? [], images };
  }

  private setHostMeta(h: number, m: { maxPods: number; unsched: boolean; taints: readonly Taint[]; images: ReadonlyMap<string, number> }): void {
    this.maxPods[h] = m.maxPods;
    this.unsched[h] = m.unsched ? 1 : 0;
    this.taints[h] = m.taints;
    this.hostImages[h] = m.images;
  }

  private recountImages(): void {
    this.imageNodes.clear();
    this.anyPreferNoSchedule = false;
    for (let h = 0; h < this.H; h++) {
      for (const name of (this.hostImages[h] as ReadonlyMap<string, number>).keys()) this.imageNodes.set(name, (this.imageNodes.get(name) ?? 0) + 1);
      for (const t of this.taints[h] as readonly Taint[]) if (t.effect === 'PreferNoSchedule') this.anyPreferNoSchedule = true;
    }
  }

  // upstream pkg/scheduler/backend/cache/node_tree.go: nodes listed round-robin across zones
  // (region + zone), in the order zones and nodes were added.
  private nodeTreeOrder(): Int32Array {
    const zones = new Map<string, number[]>();
    for (let h = 0; h < this.H; h++) {
      const l = this.topo.labels[h] as Record<string, string>;
      const zone = ZONE_LABELS.map((k) => l[k]).find((v) => v !== undefined) ?? '';
      const region = REGION_LABELS.map((k) => l[k]).find((v) => v !== undefined) ?? '';
      const key = region === '' && zone === '' ? '' : `${region}:\u0000:${zone}`;
      let list = zones.get(key);
      if (list === undefined) zones.set(key, (list = []));
      list.push(h);
    }
    const lists = [...zones.values()];
    const out = new Int32Array(this.H);
    let k = 0;
    for (let i = 0; k < this.H; i++) for (const l of lists) if (i < l.length) out[k++] = l[i] as number;
    return out;
  }

  private dimKind(name: string): number {
    if (name === 'cpu') return K_CPU;
    if (name === 'memory') return K_MEM;
    if (name === 'ephemeral-storage') return K_PLAIN;
    return K_SCALAR;
  }

  private runtimeOf(p: ResolvedProfile): ProfileRuntime {
    const c = this.cluster;
    const res = (list: ReadonlyArray<{ name: string; weight: number }>) => ({
      dims: Int32Array.from(list, (r) => c.dimensionIndex(r.name)),
      kinds: Uint8Array.from(list, (r) => this.dimKind(r.name)),
      weights: Float64Array.from(list, (r) => r.weight),
    });
    const fit = res(p.fit.resources);
    const bal = res(p.balanced.resources);
    const tet = res(p.tetris.resources ?? c.dims.map((name) => ({ name, weight: 1 })));
    return {
      profile: p,
      filters: Uint8Array.from(p.filters, (f) => FILTER_CODE[f] as number),
      staticMask: (p.filters.includes('NodeUnschedulable') ? B_UNSCHED : 0) | (p.filters.includes('TaintToleration') ? B_TAINT : 0) | (p.filters.includes('NodeAffinity') ? B_AFFINITY : 0),
      fitOn: p.filters.includes('NodeResourcesFit'),
      scoreCodes: Uint8Array.from(p.scores, (s) => SCORE_CODE[s.name] as number),
      scoreWeights: Float64Array.from(p.scores, (s) => s.weight),
      scoreNames: p.scores.map((s) => s.name),
      fitDims: fit.dims,
      fitKinds: fit.kinds,
      fitWeights: fit.weights,
      fitStrategy: p.fit.strategy === 'LeastAllocated' ? 0 : p.fit.strategy === 'MostAllocated' ? 1 : 2,
      shape: scaleShape(p.fit.shape),
      balDims: bal.dims,
      balKinds: bal.kinds,
      balNew: p.balanced.formula === 'withWithoutPod',
      tetDims: tet.dims,
      tetWeights: tet.weights,
    };
  }

  private internSelector(clauses: readonly MatchClause[]): SelectorIndex {
    const key = clauses.map(clauseKey).sort().join('&');
    let s = this.selByKey.get(key);
    if (s !== undefined) return s;
    s = new SelectorIndex(this.selectors.length, clauses, key, this.topo);
    this.selectors.push(s);
    this.selByKey.set(key, s);
    // Back-fill: templates whose pods it selects, and their bound pods.
    for (const t of this.templates) {
      if (!s.matches(t.identity)) continue;
      t.matched.push(s.id);
      for (const p of t.members) {
        const h = this.podHost[p] as number;
        if (h >= 0) s.add(h, 1);
      }
    }
    return s;
  }

  private templateFor(fields: KubePodFields | undefined, owner: string | undefined): PodTemplate {
    const ownerKey = owner ?? '\u0000';
    let byOwner: Map<string, PodTemplate> | undefined;
    if (fields !== undefined) {
      byOwner = this.tplByFields.get(fields);
      const t = byOwner?.get(ownerKey);
      if (t !== undefined) return t;
    }
    const text = `${ownerKey}\u0001${fields === undefined ? '' : JSON.stringify(fields)}`;
    let t = this.tplByText.get(text);
    if (t === undefined) {
      const sn = fields?.schedulerName ?? 'default-scheduler';
      const profile = this.profileByName.get(sn);
      if (profile === undefined) {
        throw new PodsimError([{ code: 'unknown_scheduler', path: 'schedulerName', message: `no profile has schedulerName ${JSON.stringify(sn)}; profiles: ${[...this.profileByName.keys()].join(', ')}` }]);
      }
      t = compileTemplate(this.templates.length, fields, owner, profile, this.tplCtx);
      for (const s of this.selectors) if (s.matches(t.identity)) t.matched.push(s.id);
      this.templates.push(t);
      this.tplByText.set(text, t);
    }
    if (fields !== undefined) {
      if (byOwner === undefined) this.tplByFields.set(fields, (byOwner = new Map()));
      byOwner.set(ownerKey, t);
    }
    return t;
  }

  // ————————————————————————————————————————— pods

  /**
   * Registers a pod and returns its id (0, 1, 2, …). The pod is pending until {@link KubeScheduler.bind}.
   *
   * @example
   * ```ts
   * const id = s.addPod({ request: { cpu: 250, memory: 2 ** 28 }, fields: webFields, owner: 'web' });
   * ```
   */
  addPod(spec: KubePodSpec): number {
    const id = this.n;
    if (id >= this.podTpl.length) this.growPods(this.podTpl.length * 2);
    const t = this.templateFor(spec.fields, spec.owner);
    this.n++;
    this.podTpl[id] = t.id;
    this.podHost[id] = -1;
    this.podNom[id] = -1;
    this.podAlive[id] = 1;
    this.podTs[id] = spec.timestamp ?? id;
    const off = id * this.D;
    if (spec.request instanceof Float64Array) {
      for (let d = 0; d < this.D; d++) this.demand[off + d] = spec.request[d] ?? 0;
    } else {
      this.demand.fill(0, off, off + this.D);
      this.cluster.demandOf(spec.request, this.demand, off);
    }
    this.podPos[id] = t.members.length;
    t.members.push(id);
    for (const i of t.pdbs) (this.pdbs[i] as CompiledPdb).expected++;
    return id;
  }

  private growPods(cap: number): void {
    this.podTpl = grown(this.podTpl, cap);
    this.podHost = grown(this.podHost, cap, -1);
    this.podNom = grown(this.podNom, cap, -1);
    const alive = new Uint8Array(cap);
    alive.set(this.podAlive);
    this.podAlive = alive;
    this.podStart = grown(this.podStart, cap);
    this.podTs = grown(this.podTs, cap);
    this.podPos = grown(this.podPos, cap);
    this.demand = grown(this.demand, cap * this.D);
  }

  /**
   * Forgets a pod (it completed or was deleted), unbinding it first if it is bound. Its id is not reused.
   *
   * @example
   * ```ts
   * cluster.release(h, s.demand, s.demandOffset(pod));
   * s.removePod(pod);
   * ```
   */
  removePod(pod: number): void {
    if (this.podAlive[pod] !== 1) return;
    if ((this.podHost[pod] as number) >= 0) this.unbind(pod);
    this.podAlive[pod] = 0;
    const t = this.templates[this.podTpl[pod] as number] as PodTemplate;
    const i = this.podPos[pod] as number;
    const last = t.members.pop() as number;
    if (last !== pod) {
      t.members[i] = last;
      this.podPos[last] = i;
    }
    for (const k of t.pdbs) (this.pdbs[k] as CompiledPdb).expected--;
  }

  /** Where a pod's demand starts in {@link KubeScheduler.demand}. @example `cluster.allocate(h, s.demand, s.demandOffset(pod));` */
  demandOffset(pod: number): number {
    return pod * this.D;
  }

  /** The host a pod is bound to, or -1. @example `s.hostOf(pod);` */
  hostOf(pod: number): number {
    return this.podHost[pod] ?? -1;
  }

  /** A pod's priority (from its priority class, `priority`, or the global default class). @example `s.priorityOf(pod); // 1000` */
  priorityOf(pod: number): number {
    return (this.templates[this.podTpl[pod] as number] as PodTemplate).priority;
  }

  /** The pods bound to a host (a live view; do not modify). @example `s.podsOn(3).length;` */
  podsOn(host: number): readonly number[] {
    return this.hostPods[host] as number[];
  }

  /** The host a pod was nominated to by preemption, or -1. @example `s.nominatedHostOf(pod);` */
  nominatedHostOf(pod: number): number {
    return this.podNom[pod] ?? -1;
  }

  /**
   * Records that a pod now runs on `host` (call after `cluster.allocate` succeeded), updating the per-node
   * indexes: pod counts, non-zero requests, pods per topology domain for every selector in use, and the
   * affinity terms of bound pods.
   *
   * @param time - The pod's start time, used by preemption to prefer evicting younger pods. @defaultValue a counter: bind order
   * @example
   * ```ts
   * if (cluster.allocate(h, s.demand, s.demandOffset(pod))) s.bind(pod, h, sim.now);
   * ```
   */
  bind(pod: number, host: number, time?: number): void {
    if ((this.podHost[pod] as number) >= 0) throw new Error(`KubeScheduler.bind: pod ${pod} is already bound to host ${this.podHost[pod]}`);
    this.podHost[pod] = host;
    this.podStart[pod] = time ?? this.startCounter++;
    this.podNom[pod] = -1;
    (this.hostPods[host] as number[]).push(pod);
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
    const h = this.podHost[pod] as number;
    if (h < 0) return;
    const list = this.hostPods[h] as number[];
    const i = list.indexOf(pod);
    if (i >= 0) {
      list[i] = list[list.length - 1] as number;
      list.pop();
    }
    this.applyIndexes(pod, h, -1);
    this.podHost[pod] = -1;
  }

  private applyIndexes(pod: number, h: number, delta: number): void {
    this.podCount[h] = (this.podCount[h] as number) + delta;
    this.hostVer[h] = ((this.hostVer[h] as number) + 1) >>> 0 || 1;
    const off = pod * this.D;
    if (this.cpuDim >= 0) {
      const c = this.demand[off + this.cpuDim] as number;
      this.nzCpu[h] = (this.nzCpu[h] as number) + delta * (c > 0 ? c : DEFAULT_MILLI_CPU_REQUEST);
    }
    if (this.memDim >= 0) {
      const m = this.demand[off + this.memDim] as number;
      this.nzMem[h] = (this.nzMem[h] as number) + delta * (m > 0 ? m : DEFAULT_MEMORY_REQUEST);
    }
    const t = this.templates[this.podTpl[pod] as number] as PodTemplate;
    const m = t.matched;
    for (let i = 0; i < m.length; i++) (this.selectors[m[i] as number] as SelectorIndex).add(h, delta);
    for (const c of t.carried) {
      const d = (this.topo.domainOf[c.keyId] as Int32Array)[h] as number;
      if (d >= 0) {
        c.counts[d] = (c.counts[d] as number) + delta;
        c.total += delta;
      }
    }
    for (const i of t.pdbs) (this.pdbs[i] as CompiledPdb).healthy += delta;
  }

  // ————————————————————————————————————————— static per-template caches

  private ensureStatic(t: PodTemplate): Uint8Array {
    if (t.staticBits !== null && t.epoch === this.epoch) return t.staticBits;
    const H = this.H;
    const bits = t.staticBits ?? new Uint8Array(H);
    const taintMemo = new Map<readonly Taint[], boolean>();
    let affinityAll = true, taintsAll = true;
    const unschedTolerated = t.tolerations.some((tol) => tolerates(tol, UNSCHEDULABLE_TAINT));
    for (let h = 0; h < H; h++) {
      let b = 0;
      if (this.unsched[h] === 1 && !unschedTolerated) b |= B_UNSCHED;
      const taints = this.taints[h] as readonly Taint[];
      if (taints.length > 0) {
        let bad = taintMemo.get(taints);
        if (bad === undefined) taintMemo.set(taints, (bad = findUntoleratedTaint(taints, t.tolerations, ['NoSchedule', 'NoExecute']) !== undefined));
        if (bad) {
          b |= B_TAINT;
          taintsAll = false;
        }
      }
      if (!this.nodeAffinityMatches(t, h)) {
        b |= B_AFFINITY;
        affinityAll = false;
      }
      bits[h] = b;
    }
    t.staticBits = bits;
    t.affinityAll = affinityAll;
    t.taintsAll = taintsAll;
    t.naScore = null;
    t.ttScore = null;
    t.imgScore = null;
    t.epoch = this.epoch;
    return bits;
  }

  // upstream component-helpers nodeaffinity.GetRequiredNodeAffinity: nodeSelector AND any required term.
  private nodeAffinityMatches(t: PodTemplate, h: number): boolean {
    const labels = this.topo.labels[h] as Readonly<Record<string, string>>;
    for (const [k, v] of t.nodeSelector) if (labels[k] !== v) return false;
    if (t.requiredTerms === null) return true;
    const name = this.topo.names[h] as string;
    for (const term of t.requiredTerms) if (matchesNodeSelectorTerm(term, labels, name)) return true;
    return false;
  }

  // upstream nodeaffinity/node_affinity.go Score: Σ weights of matching preferred terms.
  private naScores(t: PodTemplate): Float64Array {
    if (t.naScore !== null) return t.naScore;
    const out = new Float64Array(this.H);
    for (let h = 0; h < this.H; h++) {
      const labels = this.topo.labels[h] as Readonly<Record<string, string>>;
      let s = 0;
      for (const p of t.preferredTerms) if (matchesNodeSelectorTerm(p.term, labels, this.topo.names[h] as string)) s += p.weight;
      out[h] = s;
    }
    return (t.naScore = out);
  }

  // upstream tainttoleration/taint_toleration.go Score: PreferNoSchedule taints not tolerated by
  // tolerations with an empty or PreferNoSchedule effect.
  private ttScores(t: PodTemplate): Float64Array {
    if (t.ttScore !== null) return t.ttScore;
    const out = new Float64Array(this.H);
    const tols = t.tolerations.filter((x) => x.effect === undefined || x.effect === '' || x.effect === 'PreferNoSchedule');
    const memo = new Map<readonly Taint[], number>();
    for (let h = 0; h < this.H; h++) {
      const taints = this.taints[h] as readonly Taint[];
      let c = memo.get(taints);
      if (c === undefined) {
        c = 0;
        for (const taint of taints) if (taint.effect === 'PreferNoSchedule' && !tols.some((x) => tolerates(x, taint))) c++;
        memo.set(taints, c);
      }
      out[h] = c;
    }
    return (t.ttScore = out);
  }

  // upstream imagelocality/image_locality.go: Σ over the pod's images present on the node of
  // size × (nodes with the image / all nodes), clamped and scaled by the number of containers.
  private imgScores(t: PodTemplate): Float64Array | undefined {
    if (t.images.length === 0) return undefined;
    if (t.imgScore !== null) return t.imgScore;
    let any = false;
    for (const img of t.images) if ((this.imageNodes.get(img.name) ?? 0) > 0) any = true;
    const out = new Float64Array(this.H);
    if (any) {
      for (let h = 0; h < this.H; h++) {
        const present = this.hostImages[h] as ReadonlyMap<string, number>;
        let sum = 0;
        for (const img of t.images) {
          const size = present.get(img.name);
          if (size === undefined) continue;
          sum += scaledImageScore(size > 0 ? size : img.size, this.imageNodes.get(img.name) ?? 0, this.H);
        }
        out[h] = imageLocalityScore(sum, t.images.length);
      }
    }
    return (t.imgScore = out);
  }

  private termMatches(t: PodTemplate, c: CarriedTerm): boolean {
    if (t.termMatch.length <= c.id) {
      const a = new Int8Array(Math.max(this.carried.length, c.id + 1)).fill(-1);
      a.set(t.termMatch);
      t.termMatch = a;
    }
    let v = t.termMatch[c.id] as number;
    if (v < 0) {
      v = clauseMatches(c.clause, t.identity) ? 1 : 0;
      t.termMatch[c.id] = v;
    }
    return v === 1;
  }

  // ————————————————————————————————————————— the cycle: PreFilter

  private prepare(pod: number): void {
    const t = this.templates[this.podTpl[pod] as number] as PodTemplate;
    this.cTpl = t;
    this.cRt = this.runtimes[t.profile] as ProfileRuntime;
    this.cOff = pod * this.D;
    const bits = this.ensureStatic(t);
    this.preparePts(t, bits);
    this.prepareIpa(t);
  }

  // upstream podtopologyspread/filtering.go calPreFilterState: matching pods per domain over the nodes
  // that carry every constraint's key and pass the node inclusion policies; the global minimum per constraint.
  private preparePts(t: PodTemplate, bits: Uint8Array): void {
    const hard = t.hard;
    this.ptsN = hard.length;
    if (hard.length === 0) return;
    const topo = this.topo;
    let allKeys = true;
    for (const c of hard) if (!topo.allHave(c.keyId)) allKeys = false;
    for (let j = 0; j < hard.length; j++) {
      const c = hard[j]!;
      const dom = topo.domainOf[c.keyId] as Int32Array;
      const nd = topo.domainCount(c.keyId);
      const fast = allKeys && (!c.honorAffinity || t.affinityAll) && (!c.honorTaints || t.taintsAll);
      let counts: Int32Array;
      let min = 2147483647;
      let domains = 0;
      const modes = fast ? undefined : this.domainModes(t, j, bits);
      if (fast) {
        counts = c.sel.domainCounts(c.keyId);
        domains = nd;
        for (let d = 0; d < nd; d++) if ((counts[d] as number) < min) min = counts[d] as number;
      } else if (modes !== undefined) {
        // Every domain is wholly eligible or wholly not: take the maintained counts of the eligible ones.
        let scratch = this.ptsScratch[j];
        if (scratch === undefined || scratch.length < nd) scratch = this.ptsScratch[j] = new Int32Array(nd);
        const global = c.sel.domainCounts(c.keyId);
        for (let d = 0; d < nd; d++) {
          if (modes[d] === 1) {
            const v = global[d] as number;
            scratch[d] = v;
            domains++;
            if (v < min) min = v;
          } else scratch[d] = 0;
        }
        counts = scratch;
      } else {
        let scratch = this.ptsScratch[j];
        let seen = this.ptsSeen[j];
        if (scratch === undefined || scratch.length < nd) scratch = this.ptsScratch[j] = new Int32Array(nd);
        if (seen === undefined || seen.length < nd) seen = this.ptsSeen[j] = new Uint8Array(nd);
        scratch.fill(0, 0, nd);
        seen.fill(0, 0, nd);
        const hc = c.sel.hostCount;
        const mask = (c.honorAffinity ? B_AFFINITY : 0) | (c.honorTaints ? B_TAINT : 0);
        for (let h = 0; h < this.H; h++) {
          if (((bits[h] as number) & mask) !== 0) continue;
          let ok = true;
          for (const o of hard) if (((topo.domainOf[o.keyId] as Int32Array)[h] as number) < 0) { ok = false; break; }
          if (!ok) continue;
          const d = dom[h] as number;
          scratch[d] = (scratch[d] as number) + (hc[h] as number);
          (seen as Uint8Array)[d] = 1;
        }
        counts = scratch;
        for (let d = 0; d < nd; d++) {
          if ((seen as Uint8Array)[d] === 1) {
            domains++;
            if ((scratch[d] as number) < min) min = scratch[d] as number;
          }
        }
      }
      if (domains < c.minDomains) min = 0;
      this.ptsDom[j] = dom;
      this.ptsCounts[j] = counts;
      this.ptsMin[j] = min;
      this.ptsSelf[j] = c.selfMatch ? 1 : 0;
      this.ptsSkew[j] = c.maxSkew;
    }
  }

  // For hard constraint j of a template: per domain, 1 if every host of the domain counts for spreading
  // (carries all the constraints' keys and passes the inclusion policies), 0 if none does; undefined when
  // some domain is mixed (then the counts are summed host by host).
  private domainModes(t: PodTemplate, j: number, bits: Uint8Array): Int8Array | undefined {
    let cache = this.modeCache.get(t);
    if (cache === undefined || cache.epoch !== this.epoch) this.modeCache.set(t, (cache = { epoch: this.epoch, modes: [] }));
    if (j in cache.modes) return cache.modes[j] ?? undefined;
    const c = t.hard[j]!;
    const topo = this.topo;
    const dom = topo.domainOf[c.keyId] as Int32Array;
    const modes = new Int8Array(topo.domainCount(c.keyId)).fill(2);
    const mask = (c.honorAffinity ? B_AFFINITY : 0) | (c.honorTaints ? B_TAINT : 0);
    let mixed = false;
    for (let h = 0; h < this.H && !mixed; h++) {
      const d = dom[h] as number;
      if (d < 0) continue;
      let ok = ((bits[h] as number) & mask) === 0;
      if (ok) for (const o of t.hard) if (((topo.domainOf[o.keyId] as Int32Array)[h] as number) < 0) { ok = false; break; }
      const m = modes[d] as number;
      const v = ok ? 1 : 0;
      if (m === 2) modes[d] = v;
      else if (m !== v) mixed = true;
    }
    cache.modes[j] = mixed ? null : modes;
    return mixed ? undefined : modes;
  }

  // upstream interpodaffinity/filtering.go PreFilter: pods matching all the incoming pod's required
  // affinity terms and each anti-affinity term per domain, and bound pods' anti-affinity terms the
  // incoming pod matches.
  private prepareIpa(t: PodTemplate): void {
    const topo = this.topo;
    this.ipaAffN = t.reqAff.length;
    if (t.allAffSel !== null) {
      let empty = true;
      for (let j = 0; j < t.reqAff.length; j++) {
        const term = t.reqAff[j]!;
        this.ipaAffDom[j] = topo.domainOf[term.keyId] as Int32Array;
        this.ipaAffCounts[j] = t.allAffSel.domainCounts(term.keyId);
        if (t.allAffSel.keyTotalOf(term.keyId) > 0) empty = false;
      }
      this.ipaAffOk = empty && t.selfMatchesAllAff;
    }
    this.ipaAntiN = t.reqAnti.length;
    for (let j = 0; j < t.reqAnti.length; j++) {
      const term = t.reqAnti[j]!;
      this.ipaAntiDom[j] = topo.domainOf[term.keyId] as Int32Array;
      this.ipaAntiCounts[j] = term.sel.domainCounts(term.keyId);
    }
    let k = 0;
    const anti = this.carriedAnti;
    for (let i = 0; i < anti.length; i++) {
      const c = anti[i]!;
      if (c.total > 0 && this.termMatches(t, c)) this.ipaExist[k++] = c;
    }
    this.ipaExistN = k;
    this.ipaOn = this.ipaAffN > 0 || this.ipaAntiN > 0 || k > 0;
  }

  // ————————————————————————————————————————— Filter

  // upstream noderesources/fit.go fitsRequest: the pod count, then each requested resource.
  private fitCode(h: number): number {
    const D = this.D, base = h * D, off = this.cOff;
    const cap = this.cluster.capacity, alloc = this.cluster.allocated, dem = this.demand;
    const ov = h === this.ovHost;
    let fail = (this.podCount[h] as number) + 1 > (this.maxPods[h] as number);
    let unresolvable = false;
    for (let d = 0; d < D; d++) {
      const r = dem[off + d] as number;
      if (r <= 0) continue;
      const c = cap[base + d] as number;
      if (r > c - (alloc[base + d] as number) + (ov ? (this.ovFree[d] as number) : 0)) {
        fail = true;
        if (r > c) unresolvable = true;
      }
    }
    return fail ? (unresolvable ? F_FIT_UNRESOLVABLE : F_FIT) : F_OK;
  }

  // upstream podtopologyspread/filtering.go Filter: matchNum + selfMatch − globalMin ≤ maxSkew.
  private ptsCode(h: number): number {
    for (let j = 0; j < this.ptsN; j++) {
      const d = (this.ptsDom[j] as Int32Array)[h] as number;
      if (d < 0) return F_PTS_LABEL;
    }
    for (let j = 0; j < this.ptsN; j++) {
      const d = (this.ptsDom[j] as Int32Array)[h] as number;
      const skew = ((this.ptsCounts[j] as Int32Array)[d] as number) + (this.ptsSelf[j] as number) - (this.ptsMin[j] as number);
      if (skew > (this.ptsSkew[j] as number)) return F_PTS;
    }
    return F_OK;
  }

  // upstream interpodaffinity/filtering.go Filter: satisfyPodAffinity, satisfyPodAntiAffinity,
  // satisfyExistingPodsAntiAffinity, in that order.
  private ipaCode(h: number): number {
    if (this.ipaAffN > 0) {
      let exist = true;
      for (let j = 0; j < this.ipaAffN; j++) {
        const d = (this.ipaAffDom[j] as Int32Array)[h] as number;
        if (d < 0) return F_IPA_AFF;
        if (((this.ipaAffCounts[j] as Int32Array)[d] as number) <= 0) exist = false;
      }
      if (!exist && !this.ipaAffOk) return F_IPA_AFF;
    }
    for (let j = 0; j < this.ipaAntiN; j++) {
      const d = (this.ipaAntiDom[j] as Int32Array)[h] as number;
      if (d >= 0 && ((this.ipaAntiCounts[j] as Int32Array)[d] as number) > 0) return F_IPA_ANTI;
    }
    for (let j = 0; j < this.ipaExistN; j++) {
      const c = this.ipaExist[j] as CarriedTerm;
      const d = (this.topo.domainOf[c.keyId] as Int32Array)[h] as number;
      if (d >= 0 && (c.counts[d] as number) > 0) return F_IPA_EXISTING;
    }
    return F_OK;
  }

  private filterHost(h: number): number {
    const f = this.cRt.filters;
    const bits = (this.cTpl.staticBits as Uint8Array)[h] as number;
    for (let k = 0; k < f.length; k++) {
      let c = F_OK;
      switch (f[k]) {
        case P_UNSCHED: if ((bits & B_UNSCHED) !== 0) c = F_UNSCHED; break;
        case P_TAINT: if ((bits & B_TAINT) !== 0) c = F_TAINT; break;
        case P_AFFINITY: if ((bits & B_AFFINITY) !== 0) c = F_AFFINITY; break;
        case P_FIT: c = this.fitCode(h); break;
        case P_PTS: if (this.ptsN > 0) c = this.ptsCode(h); break;
        case P_IPA: if (this.ipaOn) c = this.ipaCode(h); break;
      }
      if (c !== F_OK) return c;
    }
    return F_OK;
  }

  // ————————————————————————————————————————— Schedule

  /**
   * How many feasible hosts this scheduler looks for before it stops filtering, for a profile.
   *
   * @example
   * ```ts
   * s.numFeasibleNodesToFind(); // 500 at 5000 hosts
   * ```
   */
  numFeasibleNodesToFind(profile = 0): number {
    return numFeasibleNodesToFind(this.H, (this.profiles[profile] as ResolvedProfile).percentageOfNodesToScore);
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
    if (this.podAlive[pod] !== 1) throw new Error(`KubeScheduler.schedule: pod ${pod} is not registered`);
    if (this.H === 0) {
      this.lastFailure = this.failureOf(pod, 0);
      return -1;
    }
    this.prepare(pod);
    const nom = this.podNom[pod] as number;
    if (nom >= 0 && this.filterHost(nom) === F_OK) return nom;
    const H = this.H;
    const want = numFeasibleNodesToFind(H, this.cRt.profile.percentageOfNodesToScore);
    const feas = this.feas, status = this.status, order = this.order;
    // A host passes when no enabled static filter flags it, the pod fits and the dynamic
    // filters pass. Fast path: a host passes when no enabled static filter flags it, the pod fits and the dynamic
    // filters pass; only a rejected host is run through the filters in order for its status.
    const bits = this.cTpl.staticBits as Uint8Array;
    const mask = this.cRt.staticMask, fitOn = this.cRt.fitOn;
    const dyn = this.ptsN > 0 || this.ipaOn;
    const D = this.D, off = this.cOff, dem = this.demand, cap = this.cluster.capacity, alloc = this.cluster.allocated;
    const podCount = this.podCount, maxPods = this.maxPods;
    let n = 0, processed = 0;
    let i = this.nextStart;
    while (processed < H && n < want) {
      const h = order[i] as number;
      if (++i === H) i = 0;
      processed++;
      let ok = ((bits[h] as number) & mask) === 0;
      if (ok && fitOn) {
        if ((podCount[h] as number) >= (maxPods[h] as number)) ok = false;
        else {
          const base = h * D;
          for (let d = 0; d < D; d++) {
            const r = dem[off + d] as number;
            if (r > 0 && r > (cap[base + d] as number) - (alloc[base + d] as number)) {
              ok = false;
              break;
            }
          }
        }
      }
      if (ok && dyn) ok = (this.ptsN === 0 || this.ptsCode(h) === F_OK) && (!this.ipaOn || this.ipaCode(h) === F_OK);
      if (ok) feas[n++] = h;
    }
    this.nextStart = (this.nextStart + processed) % H;
    if (n === 0) {
      // Every host was examined and rejected; only now work out which filter rejected each.
      for (let h = 0; h < H; h++) status[h] = this.filterHost(h);
      this.lastFailure = this.failureOf(pod, processed);
      return -1;
    }
    this.lastFailure = undefined;
    if (n === 1) return feas[0] as number;
    this.scoreFeasible(n, false);
    const total = this.total;
    let best = total[0] as number, sel = feas[0] as number, ties = 1;
    for (let k = 1; k < n; k++) {
      const s = total[k] as number;
      if (s > best) {
        best = s;
        sel = feas[k] as number;
        ties = 1;
      } else if (s === best) {
        ties++;
        // upstream schedule_one.go selectHost: reservoir sampling over the hosts with the top score.
        if (Math.floor(this.rng.next() * ties) === 0) sel = feas[k] as number;
      }
    }
    return sel;
  }

  private failureOf(pod: number, processed: number): KubeScheduleFailure {
    const byCode = new Int32Array(CODE_PLUGIN.length);
    if (processed > 0) {
      for (let h = 0; h < this.H; h++) {
        const c = this.status[h] as number;
        byCode[c] = (byCode[c] as number) + 1;
      }
    }
    const byPlugin: Record<string, number> = {};
    for (let c = 1; c < byCode.length; c++) {
      const v = byCode[c] as number;
      if (v > 0) byPlugin[CODE_PLUGIN[c] as string] = (byPlugin[CODE_PLUGIN[c] as string] ?? 0) + v;
    }
    const statusCopy = this.status.slice();
    const H = this.H;
    let reasons: Map<string, number> | undefined;
    const self = this;
    const get = (): Map<string, number> => {
      if (reasons !== undefined) return reasons;
      reasons = new Map();
      self.prepare(pod);
      for (let h = 0; h < H; h++) {
        const c = statusCopy[h] as number;
        if (c === F_OK) continue;
        for (const r of self.reasonsOf(c, h)) reasons.set(r, (reasons.get(r) ?? 0) + 1);
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

  private reasonsOf(code: number, h: number): string[] {
    switch (code) {
      case F_UNSCHED: return ['node(s) were unschedulable'];
      case F_TAINT: {
        const t = findUntoleratedTaint(this.taints[h] as readonly Taint[], this.cTpl.tolerations, ['NoSchedule', 'NoExecute']);
        return [`node(s) had untolerated taint {${t?.key ?? ''}: ${t?.value ?? ''}}`];
      }
      case F_AFFINITY: return ["node(s) didn't match Pod's node affinity/selector"];
      case F_FIT:
      case F_FIT_UNRESOLVABLE: {
        const out: string[] = [];
        const ov = h === this.ovHost;
        if ((this.podCount[h] as number) + 1 > (this.maxPods[h] as number)) out.push('Too many pods');
        const base = h * this.D;
        for (let d = 0; d < this.D; d++) {
          const r = this.demand[this.cOff + d] as number;
          if (r > 0 && r > (this.cluster.capacity[base + d] as number) - (this.cluster.allocated[base + d] as number) + (ov ? (this.ovFree[d] as number) : 0)) {
            out.push(`Insufficient ${this.cluster.dims[d]}`);
          }
        }
        return out;
      }
      case F_PTS: return ["node(s) didn't match pod topology spread constraints"];
      case F_PTS_LABEL: return ["node(s) didn't match pod topology spread constraints (missing required label)"];
      case F_IPA_AFF: return ["node(s) didn't match pod affinity rules"];
      case F_IPA_ANTI: return ["node(s) didn't match pod anti-affinity rules"];
      case F_IPA_EXISTING: return ["node(s) didn't satisfy existing pods anti-affinity rules"];
      default: return [];
    }
  }

  // ————————————————————————————————————————— Score

  // Scores feas[0..n) into this.total. With `record`, keeps each plugin's raw and normalised scores.
  private scoreFeasible(n: number, record: boolean): { raw: Float64Array[]; norm: Float64Array[]; skipped: boolean[] } | undefined {
    const rt = this.cRt;
    const total = this.total;
    total.fill(0, 0, n);
    const rec = record ? { raw: [] as Float64Array[], norm: [] as Float64Array[], skipped: [] as boolean[] } : undefined;
    for (let k = 0; k < rt.scoreCodes.length; k++) {
      const buf = this.bufs[k] as Float64Array;
      const raw = rec === undefined ? null : new Float64Array(n);
      const w = rt.scoreWeights[k] as number;
      let active: boolean;
      let constant = -1;
      switch (rt.scoreCodes[k]) {
        case S_FIT: active = this.scoreFit(n, buf); break;
        case S_BAL: active = this.scoreBalanced(n, buf); break;
        case S_TAINT:
          active = true;
          if (this.anyPreferNoSchedule) {
            this.scoreStatic(n, buf, this.ttScores(this.cTpl));
            if (raw !== null) raw.set(buf.subarray(0, n));
            defaultNormalizeScore(buf, n, MAX_NODE_SCORE, true);
          } else constant = MAX_NODE_SCORE; // every raw score is 0, so all normalise to 100
          break;
        case S_AFFINITY:
          active = this.cTpl.preferredTerms.length > 0 && this.scoreStatic(n, buf, this.naScores(this.cTpl));
          if (active) {
            if (raw !== null) raw.set(buf.subarray(0, n));
            defaultNormalizeScore(buf, n, MAX_NODE_SCORE, false);
          }
          break;
        case S_IMG: {
          const img = this.imgScores(this.cTpl);
          active = img !== undefined && this.scoreStatic(n, buf, img);
          break;
        }
        case S_PTS: active = this.scorePts(n, buf, raw); break;
        case S_IPA: active = this.scoreIpa(n, buf, raw); break;
        case S_TETRIS:
          active = this.scoreTetris(n, buf);
          if (raw !== null) raw.set(buf.subarray(0, n));
          defaultNormalizeScore(buf, n, MAX_NODE_SCORE, false);
          break;
        default: active = false;
      }
      if (constant >= 0) {
        // A constant shifts every total equally; it only matters for the reported totals.
        if (rec !== undefined) {
          buf.fill(constant, 0, n);
          for (let i = 0; i < n; i++) total[i] = (total[i] as number) + w * constant;
        }
      } else if (active) {
        for (let i = 0; i < n; i++) total[i] = (total[i] as number) + w * (buf[i] as number);
      }
      if (rec !== undefined && raw !== null) {
        const code = rt.scoreCodes[k];
        const normalizes = code === S_PTS || code === S_IPA || code === S_TETRIS || code === S_AFFINITY || code === S_TAINT;
        if (active && !normalizes) raw.set(buf.subarray(0, n));
        rec.raw.push(raw);
        rec.norm.push(active ? buf.slice(0, n) : new Float64Array(n));
        rec.skipped.push(!active);
      }
    }
    return rec;
  }

  private cacheFor(code: number): { ver: Uint32Array; val: Float64Array } {
    // Most pods of a template request the same: remember the entries for the template's last request.
    const t = this.cTpl, D = this.D, off = this.cOff, dem = this.demand;
    let memo = this.tplCache[t.id];
    if (memo === undefined) memo = this.tplCache[t.id] = { demand: new Float64Array(D).fill(-1), entries: [] };
    let same = true;
    for (let d = 0; d < D; d++) if (memo.demand[d] !== dem[off + d]) { same = false; break; }
    if (!same) {
      for (let d = 0; d < D; d++) memo.demand[d] = dem[off + d] as number;
      memo.entries.length = 0;
    }
    const hit = memo.entries[code];
    if (hit !== undefined && this.scoreCache.size > 0) return hit;
    const e = this.cacheEntry(code);
    memo.entries[code] = e;
    return e;
  }

  private cacheEntry(code: number): { ver: Uint32Array; val: Float64Array } {
    let key = `${code}|${this.cTpl.profile}`;
    for (let d = 0; d < this.D; d++) key += `|${this.demand[this.cOff + d] as number}`;
    let e = this.scoreCache.get(key);
    if (e === undefined) {
      if (this.scoreCache.size >= 256) {
        this.scoreCache.clear();
        for (const m of this.tplCache) if (m !== undefined) m.entries.length = 0;
      }
      e = { ver: new Uint32Array(this.H), val: new Float64Array(this.H) };
      this.scoreCache.set(key, e);
    }
    return e;
  }

  // Runs a per-host resource scorer through the memo.
  private cachedScores(n: number, out: Float64Array, code: number, one: (h: number) => number): void {
    if (!this.memoize) {
      for (let i = 0; i < n; i++) out[i] = one(this.feas[i] as number);
      return;
    }
    const e = this.cacheFor(code);
    const ver = e.ver, val = e.val, hv = this.hostVer, feas = this.feas;
    for (let i = 0; i < n; i++) {
      const h = feas[i] as number;
      const v = hv[h] as number;
      if (ver[h] === v) out[i] = val[h] as number;
      else {
        const x = one(h);
        val[h] = x;
        ver[h] = v;
        out[i] = x;
      }
    }
  }

  private scoreStatic(n: number, buf: Float64Array, src: Float64Array): boolean {
    const feas = this.feas;
    for (let i = 0; i < n; i++) buf[i] = src[feas[i] as number] as number;
    return true;
  }

  // upstream noderesources/resource_allocation.go score with least_allocated.go, most_allocated.go and
  // requested_to_capacity_ratio.go: per resource, node non-zero requests + the pod's non-zero request
  // against allocatable; extended resources the pod does not request are skipped.
  private scoreFit(n: number, out: Float64Array): boolean {
    this.cachedScores(n, out, S_FIT, this.fitScoreOne);
    return true;
  }

  private readonly fitScoreOne = (h: number): number => {
    const rt = this.cRt;
    const dims = rt.fitDims, kinds = rt.fitKinds, ws = rt.fitWeights, nr = dims.length;
    const cap = this.cluster.capacity, alloc = this.cluster.allocated, off = this.cOff, dem = this.demand;
    const strategy = rt.fitStrategy;
    const base = h * this.D;
    let nodeScore = 0, weightSum = 0;
    for (let r = 0; r < nr; r++) {
      const d = dims[r] as number;
      if (d < 0) continue;
      const a = cap[base + d] as number;
      const kind = kinds[r] as number;
      let pr = dem[off + d] as number;
      if (kind === K_SCALAR && pr === 0) continue;
      if (a === 0) continue;
      let req: number;
      if (kind === K_CPU) {
        if (pr === 0) pr = DEFAULT_MILLI_CPU_REQUEST;
        req = (this.nzCpu[h] as number) + pr;
      } else if (kind === K_MEM) {
        if (pr === 0) pr = DEFAULT_MEMORY_REQUEST;
        req = (this.nzMem[h] as number) + pr;
      } else req = (alloc[base + d] as number) + pr;
      const w = ws[r] as number;
      if (strategy === 0) {
        nodeScore += leastRequestedScore(req, a) * w;
        weightSum += w;
      } else if (strategy === 1) {
        nodeScore += mostRequestedScore(req, a) * w;
        weightSum += w;
      } else {
        const sc = requestedToCapacityScore(req, a, rt.shape);
        if (sc > 0) {
          nodeScore += sc * w;
          weightSum += w;
        }
      }
    }
    return weightSum === 0 ? 0 : strategy === 2 ? goRound(nodeScore / weightSum) : Math.floor(nodeScore / weightSum);
  };

  // upstream noderesources/balanced_allocation.go: skipped for best-effort pods; fractions of requested
  // (not non-zero) resources capped at 1; classic (1 − std) × 100, or the with/without-pod change.
  private scoreBalanced(n: number, out: Float64Array): boolean {
    const rt = this.cRt;
    const dims = rt.balDims, nr = dims.length, off = this.cOff, dem = this.demand;
    let any = false;
    for (let r = 0; r < nr; r++) {
      const d = dims[r] as number;
      if (d >= 0 && (dem[off + d] as number) > 0) any = true;
    }
    if (!any) return false;
    this.cachedScores(n, out, S_BAL, this.balScoreOne);
    return true;
  }

  private readonly balScoreOne = (h: number): number => {
    const rt = this.cRt;
    const dims = rt.balDims, kinds = rt.balKinds, nr = dims.length;
    const cap = this.cluster.capacity, alloc = this.cluster.allocated, off = this.cOff, dem = this.demand;
    const fr = this.frac, fr0 = this.frac0, newer = rt.balNew;
    const base = h * this.D;
    let m = 0;
    for (let r = 0; r < nr; r++) {
      const d = dims[r] as number;
      if (d < 0) continue;
      const pr = dem[off + d] as number;
      if (kinds[r] === K_SCALAR && pr === 0) continue;
      const a = cap[base + d] as number;
      if (a === 0) continue;
      const used = alloc[base + d] as number;
      let f = (used + pr) / a;
      if (f > 1) f = 1;
      fr[m] = f;
      if (newer) {
        let f0 = used / a;
        if (f0 > 1) f0 = 1;
        fr0[m] = f0;
      }
      m++;
    }
    const withPod = balancedScoreFromStd(balancedStd(fr, m));
    return newer ? balancedScoreWithWithoutPod(withPod, balancedScoreFromStd(balancedStd(fr0, m))) : withPod;
  };

  // podsim's TetrisAlignment (Grandl et al., SIGCOMM 2014): Σ w × (request / capacity) × (free / capacity)
  // over the resources the pod requests, in millionths, normalised by the maximum.
  private scoreTetris(n: number, out: Float64Array): boolean {
    this.cachedScores(n, out, S_TETRIS, this.tetrisScoreOne);
    return true;
  }

  private readonly tetrisScoreOne = (h: number): number => {
    const rt = this.cRt;
    const dims = rt.tetDims, ws = rt.tetWeights, nr = dims.length;
    const cap = this.cluster.capacity, alloc = this.cluster.allocated, off = this.cOff, dem = this.demand;
    const base = h * this.D;
    let sc = 0;
    for (let r = 0; r < nr; r++) {
      const d = dims[r] as number;
      if (d < 0) continue;
      const pr = dem[off + d] as number;
      const a = cap[base + d] as number;
      if (pr <= 0 || a <= 0) continue;
      sc += (ws[r] as number) * (pr / a) * ((a - (alloc[base + d] as number)) / a);
    }
    return Math.floor(sc * 1e6);
  };

  private stampFor(keyId: number): Int32Array {
    let s = this.stamp[keyId];
    const nd = this.topo.domainCount(keyId) + 1;
    if (s === undefined || s.length < nd) s = this.stamp[keyId] = new Int32Array(nd);
    return s;
  }

  // upstream podtopologyspread/scoring.go PreScore, Score and NormalizeScore.
  private scorePts(n: number, out: Float64Array, raw: Float64Array | null): boolean {
    const t = this.cTpl;
    const cs = t.soft;
    const nc = cs.length;
    if (nc === 0) return false;
    const topo = this.topo, feas = this.feas, ignored = this.ignored;
    const requireAll = t.softRequireAll;
    let nIgnored = 0;
    if (requireAll) {
      for (let i = 0; i < n; i++) {
        const h = feas[i] as number;
        let ig = 0;
        for (let j = 0; j < nc; j++) if (((topo.domainOf[cs[j]!.keyId] as Int32Array)[h] as number) < 0) { ig = 1; break; }
        ignored[i] = ig;
        nIgnored += ig;
      }
    }
    const bits = t.staticBits as Uint8Array;
    let allKeys = true;
    if (requireAll) for (const c of cs) if (!topo.allHave(c.keyId)) allKeys = false;
    const idxs = this.ptsSIdx, counts = this.ptsSCounts, ws = this.ptsSW, skews = this.ptsSSkew;
    for (let j = 0; j < nc; j++) {
      const c = cs[j]!;
      const dom = topo.domainOf[c.keyId] as Int32Array;
      let size: number;
      if (c.isHostname) {
        // Per-node counts (scoring.go Score): the pods on the node itself.
        size = n - nIgnored;
        idxs[j] = this.identity;
        counts[j] = c.sel.hostCount;
      } else {
        // Distinct domains among the scored nodes; a missing label is a domain of its own ("").
        const st = this.stampFor(c.keyId);
        const gen = ++this.stampGen;
        const most = topo.domainCount(c.keyId) + (!requireAll && !topo.allHave(c.keyId) ? 1 : 0);
        size = 0;
        for (let i = 0; i < n && size < most; i++) {
          if (requireAll && ignored[i] === 1) continue;
          const d = (dom[feas[i] as number] as number) + 1;
          if (st[d] !== gen) {
            st[d] = gen;
            size++;
          }
        }
        idxs[j] = dom;
        const fast = allKeys && (!c.honorAffinity || t.affinityAll) && (!c.honorTaints || t.taintsAll);
        if (fast) counts[j] = c.sel.domainCounts(c.keyId);
        else {
          const arr = new Int32Array(topo.domainCount(c.keyId));
          const mask = (c.honorAffinity ? B_AFFINITY : 0) | (c.honorTaints ? B_TAINT : 0);
          const hc = c.sel.hostCount;
          for (let h = 0; h < this.H; h++) {
            const d = dom[h] as number;
            if (d < 0 || ((bits[h] as number) & mask) !== 0) continue;
            if (requireAll) {
              let ok = true;
              for (const o of cs) if (((topo.domainOf[o.keyId] as Int32Array)[h] as number) < 0) { ok = false; break; }
              if (!ok) continue;
            }
            arr[d] = (arr[d] as number) + (hc[h] as number);
          }
          counts[j] = arr;
        }
      }
      ws[j] = topologyNormalizingWeight(size);
      skews[j] = c.maxSkew;
    }
    let min = Infinity, max = 0;
    if (nc <= 2 && !requireAll) {
      // The common case (the system defaults: hostname and zone), with the two constraints in locals.
      const i0 = idxs[0] as Int32Array, c0 = counts[0] as Int32Array, w0 = ws[0] as number, k0 = skews[0] as number;
      const two = nc === 2;
      const i1 = (two ? idxs[1] : i0) as Int32Array, c1 = (two ? counts[1] : c0) as Int32Array, w1 = (two ? ws[1] : 0) as number, k1 = (two ? skews[1] : 1) as number;
      for (let i = 0; i < n; i++) {
        const h = feas[i] as number;
        let sc = 0;
        const d0 = i0[h] as number;
        if (d0 >= 0) sc += scoreForCount(c0[d0] as number, k0, w0);
        if (two) {
          const d1 = i1[h] as number;
          if (d1 >= 0) sc += scoreForCount(c1[d1] as number, k1, w1);
        }
        sc = goRound(sc);
        out[i] = sc;
        if (sc < min) min = sc;
        if (sc > max) max = sc;
      }
    } else {
      for (let i = 0; i < n; i++) {
        if (requireAll && ignored[i] === 1) continue;
        const h = feas[i] as number;
        let sc = 0;
        for (let j = 0; j < nc; j++) {
          const d = (idxs[j] as Int32Array)[h] as number;
          if (d >= 0) sc += scoreForCount((counts[j] as Int32Array)[d] as number, skews[j] as number, ws[j] as number);
        }
        sc = goRound(sc);
        out[i] = sc;
        if (sc < min) min = sc;
        if (sc > max) max = sc;
      }
    }
    if (requireAll) for (let i = 0; i < n; i++) if (ignored[i] === 1) out[i] = 0;
    if (raw !== null) raw.set(out.subarray(0, n));
    for (let i = 0; i < n; i++) {
      if (requireAll && ignored[i] === 1) out[i] = 0;
      else if (max === 0) out[i] = MAX_NODE_SCORE;
      else out[i] = mulDiv(MAX_NODE_SCORE, max + min - (out[i] as number), max);
    }
    return true;
  }

  // upstream interpodaffinity/scoring.go PreScore, Score and NormalizeScore: per topology key and value,
  // Σ ± weight over (incoming pod's preferred terms × matching bound pods) and (bound pods' required
  // affinity × hardPodAffinityWeight, preferred affinity and anti-affinity terms the incoming pod matches).
  private scoreIpa(n: number, out: Float64Array, raw: Float64Array | null): boolean {
    const t = this.cTpl;
    const args = this.cRt.profile.interPodAffinity;
    const hasOwn = t.prefAff.length > 0 || t.prefAnti.length > 0;
    if (args.ignorePreferredTermsOfExistingPods && !hasOwn) return false;
    if (!hasOwn) {
      let anyCarried = false;
      const cs = this.carriedScore;
      for (let i = 0; i < cs.length; i++) if ((cs[i] as CarriedTerm).total > 0) { anyCarried = true; break; }
      if (!anyCarried) return false;
    }
    // Contributions: (topology key, pods per domain, ± weight). The score of a node sums, over them,
    // weight × pods in the node's domain (the same as kube-scheduler's per-key, per-value map).
    const keys = this.ipaKeys, cnts = this.ipaCnts, wts = this.ipaWts;
    let m = 0;
    for (const term of t.prefAff) {
      if (term.sel.keyTotalOf(term.keyId) > 0) {
        keys[m] = term.keyId;
        cnts[m] = term.sel.domainCounts(term.keyId);
        wts[m++] = term.weight;
      }
    }
    for (const term of t.prefAnti) {
      if (term.sel.keyTotalOf(term.keyId) > 0) {
        keys[m] = term.keyId;
        cnts[m] = term.sel.domainCounts(term.keyId);
        wts[m++] = -term.weight;
      }
    }
    const hard = args.hardPodAffinityWeight;
    const cs = this.carriedScore;
    for (let k = 0; k < cs.length; k++) {
      const c = cs[k] as CarriedTerm;
      if (c.total <= 0) continue;
      if (c.kind === REQ_AFF && hard <= 0) continue;
      if (!this.termMatches(t, c)) continue;
      keys[m] = c.keyId;
      cnts[m] = c.counts;
      wts[m++] = c.kind === REQ_AFF ? hard : c.kind === PREF_AFF ? c.weight : -c.weight;
    }
    if (m === 0) return false;
    const feas = this.feas, domainOf = this.topo.domainOf;
    let min = Infinity, max = -Infinity;
    for (let i = 0; i < n; i++) {
      const h = feas[i] as number;
      let sc = 0;
      for (let k = 0; k < m; k++) {
        const d = (domainOf[keys[k] as number] as Int32Array)[h] as number;
        if (d >= 0) sc += (wts[k] as number) * ((cnts[k] as Int32Array)[d] as number);
      }
      out[i] = sc;
      if (sc < min) min = sc;
      if (sc > max) max = sc;
    }
    if (raw !== null) raw.set(out.subarray(0, n));
    const diff = max - min;
    for (let i = 0; i < n; i++) out[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * (((out[i] as number) - min) / diff)) : 0;
    return true;
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
    const c = this.filterHost(host);
    return c === F_OK ? [] : this.reasonsOf(c, host);
  }

  // ————————————————————————————————————————— Explain

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
    const H = this.H;
    const rejections: Array<Array<{ plugin: string; reasons: string[] }>> = [];
    let n = 0;
    const statusCounts = new Map<string, number>();
    for (let h = 0; h < H; h++) {
      const rej: Array<{ plugin: string; reasons: string[] }> = [];
      const bits = (this.cTpl.staticBits as Uint8Array)[h] as number;
      for (const p of this.cRt.filters) {
        let c = F_OK;
        if (p === P_UNSCHED && (bits & B_UNSCHED) !== 0) c = F_UNSCHED;
        else if (p === P_TAINT && (bits & B_TAINT) !== 0) c = F_TAINT;
        else if (p === P_AFFINITY && (bits & B_AFFINITY) !== 0) c = F_AFFINITY;
        else if (p === P_FIT) c = this.fitCode(h);
        else if (p === P_PTS && this.ptsN > 0) c = this.ptsCode(h);
        else if (p === P_IPA && this.ipaOn) c = this.ipaCode(h);
        if (c !== F_OK) rej.push({ plugin: CODE_PLUGIN[c] as string, reasons: this.reasonsOf(c, h) });
      }
      rejections.push(rej);
      if (rej.length === 0) this.feas[n++] = h;
      else for (const r of rej[0]?.reasons ?? []) statusCounts.set(r, (statusCounts.get(r) ?? 0) + 1);
    }
    const rec = n > 0 ? this.scoreFeasible(n, true) : undefined;
    const posOf = new Int32Array(H).fill(-1);
    for (let i = 0; i < n; i++) posOf[this.feas[i] as number] = i;
    let best = -1, bestScore = -Infinity;
    const hosts: KubeHostExplain[] = [];
    for (let h = 0; h < H; h++) {
      const i = posOf[h] as number;
      if (i < 0) {
        hosts.push({ host: h, name: this.topo.names[h] as string, feasible: false, rejections: rejections[h] ?? [], scores: [], total: 0 });
        continue;
      }
      const scores = this.cRt.scoreNames.map((plugin, k) => ({
        plugin,
        weight: this.cRt.scoreWeights[k] as number,
        raw: rec?.raw[k]?.[i] ?? 0,
        normalized: rec?.norm[k]?.[i] ?? 0,
        skipped: rec?.skipped[k] ?? true,
      }));
      const total = this.total[i] as number;
      if (total > bestScore) {
        bestScore = total;
        best = h;
      }
      hosts.push({ host: h, name: this.topo.names[h] as string, feasible: true, rejections: [], scores, total });
    }
    return { pod, hosts, best, feasibleCount: n, message: n === 0 ? formatFitError(H, statusCounts) : undefined };
  }

  // ————————————————————————————————————————— Preemption

  private moreImportant(a: number, b: number): boolean {
    const pa = this.priorityOf(a), pb = this.priorityOf(b);
    if (pa !== pb) return pa > pb;
    return (this.podStart[a] as number) < (this.podStart[b] as number);
  }

  private pdbAllowed(): Int32Array {
    const out = new Int32Array(this.pdbs.length);
    this.pdbs.forEach((b, i) => {
      let desired: number;
      if (b.min !== undefined) desired = scaled(b.min, b.expected);
      else desired = b.expected - scaled(b.maxUnavailable ?? 0, b.expected);
      out[i] = Math.max(0, b.healthy - Math.max(0, desired));
    });
    return out;
  }

  // Temporarily takes a bound pod off its host in the indexes and the overlay (what-if).
  private virtualRemove(p: number, h: number): void {
    this.applyIndexes(p, h, -1);
    const off = p * this.D;
    for (let d = 0; d < this.D; d++) this.ovFree[d] = (this.ovFree[d] as number) + (this.demand[off + d] as number);
  }

  private virtualRestore(p: number, h: number): void {
    this.applyIndexes(p, h, 1);
    const off = p * this.D;
    for (let d = 0; d < this.D; d++) this.ovFree[d] = (this.ovFree[d] as number) - (this.demand[off + d] as number);
  }

  private fitsWhatIf(pod: number, h: number): boolean {
    this.prepare(pod);
    return this.filterHost(h) === F_OK;
  }

  // upstream defaultpreemption/default_preemption.go SelectVictimsOnNode.
  private selectVictimsOnNode(pod: number, h: number, pdbAllowed: Int32Array): { victims: number[]; violations: number } | undefined {
    const prio = this.priorityOf(pod);
    const potential = (this.hostPods[h] as number[]).filter((p) => this.priorityOf(p) < prio);
    if (potential.length === 0) return undefined;
    this.ovHost = h;
    this.ovFree.fill(0);
    const removed = new Set<number>();
    try {
      for (const p of potential) {
        this.virtualRemove(p, h);
        removed.add(p);
      }
      if (!this.fitsWhatIf(pod, h)) return undefined;
      potential.sort((a, b) => (this.moreImportant(a, b) ? -1 : this.moreImportant(b, a) ? 1 : 0));
      // filterPodsWithPDBViolation: budgets are spent in importance order.
      const allowed = pdbAllowed.slice();
      const violating: number[] = [], nonViolating: number[] = [];
      for (const p of potential) {
        const t = this.templates[this.podTpl[p] as number] as PodTemplate;
        let v = false;
        for (const i of t.pdbs) {
          allowed[i] = (allowed[i] as number) - 1;
          if ((allowed[i] as number) < 0) v = true;
        }
        (v ? violating : nonViolating).push(p);
      }
      const victims: number[] = [];
      let violations = 0;
      const reprieve = (p: number): boolean => {
        this.virtualRestore(p, h);
        removed.delete(p);
        if (this.fitsWhatIf(pod, h)) return true;
        this.virtualRemove(p, h);
        removed.add(p);
        victims.push(p);
        return false;
      };
      for (const p of violating) if (!reprieve(p)) violations++;
      for (const p of nonViolating) reprieve(p);
      if (violating.length > 0 && nonViolating.length > 0) victims.sort((a, b) => (this.moreImportant(a, b) ? -1 : this.moreImportant(b, a) ? 1 : 0));
      return { victims, violations };
    } finally {
      for (const p of removed) this.virtualRestore(p, h);
      this.ovHost = -1;
      this.ovFree.fill(0);
      }
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
    const t = this.templates[this.podTpl[pod] as number] as PodTemplate;
    const rt = this.runtimes[t.profile] as ProfileRuntime;
    if (!rt.profile.preemption || t.preemptNever) return undefined;
    this.prepare(pod);
    const potential: number[] = [];
    for (let k = 0; k < this.H; k++) {
      const h = this.order[k] as number;
      const c = this.filterHost(h);
      if (c !== F_OK && !UNRESOLVABLE.has(c)) potential.push(h);
    }
    if (potential.length === 0) return undefined;
    const args = rt.profile.defaultPreemption;
    const offset = Math.floor(this.rng.next() * potential.length);
    const want = calculateNumCandidates(potential.length, args.minCandidateNodesPercentage, args.minCandidateNodesAbsolute);
    const allowed = this.pdbAllowed();
    const nonViolating: Array<{ host: number; victims: number[]; violations: number }> = [];
    const violating: Array<{ host: number; victims: number[]; violations: number }> = [];
    for (let i = 0; i < potential.length; i++) {
      const h = potential[(offset + i) % potential.length] as number;
      const r = this.selectVictimsOnNode(pod, h, allowed);
      if (r === undefined || r.victims.length === 0) continue;
      (r.violations === 0 ? nonViolating : violating).push({ host: h, ...r });
      if (nonViolating.length > 0 && nonViolating.length + violating.length >= want) break;
    }
    const candidates = [...nonViolating, ...violating];
    if (candidates.length === 0) return undefined;
    const chosen = candidates.length === 1 ? (candidates[0] as (typeof candidates)[number]) : this.pickOneNodeForPreemption(candidates);
    this.podNom[pod] = chosen.host;
    return { host: chosen.host, victims: chosen.victims, pdbViolations: chosen.violations };
  }

  // upstream framework/preemption/preemption.go pickOneNodeForPreemption.
  private pickOneNodeForPreemption<C extends { host: number; victims: number[]; violations: number }>(candidates: C[]): C {
    const prio = (p: number) => this.priorityOf(p);
    const fns: Array<(c: C) => number> = [
      (c) => -c.violations,
      (c) => -prio(c.victims[0] as number),
      (c) => -c.victims.reduce((s, p) => s + prio(p) + 2147483648, 0),
      (c) => -c.victims.length,
      (c) => {
        const top = prio(c.victims[0] as number);
        let earliest = Infinity;
        for (const p of c.victims) if (prio(p) === top && (this.podStart[p] as number) < earliest) earliest = this.podStart[p] as number;
        return earliest;
      },
    ];
    let all = candidates;
    for (const f of fns) {
      let best = -Infinity;
      let sel: C[] = [];
      for (const c of all) {
        const s = f(c);
        if (s > best) {
          best = s;
          sel = [c];
        } else if (s === best) sel.push(c);
      }
      if (sel.length === 1) return sel[0] as C;
      all = sel;
    }
    return all[0] as C;
  }

  // ————————————————————————————————————————— Queue order

  /**
   * PrioritySort's order: higher priority first, then earlier queue timestamp.
   *
   * @example
   * ```ts
   * pending.sort((a, b) => (s.queueLess(a, b) ? -1 : s.queueLess(b, a) ? 1 : 0));
   * ```
   */
  queueLess(a: number, b: number): boolean {
    const pa = this.priorityOf(a), pb = this.priorityOf(b);
    if (pa !== pb) return pa > pb;
    return (this.podTs[a] as number) < (this.podTs[b] as number);
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
    this.setHostMeta(host, this.metaOf(fields));
    this.recountImages();
    this.epoch++;
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
    const others = (this.taints[host] ?? []).filter((t) => t.key !== taint.key || t.effect !== taint.effect);
    this.taints[host] = present ? [...others, taint] : others;
    if (present && taint.effect === 'PreferNoSchedule') this.anyPreferNoSchedule = true;
    this.epoch++;
  }
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
