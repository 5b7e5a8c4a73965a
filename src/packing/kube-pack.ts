import { ClusterState } from '../cluster/cluster-state.js';
import { PodsimError, type Issue } from '../errors.js';
import { KubeScheduler } from '../kube/kube-scheduler.js';
import { DEFAULT_MAX_PODS } from '../kube/node-table.js';
import type { KubePodFields, PodAffinityTerm } from '../kube/pod-fields-schema.js';
import { compileLabelSelector, matchesLabels } from '../kube/selectors.js';
import { HOSTNAME_LABEL } from '../kube/labels.js';
import { createRng } from '../random/streams.js';
import { describeAmount } from './describe-amount.js';
import type { PackHostType, PackInput, PackItem, PackKubeOptions } from './types.js';

// Packing under kube-scheduler's filters. The filters are the scheduler's own plugins, reached
// through KubeScheduler.checkHost: nothing here re-implements a filter.

/** The dimension that carries kube-scheduler's pod limit (NodeResourcesFit's `pods`). */
export const PODS_DIMENSION = 'pods';

/**
 * Whether {@link pack} applies kube-scheduler's filters to an input.
 * @internal
 * @example
 * ```ts
 * kubeAware({ items, hostTypes, kube: true }); // true
 * ```
 */
export function kubeAware(input: PackInput): boolean {
  if (input.kube !== undefined && input.kube !== false) return true;
  return input.items.some((i) => i.kube !== undefined) || input.hostTypes.some((h) => h.kube !== undefined || h.labels !== undefined);
}

function profilesOf(input: PackInput): PackKubeOptions['profiles'] {
  return typeof input.kube === 'object' ? input.kube.profiles : undefined;
}

/**
 * The input with the pod limit as a dimension: each replica requests one `pods`, each host type
 * offers its `maxPods` (default 110), as NodeResourcesFit counts them. The packing heuristics and
 * the lower bounds then account for the limit like any resource.
 * @internal
 * @example
 * ```ts
 * withPodDimension(input).hostTypes[0].capacity.pods; // 110
 * ```
 */
export function withPodDimension(input: PackInput): PackInput {
  return {
    ...input,
    items: input.items.map((i) => (i.request[PODS_DIMENSION] !== undefined ? i : { ...i, request: { ...i.request, [PODS_DIMENSION]: 1 } })),
    hostTypes: input.hostTypes.map((h) => (h.capacity[PODS_DIMENSION] !== undefined ? h : { ...h, capacity: { ...h.capacity, [PODS_DIMENSION]: h.kube?.maxPods ?? DEFAULT_MAX_PODS } })),
  };
}

/**
 * A fleet of opened hosts with a live {@link KubeScheduler} over them. Opening a host rebuilds the
 * scheduler, so that only opened hosts exist for topology spreading and affinity.
 */
class KubeFleet {
  readonly types: number[] = [];
  readonly placed: number[][] = [];
  private kube!: KubeScheduler;
  private cluster!: ClusterState;
  private readonly dims: readonly string[];

  constructor(private readonly input: PackInput, private readonly units: readonly number[], initial: readonly number[] = []) {
    for (const t of initial) { this.types.push(t); this.placed.push([]); }
    this.dims = dimensionsOf(input);
    this.rebuild();
  }

  get hostCount(): number {
    return this.types.length;
  }

  private rebuild(): void {
    const { input } = this;
    const hosts = this.types.map((t, b) => ({ name: `${(input.hostTypes[t] as PackHostType).name}-${b}`, type: t }));
    ({ cluster: this.cluster, kube: this.kube } = kubeOver(input, this.dims, hosts, input.seed ?? 1, 'pack/kube'));
    // pod id = unit index
    for (const item of this.units) {
      const it = input.items[item] as PackItem;
      this.kube.addPod({ request: it.request, fields: it.kube, owner: it.name });
    }
    this.types.forEach((_, b) => { for (const u of this.placed[b] as number[]) this.bindHere(u, b); });
  }

