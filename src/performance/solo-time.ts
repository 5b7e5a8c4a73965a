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
 * Offsets of {@link soloTimeInto}'s results: P_a, P_d, P_s and P_c = P_a + P_d + P_s, from `at`.
 *
 * @example
 * ```ts
 * const out = new Float64Array(SOLO_STRIDE);
 * soloTimeInto(3000, 1500, 4000, false, 0, 125e6, 1e9, 0, 2, 0, 0, out, 0);
 * out[SOLO_PA] + out[SOLO_PD] + out[SOLO_PS] === out[SOLO_TOTAL]; // true
 * ```
 */
export const SOLO_PA = 0, SOLO_PD = 1, SOLO_PS = 2, SOLO_TOTAL = 3;
/** Values {@link soloTimeInto} writes. @example `new Float64Array(SOLO_STRIDE)` */
export const SOLO_STRIDE = 4;

/**
 * {@link soloTime}'s model in the simulator's form: its parameters as numbers, with no defaults (the
 * CPU limit and threads given as their cap, see {@link cpuCap}; a fixed duration as `fixed` and
 * `duration`; Infinity for an unknown NIC, 0 for no data, latency, pull, start or readiness), its
 * results written to `out` at `at + SOLO_*`, and P_c returned. Nothing is allocated, and when V8
 * inlines it into its caller, nothing is boxed.
 *
 * @param cpuWork - CPU work in millicore-seconds.
 * @param cap - The most millicores the container can use ({@link cpuCap}).
 * @param hostCpu - The host's CPU, millicores.
 * @param fixed - Whether the run has a fixed `duration` (then `cpuWork`, `cap` and `hostCpu` are not read).
 * @param duration - The fixed run time, seconds.
 * @param dataBytes - Bytes transferred over the network.
 * @param nicBandwidth - The host's NIC bandwidth, bit/s.
 * @param transferLatency - Latency per data transfer, seconds.
 * @param pullSeconds - Image pull time.
 * @param startSeconds - Container create/start time.
 * @param readinessSeconds - Readiness delay.
 * @param out - Receives P_a, P_d, P_s and P_c at `at + SOLO_PA` … `at + SOLO_TOTAL`.
 * @param at - Where in `out`.
 * @returns P_c, seconds.
 * @example
 * ```ts
 * const out = new Float64Array(SOLO_STRIDE);
 * soloTimeInto(3000, cpuCap(1500), 4000, false, 0, 125e6, 1e9, 0, 2, 0, 0, out, 0); // 5
 * [...out]; // [2, 1, 2, 5]
 * ```
 */
export function soloTimeInto(
  cpuWork: number, cap: number, hostCpu: number, fixed: boolean, duration: number, dataBytes: number, nicBandwidth: number,
  transferLatency: number, pullSeconds: number, startSeconds: number, readinessSeconds: number, out: Float64Array, at: number,
): number {
  let pa = 0;
  if (fixed) pa = duration;
  else if (cpuWork > 0) {
    const rate = Math.min(cap, hostCpu);
    // With no CPU to run on it never ends: cpuWork / 0 is +Infinity (written so, not as the global
    // Infinity, which V8 loads through a generic call in a branch it has not seen run, and which would
    // then make it box every P_a it computes).
    pa = rate > 0 ? cpuWork / rate : cpuWork / 0;
  }
  const pd = dataBytes > 0 ? transferTime(dataBytes, nicBandwidth, transferLatency) : 0;
  const ps = pullSeconds + startSeconds + readinessSeconds;
  const total = pa + pd + ps;
  out[at + SOLO_PA] = pa;
  out[at + SOLO_PD] = pd;
  out[at + SOLO_PS] = ps;
  out[at + SOLO_TOTAL] = total;
  return total;
}

const scratch = new Float64Array(SOLO_STRIDE);

/**
 * The time a container would take alone on an idle host, the denominator of its slowdown
 * (turnaround / solo time):
 *
 * - P_a = cpuWork / min(limit, threads · 1000, host CPU) (see {@link cpuCap}), or the fixed `duration`
 * - P_d = latency + 8 · dataBytes / NIC (see {@link transferTime}; 0 without data)
 * - P_s = pull + start + readiness
 *
 * The model is {@link soloTimeInto}'s (the simulator calls that for every finished run); this fills
 * its row from `options` and its defaults.
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
  const r = scratch;
  soloTimeInto(
    cpuWork, cpuCap(options.limit, options.threads), options.hostCpu, options.duration !== undefined, options.duration ?? 0,
    options.dataBytes ?? 0, options.nicBandwidth ?? Infinity, options.transferLatency ?? 0,
    options.pullSeconds ?? 0, options.startSeconds ?? 0, options.readinessSeconds ?? 0, r, 0,
  );
  out.pa = r[SOLO_PA] as number;
  out.pd = r[SOLO_PD] as number;
  out.ps = r[SOLO_PS] as number;
  out.total = r[SOLO_TOTAL] as number;
  return out;
}
