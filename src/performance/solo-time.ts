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
 * Offsets of a {@link soloTimeInto} row: its parameters (`SOLO_CAP` … `SOLO_READINESS`), then its
 * results (`SOLO_PA` … `SOLO_TOTAL`); {@link SOLO_STRIDE} values per row.
 *
 * @example
 * ```ts
 * const r = new Float64Array(SOLO_STRIDE);
 * r[SOLO_CAP] = cpuCap(1500); r[SOLO_HOST_CPU] = 4000; r[SOLO_NIC] = Infinity;
 * soloTimeInto(3000, r, 0);
 * r[SOLO_TOTAL]; // 2
 * ```
 */
export const SOLO_CAP = 0, SOLO_HOST_CPU = 1, SOLO_FIXED = 2, SOLO_DURATION = 3, SOLO_DATA_BYTES = 4, SOLO_NIC = 5, SOLO_LATENCY = 6;
/** More {@link SOLO_CAP} offsets: the system time's parts. @example `r[SOLO_PULL] = 2;` */
export const SOLO_PULL = 7, SOLO_START = 8, SOLO_READINESS = 9;
/** The results' offsets in a {@link soloTimeInto} row: P_a, P_d, P_s and P_c. @example `r[SOLO_PA] + r[SOLO_PD] + r[SOLO_PS]; // r[SOLO_TOTAL]` */
export const SOLO_PA = 10, SOLO_PD = 11, SOLO_PS = 12, SOLO_TOTAL = 13;
/** Values per {@link soloTimeInto} row. @example `new Float64Array(workloads * SOLO_STRIDE)` */
export const SOLO_STRIDE = 16;

/**
 * {@link soloTime} on a typed-array row (the simulator's form: nothing allocated, no object read per
 * run): the parameters at `o + SOLO_*` are {@link SoloTimeOptions}' with the CPU limit and threads
 * given as their cap (`SOLO_CAP`, {@link cpuCap}), a fixed duration as `SOLO_FIXED` = 1 and
 * `SOLO_DURATION`, and no defaults (write Infinity for an unknown NIC, 0 for no data or latency). The
 * results go to `o + SOLO_PA` … `o + SOLO_TOTAL`.
 *
 * @param cpuWork - CPU work in millicore-seconds.
 * @param r - The row's array.
 * @param o - The row's first offset.
 * @example
 * ```ts
 * const r = new Float64Array(SOLO_STRIDE);
 * r[SOLO_CAP] = cpuCap(1500); r[SOLO_HOST_CPU] = 4000; r[SOLO_DATA_BYTES] = 125e6; r[SOLO_NIC] = 1e9; r[SOLO_PULL] = 2;
 * soloTimeInto(3000, r, 0);
 * [r[SOLO_PA], r[SOLO_PD], r[SOLO_PS], r[SOLO_TOTAL]]; // [2, 1, 2, 5]
 * ```
 */
export function soloTimeInto(cpuWork: number, r: Float64Array, o: number): void {
  let pa = 0;
  if (r[o + SOLO_FIXED] === 1) pa = r[o + SOLO_DURATION] as number;
  else if (cpuWork > 0) {
    const rate = Math.min(r[o + SOLO_CAP] as number, r[o + SOLO_HOST_CPU] as number);
    // With no CPU to run on it never ends: cpuWork / 0 is +Infinity (written so, not as the global
    // Infinity, which V8 loads through a generic call in a branch it has not seen run, and which would
    // then make it box every P_a it computes).
    pa = rate > 0 ? cpuWork / rate : cpuWork / 0;
  }
  const data = r[o + SOLO_DATA_BYTES] as number;
  const pd = data > 0 ? transferTime(data, r[o + SOLO_NIC] as number, r[o + SOLO_LATENCY] as number) : 0;
  const ps = (r[o + SOLO_PULL] as number) + (r[o + SOLO_START] as number) + (r[o + SOLO_READINESS] as number);
  r[o + SOLO_PA] = pa;
  r[o + SOLO_PD] = pd;
  r[o + SOLO_PS] = ps;
  r[o + SOLO_TOTAL] = pa + pd + ps;
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
  r[SOLO_CAP] = cpuCap(options.limit, options.threads);
  r[SOLO_HOST_CPU] = options.hostCpu;
  r[SOLO_FIXED] = options.duration === undefined ? 0 : 1;
  r[SOLO_DURATION] = options.duration ?? 0;
  r[SOLO_DATA_BYTES] = options.dataBytes ?? 0;
  r[SOLO_NIC] = options.nicBandwidth ?? Infinity;
  r[SOLO_LATENCY] = options.transferLatency ?? 0;
  r[SOLO_PULL] = options.pullSeconds ?? 0;
  r[SOLO_START] = options.startSeconds ?? 0;
  r[SOLO_READINESS] = options.readinessSeconds ?? 0;
  soloTimeInto(cpuWork, r, 0);
  out.pa = r[SOLO_PA] as number;
  out.pd = r[SOLO_PD] as number;
  out.ps = r[SOLO_PS] as number;
  out.total = r[SOLO_TOTAL] as number;
  return out;
}
