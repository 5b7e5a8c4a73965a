// `podsim replay`: a production trace read in a worker thread and streamed into the simulation as it
// advances (`openReplayStream`: Google formats in arrival order; Alibaba planned first), with the run
// summary, what the readers dropped or altered, and per-container records written as they leave
// their hosts (CSV, and Parquet with --parquet), so memory stays flat.
import { statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { RecordSink } from './replay-record-sink.js';
import { PodsimError, type Issue } from '../../errors.js';
import { quantityHint } from '../../inputs/quantity-hint.js';
import { csvLines } from '../../report/csv-field.js';
import { formatNumber } from '../../report/format.js';
import { HostSampler } from '../../report/host-sampler.js';
import { tryParseQuantity } from '../../resources/quantity.js';
import { priorityWaitTable } from '../../report/priority-wait-table.js';
import { renderReport } from '../../report/render-report.js';
import { summaryRows } from '../../report/summary-rows.js';
import { timeSeriesCsv } from '../../report/timeseries-csv.js';
import type { HostGroupSpec } from '../../scenario/schema.js';
import type { Simulation } from '../../simulation/simulation.js';
import { writeTimeSeriesParquet } from '../../traces/parquet/timeseries-parquet.js';
import { openReplayStream, type StreamReplay, type TraceFormat, type TraceReadOptions, type TraceReport, type TraceSource } from '../../traces/index.js';
import type { PriorityGrouping, PriorityWaits, ReplayResult } from '../../traces/priority-waits.js';
import type { CommandContext } from '../command-context.js';
import { parseDuration } from '../parse-values.js';
import { policyNames } from '../policy-names.js';
import { Progress } from '../progress.js';
import { keyValueTable, textTable } from '../text-table.js';
import { UsageError } from '../usage-error.js';
import { writeUserFile } from '../write-file.js';

/**
 * `podsim replay` flags as commander gives them (strings).
 * @internal
 * @example
 * ```ts
 * const flags: ReplayFlags = { format: 'google2011', dir: 'trace/', mode: 'recorded', out: 'out/' };
 * ```
 */
export interface ReplayFlags {
  format?: string;
  dir?: string;
  window?: string;
  sample?: string;
  seed?: string;
  mode?: string;
  policy?: string;
  hosts?: string;
  out?: string;
  report?: string;
  /** `--shape CPU,MEMORY`: the largest machine (cores, bytes with a unit). */
  shape?: string;
  /** `--parquet`: also write containers.parquet and timeseries.parquet. */
  parquet?: boolean;
  /** `--interval DURATION`: seconds between time-series samples. */
  interval?: string;
  /** `--horizon DURATION`: trace time after which a task still running is streamed open (Google formats). */
  horizon?: string;
  /** `--json`: print the result as JSON. */
  json?: boolean;
  /** `--priority-waits value|tier|none`: waits per priority value or Google 2019 tier. */
  priorityWaits?: string;
  /** `--exact-waits`: keep every wait (exact quantiles at any length) instead of sketching past 1,048,576. */
  exactWaits?: boolean;
}

/**
 * `podsim replay` options after checking. @internal
 * @example
 * ```ts
 * const o: ReplayCommandOptions = parseReplayFlags(flags).options!;
 * ```
 */
export interface ReplayCommandOptions {
  readonly source: TraceSource;
  readonly read: TraceReadOptions;
  /** `both`: the trace replayed in `recorded` mode, then in `reschedule` mode, and the two compared. */
  readonly mode: 'reschedule' | 'recorded' | 'both';
  readonly policy: string;
  /** `--hosts COUNT:CPU:MEMORY`: hosts to use when the trace has no machine table. */
  readonly hosts?: { readonly count: number; readonly cpu: number; readonly memory: number };
  /** Folder for result.json, containers.csv, timeseries.csv (and Parquet); none: print only. */
  readonly out?: string;
  readonly report?: string;
  readonly parquet: boolean;
  /** Seconds between time-series samples; undefined: 1/200 of the window, or 300 s without a window end. */
  readonly interval?: number;
  /** Seconds of trace time after which a task still running is streamed `Open`; undefined: 3600. */
  readonly horizon?: number;
  readonly json: boolean;
  readonly seed?: string;
  /** Waits per priority class: by value (Google 2011's default), by Google 2019 tier (its default), or none (Alibaba 2018's: it has no priorities). */
  readonly priorityWaits: PriorityGrouping | 'none';
  /** Every wait kept (exact quantiles however many tasks wait); false: the stream's bound, `STREAM_WAIT_STORE`. */
  readonly exactWaits: boolean;
}

const FORMATS: readonly TraceFormat[] = ['google2011', 'google2019', 'alibaba2018'];
/** `--priority-waits` by format: Google 2011 by value (0–11), Google 2019 by its documented tiers, Alibaba 2018 none (it has no priorities). */
const PRIORITY_WAITS: Record<TraceFormat, PriorityGrouping | 'none'> = { google2011: 'value', google2019: 'tier', alibaba2018: 'none' };
/** Default machine shapes: the largest machine of each trace (Google: normalised to it; Alibaba: 96 cores). */
const SHAPES: Record<TraceFormat, { cpu: number; memory: number }> = {
  google2011: { cpu: 64_000, memory: 256 * 2 ** 30 },
  google2019: { cpu: 64_000, memory: 256 * 2 ** 30 },
  alibaba2018: { cpu: 96_000, memory: 512 * 2 ** 30 },
};

// A positive quantity in the dimension's base unit (millicores, bytes), parsed as scenario files are;
// else the reason, with a hint at the unit meant ("16gb": did you mean "16Gi"?).
function quantity(text: string | undefined, dimension: 'cpu' | 'memory'): number | string {
  const t = (text ?? '').trim();
  const r = tryParseQuantity(t, dimension);
  if (r.ok && r.value > 0) return r.value;
  return `${dimension === 'cpu' ? 'CPU' : 'memory'} ${JSON.stringify(t)}: ${r.ok ? 'it must be more than 0' : r.reason}${quantityHint(t, dimension)}`;
}

function duration(text: string): number {
  try {
    return parseDuration(text);
  } catch {
    return NaN;
  }
}

/**
 * Checks `podsim replay` flags and turns them into the readers' options; every problem is listed at
 * once, each naming its flag. Defaults: mode `reschedule`, policy `first-fit`, the trace's own
 * machine shape.
 * @internal
 * @example
 * ```ts
 * parseReplayFlags({ format: 'google2011', dir: 'trace', window: '10m..1h', sample: '0.1', out: 'out' });
 * // { options: { source: { format: 'google2011', dir: 'trace' }, read: { shape, window: { start: 600, end: 3600 }, sample: { fraction: 0.1, seed: 0 } }, … } }
 * ```
 */
export function parseReplayFlags(flags: ReplayFlags): { options?: ReplayCommandOptions; issues: Issue[] } {
  const issues: Issue[] = [];
  const bad = (path: string, message: string): void => void issues.push({ code: 'invalid_argument', path, message });
  const format = flags.format as TraceFormat | undefined;
  if (format === undefined) bad('--format', `is required: one of ${FORMATS.join(', ')}`);
  else if (!FORMATS.includes(format)) bad('--format', `"${format}" is not one of ${FORMATS.join(', ')}`);
  if (flags.dir === undefined || flags.dir === '') bad('--dir', 'is required: the trace folder (or one task table file), as the argument or --dir');
  if (flags.out === '') bad('--out', 'is empty: give the folder to write results into');
  let interval: number | undefined;
  if (flags.interval !== undefined) {
    interval = duration(flags.interval);
    if (!(interval > 0)) bad('--interval', `"${flags.interval}" is not a positive duration (such as 60, 10m, 1h)`);
  }
  let horizon: number | undefined;
  if (flags.horizon !== undefined) {
    horizon = duration(flags.horizon);
    if (!(horizon >= 0)) bad('--horizon', `"${flags.horizon}" is not a duration ≥ 0 (such as 600, 10m, 1h)`);
  }
  let window: { start: number; end?: number } | undefined;
  if (flags.window !== undefined) {
    const m = /^\s*([^.]*)\.\.([^.]*)\s*$/.exec(flags.window);
    const start = m === null || (m[1] as string).trim() === '' ? 0 : duration(m[1] as string);
    const end = m === null || (m[2] as string).trim() === '' ? Infinity : duration(m[2] as string);
    if (m === null || Number.isNaN(start) || Number.isNaN(end)) bad('--window', `"${flags.window}" is not START..END in seconds of trace time (such as 600..4200, 10m..2h, or 1d..)`);
    else if (!(end > start)) bad('--window', `ends (${end} s) before or when it starts (${start} s)`);
    else window = end === Infinity ? { start } : { start, end };
  }
  let fraction: number | undefined;
  if (flags.sample !== undefined) {
    fraction = Number(flags.sample);
    if (!(fraction > 0 && fraction <= 1)) bad('--sample', `"${flags.sample}" is not a fraction in (0, 1]`);
  }
  const mode = flags.mode ?? 'reschedule';
  if (mode !== 'reschedule' && mode !== 'recorded' && mode !== 'both') bad('--mode', `"${mode}" is not reschedule, recorded or both`);
  const policy = flags.policy ?? 'first-fit';
  if (!policyNames().includes(policy)) bad('--policy', `"${policy}" is not one of ${policyNames().join(', ')}`);
  let hosts: ReplayCommandOptions['hosts'];
  if (flags.hosts !== undefined) {
    const [count, cpu, memory, ...rest] = flags.hosts.split(':');
    const n = Number(count), c = quantity(cpu, 'cpu'), m = quantity(memory, 'memory');
    const why = [...(Number.isSafeInteger(n) && n > 0 ? [] : [`count ${JSON.stringify(count)}: it must be a whole number of at least 1`]), ...(typeof c === 'string' ? [c] : []), ...(typeof m === 'string' ? [m] : [])];
    if (rest.length > 0 || why.length > 0) bad('--hosts', `"${flags.hosts}" is not COUNT:CPU:MEMORY (such as 12500:32:128Gi)${why.length > 0 ? `: ${why.join('; ')}` : ''}`);
    else hosts = { count: n, cpu: c as number, memory: m as number };
  }
  const by = flags.priorityWaits;
  if (by !== undefined && by !== 'value' && by !== 'tier' && by !== 'none') bad('--priority-waits', `"${by}" is not value, tier or none`);
  let shape = format !== undefined && FORMATS.includes(format) ? SHAPES[format] : SHAPES.google2011;
  if (flags.shape !== undefined) {
    const [cpu, memory, ...rest] = flags.shape.split(',');
    const c = quantity(cpu, 'cpu'), m = quantity(memory, 'memory');
    const why = [...(typeof c === 'string' ? [c] : []), ...(typeof m === 'string' ? [m] : [])];
    if (rest.length > 0 || why.length > 0) bad('--shape', `"${flags.shape}" is not CPU,MEMORY of the largest machine (such as 64,256Gi)${why.length > 0 ? `: ${why.join('; ')}` : ''}`);
    else shape = { cpu: c as number, memory: m as number };
  }
  if (issues.length > 0) return { issues };
  const read: TraceReadOptions = {
    shape,
    ...(window === undefined ? {} : { window }),
    ...(fraction === undefined || fraction === 1 ? {} : { sample: { fraction, seed: flags.seed ?? 0 } }),
    worker: true,
  };
  return {
    options: {
      source: { format: format as TraceFormat, dir: flags.dir as string },
      read,
      mode: mode as ReplayCommandOptions['mode'],
      policy,
      ...(hosts === undefined ? {} : { hosts }),
      ...(flags.out === undefined ? {} : { out: flags.out }),
      ...(flags.report === undefined ? {} : { report: flags.report }),
      parquet: flags.parquet === true,
      ...(interval === undefined ? {} : { interval }),
      ...(horizon === undefined ? {} : { horizon }),
      json: flags.json === true,
      ...(flags.seed === undefined ? {} : { seed: flags.seed }),
      priorityWaits: (by as PriorityGrouping | 'none' | undefined) ?? PRIORITY_WAITS[format as TraceFormat],
      exactWaits: flags.exactWaits === true,
    },
    issues,
  };
}

/**
 * The progress line of a replay: rows read, simulated time reached, tasks placed. @internal
 * @example
 * ```ts
 * replayProgressLine({ rows: 1_250_000, simulatedSeconds: 7200, placed: 380_000, pending: 12 });
 * // 'rows 1,250,000 · simulated 2.0 h · placed 380,000 · pending 12'
 * ```
 */
export function replayProgressLine(p: { rows: number; simulatedSeconds: number; placed: number; pending: number }): string {
  const t = p.simulatedSeconds;
  const time = t >= 86_400 ? `${(t / 86_400).toFixed(1)} d` : t >= 3600 ? `${(t / 3600).toFixed(1)} h` : t >= 60 ? `${(t / 60).toFixed(1)} min` : `${t.toFixed(0)} s`;
  return `rows ${formatNumber(p.rows)} · simulated ${time} · placed ${formatNumber(p.placed)} · pending ${formatNumber(p.pending)}`;
}

/** The task table a single file is read as, by format (Alibaba: by the file's name). */
function taskTableOf(format: TraceFormat, file: string): string {
  if (format === 'google2011') return 'task_events';
  if (format === 'google2019') return 'instance_events';
  const name = basename(file);
  const table = ['batch_instance', 'batch_task', 'container_meta'].find((t) => name.startsWith(t));
  if (table === undefined) throw new UsageError(`${file}: an Alibaba 2018 file must be named after its table (batch_task, batch_instance or container_meta), or give the trace folder`);
  return table;
}

/**
 * Adds `podsim replay` to the program.
 * @internal
 * @example
 * ```ts
 * registerReplay(program, ctx);
 * ```
 */
export function registerReplay(program: Command, ctx: CommandContext): void {
  program
    .command('replay')
    .description('Replay a production trace (Google 2011/2019, Alibaba 2018) under a placement policy.')
    .argument('[trace]', 'the trace folder (tables found by name), or one task table file')
    .option('--format <format>', 'google2011, google2019 or alibaba2018')
    .option('--dir <dir>', 'the trace folder (instead of the argument)')
    .option('--window <start..end>', 'the part of the trace to replay, in trace time (such as 600..4200, 10m..2h, 1d..)')
    .option('--sample <fraction>', 'keep this fraction of the tasks (hashed on task ids, so every run keeps the same)')
    .option('--seed <seed>', 'seed of the sample and of the run')
    .option('--mode <mode>', 'reschedule (podsim places every task), recorded (the trace\'s own placements), or both (each, then compared)', 'reschedule')
    .option('--policy <name>', 'the placement policy in reschedule mode (first-fit, best-fit, kube, …)', 'first-fit')
    .option('--hosts <count:cpu:memory>', 'hosts to use when the trace has no machine table (such as 12500:32:128Gi)')
    .option('--shape <cpu,memory>', 'the largest machine, which the normalised Google figures scale to (default 64,256Gi; Alibaba 96,512Gi)')
    .option('-o, --out <dir>', 'write result.json, containers.csv and timeseries.csv into DIR')
    .option('--parquet', 'with --out, also write containers.parquet and timeseries.parquet')
    .option('-r, --report <file>', 'write a self-contained HTML report with charts (utilisation, queue, per-host heatmap, waits per priority)')
    .option('--interval <duration>', 'seconds between time-series samples (default: 1/200 of --window, or 5m without a window end)')
    .option('--horizon <duration>', 'Google formats: trace time after which a task still running is streamed with its end unknown (default 1h)')
    .option('--json', 'print the result as JSON instead of the summary')
    .option('--exact-waits', 'keep every wait for exact quantiles (default: exact up to 1,048,576 waits, then within ±0.5%, so memory stays flat)')
    .option('--priority-waits <by>', 'waits per trace priority: value, tier (Google 2019 tiers) or none (default: value for google2011, tier for google2019, none for alibaba2018)')
    .addHelpText('after', `
Google traces are read in a worker thread in arrival order and fed to the simulation as it advances
(the result is exactly the replay plan's): memory follows the tasks alive at once, not the trace's
length. Alibaba tables are not in time order: they are read into a plan sorted by arrival first
(about 70 bytes per task). Machines are added and removed at their times; capacity updates are
reported (not_modelled) with their counts. Every row the readers drop or alter is counted by reason
in result.json (trace.reports.tasks.skipped, .notes).

Examples:
  $ podsim replay clusterdata-2011-2/ --format google2011 --window 600..86400 --policy best-fit --out out/
  $ podsim replay cell_a/ --format google2019 --sample 0.1 --out out/ --parquet
  $ podsim replay alibaba/ --format alibaba2018 --mode recorded --json
  $ podsim replay clusterdata-2011-2/ --format google2011 --window 1d..2d --mode both --policy kube --out compare/`)
    .action(async (trace: string | undefined, flags: ReplayFlags) => {
      ctx.command = 'replay';
      const dir = flags.dir ?? trace;
      await replayCommand(ctx, dir === undefined ? flags : { ...flags, dir });
    });
}

async function replayCommand(ctx: CommandContext, flags: ReplayFlags): Promise<void> {
  const { io } = ctx;
  const { options, issues } = parseReplayFlags(flags);
  if (options === undefined) throw new PodsimError(issues, 'invalid podsim replay flags');
  const path = resolve(ctx.cwd, options.source.dir as string);
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw new UsageError(`${options.source.dir}: no such file or folder`);
  }
  const source: TraceSource = isFile ? { format: options.source.format, files: { [taskTableOf(options.source.format, path)]: path } } : { format: options.source.format, dir: path };
  const hosts: HostGroupSpec[] | undefined = options.hosts === undefined ? undefined : [{ name: 'host', count: options.hosts.count, capacity: { cpu: `${options.hosts.cpu}m`, memory: options.hosts.memory } }];
  const w = options.read.window;
  const span = w?.end === undefined ? (options.source.format === 'google2019' ? 31 : 29) * 86_400 - (w?.start ?? 0) : w.end - (w.start ?? 0);
  const interval = options.interval ?? (w?.end === undefined ? 300 : Math.max(1, span / 200));
  const setup: ReplaySetup = { ctx, options, source, span, interval, ...(hosts === undefined ? {} : { hosts }) };
  const info = options.json ? io.stderr : io.stdout;
  if (options.mode !== 'both') {
    const one = await replayOnce(setup, options.mode, options.out, options.report);
    if (options.json) io.stdout.write(JSON.stringify(one.summary, null, 2) + '\n');
    else io.stdout.write(one.text);
    if (one.wrote.length > 0) info.write(`${options.json ? '' : '\n'}wrote ${one.wrote.join(', ')}\n`);
    return;
  }
  // Both modes: each into its own folder (and report), then the comparison.
  const runs = [];
  for (const mode of ['recorded', 'reschedule'] as const) {
    runs.push(await replayOnce(setup, mode, options.out === undefined ? undefined : join(options.out, mode), options.report === undefined ? undefined : withSuffix(options.report, mode)));
  }
  const [recorded, rescheduled] = runs as [ReplayRun, ReplayRun];
  const rows = comparisonRows(recorded.result, rescheduled.result);
  const wrote = [...recorded.wrote, ...rescheduled.wrote];
  if (options.out !== undefined) {
    writeUserFile(ctx.cwd, join(options.out, 'comparison.csv'), csvLines([['figure', 'recorded', 'reschedule', 'difference'], ...rows.map((r) => [r.figure, r.recorded, r.reschedule, r.reschedule - r.recorded])]));
    wrote.push(join(options.out, 'comparison.csv'));
  }
  if (options.json) io.stdout.write(JSON.stringify({ recorded: recorded.summary, reschedule: rescheduled.summary, comparison: rows }, null, 2) + '\n');
  else {
    io.stdout.write(`${recorded.text}\n${rescheduled.text}\n`);
    const s = (x: number): string => formatNumber(x);
    const d = (x: number): string => (x > 0 ? `+${formatNumber(x)}` : x < 0 ? `−${formatNumber(-x)}` : '0');
    io.stdout.write(`recorded vs rescheduled (${rescheduled.policy}; waits in seconds, utilisation as a fraction):\n${textTable(['FIGURE', 'RECORDED', 'RESCHEDULE', 'DIFFERENCE'], rows.map((r) => [r.figure, s(r.recorded), s(r.reschedule), d(r.reschedule - r.recorded)])).replace(/^(?=.)/gm, '  ')}`);
  }
  if (wrote.length > 0) info.write(`${options.json ? '' : '\n'}wrote ${wrote.join(', ')}\n`);
}

