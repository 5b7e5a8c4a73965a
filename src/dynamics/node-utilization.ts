/**
 * Which resource a node's scale-down utilisation was taken from, and its value.
 *
 * @example
 * ```ts
 * const u: NodeUtilization = { utilization: 0.42, resource: 'memory', cpu: 0.3, memory: 0.42 };
 * ```
 */
export interface NodeUtilization {
  /** The larger of CPU and memory, or the GPU utilisation on a GPU node. */
  utilization: number;
  resource: 'cpu' | 'memory' | 'gpu';
  cpu: number;
  memory: number;
}

/**
 * One resource's utilisation for scale-down (cluster-autoscaler simulator/utilization/info.go
 * `CalculateUtilizationOfResource`): requests of the node's pods over its allocatable; pods left out
 * (DaemonSet or mirror pods under `--ignore-daemonsets-utilization` / `--ignore-mirror-pods-utilization`) are
 * taken off the allocatable too. Returns 0 when the allocatable is 0.
 *
 * @param allocatable - The node's allocatable.
 * @param requested - Σ requests of the pods counted.
 * @param ignored - Σ requests of the pods left out. @defaultValue 0
 * @example
 * ```ts
 * resourceUtilization(4000, 1000, 500); // 1000 / (4000 − 500)
 * ```
 */
export function resourceUtilization(allocatable: number, requested: number, ignored = 0): number {
  if (allocatable === 0) return 0;
  return requested / (allocatable - ignored);
}

/**
 * A node's utilisation for scale-down (utilization/info.go `Calculate`): on a node with GPUs, the GPU
 * utilisation alone (compared with `--scale-down-gpu-utilization-threshold`); otherwise the larger of CPU and
 * memory (memory when equal), compared with `--scale-down-utilization-threshold`.
 *
 * @param allocatable - Per dimension.
 * @param requested - Σ requests of the counted pods, per dimension.
 * @param ignored - Σ requests of the pods left out, per dimension (or undefined).
 * @param dims - Indices of cpu, memory and (optionally) gpu in the vectors.
 * @param out - Receives the result; reused.
 * @example
 * ```ts
 * const out = { utilization: 0, resource: 'cpu' as const, cpu: 0, memory: 0 };
 * nodeUtilization([4000, 8e9], [1000, 6e9], undefined, { cpu: 0, memory: 1 }, out); // memory 0.75
 * ```
 */
export function nodeUtilization(
  allocatable: ArrayLike<number>, requested: ArrayLike<number>, ignored: ArrayLike<number> | undefined,
  dims: { readonly cpu: number; readonly memory: number; readonly gpu?: number | undefined }, out: NodeUtilization,
): NodeUtilization {
  const g = dims.gpu;
  if (g !== undefined && (allocatable[g] ?? 0) > 0) {
    out.utilization = resourceUtilization(allocatable[g] as number, requested[g] ?? 0, ignored?.[g] ?? 0);
    out.resource = 'gpu';
    out.cpu = out.memory = 0;
    return out;
  }
  const c = resourceUtilization(allocatable[dims.cpu] ?? 0, requested[dims.cpu] ?? 0, ignored?.[dims.cpu] ?? 0);
  const m = resourceUtilization(allocatable[dims.memory] ?? 0, requested[dims.memory] ?? 0, ignored?.[dims.memory] ?? 0);
  out.cpu = c;
  out.memory = m;
  if (c > m) { out.utilization = c; out.resource = 'cpu'; } else { out.utilization = m; out.resource = 'memory'; }
  return out;
}
