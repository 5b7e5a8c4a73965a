import { localRunner } from './local-runner.js';
import type { ResolvedCommon } from './options.js';
import { coordinatorFactory } from './queue/queue-runner.js';
import type { RunnerFactory } from './runner.js';

/**
 * Where an experiment's runs execute: the `runner` given, else the Redis queue given (`queue`), else
 * this machine on at most `threads` threads. The queue's client libraries load only when it is used.
 * @internal
 * @example
 * ```ts
 * const runner = chooseRunner(common, Math.min(common.workers, runs))(scenario, hash);
 * ```
 */
export function chooseRunner(common: ResolvedCommon, threads: number): RunnerFactory {
  if (common.runner !== undefined) return common.runner;
  if (common.queue !== undefined) return coordinatorFactory(common.queue);
  return localRunner(threads);
}
