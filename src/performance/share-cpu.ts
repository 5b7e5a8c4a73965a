import { cpuCap, cpuShares } from './cpu-shares.js';
import { waterFillInto } from './water-fill-into.js';

/**
 * A container as CPU sharing sees it.
 *
 * @example
 * ```ts
 * const c: CpuContainer = { request: 500, limit: 2000, threads: 4 };
 * ```
 */
export interface CpuContainer {
  /** CPU request in millicores; sets the weight (`cpu.shares`). */
  readonly request: number;
  /** CPU limit in millicores (the CFS quota). @defaultValue no limit */
  readonly limit?: number | undefined;
  /** Most cores it can keep busy. @defaultValue ⌈limit / 1000⌉, else 1 */
  readonly threads?: number | undefined;
}

/**
 * How Linux CFS under Kubernetes divides a host's CPU among its containers: each container's weight
 * is its `cpu.shares` (proportional to its request), its rate is capped by its limit and its threads,
 * and capacity is divided by work-conserving weighted max-min (water-filling).
 *
 * Allocates the result; use {@link shareCpuInto} on hot paths.
 *
 * @param capacityMillicores - The host's CPU.
 * @param containers - The running containers.
 * @returns Each container's rate in millicores (floats).
 * @example
 * ```ts
 * shareCpu(1000, [{ request: 200 }, { request: 100 }]); // [666.67, 333.33]
 * shareCpu(4000, [{ request: 200, limit: 500 }, { request: 100 }]); // [500, 1000]
 * ```
 */
export function shareCpu(capacityMillicores: number, containers: ReadonlyArray<CpuContainer>): number[] {
  const n = containers.length;
  const weights = new Float64Array(n);
  const caps = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = containers[i] as CpuContainer;
    weights[i] = cpuShares(c.request);
    caps[i] = cpuCap(c.limit, c.threads);
  }
  const out = new Array<number>(n).fill(0);
  waterFillInto(capacityMillicores, weights, caps, n, out);
  return out;
}
