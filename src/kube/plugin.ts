import type { ClusterState } from '../cluster/cluster-state.js';
import type { Issue } from '../errors.js';
import type { CountTable } from './count-table.js';
import type { HostTopology } from './host-topology.js';
import type { NodeTable } from './node-table.js';
import type { PodTable } from './pod-table.js';
import type { PodTemplate } from './pod-template.js';
import type { ExtensionPoint } from './profile-schema.js';
import type { ResolvedProfile } from './resolve-profile.js';
import type { ScoreCache } from './score-cache.js';
import type { SelectorIndex } from './selector-index.js';
import type { StaticClass } from './static-class.js';
import type { TemplateStore } from './template-store.js';

/** A filter's verdict for a host that passes. @example `return ok ? FILTER_PASS : 1;` */
export const FILTER_PASS = 0;
/** A score plugin's result: it does not score this pod (upstream `Skip`); its weight adds nothing. @example `if (noTerms) return SCORE_SKIP;` */
export const SCORE_SKIP = 0;
/** A score plugin's result: `out` holds the scores (also what returning nothing means). @example `return SCORE_OK;` */
export const SCORE_OK = 1;
/**
 * A score plugin's result: every host gets the same normalised score, {@link KubeCycle.uniformScore}
 * (raw score 0), so the plugin changes no decision and the cycle skips the per-host work.
 * @example `c.uniformScore = 100; return SCORE_UNIFORM;`
 */
export const SCORE_UNIFORM = 2;
/**
 * A score plugin's result: every host gets the normalised score {@link KubeCycle.uniformScore} except
 * the `c.sparseN` hosts whose indices among the hosts scored are in `c.sparseIdx`, whose normalised
 * scores are in `out[0..sparseN)`. The cycle then touches only those hosts. Not allowed while
 * {@link KubeCycle.recording}.
 * @example `c.uniformScore = 100; c.sparseIdx[0] = i; out[0] = 40; c.sparseN = 1; return SCORE_SPARSE;`
 */
export const SCORE_SPARSE = 3;

/**
 * The scheduler's shared state, which every plugin reads: the cluster (capacity and allocation per
 * host), node labels by topology key, the node and pod tables (struct-of-arrays with named fields), the
 * interned templates and selector indexes, and the score cache. Plugins must not change it; the
 * scheduler updates it on bind, unbind and node updates.
 *
 * @example
 * ```ts
 * const free = (c: KubeCycle, h: number, d: number) =>
 *   c.state.cluster.capacity[h * c.state.D + d]! - c.state.cluster.allocated[h * c.state.D + d]!;
 * ```
 */
export interface KubeState {
  /** Capacity and allocation per host and dimension (`[h * D + d]`). */
  readonly cluster: ClusterState;
  /** Number of hosts. */
  readonly H: number;
  /** Number of resource dimensions. */
  readonly D: number;
  /** Index of `cpu` in the dimensions, or -1. */
  readonly cpuDim: number;
  /** Index of `memory` in the dimensions, or -1. */
  readonly memDim: number;
  /** Node labels (with the implicit hostname label) and their domains per topology key. */
  readonly topo: HostTopology;
  /** Per-host kube fields and what bound pods use. */
  readonly nodes: NodeTable;
  /** Per-pod fields: template, host, demand, non-zero requests. */
  readonly pods: PodTable;
  /** Templates, selector indexes, carried affinity terms, PDBs. */
  readonly store: TemplateStore;
  /** Memoised per-host resource scores. */
  readonly scores: ScoreCache;
  /** Whether per-host scores may be memoised (the scheduler watches the cluster). */
  readonly memoize: boolean;
}

/**
 * One scheduling cycle as plugins see it: the pod being scheduled and its compiled fields, and scratch
 * the cycle owns. The scheduler reuses one cycle object, so nothing here is allocated per pod.
 *
 * @example
 * ```ts
 * const cpuOf = (c: KubeCycle) => c.state.pods.demand[c.off + c.state.cpuDim]!;
 * ```
 */