/** What every replay of one command shares. */
interface ReplaySetup {
  readonly ctx: CommandContext;
  readonly options: ReplayCommandOptions;
  readonly source: TraceSource;
  readonly hosts?: HostGroupSpec[];
  readonly span: number;
  readonly interval: number;
}

/** One replay's result, what result.json holds, its printed summary, and the files it wrote. */
interface ReplayRun {
  readonly result: ReplayResult;
  readonly summary: Record<string, unknown>;
  readonly text: string;
  readonly policy: string;
  readonly wrote: string[];
}

/** Replays the trace once in `mode`, writing its outputs into `out` and its report to `report` when given. */
async function replayOnce(setup: ReplaySetup, mode: 'reschedule' | 'recorded', out: string | undefined, report: string | undefined): Promise<ReplayRun> {
  const { ctx, options, source, hosts, span, interval } = setup;
  const { io } = ctx;
  let replay: StreamReplay;
  try {
    replay = await openReplayStream(source, options.read, {
      mode,
      scheduler: { policy: options.policy },
      timeseries: { interval },
      ...(options.horizon === undefined ? {} : { horizon: options.horizon }),
      ...(hosts === undefined ? {} : { hosts }),
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(options.priorityWaits === 'none' ? {} : { priorityWaits: options.priorityWaits }),
      ...(options.exactWaits ? { waitStore: { exactUpTo: Infinity } } : {}),
    });
  } catch (e) {
    if (e instanceof PodsimError && e.issues.some((i) => i.code === 'no_hosts')) throw new UsageError(`${options.source.dir}: the trace has no machine table; give --hosts COUNT:CPU:MEMORY`);
    throw e;
  }
  const run = replay.simulation;
  const sink = out === undefined ? undefined : await RecordSink.open(run, resolve(ctx.cwd, out), options.parquet);
  const hostSamples = report === undefined ? undefined : HostSampler.follow(run);
  const progress = new Progress(io, span);
  let result: ReplayResult;
  try {
    result = await replay.run({ onProgress: (now, events) => progress.update(now, events), onStop: async () => sink?.flush() });
  } finally {
    progress.stop();
  }
  await sink?.close();
  const warnings = replay.warnings();
  const summary = { ...result, trace: { ...traceSummary(replay, mode), machineDynamics: replay.machineCounts(), priorityWaits: options.priorityWaits, warnings } };
  for (const w of warnings) io.stderr.write(`podsim replay: warning: ${w.code} ${w.path}: ${w.message}\n`);
  const text = `podsim replay: ${options.source.dir} (${options.source.format}, ${mode}, ${run.scheduler.name})\n\n${keyValueTable([...traceRows(replay), ...summaryRows(result)])}\n${priorityWaitsText(result.priorities, options.source.format)}`;
  const wrote: string[] = [];
  if (out !== undefined) {
    wrote.push(join(out, 'result.json'), join(out, 'containers.csv'), join(out, 'timeseries.csv'));
    if (result.priorities !== undefined) {
      writeUserFile(ctx.cwd, join(out, 'priority-waits.csv'), priorityWaitsCsv(result.priorities));
      wrote.push(join(out, 'priority-waits.csv'));
    }
    writeUserFile(ctx.cwd, join(out, 'result.json'), JSON.stringify(summary, null, 2) + '\n');
    writeUserFile(ctx.cwd, join(out, 'timeseries.csv'), timeSeriesCsv(result.timeseries ?? { time: [], utilization: {}, pending: [], running: [], hostsInUse: [] }));
    if (options.parquet && result.timeseries !== undefined) {
      await writeTimeSeriesParquet(resolve(ctx.cwd, out, 'timeseries.parquet'), result.timeseries);
      wrote.push(join(out, 'containers.parquet'), join(out, 'timeseries.parquet'));
    }
  }
  if (report !== undefined) wrote.push(await writeReport(ctx, report, result, options.source.dir as string, run, hostSamples));
  return { result, summary, text, policy: run.scheduler.name, wrote };
}

