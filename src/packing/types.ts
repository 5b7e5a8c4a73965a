import type { KubeNodeFields } from '../kube/node-fields-schema.js';
import type { KubePodFields } from '../kube/pod-fields-schema.js';
import type { KubeSchedulerOptions } from '../kube/kube-scheduler.js';

/**
 * One container request to pack, possibly with several identical replicas.
 * Request values are exact non-negative integers in base units (cpu in millicores,
 * memory in bytes, …); any dimension name may be used, and a missing dimension means zero.
 *
 * @example
 * ```ts
 * const web: PackItem = { name: 'web', request: { cpu: 500, memory: 268435456 }, replicas: 3 };
 * ```
 */
export interface PackItem {
  /** A name for people; it is copied into the result. Names need not be unique. */
  readonly name: string;
  /** What one replica needs, per dimension, in base units. */
  readonly request: Readonly<Record<string, number>>;
  /**
   * How many identical replicas to place.
   * @defaultValue 1
   */
  readonly replicas?: number;
  /**
   * Kubernetes scheduling fields of the item's pods (labels, namespace, nodeSelector, affinity,
   * anti-affinity, tolerations, topology spread, host ports). When any item or host type has kube
   * fields, or {@link PackInput.kube} is set, every host must pass kube-scheduler's filter plugins.
   * @defaultValue none
   */
  readonly kube?: KubePodFields;
}

/**
 * A kind of host that may be opened as many times as needed (or up to {@link PackHostType.max}).
 *
 * @example
 * ```ts
 * const m5: PackHostType = { name: 'm5.large', capacity: { cpu: 2000, memory: 8589934592 }, cost: 0.096 };
 * ```
 */
export interface PackHostType {
  /** A unique name; hosts in the result refer to their type by it. */
  readonly name: string;
  /** What one host of this type offers, per dimension, in base units. A missing dimension means zero. */
  readonly capacity: Readonly<Record<string, number>>;
  /**
   * The price of opening one host of this type, used by the `'cost'` objective.
   * @defaultValue 1
   */
  readonly cost?: number;
  /**
   * The most hosts of this type that may be opened.
   * @defaultValue unlimited
   */
  readonly max?: number;
  /**
   * Node labels of hosts of this type (the hostname label is added per host).
   * @defaultValue none
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Kubernetes node fields of hosts of this type: taints, `unschedulable`, `maxPods` (default 110).
   * @defaultValue none
   */
  readonly kube?: KubeNodeFields;
}

/**
 * What {@link pack} minimises: the number of hosts, or their total cost.
 *
 * @example
 * ```ts
 * const objective: PackObjective = 'cost';
 * ```
 */
export type PackObjective = 'hosts' | 'cost';

/**
 * The vector size functions used to order items and choose bins (Panigrahy et al., 2011).
 * Every request is first normalised by the capacity of the largest host in that dimension.
 * - `sum`: the sum of the normalised components;
 * - `max`: the largest normalised component;
 * - `l2`: the Euclidean norm of the normalised vector;
 * - `dot`: the dot product with the mean normalised demand of all items, which weighs each
 *   dimension by how scarce it is on average (Panigrahy et al.'s "FFDAvgSum").
 *
 * @example
 * ```ts
 * const f: SizeFunctionName = 'l2';
 * ```
 */
export type SizeFunctionName = 'sum' | 'max' | 'l2' | 'dot';

/**
 * The packing algorithms {@link pack} offers.
 * - `ffd-<size>`: first-fit decreasing, items sorted by the size function;
 * - `bfd-<size>`: best-fit decreasing, each item going to the feasible host whose remaining
 *   room, measured by the same size function, is smallest afterwards;
 * - `bin-dot`, `bin-l2`: Panigrahy-style bin-centric heuristics that fill one host at a time
 *   with the fitting item that maximises the dot product with the host's remaining room, or
 *   minimises the L2 distance between the remaining room and the item;
 * - `mbs`: minimum bin slack (Gupta & Ho; Fleszar & Hindi's MBS′): each host takes the
 *   largest unplaced item, then the subset of the others that fills it most;
 * - `pipeline`: the best of the constructive heuristics, then the improvement search
 *   that tries to empty hosts until the lower bound or the time limit is reached.
 *
 * @example
 * ```ts
 * const a: PackAlgorithm = 'ffd-dot';
 * ```
 */
export type PackAlgorithm =
  | 'ffd-sum'
  | 'ffd-max'
  | 'ffd-l2'
  | 'ffd-dot'
  | 'bfd-sum'
  | 'bfd-max'
  | 'bfd-l2'
  | 'bfd-dot'
  | 'bin-dot'
  | 'bin-l2'
  | 'mbs'
  | 'pipeline';

