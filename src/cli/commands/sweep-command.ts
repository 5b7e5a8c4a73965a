import { InvalidArgumentError, type Command } from 'commander';
import { join } from 'node:path';
import { formatIssue, PodsimError } from '../../errors.js';
import { exactJson } from '../../experiments/exact-json.js';
import { experiment, type ExperimentOptions, type ExperimentResult } from '../../experiments/experiment.js';
import type { Replications } from '../../experiments/options.js';
import { runShard } from '../../experiments/shard-run.js';
import { parseShard, shardFileName, shardFromEnv, type ShardSpec } from '../../experiments/shard-spec.js';
import { formatNumber } from '../../report/format.js';
import { pointsCsv } from '../../report/points-csv.js';
import { renderSweepReport } from '../../report/render-sweep-report.js';
import type { CommandContext } from '../command-context.js';
import { loadInput } from '../load-input.js';
import { parseCount } from '../parse-values.js';
import { textTable } from '../text-table.js';
import { UsageError } from '../usage-error.js';
import { writeUserFile } from '../write-file.js';
import { addExperimentOptions, parseBaseline, parseReps, parseVary, withProgress, writeExperimentOutputs, type ExperimentFlags } from './experiment-flags.js';

interface SweepFlags extends ExperimentFlags {
  vary?: Record<string, unknown[]>;
  reps?: Replications;
  target?: number;
  targetMetric?: string;
  metric?: string[];
  baseline?: Record<string, unknown>;
  shard?: ShardSpec;
  shardFromEnv?: boolean;
  shardCount?: number;
}

/**
 * Adds `podsim sweep` to the program.
 * @internal
 * @example
 * ```ts
 * registerSweep(program, ctx);
 * ```
 */
export function registerSweep(program: Command, ctx: CommandContext): void {
  const command = program
    .command('sweep')
    .description('Run a scenario over a grid of variants, with replications, and report each metric with its confidence interval.')
    .argument('<files...>', 'scenario files, Kubernetes manifests, Compose files, or folders of them')
    .option('--vary <path=values>', "a scenario path and its values: 'hosts[0].count=8,10,12', scheduler.policy=best-fit,kube, 'hosts[0].count=4..16:4' (repeat for a grid)", (t: string, p?: Record<string, unknown[]>) => parseVary(t, p))
    .option('--reps <n|min..max>', 'replications per point, or a range to add them until --target is met (default 10)', parseReps)
    .option('--target <fraction>', 'with --reps min..max: stop a point once its interval is within this fraction of its mean (such as 0.05)', Number)
    .option('--target-metric <path>', 'the metric --target applies to (default: the first --metric)')
    .option('--metric <path>', 'a dotted path of the result to report; repeat or separate with commas (default: wait.mean, wait.p99, utilization.cpu, queue.mean)', (t: string, p: string[] = []) => [...p, ...t.split(',').map((s) => s.trim()).filter((s) => s !== '')])
    .option('--baseline <path=value>', 'compare every point with the one having this value (paired by replication); repeatable', (t: string, p?: Record<string, unknown>) => parseBaseline(t, p))
    .option('--shard <i/N>', 'run only shard i (from 0) of N of the runs and write DIR/shard-i-of-N.json (--out); podsim merge combines the shards', (t: string) => { const r = parseShard(t); if (!r.ok) throw new InvalidArgumentError(`${r.reason}.`); return r.shard; })
    .option('--shard-from-env', 'take the shard from JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or SLURM_ARRAY_TASK_ID (Slurm array)')
    .option('--shard-count <n>', 'with --shard-from-env: the number of shards (else PODSIM_SHARD_COUNT or SLURM_ARRAY_TASK_COUNT)', (t: string) => parseCount(t, 1));
  addExperimentOptions(command)
    .addHelpText('after', `
Replication r of every point runs with the same derived seed (common random numbers), so differences
between points are paired. Intervals are Student-t over replications; see docs/experiments.md.

On a Redis queue (--queue), runs go to workers on any machines (podsim worker); with --shard, to
independent processes (a Kubernetes Indexed Job, a Slurm array) whose outputs podsim merge
combines. Either gives the same results as a local sweep; see docs/distributed.md.

Examples:
  $ podsim sweep scenario.yaml --vary 'hosts[0].count=8,10,12' --vary scheduler.policy=best-fit,kube --reps 10
  $ podsim sweep scenario.yaml --vary 'hosts[0].count=8..16:2' --reps 5..100 --target 0.05 --metric wait.p99 --out sweep/ --report sweep.html
  $ podsim sweep scenario.yaml --vary scheduler.policy=best-fit,kube --baseline scheduler.policy=best-fit --json
  $ podsim sweep scenario.yaml --vary 'hosts[0].count=8..16' --reps 30 --queue redis://redis:6379/0 --out sweep/
  $ podsim sweep scenario.yaml --vary 'hosts[0].count=8..16' --reps 30 --shard 0/4 --out shards/`)
    .action(async (files: string[], flags: SweepFlags) => {
      ctx.command = 'sweep';
      await sweepCommand(ctx, files, flags);
    });
}

const interval = (m: { mean: number; halfWidth: number } | undefined) => (m === undefined ? '—' : `${formatNumber(m.mean)} ± ${formatNumber(m.halfWidth)}`);

function sweepTable(ex: ExperimentResult): string {
  const diff = ex.baseline !== undefined;
  const header = [...ex.factors, 'n', ...ex.metrics, ...(diff ? ex.metrics.map((m) => `Δ ${m}`) : [])];
  const rows = ex.points.map((p) => [
    ...ex.factors.map((f) => (typeof p.values[f] === 'string' ? (p.values[f] as string) : JSON.stringify(p.values[f]))),
    String(p.replications),
    ...ex.metrics.map((m) => interval(p.metrics[m])),
    ...(diff ? ex.metrics.map((m) => interval(p.differences?.[m])) : []),
  ]);
  return textTable(header, rows);
}