/** `report.html` → `report.recorded.html` (the file of one mode when both are run). */
function withSuffix(file: string, mode: string): string {
  const dot = file.lastIndexOf('.');
  return dot > file.lastIndexOf('/') && dot > 0 ? `${file.slice(0, dot)}.${mode}${file.slice(dot)}` : `${file}.${mode}`;
}

/**
 * The figures of a recorded and a rescheduled replay of the same trace side by side: containers,
 * waits, utilisation per resource, the queue, hosts in use, and each priority class's p99 wait. @internal
 * @example
 * ```ts
 * for (const r of comparisonRows(recorded, rescheduled)) console.log(r.figure, r.reschedule - r.recorded);
 * ```
 */
export function comparisonRows(a: ReplayResult, b: ReplayResult): { figure: string; recorded: number; reschedule: number }[] {
  const rows: { figure: string; recorded: number; reschedule: number }[] = [];
  const row = (figure: string, f: (r: ReplayResult) => number | undefined): void => {
    const x = f(a), y = f(b);
    if (x !== undefined || y !== undefined) rows.push({ figure, recorded: x ?? 0, reschedule: y ?? 0 });
  };
  for (const k of ['submitted', 'placed', 'completed', 'rejected', 'failed', 'lost', 'running', 'pending'] as const) row(`containers ${k}`, (r) => r.containers[k]);
  for (const k of ['mean', 'p50', 'p90', 'p99', 'max'] as const) row(`wait ${k}`, (r) => r.wait[k]);
  for (const d of new Set([...Object.keys(a.utilization), ...Object.keys(b.utilization)])) row(`utilisation ${d}`, (r) => r.utilization[d]);
  row('pending queue mean', (r) => r.queue.mean);
  row('pending queue max', (r) => r.queue.max);
  row('hosts peak in use', (r) => r.hosts.peakInUse);
  const classes = new Set([...(a.priorities?.classes ?? []), ...(b.priorities?.classes ?? [])].map((c) => c.priority));
  for (const c of classes) row(`wait p99 (priority ${c})`, (r) => r.priorities?.classes.find((k) => k.priority === c)?.wait.p99);
  return rows;
}