/**
 * Every algorithm name {@link pack} accepts, in a stable order.
 *
 * @example
 * ```ts
 * PACK_ALGORITHMS.includes('ffd-sum'); // true
 * ```
 */
export const PACK_ALGORITHMS: readonly PackAlgorithm[] = [
  'ffd-sum',
  'ffd-max',
  'ffd-l2',
  'ffd-dot',
  'bfd-sum',
  'bfd-max',
  'bfd-l2',
  'bfd-dot',
  'bin-dot',
  'bin-l2',
  'mbs',
  'pipeline',
];

/**
 * Options that tune {@link pack}.
 *
 * @example
 * ```ts
 * const options: PackOptions = { algorithm: 'pipeline', seed: 7, timeLimitMs: 500 };
 * ```
 */
export interface PackOptions {
  /**
   * Which algorithm to run.
   * @defaultValue `'pipeline'`
   */
  readonly algorithm?: PackAlgorithm;
  /**
   * Seed of the improvement search's random stream. The same seed gives the same result
   * whenever the search ends by reaching the lower bound or `maxIterations`.
   * @defaultValue 1
   */
  readonly seed?: number;
  /**
   * Wall-clock budget of the whole call, in milliseconds, construction included (the search
   * stops at 98% of it, leaving time to build the result). It is a safety net: when it stops the
   * search before `maxIterations`, the result can depend on the machine's speed.
   * Pass `Infinity` together with a finite `maxIterations` for fully reproducible runs.
   * @defaultValue 1000
   */
  readonly timeLimitMs?: number;
  /**
   * Budget of the improvement search in moves; reproducible on every machine.
   * @defaultValue `Infinity` (the time limit alone bounds the search)
   */
  readonly maxIterations?: number;
}

/**
 * Everything {@link pack} needs: the items, the host types, the objective, and options.
 *
 * @example
 * ```ts
 * const input: PackInput = {
 *   items: [{ name: 'web', request: { cpu: 500 }, replicas: 4 }],
 *   hostTypes: [{ name: 'small', capacity: { cpu: 1000 } }],
 *   objective: 'hosts',
 * };
 * ```
 */
export interface PackInput extends PackOptions {
  /** The container requests to place. */
  readonly items: readonly PackItem[];
  /** The kinds of host that may be opened; at least one. */
  readonly hostTypes: readonly PackHostType[];
  /**
   * What to minimise.
   * @defaultValue `'hosts'`
   */
  readonly objective?: PackObjective;
  /**
   * Check every host with kube-scheduler's filter plugins (NodeResourcesFit with the pod limit
   * `maxPods`, NodeAffinity, TaintToleration, InterPodAffinity, PodTopologySpread, …), as `run
   * --policy kube` would. `true` uses kube-scheduler's default profile; an object may name the
   * profiles (the scenario's `scheduler.profiles`). Implied when any item or host type has kube fields.
   * @defaultValue off, unless an item or host type has kube fields
   */
  readonly kube?: boolean | PackKubeOptions;
}

/**
 * How {@link pack} applies kube-scheduler's filters.
 *
 * @example
 * ```ts
 * const k: PackKubeOptions = { profiles: ['binpack'] };
 * ```
 */
export interface PackKubeOptions {
  /**
   * The scheduler profiles whose filters apply (pods choose one by `schedulerName`).
   * @defaultValue kube-scheduler's default profile
   */
  readonly profiles?: KubeSchedulerOptions['profiles'];
}

/**
 * One replica placed on a host: the index of its item in the input and its replica number.
 *
 * @example
 * ```ts
 * const r: PlacedReplica = { item: 0, replica: 2, name: 'web' };
 * ```
 */
export interface PlacedReplica {
  /** Index of the item in {@link PackInput.items}. */
  readonly item: number;
  /** Which replica of that item, from 0. */
  readonly replica: number;
  /** The item's name, for convenience. */
  readonly name: string;
}

/**
 * One host opened by {@link pack}, with what runs on it.
 *
 * @example
 * ```ts
 * const h: PackedHost = {
 *   type: 'small', typeIndex: 0, cost: 1,
 *   replicas: [{ item: 0, replica: 0, name: 'web' }],
 *   used: { cpu: 500 },
 * };
 * ```
 */
export interface PackedHost {
  /** The name of the host's type. */
  readonly type: string;
  /** Index of the type in {@link PackInput.hostTypes}. */
  readonly typeIndex: number;
  /** The cost of the host's type. */
  readonly cost: number;
  /** The replicas placed on it, ordered by item index then replica. */
  readonly replicas: readonly PlacedReplica[];
  /** The sum of its replicas' requests, for every dimension any item requests. */
  readonly used: Readonly<Record<string, number>>;
}

