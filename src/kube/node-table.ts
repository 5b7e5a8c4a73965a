import type { ClusterState } from '../cluster/cluster-state.js';
import type { HostTopology } from './host-topology.js';
import type { UsedHostPorts } from './host-ports.js';
import type { KubeNodeFields, Taint } from './node-fields-schema.js';
import { parseImage } from './pod-template.js';

const ZONE_LABELS = ['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone'];
const REGION_LABELS = ['topology.kubernetes.io/region', 'failure-domain.beta.kubernetes.io/region'];

/** The default pod limit of a node (kubelet's `maxPods`). @example `DEFAULT_MAX_PODS; // 110` */
export const DEFAULT_MAX_PODS = 110;

/** Offset in a host's {@link NodeTable.row}: room for more pods, `maxPods − podCount`. @example `row[h * S + R_ROOM] < 1 // full` */
export const R_ROOM = 0;
/** Offset in a host's {@link NodeTable.row}: Σ non-zero CPU requests of its bound pods. @example `row[h * S + R_NZ_CPU]` */
export const R_NZ_CPU = 1;
/** Offset in a host's {@link NodeTable.row}: Σ non-zero memory requests of its bound pods. @example `row[h * S + R_NZ_MEM]` */
export const R_NZ_MEM = 2;
/** Offset in a host's {@link NodeTable.row}: capacity of dimension d at `R_CAP + d`, then its allocation at `R_CAP + D + d`. @example `row[h * S + R_CAP + d] - row[h * S + R_CAP + D + d] // free` */
export const R_CAP = 3;

/**
 * The scheduler's per-node state, struct-of-arrays indexed by host: the node's kube fields (pod limit,
 * cordon, taints, images) and what the bound pods use (pod count, non-zero CPU and memory requests,
 * host ports, the pods themselves), a version per host bumped on every change (for the score cache),
 * the node-tree order, and preemption's what-if overlay. Plugins read it through `KubeState.nodes`.
 *
 * @example
 * ```ts
 * const nodes = new NodeTable(cluster, topo, [{ maxPods: 30 }], undefined);
 * nodes.maxPods[0]; // 30 if host 0 is in group 0
 * ```
 */
export class NodeTable {
  /** Number of hosts. */
  readonly H: number;
  /** Number of resource dimensions. */
  readonly D: number;
  private readonly cluster: ClusterState;
  /** Pod limit per host. */
  readonly maxPods: Int32Array;
  /** 1 where the host is cordoned. */
  readonly unsched: Uint8Array;
  /** Taints per host (hosts of a group share the array). */
  readonly taints: Array<readonly Taint[]>;
  /** Images present per host: normalised name → size in bytes. */
  readonly images: Array<ReadonlyMap<string, number>>;
  /** Per image name: how many hosts have it. */
  readonly imageNodes = new Map<string, number>();
  /** Whether any host has a PreferNoSchedule taint. */
  anyPreferNoSchedule = false;
  /** Bumped whenever node fields change; caches of node-field-derived data are valid for one epoch. */
  epoch = 0;

  /** Bound pods per host. */
  readonly podCount: Int32Array;
  /** Σ non-zero CPU requests of the bound pods (100m for a pod without one), per host. */
  readonly nzCpu: Float64Array;
  /** Σ non-zero memory requests of the bound pods (200Mi for a pod without one), per host. */
  readonly nzMem: Float64Array;
  /** The bound pods per host. */
  readonly hostPods: number[][];
  /** Host ports in use per host; `undefined` until a pod with host ports binds there. */
  readonly ports: Array<UsedHostPorts | undefined>;
  /**
   * Per host, the time of its last change (allocate, release, bind, unbind) on a clock shared by all
   * hosts, so a version is never repeated anywhere: 1 at the start.
   */
  readonly hostVer: Float64Array;
  /** The clock {@link NodeTable.hostVer} reads (the number of changes so far, plus 1). */
  clock = 1;
  /** Hosts in node-tree order: round-robin across zones (upstream backend/cache/node_tree.go). */
  readonly order: Int32Array;
  /** Each host's index in {@link NodeTable.order}. */
  readonly orderPos: Int32Array;
  /**
   * What the filter and score passes read of each host, packed into one array so that a pass over
   * hosts touches one array (named offsets {@link R_ROOM}, {@link R_NZ_CPU}, {@link R_NZ_MEM},
   * {@link R_CAP}; stride {@link NodeTable.S}): the room for pods, the non-zero requests, and a copy of
   * the cluster's capacity and allocation per dimension, kept in step by {@link NodeTable.sync}.
   */
  readonly row: Float64Array;
  /** Numbers per host in {@link NodeTable.row}: `R_CAP + 2 × D`. */
  readonly S: number;
  /** The cluster's `version` when {@link NodeTable.row} last matched its allocations. */
  synced = -1;
  /** Preemption's what-if: the host whose would-be victims are virtually removed, or -1. */
  ovHost = -1;
  /** Capacity the virtually removed pods free on {@link NodeTable.ovHost}, per dimension. */
  readonly ovFree: Float64Array;

