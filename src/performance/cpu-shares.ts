/**
 * Kubernetes' smallest `cpu.shares` (cgroup v1), given to containers that request no CPU.
 *
 * @example
 * ```ts
 * cpuShares(0) === MIN_CPU_SHARES; // true
 * ```
 */
export const MIN_CPU_SHARES = 2;
/**
 * Kubernetes' largest `cpu.shares` (cgroup v1).
 *
 * @example
 * ```ts
 * cpuShares(1e9) === MAX_CPU_SHARES; // true
 * ```
 */
export const MAX_CPU_SHARES = 262144;

/**
 * The CFS weight Kubernetes gives a container: `cpu.shares = max(2, ⌊request · 1024 / 1000⌋)`,
 * at most 262144 (kubelet `MilliCPUToShares`). A container without a CPU request gets 2.
 *
 * @param requestMillicores - The container's CPU request in millicores (`undefined` or 0: none).
 * @example
 * ```ts
 * cpuShares(1000); // 1024
 * cpuShares(250);  // 256
 * cpuShares(0);    // 2
 * ```
 */
export function cpuShares(requestMillicores: number | undefined): number {
  if (requestMillicores === undefined || !(requestMillicores > 0)) return MIN_CPU_SHARES;
  const s = Math.floor((requestMillicores * 1024) / 1000);
  return s < MIN_CPU_SHARES ? MIN_CPU_SHARES : s > MAX_CPU_SHARES ? MAX_CPU_SHARES : s;
}

/**
 * A container's CFS quota as a rate, in millicores: its CPU limit, or `Infinity` when it has none.
 * A limit of 0 is no limit, as for the kubelet (`MilliCPUToQuota` sets no quota for 0).
 *
 * @param limit - CPU limit in millicores. @defaultValue none
 * @example
 * ```ts
 * cpuQuota(1500);      // 1500
 * cpuQuota(0);         // Infinity
 * cpuQuota(undefined); // Infinity
 * ```
 */
export function cpuQuota(limit?: number): number {
  return limit !== undefined && limit > 0 ? limit : Infinity;
}

/**
 * The most CPU a container can use, in millicores: the smaller of its CPU limit (the CFS quota,
 * {@link cpuQuota}) and its threads × 1000 (its demand). `threads` defaults to the limit rounded up
 * to whole cores, else 1; so with a limit and no threads the cap is the limit, and with neither it is
 * one core. A limit of 0 or `undefined` means no limit.
 *
 * @param limit - CPU limit in millicores. @defaultValue none
 * @param threads - Most cores the container can keep busy. @defaultValue ⌈limit / 1000⌉, else 1
 * @example
 * ```ts
 * cpuCap(1500);            // 1500: the quota
 * cpuCap(undefined, 4);    // 4000: four threads, no quota
 * cpuCap(2500, 1);         // 1000: one thread cannot use the quota
 * cpuCap();                // 1000
 * ```
 */
export function cpuCap(limit?: number, threads?: number): number {
  const quota = cpuQuota(limit);
  const demand = (threads ?? (quota === Infinity ? 1 : Math.ceil(quota / 1000))) * 1000;
  return quota < demand ? quota : demand;
}