  private bindHere(u: number, b: number): boolean {
    if (!this.cluster.allocate(b, this.kube.demand, this.kube.demandOffset(u))) return false;
    this.kube.bind(u, b, 0);
    const list = this.placed[b] as number[];
    if (!list.includes(u)) list.push(u);
    return true;
  }

  /** The first-failing filter's reasons for unit `u` on host `b`; empty when it passes. */
  check(u: number, b: number): readonly string[] {
    return this.kube.checkHost(u, b);
  }

  place(u: number, b: number): void {
    if (!this.bindHere(u, b)) throw new Error(`pack: unit ${u} passed the filters on host ${b} but does not fit`);
  }

  open(t: number): number {
    this.types.push(t);
    this.placed.push([]);
    this.rebuild();
    return this.types.length - 1;
  }

  /** Closes the last host, which must be empty. */
  closeLast(): void {
    this.types.pop();
    this.placed.pop();
    this.rebuild();
  }
}

function capacityOf(h: PackHostType, dims: readonly string[]): Record<string, number> {
  const c: Record<string, number> = {};
  for (const d of dims) c[d] = h.capacity[d] ?? 0;
  return c;
}

/** Every dimension an item requests or a host type offers, in order of first mention. */
function dimensionsOf(input: PackInput): string[] {
  const dims: string[] = [];
  for (const i of input.items) for (const k of Object.keys(i.request)) if (!dims.includes(k)) dims.push(k);
  for (const h of input.hostTypes) for (const k of Object.keys(h.capacity)) if (!dims.includes(k)) dims.push(k);
  return dims;
}

/** A cluster of the given hosts (each of a host type, its group) with a KubeScheduler over it. */
function kubeOver(input: PackInput, dims: readonly string[], hosts: readonly { name: string; type: number }[], seed: number, stream: string): { cluster: ClusterState; kube: KubeScheduler } {
  const cluster = new ClusterState(dims, hosts.map(({ name, type: t }) => {
    const ht = input.hostTypes[t] as PackHostType;
    return { name, capacity: capacityOf(ht, dims), group: t, ...(ht.labels === undefined ? {} : { labels: ht.labels }) };
  }));
  const profiles = profilesOf(input);
  const kube = new KubeScheduler({
    cluster,
    rng: createRng(seed, stream),
    ...(profiles === undefined ? {} : { profiles }),
    nodeFieldsByGroup: input.hostTypes.map((h) => h.kube),
    watchCluster: false,
  });
  return { cluster, kube };
}

/**
 * For each item, the host types on which one replica passes every filter on an empty host (node
 * selector, node affinity, taints, unschedulable, resources and pod limit), and the reasons for the
 * others.
 * @internal
 * @example
 * ```ts
 * staticFeasibility(input).feasible[0]; // [0, 2]: item 0 may go on host types 0 and 2
 * ```
 */
export function staticFeasibility(input: PackInput): { feasible: number[][]; reasons: string[][] } {
  const { kube } = kubeOver(input, dimensionsOf(input), input.hostTypes.map((h, t) => ({ name: h.name, type: t })), 1, 'pack/static');
  const feasible: number[][] = [];
  const reasons: string[][] = [];
  input.items.forEach((it) => {
    const pod = kube.addPod({ request: it.request, fields: it.kube, owner: it.name });
    const ok: number[] = [];
    const why: string[] = [];
    input.hostTypes.forEach((h, t) => {
      const r = kube.checkHost(pod, t);
      if (r.length === 0) ok.push(t);
      else why.push(`${h.name}: ${r.join(', ')}`);
    });
    feasible.push(ok);
    reasons.push(why);
  });
  return { feasible, reasons };
}