  constructor(cluster: ClusterState, topo: HostTopology, byGroup: ReadonlyArray<KubeNodeFields | undefined> | undefined, byHost: ReadonlyArray<KubeNodeFields | undefined> | undefined) {
    const H = cluster.hostCount;
    this.H = H;
    this.maxPods = new Int32Array(H);
    this.unsched = new Uint8Array(H);
    this.taints = new Array<readonly Taint[]>(H);
    this.images = new Array<ReadonlyMap<string, number>>(H);
    const groupMeta = (byGroup ?? []).map(metaOf);
    const none = metaOf(undefined);
    for (let h = 0; h < H; h++) {
      const own = byHost?.[h];
      this.setMeta(h, own !== undefined ? metaOf(own) : groupMeta[cluster.hostGroup[h] as number] ?? none);
    }
    this.recount();

    this.podCount = new Int32Array(H);
    this.nzCpu = new Float64Array(H);
    this.nzMem = new Float64Array(H);
    // Capacity already held by pods this scheduler did not bind (a standalone scoreHosts() over a
    // loaded cluster) counts as requested, as their requests would.
    const cpu = cluster.dimensionIndex('cpu'), mem = cluster.dimensionIndex('memory');
    for (let h = 0; h < H; h++) {
      if (cpu >= 0) this.nzCpu[h] = cluster.allocated[h * cluster.D + cpu] as number;
      if (mem >= 0) this.nzMem[h] = cluster.allocated[h * cluster.D + mem] as number;
    }
    this.D = cluster.D;
    this.S = R_CAP + 2 * cluster.D;
    this.row = new Float64Array(H * this.S);
    this.cluster = cluster;
    for (let h = 0; h < H; h++) {
      const b = h * this.S;
      this.row[b + R_ROOM] = this.maxPods[h] as number;
      this.row[b + R_NZ_CPU] = this.nzCpu[h] as number;
      this.row[b + R_NZ_MEM] = this.nzMem[h] as number;
      for (let d = 0; d < cluster.D; d++) this.row[b + R_CAP + d] = cluster.capacity[h * cluster.D + d] as number;
    }
    this.syncAll();
    this.hostPods = Array.from({ length: H }, () => []);
    this.ports = new Array<UsedHostPorts | undefined>(H);
    this.hostVer = new Float64Array(H).fill(1);
    this.order = nodeTreeOrder(topo);
    this.orderPos = new Int32Array(H);
    for (let i = 0; i < H; i++) this.orderPos[this.order[i] as number] = i;
    this.ovFree = new Float64Array(cluster.D);
    cluster.onCapacity((h) => this.capacityChanged(h));
  }

  /** After host `h`'s capacity changed (`ClusterState.setCapacity`): copies it into {@link NodeTable.row} and marks the host changed. */
  capacityChanged(h: number): void {
    const D = this.D, cap = this.cluster.capacity, row = this.row, b = h * this.S + R_CAP, a = h * D;
    for (let d = 0; d < D; d++) row[b + d] = cap[a + d] as number;
    this.hostVer[h] = ++this.clock;
  }

  /** Marks a host changed (its memoised scores are stale). */
  touch(h: number): void {
    this.hostVer[h] = ++this.clock;
  }

  /** After the cluster changed host `h` (allocate, release): copies its allocation into {@link NodeTable.row} and marks it changed. */
  sync(h: number): void {
    const D = this.D, alloc = this.cluster.allocated, row = this.row, b = h * this.S + R_CAP + D, a = h * D;
    for (let d = 0; d < D; d++) row[b + d] = alloc[a + d] as number;
    this.synced = this.cluster.version;
    this.hostVer[h] = ++this.clock;
  }

