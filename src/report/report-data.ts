import type { SimulationResult } from '../simulation/result.js';
import type { PriorityWaits } from '../traces/priority-waits.js';
import type { HostSeries } from './host-series.js';

/**
 * The mean time of one workload's containers split the way podsim's performance model splits it:
 * P_c = P_a + P_d + P_s (compute, data transfer, system time), in seconds.
 *
 * @example
 * ```ts
 * const b: WorkloadBreakdown = { workload: 'web', pa: 1.2, pd: 0.3, ps: 0.8 };
 * ```
 */
export interface WorkloadBreakdown {
  /** The workload's name. */
  readonly workload: string;
  /** Mean compute time P_a, seconds. */
  readonly pa: number;
  /** Mean data-transfer time P_d, seconds. */
  readonly pd: number;
  /** Mean system time P_s (image pull, start, readiness), seconds. */
  readonly ps: number;
}

/**
 * Everything the HTML report draws. Only `result` is required; each chart whose data is missing is
 * replaced by a sentence saying what it needs.
 *
 * @example
 * ```ts
 * const data: ReportData = { title: 'web tier', result: simulate({ ...scenario, timeseries: { interval: 10 } }) };
 * const html = await renderReport(data);
 * ```
 */
export interface ReportData {
  /**
   * The report's heading.
   * @defaultValue `'podsim report'`
   */
  readonly title?: string;
  /** The run's result; its `timeseries` feeds the utilisation and queue charts. */
  readonly result: SimulationResult;
  /**
   * Per-host utilisation over time, for the heatmap (see {@link "podsim/report"!HostSampler} and {@link simulateForReport}).
   * @defaultValue none: the heatmap is replaced by a note
   */
  readonly hosts?: HostSeries;
  /**
   * Every container's wait, in seconds, for an exact CDF.
   * @defaultValue none: the CDF is drawn through the result's p50, p90, p99 and max
   */
  readonly waitSamples?: ArrayLike<number>;
  /**
   * Mean P_a / P_d / P_s per workload.
   * @defaultValue from the result's performance figures ({@link "podsim/report"!performanceBreakdown}); a note when it has none
   */
  readonly performance?: readonly WorkloadBreakdown[];
  /**
   * The files the scenario came from, listed under the heading.
   * @defaultValue none
   */
  readonly sources?: readonly string[];
  /**
   * A trace replay's waits per priority class ({@link "podsim/traces"!PriorityWaits}), shown as a table.
   * @defaultValue none: no per-priority section
   */
  readonly priorities?: PriorityWaits;
}
