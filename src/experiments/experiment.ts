import { PodsimError, type Issue } from '../errors.js';
import type { Scenario } from '../scenario/schema.js';
import { validateScenario } from '../scenario/validate.js';
import type { SimulationResult } from '../simulation/result.js';
import { expandGrid, type PointValues } from './grid.js';
import { meanInterval, pairedInterval, type MetricInterval } from './interval.js';
import { checkKnownKeys, resolveCommon, DEFAULTS, type CommonOptions, type Replications, type ResolvedCommon } from './options.js';
import { chooseRunner } from './choose-runner.js';
import { pointScenario, replicationScenario, type RunSettings } from './run-task.js';
import { setPath } from './set-path.js';
import { nextReplications } from './sequential.js';
import { SweepEngine } from './sweep-engine.js';
import { sweepHash } from './sweep-hash.js';
import { chooseWarmup, pilotInterval, type WarmupUsed } from './warmup.js';

/** The metrics an experiment reports when none are named. @example `DEFAULT_METRICS.includes('wait.p99') // true` */
export const DEFAULT_METRICS: readonly string[] = ['wait.mean', 'wait.p99', 'utilization.cpu', 'queue.mean'];

/**
 * Options of {@link experiment}.
 *
 * @example
 * ```ts
 * const options: ExperimentOptions = {
 *   scenario,
 *   vary: { 'hosts[0].count': [8, 10, 12], 'scheduler.policy': ['best-fit', 'kube'] },
 *   replications: 10,
 *   metrics: ['wait.mean', 'wait.p99'],
 *   baseline: { 'scheduler.policy': 'best-fit' },
 * };
 * ```
 */
export interface ExperimentOptions extends CommonOptions {
  /** The scenario every point starts from. */
  readonly scenario: Scenario;
  /**
   * Dotted paths of the scenario and the values each takes; the experiment runs the full grid, the
   * first path varying slowest. In a list of named objects a name selects the entry
   * (`workloads.web.arrival.rate`). @defaultValue `{}`: one point, the scenario as it is
   */
  readonly vary?: Readonly<Record<string, readonly unknown[]>>;
  /** Replications per point: a count, or `{ min, max, relativeHalfWidth, metric }` to add them until the interval is that tight. @defaultValue 10 */
  readonly replications?: Replications;
  /** Two-sided confidence level of every interval. @defaultValue 0.95 */
  readonly confidence?: number;
  /** Seconds deleted from the start of each run before statistics, or `'auto'` for MSER-5 on pilot runs. @defaultValue 0 */
  readonly warmup?: number | 'auto';
  /** Dotted paths of the result to report. @defaultValue `['wait.mean', 'wait.p99', 'utilization.cpu', 'queue.mean']` */
  readonly metrics?: readonly string[];
  /** Values of some varied paths: each point is also compared with the point that has these values instead (paired by replication). @defaultValue none */
  readonly baseline?: PointValues;
  /** Worker threads; 1 runs in this thread. @defaultValue `os.availableParallelism()` */
  readonly workers?: number;
  /** Also return every run's whole result (memory grows with the runs). @defaultValue false */
  readonly keepResults?: boolean;
}

/**
 * One point of an experiment: its values, how many replications ran and why they stopped, and each
 * metric's interval (with the per-replication samples, in replication order).
 *
 * @example
 * ```ts
 * const p: PointResult = ex.points[0];
 * console.log(p.values, p.metrics['wait.p99'].ci, p.differences?.['wait.p99'].mean);
 * ```
 */
export interface PointResult {
  readonly values: PointValues;
  /** Replications that ran. */
  readonly replications: number;
  /** Why replication stopped: a `fixed` count, the precision `target` met, the `max` reached, or the point `failed`. */
  readonly stopped: 'fixed' | 'target' | 'max' | 'failed';
  /** Per metric: mean, stddev, n, halfWidth and ci. Empty when the point failed. */
  readonly metrics: Readonly<Record<string, MetricInterval>>;
  /** Per metric: the paired difference (this point − its baseline point), when a baseline is given. */
  readonly differences?: Readonly<Record<string, MetricInterval>>;
  /** Per metric: the value of each replication. */
  readonly samples: Readonly<Record<string, readonly number[]>>;
  /** Why the point failed: its variant is invalid, or a replication could not run. */
  readonly issues?: readonly Issue[];
  /** Every replication's whole result, with `keepResults`. */
  readonly results?: readonly SimulationResult[];
}

