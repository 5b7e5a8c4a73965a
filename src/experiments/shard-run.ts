import { VERSION } from '../cli/version.js';
import { PodsimError, type Issue } from '../errors.js';
import type { Scenario } from '../scenario/schema.js';
import { planExperiment, type ExperimentOptions, type ExperimentPlan } from './experiment.js';
import type { PointValues } from './grid.js';
import { localRunner } from './local-runner.js';
import type { ExperimentProgress } from './options.js';
import { runTask, type RunOutcome, type RunSettings, type RunTask } from './run-task.js';
import { inShard, type ShardSpec } from './shard-spec.js';

/**
 * The experiment a shard belongs to, as plain data: enough for `mergeShards` to compute the same
 * result a single run gives. `vary` is a list of [path, values] pairs, so its order survives JSON.
 *
 * @example
 * ```ts
 * const e: ShardExperiment = { scenario, vary: [['hosts[0].count', [8, 10]]], replications: 10, metrics: ['wait.p99'], confidence: 0.95, warmup: 0, keepResults: false };
 * ```
 */
export interface ShardExperiment {
  readonly scenario: Scenario;
  readonly vary: readonly (readonly [string, readonly unknown[]])[];
  readonly replications: number;
  readonly metrics: readonly string[];
  readonly confidence: number;
  readonly warmup: number;
  readonly baseline?: PointValues;
  readonly keepResults: boolean;
}

/**
 * What one shard writes: the sweep (its hash and definition), which shard it is, and the outcome of
 * each of its runs, in the order of the sweep's run list. Written with `exactJson` so that every
 * number comes back exactly.
 *
 * @example
 * ```ts
 * const out: ShardOutput = await runShard(options, { index: 0, count: 4 });
 * console.log(out.hash, out.shard, out.outcomes.length, out.runs);
 * ```
 */
export interface ShardOutput {
  readonly format: 'podsim-shard/1';
  /** The podsim version that ran it: shards merge only with shards of the same version. */
  readonly podsim: string;
  /** The sweep's hash, as `experiment()` computes it. */
  readonly hash: string;
  readonly shard: ShardSpec;
  /** Runs in the whole sweep (every shard's). */
  readonly runs: number;
  readonly experiment: ShardExperiment;
  readonly settings: RunSettings;
  /** This shard's outcomes, in run-list order. */
  readonly outcomes: readonly RunOutcome[];
  /** The input files, as `podsim sweep` named them (for the merged report). @defaultValue none */
  readonly sources?: readonly string[];
}

/**
 * Options of {@link runShard} beyond the experiment's.
 *
 * @example
 * ```ts
 * const o: ShardRunOptions = { workers: 4 };
 * ```
 */
export interface ShardRunOptions {
  /** Worker threads for this shard's runs. @defaultValue the experiment's `workers` */
  readonly workers?: number;
  /** Called after every run. @defaultValue the experiment's `onProgress` */
  readonly onProgress?: (progress: ExperimentProgress) => void;
}

/**
 * The run list of a sweep shards cut: every (point, replication) of the points that can run, point
 * by point, replications in order. Shard i takes runs i, i + N, i + 2N, …
 * @internal
 */
export function shardRunList(live: readonly { readonly point: number; readonly values: PointValues }[], replications: number): RunTask[] {
  const tasks: RunTask[] = [];
  for (const p of live) for (let r = 0; r < replications; r++) tasks.push({ point: p.point, values: p.values, replication: r });
  return tasks;
}

/**
 * The options of an experiment as a shard records them, after checking that shards can run it:
 * a fixed number of replications and a warm-up given in seconds. Sequential replication and
 * `warmup: 'auto'` decide what to run from results as they come in, which independent shards cannot
 * do: run those on a queue (`queue`), whose coordinator makes the decisions.
 * @internal
 */