/** Writes the replay's HTML report (as `podsim run --report`, with the per-priority table) and returns its path. */
async function writeReport(ctx: CommandContext, file: string, result: ReplayResult, dir: string, run: Simulation, hosts: HostSampler | undefined): Promise<string> {
  // Sketched waits (a long stream) keep no samples: the CDF is then drawn through the summary.
  const samples = result.wait.relativeError === undefined ? { waitSamples: run.waitSamples() } : {};
  const html = await renderReport({ title: `podsim replay: ${basename(resolve(ctx.cwd, dir))}`, result, sources: [dir], ...samples, ...(hosts === undefined ? {} : { hosts: hosts.build() }), ...(result.priorities === undefined ? {} : { priorities: result.priorities }) });
  writeUserFile(ctx.cwd, file, html);
  return file;
}

/** The printed per-priority section: the table, or why there is none. */
function priorityWaitsText(p: PriorityWaits | undefined, format: TraceFormat): string {
  if (p === undefined) return `per priority: none (${format === 'alibaba2018' ? 'Alibaba 2018 tasks have no priority' : 'not asked: --priority-waits none'})\n`;
  const t = priorityWaitTable(p);
  const title = p.by === 'tier' ? 'per priority tier (Google 2019 tiers' : 'per priority (trace priority values';
  return `${title}; waits in seconds; priorities do not order the queue):\n${textTable(t.header, t.rows).replace(/^(?=.)/gm, '  ')}`;
}

