/**
 * Per-host utilisation over time, for the report's heatmap. Hosts are grouped into at most a few
 * dozen rows of consecutive hosts (each row's value is its hosts' allocated total over their
 * capacity total), so the picture stays readable for clusters of any size.
 *
 * `utilization[resource][i][r]` is row `r`'s fraction at `time[i]`.
 *
 * @example
 * ```ts
 * const hs: HostSeries = { time: [0, 60], rows: ['node-0', 'node-1'], utilization: { cpu: [[0, 0], [0.5, 0.25]] } };
 * ```
 */
export interface HostSeries {
  /** Sample times, seconds. */
  readonly time: readonly number[];
  /** A label per row: a host name, or `first … last` for a group of consecutive hosts. */
  readonly rows: readonly string[];
  /** Per resource, per sample, per row: the fraction of capacity held by requests. */
  readonly utilization: Readonly<Record<string, readonly (readonly number[])[]>>;
}