export function shardExperiment(options: ExperimentOptions, api: string, plan?: ExperimentPlan): ShardExperiment {
  const issues: Issue[] = [];
  if (typeof options.replications === 'object' && options.replications !== null) issues.push({ code: 'shard_unsupported', path: 'replications', message: 'shards run a fixed list of runs, and sequential replications ({ min, max, relativeHalfWidth }) decide how many to run from the results: give a number of replications, or run the sweep on a queue, whose coordinator decides' });
  if (options.warmup === 'auto') issues.push({ code: 'shard_unsupported', path: 'warmup', message: "shards run a fixed list of runs, and warmup 'auto' picks the warm-up from pilot runs first: give the warm-up in seconds (a first sweep with 'auto' reports it), or run the sweep on a queue" });
  if (options.runner !== undefined || options.queue !== undefined) issues.push({ code: 'shard_unsupported', path: options.queue !== undefined ? 'queue' : 'runner', message: 'a shard runs its slice on this machine; it cannot also use a queue or another runner' });
  if (issues.length > 0) throw new PodsimError(issues, `${api}: cannot shard this experiment`);
  const { o } = plan ?? planExperiment(options);
  return {
    scenario: o.scenario,
    vary: o.factors.map((f) => [f, (options.vary ?? {})[f] as readonly unknown[]] as const),
    replications: o.replications.min,
    metrics: o.metrics,
    confidence: o.confidence,
    warmup: o.warmup as number,
    ...(o.baseline !== undefined ? { baseline: o.baseline } : {}),
    keepResults: o.keepResults,
  };
}

/**
 * The experiment options a recorded shard experiment stands for.
 * @internal
 */
export function experimentOptionsOf(e: ShardExperiment): ExperimentOptions {
  return {
    scenario: e.scenario,
    vary: Object.fromEntries(e.vary.map(([k, v]) => [k, v])),
    replications: e.replications,
    metrics: e.metrics,
    confidence: e.confidence,
    warmup: e.warmup,
    ...(e.baseline !== undefined ? { baseline: e.baseline } : {}),
    keepResults: e.keepResults,
  };
}

/**
 * Runs shard `shard` of an experiment: its slice of the sweep's run list (runs dealt round-robin over
 * the shards), on this machine's worker threads, and returns their outcomes with what a merge needs.
 * `mergeShards` of all N outputs gives the result `experiment(options)` gives, byte for byte.
 *
 * Shards need a fixed list of runs: a number of replications and a warm-up in seconds (sequential
 * replication and `warmup: 'auto'` are refused with an error saying so; run those on a queue). Like
 * `experiment()`, every shard first runs replication 0 of the first point, so that a misspelt metric
 * fails at once in each shard.
 *
 * @example
 * ```ts
 * import { runShard, exactJson } from 'podsim/experiments';
 * const out = await runShard({ scenario, vary: { 'hosts[0].count': [8, 10, 12] }, replications: 20 }, { index: 1, count: 4 });
 * writeFileSync('shard-1-of-4.json', exactJson(out));
 * ```
 */
export async function runShard(options: ExperimentOptions, shard: ShardSpec, run: ShardRunOptions = {}): Promise<ShardOutput> {
  const plan = planExperiment(options);
  const experiment = shardExperiment(options, 'runShard', plan);
  const { o, hash, live } = plan;
  const settings: RunSettings = { metrics: o.metrics, warmup: experiment.warmup, keepResults: o.keepResults };
  const list = shardRunList(live, experiment.replications);
  const mine = list.filter((_, k) => inShard(k, shard));
  const at = new Map(list.map((t, k) => [`${t.point}/${t.replication}`, k]));
  const outcomes = new Map<number, RunOutcome>();
  const onProgress = run.onProgress ?? o.onProgress;
  const report = () => onProgress?.({ done: outcomes.size, total: mine.length, failed: [...outcomes.values()].filter((x) => x.issues !== undefined).length });
  // The probe experiment() makes: a misspelt metric stops every shard at once.
  const first = list[0];
  if (first !== undefined) {
    const probe = runTask(o.scenario, settings, first);
    const unknown = (probe.issues ?? []).filter((i) => i.code === 'unknown_metric' || (i.code === 'invalid_path' && i.path.startsWith('metrics[')));
    if (unknown.length > 0) throw new PodsimError(unknown, 'runShard: unknown metric');
    if (inShard(0, shard)) outcomes.set(0, probe);
  }
  const todo = mine.filter((t) => !outcomes.has(at.get(`${t.point}/${t.replication}`) as number));
  report();
  const runner = localRunner(Math.max(1, Math.min(run.workers ?? o.workers, todo.length)))(o.scenario, hash);
  try {
    await runner.run(settings, todo, (x) => {
      outcomes.set(at.get(`${x.point}/${x.replication}`) as number, x);
      report();
    });
  } finally {
    await runner.close();
  }
  return {
    format: 'podsim-shard/1', podsim: VERSION, hash, shard, runs: list.length, experiment, settings,
    outcomes: [...outcomes.entries()].sort(([a], [b]) => a - b).map(([, x]) => x),
  };
}
