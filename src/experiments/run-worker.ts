// The worker-thread side of the thread pool: piscina loads this file in each worker and calls its
// default export with a batch of tasks of one sweep. A sweep's scenario arrives once per thread
// (with its first batch there, or as workerData for a pool made for one sweep) and is kept under the
// sweep's key; a batch for a sweep the thread does not have asks for it instead.
import { workerData } from 'node:worker_threads';
import type { Scenario } from '../scenario/schema.js';
import { runTask, type RunOutcome, type RunSettings, type RunTask } from './run-task.js';

// The scenarios of the last few sweeps this thread ran, most recent last.
const KEEP = 4;
const scenarios = new Map<string, Scenario>();
const preload = (workerData as { preload?: { key: string; scenario: Scenario } } | undefined)?.preload;
if (preload !== undefined) scenarios.set(preload.key, preload.scenario);

/**
 * Runs a batch of tasks against its sweep's scenario.
 * @internal
 * @example
 * ```ts
 * // inside a worker: runBatch({ key, settings, tasks }) → outcomes, or { missing: key }
 * ```
 */
export default function runBatch(message: { readonly key: string; readonly scenario?: Scenario; readonly settings: RunSettings; readonly tasks: readonly RunTask[]; readonly started?: Int32Array }): RunOutcome[] | { readonly missing: string } {
  let scenario = message.scenario;
  if (scenario !== undefined) {
    scenarios.delete(message.key);
    scenarios.set(message.key, scenario);
    if (scenarios.size > KEEP) scenarios.delete(scenarios.keys().next().value as string);
  } else {
    scenario = scenarios.get(message.key);
    if (scenario === undefined) return { missing: message.key };
  }
  const s = scenario;
  if (message.started !== undefined) {
    Atomics.store(message.started, 0, 1);
    Atomics.notify(message.started, 0);
  }
  return message.tasks.map((t) => runTask(s, message.settings, t));
}
