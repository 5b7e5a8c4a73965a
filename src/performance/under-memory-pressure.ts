/**
 * The kubelet's default hard eviction threshold, `memory.available<100Mi`, in bytes.
 *
 * @example
 * ```ts
 * DEFAULT_MEMORY_EVICTION_THRESHOLD; // 104857600
 * ```
 */
export const DEFAULT_MEMORY_EVICTION_THRESHOLD = 100 * 2 ** 20;

/**
 * The memory in use above which a node is under memory pressure: `allocatable − threshold`, the
 * usage at which the memory still available drops to the eviction threshold. A node without memory
 * (allocatable 0 or less) is never under pressure: `Infinity`.
 *
 * @param allocatable - The node's allocatable memory, bytes.
 * @param evictionThreshold - The hard threshold, bytes. @defaultValue 104857600 (100Mi)
 * @example
 * ```ts
 * memoryEvictionLine(16 * 2 ** 30); // 17075011584: 16Gi − 100Mi
 * ```
 */
export function memoryEvictionLine(allocatable: number, evictionThreshold = DEFAULT_MEMORY_EVICTION_THRESHOLD): number {
  return allocatable > 0 ? allocatable - evictionThreshold : Infinity;
}

/**
 * Whether a node is under memory pressure: `Σ usage > allocatable − threshold`
 * ({@link memoryEvictionLine}), i.e. the memory still available has dropped below the eviction
 * threshold.
 *
 * @param sumUsage - Memory in use by the node's containers, bytes.
 * @param allocatable - The node's allocatable memory, bytes.
 * @param evictionThreshold - The hard threshold, bytes. @defaultValue 104857600 (100Mi)
 * @example
 * ```ts
 * underMemoryPressure(15.95 * 2 ** 30, 16 * 2 ** 30); // true: less than 100Mi left
 * ```
 */
export function underMemoryPressure(sumUsage: number, allocatable: number, evictionThreshold = DEFAULT_MEMORY_EVICTION_THRESHOLD): boolean {
  return sumUsage > memoryEvictionLine(allocatable, evictionThreshold);
}
