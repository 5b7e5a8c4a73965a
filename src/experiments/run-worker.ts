// The worker-thread side of the pool runner: piscina loads this file in each worker and calls its
// default export with a batch of tasks. The base scenario arrives once per worker, as workerData.
import { workerData } from 'node:worker_threads';
import type { Scenario } from '../scenario/schema.js';
import { runTask, type RunOutcome, type RunSettings, type RunTask } from './run-task.js';

/**
 * Runs a batch of tasks against the pool's scenario.
 * @internal
 * @example
 * ```ts
 * // inside a worker: runBatch({ settings, tasks }) → outcomes
 * ```
 */
export default function runBatch(message: { readonly settings: RunSettings; readonly tasks: readonly RunTask[] }): RunOutcome[] {
  const scenario = (workerData as { scenario: Scenario }).scenario;
  return message.tasks.map((t) => runTask(scenario, message.settings, t));
}