/**
 * Lower bounds on the number of hosts and on the total cost of any packing.
 *
 * @example
 * ```ts
 * const lb: PackLowerBounds = { l1: 3, l2: 4, conflict: 0, cardinality: 2, hosts: 4, cost: 4, perDimension: { cpu: { l1: 3, l2: 4 } } };
 * ```
 */
export interface PackLowerBounds {
  /** The continuous bound: the largest, over dimensions, of ⌈total request / largest capacity⌉. */
  readonly l1: number;
  /** The largest, over dimensions, of the Martello–Toth L2 bound of that dimension. */
  readonly l2: number;
  /**
   * With several dimensions, the size of a greedy set of units no two of which fit together in
   * any host (each needs its own host); 0 in one dimension, where L2 already counts them.
   */
  readonly conflict: number;
  /**
   * ⌈replicas / k⌉ where k is the most replicas one host can hold (their k smallest sizes must fit
   * in every dimension and, summed over normalised dimensions, in the number of dimensions).
   */
  readonly cardinality: number;
  /** The bound used for the gap: the largest of the others, and at least 1 when anything is to be placed. */
  readonly hosts: number;
  /** A lower bound on total cost: the host bound times the cheapest cost, or a fractional
   * cover of each dimension at the cheapest price per unit, whichever is larger. */
  readonly cost: number;
  /**
   * With kube constraints: a bound from them alone. Replicas with required hostname anti-affinity
   * against their own labels each need a host; workloads that only fit some host types (node
   * selectors, affinity, taints) need hosts of those types, and workloads limited to disjoint sets
   * of types need separate hosts. 0 without constraints.
   */
  readonly constraint?: number;
  /** Which bound {@link PackLowerBounds.hosts} is, in words, when constraints decide it. */
  readonly note?: string;
  /** L1 and L2 for each requested dimension. */
  readonly perDimension: Readonly<Record<string, { readonly l1: number; readonly l2: number }>>;
}

/**
 * How a {@link pack} run ended, for diagnostics. `elapsedMs` depends on the machine.
 *
 * @example
 * ```ts
 * const s: PackStats = { construction: 'ffd-sum', iterations: 120, elapsedMs: 3.2, stoppedBy: 'bound' };
 * ```
 */
export interface PackStats {
  /** The constructive heuristic whose packing the result started from. */
  readonly construction: Exclude<PackAlgorithm, 'pipeline'>;
  /** Moves made by the improvement search (0 when it did not run). */
  readonly iterations: number;
  /** Wall-clock time of the whole call, in milliseconds. */
  readonly elapsedMs: number;
  /**
   * Why the search stopped: it met the lower bound (`bound`), proved one host fewer impossible
   * (`proven`), had no move left (`stalled`), ran out of `time` or `iterations`, or was not run
   * (`construction`: a single constructive algorithm was asked for).
   */
  readonly stoppedBy: 'bound' | 'proven' | 'stalled' | 'time' | 'iterations' | 'construction';
}

/**
 * What {@link pack} returns: the hosts with their replicas, totals, bounds and the gap.
 *
 * @example
 * ```ts
 * const r: PackResult = pack({ items, hostTypes });
 * console.log(r.hostCount, r.lowerBound.hosts, r.gap.hosts);
 * ```
 */
export interface PackResult {
  /** The hosts opened. Every replica of every item appears on exactly one host. */
  readonly hosts: readonly PackedHost[];
  /** `hosts.length`. */
  readonly hostCount: number;
  /** The total cost of the hosts opened. */
  readonly cost: number;
  /** The objective that was minimised. */
  readonly objective: PackObjective;
  /** The algorithm that was run. */
  readonly algorithm: PackAlgorithm;
  /** Lower bounds on hosts and cost. */
  readonly lowerBound: PackLowerBounds;
  /**
   * How far the result is from the lower bound: `hosts` is `hostCount − lowerBound.hosts`,
   * `relative` is that divided by the bound (0 when the bound is 0), and `cost` is
   * `cost − lowerBound.cost`.
   */
  readonly gap: { readonly hosts: number; readonly relative: number; readonly cost: number };
  /**
   * Whether the host count is proved minimal: it meets its lower bound, or (objective `'hosts'`)
   * the improvement search's exact repacking of the whole packing proved one host fewer impossible.
   */
  readonly provenOptimal: boolean;
  /** Diagnostics. */
  readonly stats: PackStats;
}
