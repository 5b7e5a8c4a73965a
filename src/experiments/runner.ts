import type { Scenario } from '../scenario/schema.js';
import type { RunOutcome, RunSettings, RunTask } from './run-task.js';
import { runTask } from './run-task.js';

/**
 * Runs the (point, replication) tasks of a sweep somewhere: in this thread, in worker threads, on a
 * Redis job queue (`experiment({ queue })`), or from shard outputs (`podsim merge`). A runner is bound to one base scenario; each call of `run`
 * gives it a stage's settings and tasks, and it reports every task's outcome exactly once, in any
 * order. Results never depend on the order: the experiment files each outcome under its key.
 *
 * @example
 * ```ts
 * const runner: ExperimentRunner = {
 *   async run(settings, tasks, onOutcome) { for (const t of tasks) onOutcome(runTask(scenario, settings, t)); },
 *   async close() {},
 * };
 * ```
 */
export interface ExperimentRunner {
  /**
   * Runs the tasks; resolves once every outcome has been reported. A runner that can stop work in
   * progress honours `options.signal` (the pool ends the threads running it); others ignore it.
   */
  run(settings: RunSettings, tasks: readonly RunTask[], onOutcome: (outcome: RunOutcome) => void, options?: RunnerRunOptions): Promise<void>;
  /** Releases the runner's threads or connections. */
  close(): Promise<void>;
}

/**
 * Per-call options of {@link ExperimentRunner.run}.
 *
 * @example
 * ```ts
 * await runner.run(settings, tasks, onOutcome, { signal: AbortSignal.timeout(60_000) });
 * ```
 */
export interface RunnerRunOptions {
  /** Stops the runs when aborted; the call then rejects. @defaultValue none */
  readonly signal?: AbortSignal;
}

/**
 * Makes the runner of an experiment, given its base scenario and the content hash of its definition
 * (a queue names its jobs after it).
 *
 * @example
 * ```ts
 * const factory: RunnerFactory = (scenario) => inProcessRunner(scenario);
 * ```
 */
export type RunnerFactory = (scenario: Scenario, hash: string) => ExperimentRunner;

/**
 * A runner that runs every task in this thread, one after another (what `workers: 1` uses). It lets
 * the event loop turn about every 50 ms, so that progress bars and timers keep going.
 *
 * @example
 * ```ts
 * const runner = inProcessRunner(scenario);
 * await runner.run({ metrics: ['wait.p99'], warmup: 0, keepResults: false }, tasks, (o) => outcomes.push(o));
 * ```
 */
export function inProcessRunner(scenario: Scenario): ExperimentRunner {
  return {
    async run(settings, tasks, onOutcome) {
      let since = performance.now();
      for (const t of tasks) {
        onOutcome(runTask(scenario, settings, t));
        if (performance.now() - since > 50) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          since = performance.now();
        }
      }
    },
    async close() {},
  };
}