/** The CSV of the per-priority waits: one row per class, every figure at full precision (seconds). @internal @example `priorityWaitsCsv(result.priorities!)` */
export function priorityWaitsCsv(p: PriorityWaits): string {
  const header = ['priority', 'from', 'to', 'tasks', 'placed', 'waited', 'rejected', 'pending', 'mean', 'p50', 'p90', 'p99', 'max', 'censored'];
  return csvLines([header, ...p.classes.map((c) => [c.priority, c.from, c.to, c.tasks, c.placed, c.waited, c.rejected, c.pending, c.wait.mean, c.wait.p50, c.wait.p90, c.wait.p99, c.wait.max, c.wait.censored])]);
}

function readerReport(r: TraceReport | undefined): Record<string, unknown> | undefined {
  return r === undefined ? undefined : { rows: r.rows, records: r.records, badLines: r.badLines, skipped: r.skipped, notes: r.notes };
}

/** What result.json says about the trace: tasks, what the readers counted, what the replay left out, and how it was read. */
function traceSummary(replay: StreamReplay, mode: string): Record<string, unknown> {
  const { tasks, open, maxHeld, dropped } = replay.counts;
  const dictionary = replay.records.tasks.dictionary;
  return {
    mode,
    tasks,
    machineEvents: replay.machines.length,
    machines: dictionary.machines.size,
    jobs: dictionary.jobs.size,
    reports: { tasks: readerReport(replay.records.tasks.report), machines: readerReport(replay.records.machines.report) },
    dropped,
    stream: replay.streaming ? { open, maxHeld } : 'planned (not time-ordered)',
  };
}

function traceRows(replay: StreamReplay): [string, string][] {
  const r = replay.records.tasks.report;
  const { tasks, dropped } = replay.counts;
  const dictionary = replay.records.tasks.dictionary;
  const counts = (o: Readonly<Record<string, number>> | undefined): string => {
    const e = Object.entries(o ?? {}).filter(([, n]) => n > 0);
    return e.length === 0 ? 'none' : e.map(([k, n]) => `${k} ${formatNumber(n)}`).join(', ');
  };
  return [
    ['trace rows', r === undefined ? '-' : formatNumber(r.rows)],
    ['trace tasks', `${formatNumber(tasks)} (${formatNumber(dictionary.jobs.size)} jobs) on ${formatNumber(dictionary.machines.size)} machines`],
    ['rows skipped', counts(r.skipped)],
    ...(Object.keys(dropped).length > 0 ? [['not replayed', counts(dropped)] as [string, string]] : []),
  ];
}