/**
 * What {@link experiment} returns. Plain data: the same options give a byte-identical
 * `JSON.stringify` for any number of workers and any completion order.
 *
 * @example
 * ```ts
 * const ex: ExperimentResult = await experiment({ scenario, vary: { 'hosts[0].count': [8, 10] } });
 * ex.points.map((p) => p.metrics['wait.p99'].mean);
 * ```
 */
export interface ExperimentResult {
  /** SHA-256 of the experiment's definition (scenario, grid, metrics, replications, warm-up, confidence, baseline). */
  readonly hash: string;
  /** The varied paths, in grid order. */
  readonly factors: readonly string[];
  readonly metrics: readonly string[];
  readonly confidence: number;
  readonly warmup: WarmupUsed;
  readonly baseline?: PointValues;
  readonly points: readonly PointResult[];
}

const KNOWN = ['scenario', 'vary', 'replications', 'confidence', 'warmup', 'metrics', 'baseline', 'workers', 'keepResults', 'onProgress', 'runner', 'queue'];

/** The checked options. @internal */
export interface ResolvedExperiment extends ResolvedCommon {
  readonly scenario: Scenario;
  readonly grid: PointValues[];
  readonly factors: string[];
  readonly metrics: readonly string[];
  readonly baseline?: PointValues;
  readonly baselineOf: (number | undefined)[];
}

function resolve(options: ExperimentOptions): ResolvedExperiment {
  const issues: Issue[] = [];
  if (typeof options !== 'object' || options === null) throw new PodsimError([{ code: 'invalid_value', path: '', message: 'expected an options object { scenario, vary, … }' }], 'experiment: invalid options');
  checkKnownKeys(options, KNOWN, issues);
  const common = resolveCommon(options, issues, DEFAULTS.replications);
  if (options.scenario === undefined) issues.push({ code: 'invalid_value', path: 'scenario', message: 'is required' });
  else {
    const v = validateScenario(options.scenario);
    if (!v.ok) for (const i of v.issues) issues.push({ ...i, path: i.path === '' ? 'scenario' : `scenario.${i.path}` });
  }
  const metrics = options.metrics ?? DEFAULT_METRICS;
  if (!Array.isArray(metrics) || metrics.length === 0 || metrics.some((m) => typeof m !== 'string')) issues.push({ code: 'invalid_value', path: 'metrics', message: 'must be a non-empty list of dotted paths of the result, such as ["wait.p99"]' });
  else {
    const seen = new Set<string>();
    metrics.forEach((m, i) => { if (seen.has(m)) issues.push({ code: 'invalid_value', path: `metrics[${i}]`, message: `repeats ${JSON.stringify(m)}` }); seen.add(m); });
  }
  if (typeof options.replications === 'object' && options.replications !== null && options.replications.relativeHalfWidth === undefined) {
    issues.push({ code: 'invalid_value', path: 'replications.relativeHalfWidth', message: 'is required with { min, max }: it is the precision to reach (such as 0.05 for ±5% of the mean); give a number of replications otherwise' });
  }
  const seqMetric = common.replications.metric;
  if (seqMetric !== undefined && Array.isArray(metrics) && !metrics.includes(seqMetric)) issues.push({ code: 'invalid_value', path: 'replications.metric', message: `${JSON.stringify(seqMetric)} is not among the metrics (${metrics.join(', ')})` });
  const vary = options.vary ?? {};
  let grid: PointValues[] = [];
  if (typeof vary !== 'object' || vary === null || Array.isArray(vary)) issues.push({ code: 'invalid_value', path: 'vary', message: 'must map dotted paths to lists of values, such as { "hosts[0].count": [8, 10, 12] }' });
  else {
    const g = expandGrid(vary);
    if (g.ok) {
      grid = g.points;
      // A path that cannot be set on the scenario is a mistake in the options, not a failed point.
      if (options.scenario !== undefined) {
        for (const [path, values] of Object.entries(vary)) {
          const r = setPath(options.scenario, path, values[0]);
          if (!r.ok) issues.push({ ...r.issue, path: `vary[${JSON.stringify(path)}]` });
        }
      }
    } else issues.push(...g.issues);
  }
  const factors = Object.keys(vary);
  // Each point's baseline: the point with the baseline's values in place of its own.
  const baselineOf: (number | undefined)[] = [];
  if (options.baseline !== undefined) {
    const b = options.baseline;
    if (typeof b !== 'object' || b === null || Array.isArray(b) || Object.keys(b).length === 0) issues.push({ code: 'invalid_value', path: 'baseline', message: 'must give values of varied paths, such as { "scheduler.policy": "best-fit" }' });
    else {
      const before = issues.length;
      for (const [k, v] of Object.entries(b)) {
        const values = (vary as Record<string, readonly unknown[]>)[k];
        if (values === undefined) issues.push({ code: 'invalid_value', path: `baseline[${JSON.stringify(k)}]`, message: `${JSON.stringify(k)} is not varied (vary has ${factors.map((f) => JSON.stringify(f)).join(', ') || 'nothing'})` });
        else if (!values.some((x) => JSON.stringify(x) === JSON.stringify(v))) issues.push({ code: 'invalid_value', path: `baseline[${JSON.stringify(k)}]`, message: `${JSON.stringify(v)} is not among its values (${values.map((x) => JSON.stringify(x)).join(', ')})` });
      }
      if (issues.length === before) {
        const index = new Map(grid.map((p, i) => [JSON.stringify(factors.map((f) => p[f])), i]));
        for (const p of grid) baselineOf.push(index.get(JSON.stringify(factors.map((f) => (f in b ? b[f] : p[f])))));
      }
    }
  }
  if (issues.length > 0) throw new PodsimError(issues, 'experiment: invalid options');
  return { ...common, scenario: options.scenario, grid, factors, metrics, ...(options.baseline !== undefined ? { baseline: options.baseline } : {}), baselineOf };
}