/**
 * Prints a sweep's result as `podsim sweep` does (the table, or JSON with `--json`; failed points on
 * stderr) and writes `--out` and `--report`. `podsim merge` prints through it too, so that merged
 * shards give the same files as one run.
 * @internal
 */
export async function printSweep(ctx: CommandContext, ex: ExperimentResult, sources: readonly string[], flags: ExperimentFlags, title = `podsim sweep: ${sources.join(', ')}`): Promise<void> {
  const { io } = ctx;
  if (flags.json) io.stdout.write(JSON.stringify(ex, null, 2) + '\n');
  else {
    const reps = ex.points.map((p) => p.replications);
    io.stdout.write(`${title}\n\n${sweepTable(ex)}\n`);
    io.stdout.write(`${ex.points.length} point${ex.points.length === 1 ? '' : 's'}, ${Math.min(...reps)}${Math.max(...reps) !== Math.min(...reps) ? `–${Math.max(...reps)}` : ''} replications each (common random numbers); mean ± half-width of the ${Math.round(ex.confidence * 100)}% interval; warm-up ${formatNumber(ex.warmup.seconds)} s (${ex.warmup.method})\n`);
  }
  for (const p of ex.points) {
    if (p.issues !== undefined) io.stderr.write(`podsim ${ctx.command}: point ${JSON.stringify(p.values)} failed: ${p.issues.map(formatIssue).join('; ')}\n`);
  }
  await writeExperimentOutputs(ctx, flags, () => pointsCsv(ex), () => JSON.stringify(ex, null, 2) + '\n', () => renderSweepReport(ex, { sources: [...sources] }));
}

async function sweepCommand(ctx: CommandContext, files: string[], flags: SweepFlags): Promise<void> {
  const { io } = ctx;
  if (flags.target !== undefined && !(flags.target > 0)) throw new UsageError(`--target ${flags.target}: expected a fraction > 0, such as 0.05`);
  if (flags.target !== undefined && typeof flags.reps !== 'object') throw new UsageError('--target needs --reps min..max, the range within which to add replications');
  if (typeof flags.reps === 'object' && flags.target === undefined) throw new UsageError(`--reps ${flags.reps.min}..${flags.reps.max} needs --target, the precision to reach (such as 0.05 for ±5% of the mean)`);
  const shard = shardOf(ctx, flags);
  const loaded = loadInput(files, ctx.cwd);
  for (const w of loaded.warnings) io.stderr.write(`warning: ${formatIssue(w)}\n`);
  const replications: Replications | undefined = typeof flags.reps === 'object'
    ? { ...flags.reps, relativeHalfWidth: flags.target as number, ...(flags.targetMetric !== undefined ? { metric: flags.targetMetric } : {}) }
    : flags.reps;
  const options: ExperimentOptions = {
    scenario: loaded.scenario,
    vary: flags.vary ?? {},
    ...(replications !== undefined ? { replications } : {}),
    ...(flags.metric !== undefined ? { metrics: flags.metric } : {}),
    ...(flags.baseline !== undefined ? { baseline: flags.baseline } : {}),
  };
  if (shard !== undefined) {
    await shardCommand(ctx, options, shard, loaded.sources, flags);
    return;
  }
  const ex = await withProgress(io, 'sweeping', flags, (common) => experiment({ ...options, ...common }));
  await printSweep(ctx, ex, loaded.sources, flags);
}

/** The shard `--shard` or `--shard-from-env` asks for, if any. */
function shardOf(ctx: CommandContext, flags: SweepFlags): ShardSpec | undefined {
  if (flags.shardCount !== undefined && flags.shardFromEnv !== true) throw new UsageError('--shard-count goes with --shard-from-env (with --shard, write i/N)');
  if (flags.shard === undefined && flags.shardFromEnv !== true) return undefined;
  if (flags.shard !== undefined && flags.shardFromEnv === true) throw new UsageError('give --shard i/N or --shard-from-env, not both');
  if (flags.queue !== undefined) throw new UsageError('--shard and --queue are two ways to spread a sweep: choose one');
  if (flags.out === undefined) throw new UsageError('--shard needs --out DIR, where the shard writes shard-<i>-of-<N>.json for podsim merge');
  if (flags.report !== undefined || flags.json === true) throw new UsageError(`${flags.report !== undefined ? '--report' : '--json'} needs every shard's runs: give it to podsim merge`);
  if (flags.shard !== undefined) return flags.shard;
  const r = shardFromEnv(ctx.io.env ?? process.env, flags.shardCount);
  if (!r.ok) throw new PodsimError(r.issues, '--shard-from-env');
  return r.shard;
}

async function shardCommand(ctx: CommandContext, options: ExperimentOptions, shard: ShardSpec, sources: readonly string[], flags: SweepFlags): Promise<void> {
  const out = await withProgress(ctx.io, `shard ${shard.index}/${shard.count}`, flags, (common) => runShard({ ...options, ...common }, shard));
  const file = join(flags.out as string, shardFileName(shard));
  writeUserFile(ctx.cwd, file, exactJson({ ...out, sources }) + '\n');
  const failed = out.outcomes.filter((o) => o.issues !== undefined).length;
  ctx.io.stdout.write(`podsim sweep: shard ${shard.index} of ${shard.count} of sweep ${out.hash.slice(0, 12)}: ${out.outcomes.length} of ${out.runs} runs${failed > 0 ? ` (${failed} failed)` : ''}\nwrote ${file}\n`);
}
