import type { Command } from 'commander';
import { formatIssue } from '../errors.js';
import type { Scenario } from '../scenario/schema.js';
import { Simulation } from '../simulation/simulation.js';
import type { CommandContext } from './command-context.js';
import { addInputOptions, loadOptionsOf, type InputFlags } from './input-flags.js';
import { loadInput, type LoadedInput } from './load-input.js';
import { applyOverrides, blameOverrides, type ScenarioOverrides } from './overrides.js';
import { parsePositiveDuration, parseSeed } from './parse-values.js';
import { policyNames } from './policy-names.js';

/**
 * The flags every simulating command takes.
 *
 * @example
 * ```ts
 * const flags: RunOverrideFlags = { seed: 7, policy: 'best-fit' };
 * ```
 */
export interface RunOverrideFlags extends InputFlags {
  readonly seed?: number | string;
  readonly until?: number;
  readonly policy?: string;
  readonly interval?: number;
}

/**
 * Adds the flags that override the scenario, `--seed`, `--until` and `--policy`, and the input flags
 * (`--hosts`, `--scale`, `--requests-from-limits`) to a simulating
 * command (`run`, `explain`, `stats`).
 *
 * @example
 * ```ts
 * addOverrideOptions(program.command('stats').argument('<files...>')).action(…);
 * ```
 */
export function addOverrideOptions(command: Command): Command {
  return addInputOptions(command)
    .option('--seed <seed>', "override the scenario's seed (an integer or a string)", parseSeed)
    .option('--until <duration>', "override the scenario's end time (seconds, or 90s, 15m, 2h, 1d)", parsePositiveDuration)
    .option('--policy <name>', `override the placement policy (${policyNames().join(', ')})`);
}

/**
 * Loads the inputs (printing their warnings to stderr), applies the command line's overrides and
 * builds the simulation, blaming a bad override on its flag. `adjust` may change the scenario
 * before the simulation is built. Shared by `run`, `explain` and `stats`.
 *
 * @example
 * ```ts
 * const { run, scenario } = prepareRun(ctx, files, flags);
 * ```
 */
export function prepareRun(
  ctx: CommandContext,
  files: readonly string[],
  flags: RunOverrideFlags,
  adjust: (s: Scenario) => Scenario = (s) => s,
): { readonly loaded: LoadedInput; readonly scenario: Scenario; readonly run: Simulation } {
  const loaded = loadInput(files, ctx.cwd, loadOptionsOf(flags));
  for (const w of loaded.warnings) ctx.io.stderr.write(`warning: ${formatIssue(w)}\n`);
  const overrides: ScenarioOverrides = {
    ...(flags.seed === undefined ? {} : { seed: flags.seed }),
    ...(flags.until === undefined ? {} : { until: flags.until }),
    ...(flags.policy === undefined ? {} : { policy: flags.policy }),
    ...(flags.interval === undefined ? {} : { interval: flags.interval }),
  };
  const scenario = adjust(applyOverrides(loaded.scenario, overrides));
  const run = blameOverrides(overrides, () => new Simulation(scenario));
  return { loaded, scenario, run };
}