/** Whether an item's pods carry constraints that depend on the other pods of a host. */
function hasPodConstraints(f: KubePodFields | undefined): boolean {
  if (f === undefined) return false;
  const a = f.affinity;
  return (a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0
    || (a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0
    || (f.topologySpreadConstraints ?? []).some((c) => c.whenUnsatisfiable === 'DoNotSchedule')
    || f.nodeName !== undefined
    || (f.ports ?? []).some((p) => (p.hostPort ?? 0) > 0);
}

/**
 * Whether the relaxed problem (resources and pod limit only) is the whole problem: every item may
 * go on every host type and no pod's filters depend on its neighbours. Then the usual heuristics
 * and search run, and the result is still checked with the filters.
 * @internal
 * @example
 * ```ts
 * if (onlyResources(input, feasible)) { … }
 * ```
 */
export function onlyResources(input: PackInput, feasible: readonly (readonly number[])[]): boolean {
  return input.items.every((it, i) => (feasible[i] as readonly number[]).length === input.hostTypes.length && !hasPodConstraints(it.kube));
}

/** The required hostname anti-affinity terms of an item that match its own labels. */
function selfExclusive(it: PackItem): boolean {
  const f = it.kube;
  const terms: readonly PodAffinityTerm[] = f?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  const labels = f?.labels ?? {};
  const ns = f?.namespace ?? 'default';
  return terms.some((t) => t.topologyKey === HOSTNAME_LABEL
    && t.namespaceSelector === undefined
    && (t.namespaces === undefined || t.namespaces.length === 0 || t.namespaces.includes(ns))
    && matchesLabels(compileLabelSelector(t.labelSelector), labels));
}

/**
 * Lower bounds from the constraints alone, valid for any packing that passes the filters:
 * - replicas of an item with required hostname anti-affinity against its own labels need a host each;
 * - items that fit only a set S of host types need at least ⌈demand / largest capacity in S⌉
 *   hosts of those types, per dimension;
 * - items limited to pairwise disjoint sets of types need separate hosts, so their bounds add.
 * @internal
 * @example
 * ```ts
 * constraintBound(input, feasible); // { hosts: 8, note: 'web: 8 replicas with required hostname anti-affinity, one per host' }
 * ```
 */
export function constraintBound(input: PackInput, feasible: readonly (readonly number[])[]): { hosts: number; note: string } {
  const sets = new Map<string, number[]>();
  feasible.forEach((s) => { if (s.length > 0) sets.set(s.join(','), [...s]); });
  const bounds: { set: number[]; hosts: number; note: string }[] = [];
  for (const set of sets.values()) {
    const inSet = new Set(set);
    const members = input.items.map((it, i) => ({ it, i })).filter(({ i }) => (feasible[i] as readonly number[]).every((t) => inSet.has(t)));
    let best = 0;
    let note = '';
    for (const { it } of members) {
      const r = it.replicas ?? 1;
      if (r > best && selfExclusive(it)) { best = r; note = `${it.name}: ${r} replicas with required hostname anti-affinity, one per host`; }
    }
    const dims = new Set<string>();
    for (const { it } of members) for (const k of Object.keys(it.request)) dims.add(k);
    for (const d of dims) {
      let total = 0;
      for (const { it } of members) total += (it.request[d] ?? 0) * (it.replicas ?? 1);
      let largest = 0;
      for (const t of set) largest = Math.max(largest, input.hostTypes[t]?.capacity[d] ?? 0);
      if (largest <= 0 || total <= 0) continue;
      const h = Math.ceil(total / largest);
      if (h > best) {
        best = h;
        const types = set.map((t) => input.hostTypes[t]?.name).join(', ');
        note = set.length < input.hostTypes.length
          ? `${members.map(({ it }) => it.name).join(', ')} fit only host type${set.length === 1 ? '' : 's'} ${types}: their ${d} needs ${h}`
          : `${d} needs ${h}`;
      }
    }
    bounds.push({ set, hosts: best, note });
  }
  // greedily add bounds of pairwise disjoint type sets, largest first
  bounds.sort((a, b) => b.hosts - a.hosts);
  let sum = 0;
  const used = new Set<number>();
  const notes: string[] = [];
  for (const b of bounds) {
    if (b.hosts === 0 || b.set.some((t) => used.has(t))) continue;
    for (const t of b.set) used.add(t);
    sum += b.hosts;
    notes.push(b.note);
  }
  const single = bounds[0];
  if (single !== undefined && single.hosts >= sum) return { hosts: single.hosts, note: single.note };
  return { hosts: sum, note: notes.join('; and ') };
}

/**
 * First-fit decreasing through kube-scheduler's filters: units in order (most constrained first,
 * then largest), each on the first opened host whose filters all pass, else on a new host of the
 * first type (in `typeRank` order) that it may use, has hosts left and on which it passes.
 * Returns, per host, its type and its units, and the host each unit of `order` went to, in order.
 *
 * Hosts of `preopened` types exist, empty, from the start. Topology spreading is why: it compares a
 * domain's count with the fewest any eligible host holds, so a host opened later, empty, can make
 * an earlier placement break its constraint (two replicas with `maxSkew: 1` on the only host, then a
 * second host opened for something else: skew 2). kube-scheduler sees every node of the final
 * cluster from the first pod on; {@link kubeFirstFitOnFinalHosts} repeats the construction with the
 * hosts it ended with until no new host is needed.
 * @internal
 * @example
 * ```ts
 * const { types, placed } = kubeFirstFit(input, units, order, typeRank, feasible);
 * ```
 */
export function kubeFirstFit(
  input: PackInput,
  units: readonly number[],
  order: readonly number[],
  typeRank: ArrayLike<number>,
  feasible: readonly (readonly number[])[],
  preopened: readonly number[] = [],
): { types: number[]; placed: number[][]; bins: Int32Array } {
  const fleet = new KubeFleet(input, units, preopened);
  const opened = new Int32Array(input.hostTypes.length);
  for (const t of preopened) opened[t] = (opened[t] as number) + 1;
  const bins = new Int32Array(order.length);
  order.forEach((u, i) => {
    let done = false;
    for (let b = 0; b < fleet.hostCount && !done; b++) {
      if (fleet.check(u, b).length === 0) { fleet.place(u, b); bins[i] = b; done = true; }
    }
    if (done) return;
    const item = units[u] as number;
    const allowed = feasible[item] as readonly number[];
    const why: string[] = [];
    for (let r = 0; r < typeRank.length && !done; r++) {
      const t = typeRank[r] as number;
      if (!allowed.includes(t)) continue;
      const ht = input.hostTypes[t] as PackHostType;
      if ((opened[t] as number) >= (ht.max ?? Infinity)) { why.push(`${ht.name}: all ${ht.max} allowed hosts are open`); continue; }
      const b = fleet.open(t);
      const r2 = fleet.check(u, b);
      if (r2.length === 0) { fleet.place(u, b); bins[i] = b; opened[t] = (opened[t] as number) + 1; done = true; }
      else { why.push(`${ht.name}: ${r2.join(', ')}`); fleet.closeLast(); }
    }
    if (!done) {
      const it = input.items[item] as PackItem;
      const issue: Issue = {
        code: 'unplaceable',
        path: `items[${item}]`,
        message: `a replica of ${JSON.stringify(it.name)} fits on none of the ${fleet.hostCount} hosts opened and on no new host${why.length > 0 ? ` (${why.join('; ')})` : ' type it may use'}`,
      };
      throw new PodsimError([issue], 'pack() could not place every replica');
    }
  });
  return { types: fleet.types, placed: fleet.placed, bins };
}

/**
 * {@link kubeFirstFit} whose every placement passed the filters with all the packing's hosts present,
 * with the issues of replaying it (none, unless a filter changed its answer when an empty host was dropped),
 * as kube-scheduler binds pods on a cluster of that size: the first construction is kept when
 * replaying its placements, in their order, on its final hosts passes; otherwise it is repeated with
 * those hosts open from the start, until a construction opens none beyond them. Hosts left empty are
 * dropped (a domain fewer can only raise the fewest count a spread constraint compares with).
 * @internal
 * @example
 * ```ts
 * const { types, placed } = kubeFirstFitOnFinalHosts(input, units, order, typeRank, feasible);
 * ```
 */
export function kubeFirstFitOnFinalHosts(
  input: PackInput,
  units: readonly number[],
  order: readonly number[],
  typeRank: ArrayLike<number>,
  feasible: readonly (readonly number[])[],
): { types: number[]; placed: number[][]; issues: Issue[] } {
  let r = kubeFirstFit(input, units, order, typeRank, feasible);
  const first = kubeCheckSequence(input, units, r.types, order, r.bins);
  if (first.length === 0) return { types: r.types, placed: r.placed, issues: first };
  // Each round opens at least one host more than the last, and no more than one per unit.
  for (let round = 0; round <= units.length; round++) {
    const before = r.types.length;
    r = kubeFirstFit(input, units, order, typeRank, feasible, r.types);
    if (r.types.length === before) break;
  }
  const renumber = new Int32Array(r.types.length).fill(-1);
  const types: number[] = [], placed: number[][] = [];
  r.placed.forEach((list, b) => {
    if (list.length === 0) return;
    renumber[b] = types.length;
    types.push(r.types[b] as number);
    placed.push(list);
  });
  // The issues, if any, of the placements replayed on the hosts kept: none, unless dropping an empty host changed a filter's answer.
  const bins = r.bins.map((b) => renumber[b] as number);
  return { types, placed, issues: kubeCheckSequence(input, units, types, order, bins) };
}

/**
 * Replays placements on hosts of the given types, in order (`bins[i]` is the host of `order[i]`),
 * and reports each one a filter rejects at its turn. @internal
 * @example
 * ```ts
 * kubeCheckSequence(input, units, types, order, bins); // [] when every placement passes
 * ```
 */
export function kubeCheckSequence(input: PackInput, units: readonly number[], types: readonly number[], order: readonly number[], bins: Int32Array): Issue[] {
  const fleet = new KubeFleet(input, units, types);
  const issues: Issue[] = [];
  order.forEach((u, i) => {
    const b = bins[i] as number;
    const why = fleet.check(u, b);
    if (why.length === 0) fleet.place(u, b);
    else {
      const item = units[u] as number;
      issues.push({ code: 'infeasible_host', path: `hosts[${b}]`, message: `${(input.items[item] as PackItem).name} on host ${b} (${input.hostTypes[types[b] as number]?.name ?? '?'}): ${why.join(', ')}` });
    }
  });
  return issues;
}

/**
 * Checks a packing with kube-scheduler's filters: binds every replica, host by host, and reports the
 * first replica a filter rejects. Host by host is a valid order when only resources and the pod limit
 * constrain the items (the filters are then monotone in the pods bound); packings under inter-pod
 * constraints are checked in their construction's order ({@link kubeCheckSequence}).
 * @internal
 * @example
 * ```ts
 * kubeCheckPacking(input, result.hosts); // [] when every host passes
 * ```
 */
export function kubeCheckPacking(input: PackInput, hosts: readonly { readonly typeIndex: number; readonly replicas: readonly { readonly item: number }[] }[]): Issue[] {
  const units: number[] = [];
  for (const h of hosts) for (const r of h.replicas) units.push(r.item);
  const fleet = new KubeFleet(input, units, hosts.map((h) => h.typeIndex));
  const issues: Issue[] = [];
  let u = 0;
  // a replica is checked against the replicas bound before it, host by host: every filter of the
  // packing's final state holds, since the filters are monotone in the pods already bound
  hosts.forEach((h, b) => {
    for (const r of h.replicas) {
      const why = fleet.check(u, b);
      if (why.length > 0) {
        const it = input.items[r.item] as PackItem;
        issues.push({ code: 'infeasible_host', path: `hosts[${b}]`, message: `${it.name} on host ${b} (${h.typeIndex < input.hostTypes.length ? input.hostTypes[h.typeIndex]?.name : '?'}): ${why.join(', ')}` });
      } else fleet.place(u, b);
      u++;
    }
  });
  return issues;
}

/** Why an item fits no host type, in the user's units. @internal @example `noTypeMessage(reasons)` */
export function noTypeMessage(reasons: readonly string[]): string {
  return `fits no host type under kube-scheduler's filters: ${reasons.join('; ')}`;
}

export { describeAmount };