export interface KubeCycle {
  /** The shared state. */
  readonly state: KubeState;
  /** The pod's id. */
  readonly pod: number;
  /** The pod's compiled fields. */
  readonly tpl: PodTemplate;
  /** The pod's node-facing fields and their per-host caches. */
  readonly cls: StaticClass;
  /** Per host, the static filter bits (NodeUnschedulable, TaintToleration, NodeAffinity, NodeName) that reject it. */
  readonly bits: Uint8Array;
  /** Where the pod's demand starts in `state.pods.demand`. */
  readonly off: number;
  /** The index of the pod's profile. */
  readonly profile: number;
  /** The counts of the bound pods of the pod's owner (what default spreading selects), or `null` for a pod without an owner. */
  readonly ownerSel: SelectorIndex | null;
  /**
   * Set by a PreFilter that narrows the cycle to one host (upstream PreFilterResult, as NodeName
   * returns): that host, or -2 for none; -1 (the default) means every host.
   */
  onlyHost: number;
  /** The normalised score every host gets when a score plugin returns {@link SCORE_UNIFORM} (or every host not listed, with {@link SCORE_SPARSE}). */
  uniformScore: number;
  /** With {@link SCORE_SPARSE}: the indices (among the hosts scored) of the hosts that do not get {@link KubeCycle.uniformScore}. */
  readonly sparseIdx: Int32Array;
  /** With {@link SCORE_SPARSE}: how many entries of {@link KubeCycle.sparseIdx} are set. */
  sparseN: number;
  /** Whether the cycle records every plugin's raw and normalised score of every host (an explanation): then a plugin must write them all. */
  readonly recording: boolean;
  /** During Score: the index of host `h` among the hosts being scored (`hosts[0..n)`), or -1. */
  scoredIndex(h: number): number;
  /** A dense view of a count table, valid for this cycle. */
  view(t: CountTable): Int32Array;
}

/**
 * One plugin of one profile, as {@link KubePlugin.create} makes it. Implement the extension points the
 * plugin has; the cycle calls each once per pod (filters also per host), never per host where a batch
 * method exists.
 *
 * - **PreFilter** `preFilter(c)`: prepare what Filter needs; return `false` to skip this plugin's
 *   Filter for this pod (upstream `Skip`).
 * - **Filter** `filter(c, h)`: `0` ({@link FILTER_PASS}) if host `h` passes, otherwise a positive code
 *   of the plugin's own, which `reasons(c, h, code)` turns into the messages a FitError counts and
 *   `unresolvable(code)` marks as not fixable by preemption. `filterAll(c, hosts, n)` may filter a batch
 *   in place (keeping the order of the hosts that pass) and return how many pass; it must agree with `filter`.
 * - **Score** `score(c, hosts, n, out)`: write a raw score for each of `hosts[0..n)` into `out[0..n)`
 *   and return {@link SCORE_OK} (or nothing), {@link SCORE_SKIP}, {@link SCORE_UNIFORM} or
 *   {@link SCORE_SPARSE} (normalised scores of a few hosts; `normalize` is not called then).
 *   **NormalizeScore** `normalize(c, out, n)` then maps the raw scores to 0..100 in place; without it
 *   the raw scores must already be in 0..100. The cycle adds weight × normalised score to each host's total.
 *
 * @example
 * ```ts
 * const inst: KubePluginInstance = {
 *   score(c, hosts, n, out) {
 *     for (let i = 0; i < n; i++) out[i] = c.state.nodes.podCount[hosts[i]!]! === 0 ? 100 : 0;
 *   },
 * };
 * ```
 */
