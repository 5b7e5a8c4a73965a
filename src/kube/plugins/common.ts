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
  else compute(hosts, cache.identity, n, out);
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
