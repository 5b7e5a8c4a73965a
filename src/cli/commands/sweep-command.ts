import type { Command } from 'commander';
import { experiment, type ExperimentResult } from '../../experiments/experiment.js';
import type { Replications } from '../../experiments/options.js';
import { formatIssue } from '../../errors.js';
import { formatNumber } from '../../report/format.js';
import { pointsCsv } from '../../report/points-csv.js';
import { renderSweepReport } from '../../report/render-sweep-report.js';
import type { CommandContext } from '../command-context.js';
import { loadInput } from '../load-input.js';
import { textTable } from '../text-table.js';
import { UsageError } from '../usage-error.js';
import { addExperimentOptions, parseBaseline, parseReps, parseVary, withProgress, writeExperimentOutputs, type ExperimentFlags } from './experiment-flags.js';

interface SweepFlags extends ExperimentFlags {
  vary?: Record<string, unknown[]>;
  reps?: Replications;
  target?: number;
  targetMetric?: string;
  metric?: string[];
  baseline?: Record<string, unknown>;
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
    .option('--baseline <path=value>', 'compare every point with the one having this value (paired by replication); repeatable', (t: string, p?: Record<string, unknown>) => parseBaseline(t, p));
  addExperimentOptions(command)
    .addHelpText('after', `
Replication r of every point runs with the same derived seed (common random numbers), so differences
between points are paired. Intervals are Student-t over replications; see docs/experiments.md.

Examples:
  $ podsim sweep scenario.yaml --vary 'hosts[0].count=8,10,12' --vary scheduler.policy=best-fit,kube --reps 10
  $ podsim sweep scenario.yaml --vary 'hosts[0].count=8..16:2' --reps 5..100 --target 0.05 --metric wait.p99 --out sweep/ --report sweep.html
  $ podsim sweep scenario.yaml --vary scheduler.policy=best-fit,kube --baseline scheduler.policy=best-fit --json`)
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

async function sweepCommand(ctx: CommandContext, files: string[], flags: SweepFlags): Promise<void> {
  const { io } = ctx;
  if (flags.target !== undefined && !(flags.target > 0)) throw new UsageError(`--target ${flags.target}: expected a fraction > 0, such as 0.05`);
  if (flags.target !== undefined && typeof flags.reps !== 'object') throw new UsageError('--target needs --reps min..max, the range within which to add replications');
  if (typeof flags.reps === 'object' && flags.target === undefined) throw new UsageError(`--reps ${flags.reps.min}..${flags.reps.max} needs --target, the precision to reach (such as 0.05 for ±5% of the mean)`);
  const loaded = loadInput(files, ctx.cwd);
  for (const w of loaded.warnings) io.stderr.write(`warning: ${formatIssue(w)}\n`);
  const replications: Replications | undefined = typeof flags.reps === 'object'
    ? { ...flags.reps, relativeHalfWidth: flags.target as number, ...(flags.targetMetric !== undefined ? { metric: flags.targetMetric } : {}) }
    : flags.reps;
  const ex = await withProgress(io, 'sweeping', flags, (common) => experiment({
    scenario: loaded.scenario,
    vary: flags.vary ?? {},
    ...(replications !== undefined ? { replications } : {}),
    ...(flags.metric !== undefined ? { metrics: flags.metric } : {}),
    ...(flags.baseline !== undefined ? { baseline: flags.baseline } : {}),
    ...common,
  }));
  if (flags.json) io.stdout.write(JSON.stringify(ex, null, 2) + '\n');
  else {
    const reps = ex.points.map((p) => p.replications);
    io.stdout.write(`podsim sweep: ${loaded.sources.join(', ')}\n\n${sweepTable(ex)}\n`);
    io.stdout.write(`${ex.points.length} point${ex.points.length === 1 ? '' : 's'}, ${Math.min(...reps)}${Math.max(...reps) !== Math.min(...reps) ? `–${Math.max(...reps)}` : ''} replications each (common random numbers); mean ± half-width of the ${Math.round(ex.confidence * 100)}% interval; warm-up ${formatNumber(ex.warmup.seconds)} s (${ex.warmup.method})\n`);
  }
  for (const p of ex.points) {
    if (p.issues !== undefined) io.stderr.write(`podsim sweep: point ${JSON.stringify(p.values)} failed: ${p.issues.map(formatIssue).join('; ')}\n`);
  }
  await writeExperimentOutputs(ctx, flags, () => pointsCsv(ex), () => JSON.stringify(ex, null, 2) + '\n', () => renderSweepReport(ex, { sources: loaded.sources }));
}
