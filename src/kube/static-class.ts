import type { HostTopology } from './host-topology.js';
import { parseImage } from './images.js';
import type { NodeTable } from './node-table.js';
import type { KubePodFields, Toleration } from './pod-fields-schema.js';
import { compileNodeSelectorTerm, type CompiledNodeSelectorTerm } from './selectors.js';

/** Static filter bit: the node is cordoned and the pod does not tolerate it (NodeUnschedulable). @example `(bits[h] & B_UNSCHED) !== 0` */
export const B_UNSCHED = 1;
/** Static filter bit: an untolerated NoSchedule/NoExecute taint (TaintToleration). @example `(bits[h] & B_TAINT) !== 0` */
export const B_TAINT = 2;
/** Static filter bit: nodeSelector or required node affinity not matched (NodeAffinity). @example `(bits[h] & B_AFFINITY) !== 0` */
export const B_AFFINITY = 4;
/** Static filter bit: the pod names another node (NodeName). @example `(bits[h] & B_NODENAME) !== 0` */
export const B_NODENAME = 8;

/**
 * How one static filter decides a host from the pod's node-facing fields and the node's fields alone
 * (no bound pod matters), so that its verdicts can be computed once per {@link StaticClass} and node epoch.
 *
 * @example
 * ```ts
 * const rule: StaticRule = { bit: B_UNSCHED, rejecter: (cls, nodes) => (h) => nodes.unsched[h] === 1 };
 * ```
 */
export interface StaticRule {
  /** The bit it sets in {@link StaticClass.bits}. */
  readonly bit: number;
  /** A predicate over hosts, true where the host is rejected; `null` when no host is. */
  rejecter(cls: StaticClass, nodes: NodeTable, topo: HostTopology): ((h: number) => boolean) | null;
}

/**
 * The part of a pod's fields that is matched against node fields alone, compiled once and shared by
 * every template with the same such fields: nodeSelector and node affinity, tolerations, node name and
 * images. It carries the per-host caches those fields give (the static filter bits, and per-plugin
 * score arrays), valid for one node epoch. A trace with tens of thousands of request shapes has tens of
 * thousands of templates but typically one static class, so per-host memory does not grow with templates.
 *
 * @example
 * ```ts
 * const cls = new StaticClass('k', { nodeSelector: { disk: 'ssd' } });
 * cls.nodeSelector; // [['disk', 'ssd']]
 * ```
 */
export class StaticClass {
  /** `nodeSelector` pairs. */
  readonly nodeSelector: ReadonlyArray<readonly [string, string]>;
  /** Required node affinity terms (ORed), or `null` when none is given. */
  readonly requiredTerms: readonly CompiledNodeSelectorTerm[] | null;
  /** Preferred node affinity terms with a weight, empty and invalid terms left out. */
  readonly preferredTerms: ReadonlyArray<{ readonly weight: number; readonly term: CompiledNodeSelectorTerm }>;
  /** Tolerations. */
  readonly tolerations: readonly Toleration[];
  /** `nodeName`, if set. */
  readonly nodeName: string | undefined;
  /** The containers' images, normalised, with sizes. */
  readonly images: ReadonlyArray<{ readonly name: string; readonly size: number }>;

  /** Node epoch the caches are valid for. */
  epoch = -1;
  /** Per host: the static filter bits that reject it. */
  bits: Uint8Array = new Uint8Array(0);
  /** OR of {@link StaticClass.bits} over all hosts: a bit not set here rejects no host. */
  rejected = 0;
  private readonly memo = new Map<string, unknown>();

  constructor(
    /** The canonical key of the fields. */
    readonly key: string,
    f: KubePodFields,
  ) {
    const na = f.affinity?.nodeAffinity;
    const req = na?.requiredDuringSchedulingIgnoredDuringExecution;
    this.nodeSelector = Object.entries(f.nodeSelector ?? {});
    this.requiredTerms = req === undefined ? null : req.nodeSelectorTerms.map(compileNodeSelectorTerm);
    this.preferredTerms = (na?.preferredDuringSchedulingIgnoredDuringExecution ?? [])
      .map((p) => ({ weight: p.weight, term: compileNodeSelectorTerm(p.preference) }))
      .filter((p) => p.weight !== 0 && !p.term.empty && !p.term.invalid);
    this.tolerations = f.tolerations ?? [];
    this.nodeName = f.nodeName;
    this.images = (f.images ?? []).map(parseImage);
  }

  /** The canonical key of a pod's node-facing fields. */
  static keyOf(f: KubePodFields): string {
    return JSON.stringify([f.nodeSelector ?? null, f.affinity?.nodeAffinity ?? null, f.tolerations ?? null, f.nodeName ?? null, f.images ?? null]);
  }

  /** Recomputes the static bits if the node fields changed since; clears the per-plugin caches then. */
  ensure(nodes: NodeTable, topo: HostTopology, rules: readonly StaticRule[]): void {
    if (this.epoch === nodes.epoch) return;
    const H = nodes.H;
    if (this.bits.length !== H) this.bits = new Uint8Array(H);
    const bits = this.bits;
    bits.fill(0);
    for (const r of rules) {
      const rejects = r.rejecter(this, nodes, topo);
      if (rejects === null) continue;
      const b = r.bit;
      for (let h = 0; h < H; h++) if (rejects(h)) bits[h] = (bits[h] as number) | b;
    }
    let any = 0;
    for (let h = 0; h < H; h++) any |= bits[h] as number;
    this.rejected = any;
    this.memo.clear();
    this.epoch = nodes.epoch;
  }

  /** A per-plugin cache entry (cleared when node fields change). */
  get(key: string): unknown {
    return this.memo.get(key);
  }

  /** Stores a per-plugin cache entry. */
  set(key: string, value: unknown): void {
    this.memo.set(key, value);
  }
}
