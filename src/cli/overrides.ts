import { PodsimError, type Issue } from '../errors.js';
import type { Scenario } from '../scenario/schema.js';
import { UsageError } from './usage-error.js';

/**
 * Values given on the command line that replace the scenario's own.
 *
 * @example
 * ```ts
 * const o: ScenarioOverrides = { seed: 7, until: 3600, policy: 'best-fit', interval: 30 };
 * ```
 */
export interface ScenarioOverrides {
  /** `--seed`. @defaultValue the scenario's */
  readonly seed?: number | string;
  /** `--until`, seconds. @defaultValue the scenario's */
  readonly until?: number;
  /** `--policy`. @defaultValue the scenario's */
  readonly policy?: string;
  /** `--interval`, seconds between time-series samples. @defaultValue the scenario's */
  readonly interval?: number;
}

const FLAG_OF_PATH: Record<string, [keyof ScenarioOverrides, string]> = {
  seed: ['seed', '--seed'],
  until: ['until', '--until'],
  'scheduler.policy': ['policy', '--policy'],
  'timeseries.interval': ['interval', '--interval'],
};

/**
 * Returns the scenario with the overrides applied (the input is not changed).
 *
 * @example
 * ```ts
 * applyOverrides(scenario, { policy: 'worst-fit' }).scheduler?.policy; // 'worst-fit'
 * ```
 */
export function applyOverrides(scenario: Scenario, o: ScenarioOverrides): Scenario {
  return {
    ...scenario,
    ...(o.seed === undefined ? {} : { seed: o.seed }),
    ...(o.until === undefined ? {} : { until: o.until }),
    ...(o.policy === undefined ? {} : { scheduler: { ...scenario.scheduler, policy: o.policy as NonNullable<Scenario['scheduler']>['policy'] } }),
    ...(o.interval === undefined ? {} : { timeseries: { interval: o.interval } }),
  };
}

/**
 * Runs `f`, turning a scenario problem caused by an override into a message about the flag:
 * `--policy "fastest": expected one of first-fit, …` rather than a path in a file the user never wrote.
 *
 * @example
 * ```ts
 * const run = blameOverrides(overrides, () => new Simulation(applyOverrides(scenario, overrides)));
 * ```
 */
export function blameOverrides<T>(o: ScenarioOverrides, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof PodsimError)) throw e;
    const mine = e.issues.find((i: Issue) => {
      const hit = FLAG_OF_PATH[i.path];
      return hit !== undefined && o[hit[0]] !== undefined;
    });
    if (mine === undefined) throw e;
    const [key, flag] = FLAG_OF_PATH[mine.path] as [keyof ScenarioOverrides, string];
    throw new UsageError(`${flag} ${JSON.stringify(o[key])}: ${mine.message}`);
  }
}
