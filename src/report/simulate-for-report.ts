import type { Scenario } from '../scenario/schema.js';
import { Simulation, type SimulationOptions } from '../simulation/simulation.js';
import { defaultInterval, estimateEnd } from './estimate-end.js';
import { HostSampler } from './host-sampler.js';
import type { ReportData } from './report-data.js';

/**
 * Options for {@link simulateForReport}.
 *
 * @example
 * ```ts
 * simulateForReport(scenario, { interval: 30, title: 'nightly batch' });
 * ```
 */
export interface SimulateForReportOptions extends SimulationOptions {
  /**
   * Seconds between time-series samples.
   * @defaultValue the scenario's `timeseries.interval`, else about 1/200 of the expected run
   */
  readonly interval?: number;
  /**
   * The most heatmap rows; consecutive hosts share a row beyond that.
   * @defaultValue 48
   */
  readonly maxHostRows?: number;
  /**
   * The report's heading.
   * @defaultValue `'podsim report'`
   */
  readonly title?: string;
}

/**
 * Runs a scenario like `simulate()`, also sampling the time series and each host's utilisation,
 * and keeping every wait (for the exact CDF), and returns everything {@link renderReport} draws.
 *
 * @example
 * ```ts
 * import { renderReport, simulateForReport } from 'podsim';
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('report.html', await renderReport(simulateForReport(scenario)));
 * ```
 */
export function simulateForReport(scenario: Scenario, options: SimulateForReportOptions = {}): ReportData {
  const interval = options.interval ?? scenario.timeseries?.interval ?? defaultInterval(estimateEnd(scenario));
  const { interval: _i, maxHostRows, title, ...simOptions } = options;
  const run = new Simulation({ ...scenario, timeseries: { interval } }, simOptions);
  const hosts = HostSampler.follow(run, maxHostRows === undefined ? {} : { maxRows: maxHostRows });
  run.run();
  return { ...(title === undefined ? {} : { title }), result: run.result(), hosts: hosts.build(), waitSamples: run.waitSamples() };
}