/**
 * What {@link experiment} derives from its options before anything runs: the checked options, the
 * sweep's hash, each point's issues (a variant that cannot run) and the points that can. Shards use
 * it to list the same runs a local sweep makes.
 * @internal
 */
export interface ExperimentPlan {
  readonly o: ResolvedExperiment;
  readonly hash: string;
  readonly pointIssues: readonly (readonly Issue[] | undefined)[];
  readonly live: readonly { readonly point: number; readonly values: PointValues }[];
}

/**
 * Checks an experiment's options and lists its points (throws a {@link PodsimError} on bad options).
 * @internal
 */
export function planExperiment(options: ExperimentOptions): ExperimentPlan {
  const o = resolve(options);
  const reps = o.replications;
  const hash = sweepHash({
    api: 'experiment/1', scenario: o.scenario, vary: o.factors.map((f) => [f, (options.vary ?? {})[f]]), metrics: o.metrics,
    replications: reps, confidence: o.confidence, warmup: o.warmup, baseline: o.baseline ?? null, keepResults: o.keepResults,
  });

  // Points whose variant is invalid fail here, with their issues; the rest run.
  const pointIssues: (readonly Issue[] | undefined)[] = o.grid.map((values) => {
    const p = pointScenario(o.scenario, values);
    if (!p.ok) return p.issues;
    const v = validateScenario(replicationScenario(p.scenario, 0, { metrics: [], warmup: 0, keepResults: false }));
    return v.ok ? undefined : v.issues;
  });
  const live = o.grid.map((values, point) => ({ point, values })).filter((p) => pointIssues[p.point] === undefined);
  return { o, hash, pointIssues, live };
}

/**
 * Runs a scenario over a grid of variants, with independent replications of each, and reports every
 * metric's mean with its Student-t confidence interval (and, against a baseline, the paired
 * difference). Replication r of every point uses the same derived seed (common random numbers), so
 * differences between points are paired and tight. Runs go to worker threads; the result is
 * byte-identical for any number of workers.
 *
 * Bad options throw a {@link PodsimError} listing every problem; a point whose variant is invalid
 * (or whose run fails) is reported with its issues, and the rest of the sweep completes.
 *
 * @example
 * ```ts
 * import { experiment } from 'podsim';
 *
 * const ex = await experiment({
 *   scenario,
 *   vary: { 'hosts[0].count': [8, 10, 12], 'scheduler.policy': ['best-fit', 'kube'] },
 *   replications: 10,
 *   metrics: ['wait.mean', 'wait.p99', 'utilization.cpu'],
 *   baseline: { 'scheduler.policy': 'best-fit' },
 * });
 * for (const p of ex.points) console.log(p.values, p.metrics['wait.p99'].ci, p.differences?.['wait.p99'].ci);
 * ```
 */