export interface KubePluginInstance {
  preFilter?(c: KubeCycle): boolean | void;
  filter?(c: KubeCycle, host: number): number;
  filterAll?(c: KubeCycle, hosts: Int32Array, n: number): number;
  /**
   * Like `filterAll`, but reads `src[from..from+n)` and appends the hosts that pass to `out` from
   * index `at`, returning how many it appended: the cycle filters straight from the node order with it.
   * @internal
   */
  filterFrom?(c: KubeCycle, src: Int32Array, from: number, n: number, out: Int32Array, at: number): number;
  reasons?(c: KubeCycle, host: number, code: number): readonly string[];
  unresolvable?(code: number): boolean;
  /**
   * For built-in static filters: the bit of {@link KubeCycle.bits} this filter's verdict is; the cycle
   * then tests all static filters with one mask.
   * @internal
   */
  readonly staticBit?: number;
  score?(c: KubeCycle, hosts: Int32Array, n: number, out: Float64Array): number | void;
  normalize?(c: KubeCycle, scores: Float64Array, n: number): void;
  /**
   * For built-in score plugins without NormalizeScore: adds `weight` × the score of each of
   * `hosts[0..n)` to `total[0..n)` and returns {@link SCORE_OK} or {@link SCORE_SKIP}, as `score`
   * would have scored them; the cycle calls it instead of `score` when it does not record the scores.
   * @internal
   */
  scoreAdd?(c: KubeCycle, hosts: Int32Array, n: number, total: Float64Array, weight: number): number;
  /**
   * For built-in score plugins that can score another plugin of the profile in the same pass: whether
   * `other` is one. The framework then pairs them, and the cycle (when it does not record the scores)
   * calls {@link KubePluginInstance.pairAdd} once in place of both plugins' `scoreAdd`.
   * @internal
   */
  pairsWith?(other: KubePluginInstance): boolean;
  /** Adds `weight` × this plugin's score and `otherWeight` × `other`'s, as both `scoreAdd` would. @internal */
  pairAdd?(c: KubeCycle, hosts: Int32Array, n: number, total: Float64Array, weight: number, other: KubePluginInstance, otherWeight: number): void;
}

/**
 * What {@link KubePlugin.create} gets besides the plugin's args.
 *
 * @example
 * ```ts
 * create(args, ctx) { return ctx.profile.fit.strategy === 'MostAllocated' ? packer : spreader; }
 * ```
 */
export interface KubePluginContext {
  /** The shared state the plugin reads. */
  readonly state: KubeState;
  /** The profile the plugin is part of. */
  readonly profile: ResolvedProfile;
  /** The profile's index. */
  readonly profileIndex: number;
  /** A number unique to this plugin instance, to key its entries in `state.scores`. */
  readonly id: number;
}

/**
 * What validating a plugin's args may consult.
 *
 * @example
 * ```ts
 * validateArgs(args, 'scheduler.profiles[0].pluginConfig[1].args', { hostKeys: new Set(['zone']) });
 * ```
 */
export interface KubeArgsContext {
  /** Node label keys the scenario's hosts carry, when known (for topology keys). */
  readonly hostKeys?: ReadonlySet<string> | undefined;
}

/**
 * A kube-scheduler plugin, by name: the extension points it implements, how its `pluginConfig` args
 * are checked, and how it is made for a profile. The registry ({@link registerKubePlugin}) maps names to
 * plugins; a profile enables them by name, as in `KubeSchedulerConfiguration`. Plugins that podsim
 * accepts but does not model (volume binding, DRA, …) have `modelled: false` and no `create`.
 *
 * @example
 * ```ts
 * const emptiestFirst: KubePlugin = {
 *   name: 'EmptiestFirst',
 *   points: ['score'],
 *   create: () => ({
 *     score(c, hosts, n, out) {
 *       for (let i = 0; i < n; i++) out[i] = Math.max(0, 100 - c.state.nodes.podCount[hosts[i]!]!);
 *     },
 *   }),
 * };
 * registerKubePlugin(emptiestFirst);
 * ```
 */
export interface KubePlugin {
  /** The name profiles use. */
  readonly name: string;
  /** The extension points it implements (MultiPoint enables it at each). */
  readonly points: readonly ExtensionPoint[];
  /** Whether podsim models it; `false` means accepted, with a `not_modelled` warning where a profile enables it. @defaultValue true */
  readonly modelled?: boolean;
  /** Checks `pluginConfig` args, returning every problem with its path. @defaultValue args are passed to `create` unchecked */
  validateArgs?(args: unknown, path: string, ctx: KubeArgsContext): Issue[];
  /** Makes the plugin for one profile, with its merged `pluginConfig` args (`undefined` when none). */
  create?(args: unknown, ctx: KubePluginContext): KubePluginInstance;
}