  /** Copies every host's allocation into {@link NodeTable.row} (for a scheduler that does not watch the cluster, before a cycle). */
  syncAll(): void {
    const D = this.D, S = this.S, alloc = this.cluster.allocated, row = this.row;
    for (let h = 0; h < this.H; h++) for (let d = 0; d < D; d++) row[h * S + R_CAP + D + d] = alloc[h * D + d] as number;
    this.synced = this.cluster.version;
  }

  /** Adds `delta` bound pods with the given non-zero requests on host `h` (bind, unbind). */
  addPods(h: number, delta: number, nzCpu: number, nzMem: number): void {
    this.podCount[h] = (this.podCount[h] as number) + delta;
    this.nzCpu[h] = (this.nzCpu[h] as number) + delta * nzCpu;
    this.nzMem[h] = (this.nzMem[h] as number) + delta * nzMem;
    const b = h * this.S;
    this.row[b + R_ROOM] = (this.maxPods[h] as number) - (this.podCount[h] as number);
    this.row[b + R_NZ_CPU] = this.nzCpu[h] as number;
    this.row[b + R_NZ_MEM] = this.nzMem[h] as number;
    this.hostVer[h] = ++this.clock;
  }

  /** Replaces one host's kube fields (cordon, taints, pod limit, images). */
  update(h: number, fields: KubeNodeFields | undefined): void {
    this.setMeta(h, metaOf(fields));
    this.recount();
    this.epoch++;
  }

  /** Adds or removes one taint on a host, keeping its other taints. */
  setTaint(h: number, taint: Taint, present: boolean): void {
    const others = (this.taints[h] ?? []).filter((t) => t.key !== taint.key || t.effect !== taint.effect);
    this.taints[h] = present ? [...others, taint] : others;
    if (present && taint.effect === 'PreferNoSchedule') this.anyPreferNoSchedule = true;
    this.epoch++;
  }

  private setMeta(h: number, m: NodeMeta): void {
    this.maxPods[h] = m.maxPods;
    // During construction the row does not exist yet; the constructor fills it.
    if (this.row !== undefined) this.row[h * this.S + R_ROOM] = m.maxPods - (this.podCount[h] as number);
    this.unsched[h] = m.unsched ? 1 : 0;
    this.taints[h] = m.taints;
    this.images[h] = m.images;
  }

  private recount(): void {
    this.imageNodes.clear();
    this.anyPreferNoSchedule = false;
    for (let h = 0; h < this.H; h++) {
      for (const name of (this.images[h] as ReadonlyMap<string, number>).keys()) this.imageNodes.set(name, (this.imageNodes.get(name) ?? 0) + 1);
      for (const t of this.taints[h] as readonly Taint[]) if (t.effect === 'PreferNoSchedule') this.anyPreferNoSchedule = true;
    }
  }
}

interface NodeMeta {
  readonly maxPods: number;
  readonly unsched: boolean;
  readonly taints: readonly Taint[];
  readonly images: ReadonlyMap<string, number>;
}

function metaOf(f: KubeNodeFields | undefined): NodeMeta {
  const images = new Map<string, number>();
  for (const i of f?.images ?? []) {
    const p = parseImage(i);
    images.set(p.name, p.size);
  }
  return { maxPods: f?.maxPods ?? DEFAULT_MAX_PODS, unsched: f?.unschedulable ?? false, taints: f?.taints ?? [], images };
}

// upstream pkg/scheduler/backend/cache/node_tree.go: nodes listed round-robin across zones
// (region + zone), in the order zones and nodes were added.
function nodeTreeOrder(topo: HostTopology): Int32Array {
  const H = topo.H;
  const zones = new Map<string, number[]>();
  for (let h = 0; h < H; h++) {
    const l = topo.labels[h] as Record<string, string>;
    const zone = ZONE_LABELS.map((k) => l[k]).find((v) => v !== undefined) ?? '';
    const region = REGION_LABELS.map((k) => l[k]).find((v) => v !== undefined) ?? '';
    const key = region === '' && zone === '' ? '' : `${region}:\u0000:${zone}`;
    let list = zones.get(key);
    if (list === undefined) zones.set(key, (list = []));
    list.push(h);
  }
  const lists = [...zones.values()];
  const out = new Int32Array(H);
  let k = 0;
  for (let i = 0; k < H; i++) for (const l of lists) if (i < l.length) out[k++] = l[i] as number;
  return out;
}