export async function experiment(options: ExperimentOptions): Promise<ExperimentResult> {
  const { o, hash, pointIssues, live } = planExperiment(options);
  const reps = o.replications;
  const maxRuns = live.length * reps.max;
  const runner = chooseRunner(o, Math.min(o.workers, Math.max(1, maxRuns)))(o.scenario, hash);
  try {
    let warmup: WarmupUsed = typeof o.warmup === 'number' ? { seconds: o.warmup, method: o.warmup > 0 ? 'given' : 'none' } : { seconds: 0, method: 'none' };
    if (o.warmup === 'auto' && live.length > 0) {
      const interval = pilotInterval(o.scenario);
      const pilot = new SweepEngine(o.scenario, runner, { metrics: [], warmup: 0, keepResults: false, series: interval }, o.onProgress);
      warmup = await chooseWarmup(pilot, live, Math.min(reps.min, 5), interval);
    }
    const settings: RunSettings = { metrics: o.metrics, warmup: warmup.seconds, keepResults: o.keepResults };
    const engine = new SweepEngine(o.scenario, runner, settings, o.onProgress);
    const first = live[0];
    if (first !== undefined) engine.probe(first.point, first.values, 'experiment');

    const stopped = new Map<number, PointResult['stopped']>();
    const target = reps.metric === undefined ? 0 : o.metrics.indexOf(reps.metric);
    let want = new Map(live.map((p) => [p.point, reps.min]));
    while (want.size > 0) {
      await engine.ensure(live.filter((p) => want.has(p.point)).map((p) => ({ ...p, replications: want.get(p.point) as number })));
      const next = new Map<number, number>();
      for (const point of want.keys()) {
        if (engine.failure(point) !== undefined) stopped.set(point, 'failed');
        else if (reps.fixed) stopped.set(point, 'fixed');
        else {
          const interval = meanInterval(engine.samples(point, target), o.confidence);
          const decision = nextReplications(interval, reps.relativeHalfWidth, reps.max, o.confidence);
          if ('next' in decision) next.set(point, decision.next);
          else stopped.set(point, decision.stopped);
        }
      }
      want = next;
    }

    const points: PointResult[] = o.grid.map((values, point) => {
      const invalid = pointIssues[point];
      if (invalid !== undefined) return { values, replications: 0, stopped: 'failed', metrics: {}, samples: {}, issues: invalid };
      const failure = engine.failure(point);
      if (failure !== undefined) return { values, replications: engine.count(point), stopped: 'failed', metrics: {}, samples: {}, issues: failure.issues };
      const samples: Record<string, number[]> = {};
      const metrics: Record<string, MetricInterval> = {};
      o.metrics.forEach((m, i) => {
        samples[m] = engine.samples(point, i);
        metrics[m] = meanInterval(samples[m], o.confidence);
      });
      let differences: Record<string, MetricInterval> | undefined;
      const b = o.baselineOf[point];
      if (b !== undefined && pointIssues[b] === undefined && engine.failure(b) === undefined) {
        differences = {};
        o.metrics.forEach((m, i) => { (differences as Record<string, MetricInterval>)[m] = pairedInterval(samples[m] as number[], engine.samples(b, i), o.confidence); });
      }
      return {
        values, replications: engine.count(point), stopped: stopped.get(point) ?? 'fixed', metrics,
        ...(differences !== undefined ? { differences } : {}),
        samples,
        ...(o.keepResults ? { results: engine.results(point) } : {}),
      };
    });
    return { hash, factors: o.factors, metrics: o.metrics, confidence: o.confidence, warmup, ...(o.baseline !== undefined ? { baseline: o.baseline } : {}), points };
  } finally {
    await runner.close();
  }
}
