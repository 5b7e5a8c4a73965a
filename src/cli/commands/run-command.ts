import { join } from 'node:path';
import type { Command } from 'commander';
import type { ContainerRow } from '../../report/container-row.js';
import { containersCsv } from '../../report/containers-csv.js';
import { defaultInterval, estimateEnd } from '../../report/estimate-end.js';
import { HostSampler } from '../../report/host-sampler.js';
import { renderReport } from '../../report/render-report.js';
import { summaryRows } from '../../report/summary-rows.js';
import { workloadTable } from '../../report/workload-table.js';
import { timeSeriesCsv } from '../../report/timeseries-csv.js';
import type { ContainerRecord } from '../../simulation/lifecycle.js';
import type { ContainerSummary, PerformanceSummary, SimulationResult } from '../../simulation/result.js';
import type { CommandContext } from '../command-context.js';
import { addOverrideOptions, prepareRun } from '../prepare-run.js';
import { parsePositiveDuration } from '../parse-values.js';
import { Progress } from '../progress.js';
import { keyValueTable, textTable } from '../text-table.js';
import { unfitWorkloads } from '../unfit-workloads.js';
import { writeUserFile } from '../write-file.js';

interface RunFlags {
  out?: string;
  report?: string;
  seed?: number | string;
  until?: number;
  policy?: string;
  interval?: number;
  json?: boolean;
}

/**
 * Adds `podsim run` to the program.
 * @internal
 * @example
 * ```ts
 * registerRun(program, ctx);
 * ```
 */
export function registerRun(program: Command, ctx: CommandContext): void {
  const command = program
    .command('run')
    .description('Simulate scenario files and/or manifests and print a summary.')
    .argument('<files...>', 'scenario files, Kubernetes manifests, Compose files, or folders of them')
    .option('-o, --out <dir>', 'write result.json, containers.csv and timeseries.csv into DIR')
    .option('-r, --report <file>', 'write a self-contained HTML report with charts');
  addOverrideOptions(command)
    .option('--interval <duration>', 'seconds between time-series samples (default: the scenario\'s, else about 1/200 of the run)', parsePositiveDuration)
    .option('--json', 'print the result as JSON instead of the summary table')
    .addHelpText('after', `
Examples:
  $ podsim run scenario.yaml
  $ podsim run scenario.yaml --out results/ --report report.html
  $ podsim run cluster.yaml deploy/ --policy best-fit --seed 7 --until 2h
  $ podsim run scenario.yaml --json | jq .wait.p99
  $ podsim run online-boutique.yaml --hosts node=3x4/16Gi --scale 20`)
    .action(async (files: string[], flags: RunFlags) => {
      ctx.command = 'run';
      await runCommand(ctx, files, flags);
    });
}

async function runCommand(ctx: CommandContext, files: string[], flags: RunFlags): Promise<void> {
  const { io } = ctx;
  const { loaded, scenario, run } = prepareRun(ctx, files, flags, (s) => {
    const interval = s.timeseries?.interval ?? defaultInterval(estimateEnd(s));
    // With --out, ask for per-container records for containers.csv.
    return { ...s, timeseries: { interval }, ...(flags.out !== undefined && s.record === undefined ? { record: 'containers' as const } : {}) };
  });
  for (const m of unfitWorkloads(run.scenario)) io.stderr.write(`warning: ${m}: its containers are rejected\n`);
  const hosts = flags.report === undefined ? undefined : HostSampler.follow(run);
  const progress = new Progress(io, estimateEnd(scenario));
  try {
    run.run({ onProgress: (now, events) => progress.update(now, events) });
  } finally {
    progress.stop();
  }
  const full = run.result();
  // Records go to containers.csv; result.json keeps the summary, as simulate() gives it without them.
  const records = full.performance?.records;
  const result: SimulationResult = loaded.scenario.record === 'containers' ? full : withoutRecords(full);

  const info = flags.json ? io.stderr : io.stdout;
  if (flags.json) io.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else {
    io.stdout.write(`podsim run: ${loaded.sources.join(', ')}\n\n${keyValueTable(summaryRows(result))}`);
    if (Object.keys(result.workloads).length > 1) {
      const t = workloadTable(result);
      io.stdout.write(`\nper workload (waits in seconds):\n${textTable(t.header, t.rows).replace(/^(?=.)/gm, '  ')}`);
    }
  }

  const wrote: string[] = [];
  if (flags.out !== undefined) {
    const dir = flags.out;
    writeUserFile(ctx.cwd, join(dir, 'result.json'), JSON.stringify(result, null, 2) + '\n');
    writeUserFile(ctx.cwd, join(dir, 'containers.csv'), containersCsv(records !== undefined ? records.map(recordRow) : (full.records ?? []).map(summaryRow)));
    writeUserFile(ctx.cwd, join(dir, 'timeseries.csv'), timeSeriesCsv(result.timeseries ?? { time: [], utilization: {}, pending: [], running: [], hostsInUse: [] }));
    wrote.push(join(dir, 'result.json'), join(dir, 'containers.csv'), join(dir, 'timeseries.csv'));
  }
  if (flags.report !== undefined) {
    const html = await renderReport({ title: 'podsim report', result: full, sources: loaded.sources, waitSamples: run.waitSamples(), ...(hosts ? { hosts: hosts.build() } : {}) });
    writeUserFile(ctx.cwd, flags.report, html);
    wrote.push(flags.report);
  }
  if (wrote.length > 0) info.write(`${flags.json ? '' : '\n'}wrote ${wrote.join(', ')}\n`);
}

function withoutRecords(r: SimulationResult): SimulationResult {
  const { records: _records, ...rest } = r;
  if (rest.performance === undefined) return rest;
  const { records: _runs, ...performance } = rest.performance as PerformanceSummary;
  return { ...rest, performance };
}

function summaryRow(r: ContainerSummary): ContainerRow {
  return {
    id: r.id, name: r.name, workload: r.workload, ...(r.host === null ? {} : { host: r.host }), state: r.state, submitted: r.submitted,
    ...(r.placed === null ? {} : { placed: r.placed, wait: r.placed - r.submitted }), ...(r.finished === null ? {} : { finished: r.finished }),
  };
}

function recordRow(r: ContainerRecord): ContainerRow {
  return {
    id: r.id, workload: r.workload, host: r.host, state: r.state, submitted: r.submitted, placed: r.placed,
    pulled: r.pulled, started: r.started, ready: r.ready, finished: r.finished, wait: r.placed - r.submitted,
    pa: r.pa, pd: r.pd, ps: r.ps, restarts: r.restarts,
  };
}
