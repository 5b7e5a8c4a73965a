import type { Command } from 'commander';
import { findCapacity, type CapacityResult } from '../../experiments/find-capacity.js';
import type { Replications } from '../../experiments/options.js';
import type { Slo } from '../../experiments/slo-decision.js';
import { formatIssue } from '../../errors.js';
import { formatNumber } from '../../report/format.js';
import { evidenceCsv } from '../../report/points-csv.js';
import { renderPlanReport } from '../../report/render-sweep-report.js';
import type { CommandContext } from '../command-context.js';
import { loadInput } from '../load-input.js';
import { textTable } from '../text-table.js';
import { UsageError } from '../usage-error.js';
import { addExperimentOptions, parseReps, parseSloFlag, withProgress, writeExperimentOutputs, type ExperimentFlags } from './experiment-flags.js';

interface PlanFlags extends ExperimentFlags {
  vary: string;
  range: string;
  step?: number;
  slo: Record<string, Slo>;
  seek?: 'smallest' | 'largest';
  analytic?: boolean;
  reps?: Replications;
}

/**
 * Adds `podsim plan` to the program.
 * @internal
 * @example
 * ```ts
 * registerPlan(program, ctx);
 * ```
 */
export function registerPlan(program: Command, ctx: CommandContext): void {
  const command = program
    .command('plan')
    .description('Find the smallest value of a scenario path (hosts, capacity, replicas) that meets service-level objectives with confidence.')
    .argument('<files...>', 'scenario files, Kubernetes manifests, Compose files, or folders of them')
    .requiredOption('--vary <path>', "the scenario path to search over, such as 'hosts[0].count'")
    .requiredOption('--range <low..high>', 'the values to search, such as 1..200')
    .option('--step <step>', 'spacing of the values tried (default 1)', Number)
    .requiredOption('--slo <metric<=value>', "an objective, such as 'wait.p99<=1' or 'utilization.cpu>=0.5'; repeatable", (t: string, p?: Record<string, Slo>) => parseSloFlag(t, p))
    .option('--seek <smallest|largest>', 'smallest: more is better (hosts); largest: less is better (arrival rate) (default smallest)')
    .option('--no-analytic', 'do not start from the M/M/c estimate')
    .option('--reps <n|min..max>', 'replications per value tried, or a range within which they double until each decision is clear (default 5..100)', parseReps);
  addExperimentOptions(command)
    .addHelpText('after', `
The search assumes the metrics are monotone in the value. Each value tried is run with common
random numbers until it is shown to meet or to fail the objectives; the answer is confirmed when
its neighbour fails. Exit codes: 0 found, 1 not found in range, 2 bad input.

Examples:
  $ podsim plan scenario.yaml --vary 'hosts[0].count' --range 1..200 --slo 'wait.p99<=1' --confidence 0.95
  $ podsim plan scenario.yaml --vary workloads.web.arrival.rate --range 1..50 --step 0.5 --seek largest --slo 'wait.mean<=0.1'
  $ podsim plan scenario.yaml --vary 'hosts[0].count' --range 1..64 --slo 'wait.p99<=1' --out plan/ --report plan.html`)
    .action(async (files: string[], flags: PlanFlags) => {
      ctx.command = 'plan';
      await planCommand(ctx, files, flags);
    });
}

function evidenceTable(cap: CapacityResult): string {
  const metrics = Object.keys(cap.slo);
  const rows = cap.evidence.map((e, i) => [
    String(i + 1), formatNumber(e.value), e.status, String(e.replications),
    ...metrics.map((m) => { const x = e.metrics[m]; return x === undefined ? (e.issues?.[0]?.message ?? '—') : `${formatNumber(x.mean)} ± ${formatNumber(x.halfWidth)}`; }),
  ]);
  return textTable(['step', cap.vary, 'status', 'n', ...metrics], rows);
}

async function planCommand(ctx: CommandContext, files: string[], flags: PlanFlags): Promise<void> {
  const { io } = ctx;
  const m = /^\s*([-+]?\d*\.?\d+)\s*\.\.\s*([-+]?\d*\.?\d+)\s*$/.exec(flags.range);
  if (m === null) throw new UsageError(`--range ${flags.range}: expected low..high, such as 1..200`);
  if (flags.seek !== undefined && flags.seek !== 'smallest' && flags.seek !== 'largest') throw new UsageError(`--seek ${flags.seek}: expected smallest or largest`);
  const loaded = loadInput(files, ctx.cwd);
  for (const w of loaded.warnings) io.stderr.write(`warning: ${formatIssue(w)}\n`);
  const cap = await withProgress(io, 'planning', flags, (common) => findCapacity({
    scenario: loaded.scenario, vary: flags.vary, range: [Number(m[1]), Number(m[2])], slo: flags.slo,
    ...(flags.step !== undefined ? { step: flags.step } : {}),
    ...(flags.seek !== undefined ? { seek: flags.seek } : {}),
    ...(flags.analytic === false ? { analytic: false } : {}),
    ...(flags.reps !== undefined ? { replications: flags.reps } : {}),
    ...common,
  }));
  if (flags.json) io.stdout.write(JSON.stringify(cap, null, 2) + '\n');
  else {
    const estimate = cap.analytic.value !== undefined ? `${formatNumber(cap.analytic.value)} (${cap.analytic.model})` : cap.analytic.model;
    io.stdout.write(`podsim plan: ${loaded.sources.join(', ')}\n\n${cap.found ? 'answer' : 'no answer'}: ${cap.message}\nanalytic estimate: ${estimate}\n`);
    for (const w of cap.warnings) io.stdout.write(`warning: ${w}\n`);
    io.stdout.write(`\n${evidenceTable(cap)}`);
  }
  await writeExperimentOutputs(ctx, flags, () => evidenceCsv(cap), () => JSON.stringify(cap, null, 2) + '\n', () => renderPlanReport(cap, { sources: loaded.sources }));
  ctx.exitCode = cap.found ? 0 : 1;
}
