import { cpuCap } from './cpu-shares.js';
import { transferTime } from './transfer-time.js';

/**
 * A container's performance **P_c = P_a + P_d + P_s**, in seconds.
 *
 * @example
 * ```ts
 * const b: PerformanceBreakdown = { pa: 2, pd: 0.5, ps: 1, total: 3.5 };
 * ```
 */
export interface PerformanceBreakdown {
  /** P_a: running the application's CPU work. */
  readonly pa: number;
  /** P_d: transferring its data. */
  readonly pd: number;
  /** P_s: pulling, creating and starting it, and waiting for readiness. */
  readonly ps: number;
  /** P_c = P_a + P_d + P_s. */
  readonly total: number;
}

/**
 * What {@link soloTime} needs besides the CPU work.
 *
 * @example
 * ```ts
 * const o: SoloTimeOptions = { hostCpu: 4000, limit: 2000, dataBytes: 1e8, nicBandwidth: 1e9 };
 * ```
 */
export interface SoloTimeOptions {
  /** The host's CPU, millicores. */
  readonly hostCpu: number;
  /** CPU limit, millicores. @defaultValue no limit */
  readonly limit?: number | undefined;
  /** Most cores the container keeps busy. @defaultValue ⌈limit / 1000⌉, else 1 */
  readonly threads?: number | undefined;
  /** Bytes transferred over the network. @defaultValue 0 */
  readonly dataBytes?: number | undefined;
  /** The host's NIC bandwidth, bit/s. @defaultValue Infinity */
  readonly nicBandwidth?: number | undefined;
  /** Latency per data transfer, seconds. @defaultValue 0 */
  readonly transferLatency?: number | undefined;
  /** Image pull time on an idle host (see {@link pullTime}). @defaultValue 0 */
  readonly pullSeconds?: number | undefined;
  /** Container create/start time. @defaultValue 0 */
  readonly startSeconds?: number | undefined;
  /** Readiness delay (see {@link readinessDelay}). @defaultValue 0 */
  readonly readinessSeconds?: number | undefined;
  /**
   * A fixed run time instead of CPU work: a container with a `duration` runs that long whatever
   * the contention, so its P_a is the duration (and `cpuWork` is not read). @defaultValue none
   */
  readonly duration?: number | undefined;
}

/**
 * The time a container would take alone on an idle host, the denominator of its slowdown
 * (turnaround / solo time):
 *
 * - P_a = cpuWork / min(limit, threads · 1000, host CPU) (see {@link cpuCap}), or the fixed `duration`
 * - P_d = latency + 8 · dataBytes / NIC (see {@link transferTime}; 0 without data)
 * - P_s = pull + start + readiness
 *
 * The simulator calls this for every finished run, with `out` so that nothing is allocated.
 *
 * @param cpuWork - CPU work in millicore-seconds (1 CPU-second = 1000).
 * @param options - Host and container parameters.
 * @param out - Receives the result (a new object when omitted).
 * @example
 * ```ts
 * soloTime(3000, { hostCpu: 4000, limit: 1500, dataBytes: 125e6, nicBandwidth: 1e9, pullSeconds: 2 });
 * // → { pa: 2, pd: 1, ps: 2, total: 5 }
 * ```
 */
export function soloTime(cpuWork: number, options: SoloTimeOptions, out: { -readonly [K in keyof PerformanceBreakdown]: number } = { pa: 0, pd: 0, ps: 0, total: 0 }): PerformanceBreakdown {
  let pa: number;
  if (options.duration !== undefined) pa = options.duration;
  else {
    const rate = Math.min(cpuCap(options.limit, options.threads), options.hostCpu);
    pa = cpuWork > 0 ? (rate > 0 ? cpuWork / rate : Infinity) : 0;
  }
  const data = options.dataBytes ?? 0;
  const pd = data > 0 ? transferTime(data, options.nicBandwidth ?? Infinity, options.transferLatency ?? 0) : 0;
  const ps = (options.pullSeconds ?? 0) + (options.startSeconds ?? 0) + (options.readinessSeconds ?? 0);
  out.pa = pa;
  out.pd = pd;
  out.ps = ps;
  out.total = pa + pd + ps;
  return out;
}
