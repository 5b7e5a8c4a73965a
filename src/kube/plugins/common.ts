// Helpers the built-in plugins share (internal).
import type { Issue } from '../../errors.js';
import type { KubeCycle, KubePluginInstance } from '../plugin.js';
import type { BatchScorer } from '../score-cache.js';

/**
 * An args check for a plugin that takes no args: any args given are reported, since podsim would
 * otherwise ignore them silently.
 * @internal
 * @example
 * ```ts
 * const plugin = { name: 'ImageLocality', points: ['score'], validateArgs: noArgs('ImageLocality') };
 * ```
 */
export function noArgs(name: string): (args: unknown, path: string) => Issue[] {
  return (args, path) => (args === undefined ? [] : [{ code: 'unsupported_args', path, message: `podsim does not model args for ${name}` }]);
}

/**
 * The instance of a static filter: its verdict is one bit of the pod's static class bits, computed
 * once per class and node epoch; every rejection is unresolvable (preemption cannot help).
 * @internal
 * @example
 * ```ts
 * staticFilter(B_UNSCHED, () => ['node(s) were unschedulable']);
 * ```
 */
export function staticFilter(bit: number, reasons: (c: KubeCycle, host: number) => readonly string[]): KubePluginInstance {
  return {
    staticBit: bit,
    filter: (c, h) => (((c.bits[h] as number) & bit) !== 0 ? 1 : 0),
    reasons: (c, h) => reasons(c, h),
    unresolvable: () => true,
  };
}

/**
 * Copies a per-host array into the scores of `hosts[0..n)`.
 * @internal
 * @example
 * ```ts
 * gather(perHost, hosts, n, out);
 * ```
 */
export function gather(src: Float64Array, hosts: Int32Array, n: number, out: Float64Array): void {
  for (let i = 0; i < n; i++) out[i] = src[hosts[i] as number] as number;
}

/**
 * Fills the scores of `hosts[0..n)` with a batch scorer, through the score cache when the scheduler
 * memoises (only hosts that changed since are computed, in one call).
 * @internal
 * @example
 * ```ts
 * cachedScores(c, this.id, hosts, n, out, this.compute);
 * ```
 */
export function cachedScores(c: KubeCycle, id: number, hosts: Int32Array, n: number, out: Float64Array, compute: BatchScorer): void {
  const cache = c.state.scores;
  if (c.state.memoize) cache.fill(id, c.pod, c.tpl, hosts, n, out, compute);
  else {
    out.fill(0, 0, n);
    compute(hosts, n, out, 1);
  }
}

/**
 * Adds `w` × the scores of `hosts[0..n)` to `total[0..n)` with a batch scorer (a plugin's
 * `scoreAdd`): through the score cache and `scratch` when the scheduler memoises and the cache finds
 * the pod's request worth memoising, otherwise straight into `total`.
 * @internal
 * @example
 * ```ts
 * addScores(c, this.id, hosts, n, total, w, this.scratch, this.compute);
 * ```
 */
export function addScores(c: KubeCycle, id: number, hosts: Int32Array, n: number, total: Float64Array, w: number, scratch: Float64Array, compute: BatchScorer): void {
  const cache = c.state.scores;
  if (c.state.memoize) cache.add(id, c.pod, c.tpl, hosts, n, total, w, scratch, compute);
  else compute(hosts, n, total, w);
}

/**
 * Resource kinds the resource scorers distinguish: CPU and memory (scored with non-zero requests),
 * plain (ephemeral-storage) and scalar (extended resources: skipped when the pod does not request them).
 * @internal
 * @example
 * ```ts
 * dimKind('nvidia.com/gpu'); // K_SCALAR
 * ```
 */
export const K_CPU = 0, K_MEM = 1, K_PLAIN = 2, K_SCALAR = 3;

/** @internal @example `dimKind('cpu'); // K_CPU` */
export function dimKind(name: string): number {
  if (name === 'cpu') return K_CPU;
  if (name === 'memory') return K_MEM;
  if (name === 'ephemeral-storage') return K_PLAIN;
  return K_SCALAR;
}

/**
 * The resources one pod is scored on, resolved once per cycle from a profile's resource list: for each,
 * the dimension, where the node's usage comes from (`SRC_NZ_CPU`, `SRC_NZ_MEM`: the non-zero requests of
 * bound pods; `SRC_ALLOC`: the allocation), the pod's request counted, and the weight. Resources the
 * cluster does not track, and extended resources the pod does not request, are left out.
 * @internal
 * @example
 * ```ts
 * const k = rs.resolve(c, list, true);
 * for (let q = 0; q < k; q++) rs.dim[q];
 * ```
 */
export class PodResources {
  readonly dim: Int32Array;
  readonly src: Uint8Array;
  readonly req: Float64Array;
  readonly weight: Float64Array;

  constructor(n: number) {
    this.dim = new Int32Array(n);
    this.src = new Uint8Array(n);
    this.req = new Float64Array(n);
    this.weight = new Float64Array(n);
  }

  /**
   * Fills the lists for the cycle's pod and returns how many resources there are. With `nonZero`, cpu
   * and memory count the non-zero requests (NodeResourcesFit's scoring); without, the requests as they are.
   */
  resolve(c: KubeCycle, list: { dims: Int32Array; kinds: Uint8Array; weights: Float64Array }, nonZero: boolean): number {
    const pods = c.state.pods, dem = pods.demand, off = c.off;
    let k = 0;
    for (let r = 0; r < list.dims.length; r++) {
      const d = list.dims[r] as number;
      if (d < 0) continue;
      const kind = list.kinds[r] as number;
      const pr = dem[off + d] as number;
      if (kind === K_SCALAR && pr === 0) continue;
      this.dim[k] = d;
      this.weight[k] = list.weights[r] as number;
      if (nonZero && kind === K_CPU) {
        this.src[k] = SRC_NZ_CPU;
        this.req[k] = pods.nzCpu[c.pod] as number;
      } else if (nonZero && kind === K_MEM) {
        this.src[k] = SRC_NZ_MEM;
        this.req[k] = pods.nzMem[c.pod] as number;
      } else {
        this.src[k] = SRC_ALLOC;
        this.req[k] = pr;
      }
      k++;
    }
    return k;
  }
}

/** @internal @example `rs.src[q] === SRC_ALLOC` */
export const SRC_ALLOC = 0, SRC_NZ_CPU = 1, SRC_NZ_MEM = 2;

/**
 * A profile's resource list resolved against the cluster's dimensions (index -1 where the cluster
 * does not track the resource).
 * @internal
 * @example
 * ```ts
 * const r = resourceList(cluster, [{ name: 'cpu', weight: 1 }]);
 * ```
 */
export function resourceList(dimensionIndex: (name: string) => number, list: ReadonlyArray<{ readonly name: string; readonly weight: number }>): { dims: Int32Array; kinds: Uint8Array; weights: Float64Array } {
  return {
    dims: Int32Array.from(list, (r) => dimensionIndex(r.name)),
    kinds: Uint8Array.from(list, (r) => dimKind(r.name)),
    weights: Float64Array.from(list, (r) => r.weight),
  };
}
