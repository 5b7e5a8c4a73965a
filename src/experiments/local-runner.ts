import { poolRunner } from './pool-runner.js';
import { inProcessRunner, type RunnerFactory } from './runner.js';

/**
 * The runner on this machine: in this thread for one worker, else a pool of `workers` worker threads.
 * @internal
 * @example
 * ```ts
 * const runner = localRunner(2)(scenario, hash);
 * ```
 */
export function localRunner(workers: number): RunnerFactory {
  return (scenario) => (workers <= 1 ? inProcessRunner(scenario) : poolRunner(scenario, workers));
}
