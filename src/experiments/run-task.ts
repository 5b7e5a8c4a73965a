import { PodsimError, type Issue } from '../errors.js';
import type { Scenario } from '../scenario/schema.js';
import type { SimulationResult } from '../simulation/result.js';
import { simulate } from '../simulation/simulate.js';
import type { PointValues } from './grid.js';
import { readMetric } from './metric-path.js';
import { replicationSeed } from './replication-seed.js';
import { setPath } from './set-path.js';

/**
 * What every run of a stage shares: the metrics to read, the warm-up, and whether to send back the
 * whole result or the pending-queue series. Small, so it travels with each batch of tasks.
 *
 * @example
 * ```ts
 * const s: RunSettings = { metrics: ['wait.p99'], warmup: 0, keepResults: false };
 * ```
 */
export interface RunSettings {
  /** Dotted paths of the result to return, in this order. */
  readonly metrics: readonly string[];
  /** Seconds of warm-up the run deletes (the scenario's `warmup` field); 0 for none. */
  readonly warmup: number;
  /** Return the whole result as well. */
  readonly keepResults: boolean;
  /** Sample the pending queue at this interval and return it (for MSER-5). */
  readonly series?: number;
}

/**
 * One run of a sweep: a point (its index in the sweep's deterministic list, and the values of the
 * varied paths) and a replication. `(point, replication)` is the run's key.
 *
 * @example
 * ```ts
 * const t: RunTask = { point: 3, values: { 'hosts[0].count': 10 }, replication: 0 };
 * ```
 */
export interface RunTask {
  readonly point: number;
  readonly values: PointValues;
  readonly replication: number;
}

/**
 * What one run gives back: the requested metrics in order, or the issues that stopped it.
 * Plain data that survives structured cloning and JSON unchanged.
 *
 * @example
 * ```ts
 * const o: RunOutcome = { point: 3, replication: 0, metrics: [0.42] };
 * ```
 */
export interface RunOutcome {
  readonly point: number;
  readonly replication: number;
  /** The metrics, in the order of {@link RunSettings.metrics}; absent when the run failed. */
  readonly metrics?: readonly number[];
  /** Why the run failed. */
  readonly issues?: readonly Issue[];
  /** The whole result, when {@link RunSettings.keepResults}. */
  readonly result?: SimulationResult;
  /** Pending containers at each sample, when {@link RunSettings.series}. */
  readonly series?: readonly number[];
}

/**
 * The key of a run as text: `p<point>r<replication>`.
 *
 * @example
 * ```ts
 * runKey({ point: 3, replication: 0 }); // 'p3r0'
 * ```
 */
export function runKey(k: { readonly point: number; readonly replication: number }): string {
  return `p${k.point}r${k.replication}`;
}

/**
 * The scenario of a point: the base with each varied path set to the point's value.
 *
 * @returns the scenario, or the issues of the paths that could not be set.
 * @example
 * ```ts
 * pointScenario(base, { 'hosts[0].count': 10, 'scheduler.policy': 'kube' });
 * ```
 */
export function pointScenario(base: Scenario, values: PointValues): { ok: true; scenario: Scenario } | { ok: false; issues: Issue[] } {
  let s = base;
  const issues: Issue[] = [];
  for (const [path, v] of Object.entries(values)) {
    const r = setPath(s, path, v);
    if (r.ok) s = r.value;
    else issues.push({ ...r.issue, path: `vary[${JSON.stringify(path)}]` });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, scenario: s };
}

/**
 * The scenario replication `r` of a point runs: its seed derived for r (common random numbers),
 * and the stage's warm-up and sampling.
 * @internal
 * @example
 * ```ts
 * replicationScenario(s, 2, { metrics: [], warmup: 600, keepResults: false }); // seed '1#r2', warmup 600
 * ```
 */
export function replicationScenario(s: Scenario, r: number, settings: RunSettings): Scenario {
  const out: Record<string, unknown> = { ...s, seed: replicationSeed(s.seed ?? 1, r) };
  if (settings.warmup > 0) out.warmup = settings.warmup;
  if (settings.series !== undefined) out.timeseries = { interval: settings.series };
  return out as Scenario;
}

/**
 * Runs one (point, replication) of a sweep: a pure function of the base scenario, the settings and
 * the task, so that any runner (in-process, a worker thread, another machine) gives the same bytes.
 * Bad input and failures come back as issues, never as exceptions.
 *
 * @example
 * ```ts
 * runTask(scenario, { metrics: ['wait.p99'], warmup: 0, keepResults: false }, { point: 0, values: {}, replication: 0 });
 * // { point: 0, replication: 0, metrics: [0.42] }
 * ```
 */
export function runTask(base: Scenario, settings: RunSettings, task: RunTask): RunOutcome {
  const key = { point: task.point, replication: task.replication };
  const p = pointScenario(base, task.values);
  if (!p.ok) return { ...key, issues: p.issues };
  let result: SimulationResult;
  try {
    result = simulate(replicationScenario(p.scenario, task.replication, settings));
  } catch (e) {
    if (e instanceof PodsimError) return { ...key, issues: e.issues };
    return { ...key, issues: [{ code: 'run_failed', path: '', message: `replication ${task.replication} failed: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  const metrics: number[] = [];
  const issues: Issue[] = [];
  settings.metrics.forEach((m, i) => {
    const v = readMetric(result, m, `metrics[${i}]`);
    if (v.ok) metrics.push(v.value);
    else issues.push(v.issue);
  });
  if (issues.length > 0) return { ...key, issues };
  return {
    ...key,
    metrics,
    ...(settings.keepResults ? { result } : {}),
    ...(settings.series !== undefined ? { series: result.timeseries?.pending ?? [] } : {}),
  };
}
