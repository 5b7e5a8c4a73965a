import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import type { ExperimentProgress, Replications } from '../../experiments/options.js';
import type { QueueOptions } from '../../experiments/queue/queue-options.js';
import type { Slo } from '../../experiments/slo-decision.js';
import { formatNumber } from '../../report/format.js';
import type { CliIo } from '../cli-io.js';
import { parseCount, parseDuration, parsePositiveDuration } from '../parse-values.js';
import { UsageError } from '../usage-error.js';
import { writeUserFile } from '../write-file.js';

// Flags and progress shared by `podsim sweep` and `podsim plan`.

/**
 * A value as typed on the command line: a number when it reads as one, `true`/`false`, else text.
 * @internal
 * @example
 * ```ts
 * parseScalar('12'); // 12
 * parseScalar('kube'); // 'kube'
 * ```
 */
export function parseScalar(text: string): number | string | boolean {
  const t = text.trim();
  if (/^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i.test(t)) return Number(t);
  if (t === 'true' || t === 'false') return t === 'true';
  return t;
}

/**
 * `lo..hi` (with an optional `:step`) as the numbers it spans, or undefined when `text` is not a range.
 * @internal
 * @example
 * ```ts
 * parseSpan('8..12:2'); // [8, 10, 12]
 * ```
 */
export function parseSpan(text: string): number[] | undefined {
  const m = /^\s*([-+]?\d*\.?\d+)\s*\.\.\s*([-+]?\d*\.?\d+)\s*(?::\s*(\d*\.?\d+))?\s*$/.exec(text);
  if (m === null) return undefined;
  const lo = Number(m[1]), hi = Number(m[2]), step = m[3] === undefined ? 1 : Number(m[3]);
  if (!(lo <= hi) || !(step > 0)) throw new InvalidArgumentError(`${text}: expected low..high with low ≤ high (and a step > 0).`);
  const n = Math.floor((hi - lo) / step + 1e-9) + 1;
  if (n > 100_000) throw new InvalidArgumentError(`${text}: spans ${n} values; at most 100,000.`);
  return Array.from({ length: n }, (_, i) => Number((lo + i * step).toPrecision(12)));
}

/**
 * `--vary path=v1,v2,…` (values may include `lo..hi[:step]` spans), accumulated over repeated flags.
 * @internal
 * @example
 * ```ts
 * parseVary('hosts[0].count=8,10,12', {}); // { 'hosts[0].count': [8, 10, 12] }
 * ```
 */
export function parseVary(text: string, previous: Record<string, unknown[]> = {}): Record<string, unknown[]> {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`${text}: expected path=value,value,… such as 'hosts[0].count=8,10,12'.`);
  const path = text.slice(0, eq).trim();
  if (path in previous) throw new InvalidArgumentError(`${path} is varied twice; give all its values in one --vary.`);
  const values: unknown[] = [];
  for (const part of text.slice(eq + 1).split(',')) {
    if (part.trim() === '') throw new InvalidArgumentError(`${text}: an empty value.`);
    values.push(...(parseSpan(part) ?? [parseScalar(part)]));
  }
  return { ...previous, [path]: values };
}

/**
 * `--baseline path=value`, accumulated.
 * @internal
 */
export function parseBaseline(text: string, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`${text}: expected path=value such as scheduler.policy=best-fit.`);
  return { ...previous, [text.slice(0, eq).trim()]: parseScalar(text.slice(eq + 1)) };
}

/**
 * `--reps N` or `--reps MIN..MAX`.
 * @internal
 * @example
 * ```ts
 * parseReps('10'); // 10
 * parseReps('5..200'); // { min: 5, max: 200 }
 * ```
 */
export function parseReps(text: string): Replications {
  const m = /^\s*(\d+)\s*\.\.\s*(\d+)\s*$/.exec(text);
  if (m !== null) return { min: Number(m[1]), max: Number(m[2]) };
  return parseCount(text, 2);
}

/**
 * `--slo 'metric<=value'` or `'metric>=value'`, accumulated.
 * @internal
 * @example
 * ```ts
 * parseSloFlag('wait.p99<=1', {}); // { 'wait.p99': { max: 1 } }
 * ```
 */
export function parseSloFlag(text: string, previous: Record<string, Slo> = {}): Record<string, Slo> {
  const m = /^\s*([^<>=\s]+)\s*(<=|>=)\s*(\S+)\s*$/.exec(text);
  if (m === null) throw new InvalidArgumentError(`${text}: expected metric<=value or metric>=value, such as 'wait.p99<=1'.`);
  const v = Number(m[3]);
  if (!Number.isFinite(v)) throw new InvalidArgumentError(`${text}: ${m[3]} is not a number.`);
  const metric = m[1] as string;
  return { ...previous, [metric]: { ...previous[metric], [m[2] === '<=' ? 'max' : 'min']: v } };
}

/** `--confidence 0.95`. @internal */
export function parseConfidence(text: string): number {
  const v = Number(text);
  if (!(v > 0 && v < 1)) throw new InvalidArgumentError('expected a level strictly between 0 and 1, such as 0.95.');
  return v;
}

/** `--warmup 600`, `--warmup 10m` or `--warmup auto`. @internal */
export function parseWarmup(text: string): number | 'auto' {
  return text.trim() === 'auto' ? 'auto' : parseDuration(text);
}

/**
 * Adds the flags `sweep` and `plan` share.
 * @internal
 */
export function addExperimentOptions(command: Command): Command {
  return command
    .option('--confidence <level>', 'two-sided confidence level of the intervals (default 0.95)', parseConfidence)
    .option('--warmup <seconds|auto>', 'seconds deleted from the start of each run, or auto (MSER-5 on pilot runs) (default 0)', parseWarmup)
    .option('--workers <n>', 'worker threads; 1 runs in this process (default: the cores available)', (t: string) => parseCount(t, 1))
    .option('--queue <url>', 'run on a Redis job queue, redis://[:password@]host:port/db or rediss:// for TLS (password also from PODSIM_REDIS_PASSWORD); workers run it: podsim worker --queue <url>')
    .option('--resume', 'with --queue: use the results already stored for this sweep, and rerun only the rest')
    .option('--fresh', 'with --queue: delete what Redis holds for this sweep first')
    .option('--attempts <n>', 'with --queue: attempts per run before it counts as failed (default 3)', (t: string) => parseCount(t, 1))
    .option('--run-timeout <duration>', 'with --queue: how long one run may take on a worker, such as 10m (default 10m)', parsePositiveDuration)
    .option('-o, --out <dir>', 'write points.csv and points.json into DIR')
    .option('-r, --report <file>', 'write a self-contained HTML report with charts')
    .option('--json', 'print the result as JSON instead of the table');
}

/**
 * A progress bar for runs, with the ETA, on stderr when it is a terminal and the work has taken a
 * second already; otherwise silent.
 * @internal
 */
export class RunsProgress {
  private bar: cliProgress.SingleBar | undefined;
  private readonly clock: () => number;
  private readonly start: number;

  constructor(private readonly io: CliIo, private readonly label: string, private readonly delayMs = 1000) {
    this.clock = io.clock ?? (() => performance.now());
    this.start = this.clock();
  }

  /** Reports runs done and planned. */
  readonly update = (p: ExperimentProgress): void => {
    if (this.bar === undefined) {
      if (this.io.stderr.isTTY !== true || this.clock() - this.start < this.delayMs) return;
      this.bar = new cliProgress.SingleBar({
        stream: this.io.stderr as NodeJS.WritableStream,
        format: `${this.label} [{bar}] {value}/{total} runs{failed} | ETA {eta_formatted}`,
        hideCursor: true, clearOnComplete: true, barsize: 30, fps: 10, etaBuffer: 50,
      }, cliProgress.Presets.shades_classic);
      this.bar.start(p.total, p.done, { failed: '' });
    }
    this.bar.setTotal(p.total);
    this.bar.update(p.done, { failed: p.failed > 0 ? `, ${formatNumber(p.failed)} failed` : '' });
  };

  /** Removes the bar. */
  stop(): void {
    this.bar?.stop();
    this.bar = undefined;
  }
}

/** The flags `addExperimentOptions` adds. @internal */
export interface ExperimentFlags {
  confidence?: number;
  warmup?: number | 'auto';
  workers?: number;
  out?: string;
  report?: string;
  json?: boolean;
  queue?: string;
  resume?: boolean;
  fresh?: boolean;
  attempts?: number;
  runTimeout?: number;
}

/**
 * The `queue` option the queue flags ask for (`--queue`, `--resume`, `--fresh`, `--attempts`,
 * `--run-timeout`), or undefined without `--queue`. The password may come from
 * `PODSIM_REDIS_PASSWORD` instead of the URL, which keeps it out of the process list.
 * @internal
 */
export function queueFromFlags(io: CliIo, flags: ExperimentFlags): QueueOptions | undefined {
  if (flags.queue === undefined) {
    const stray = (['resume', 'fresh', 'attempts', 'runTimeout'] as const).find((k) => flags[k] !== undefined);
    if (stray !== undefined) throw new UsageError(`--${stray === 'runTimeout' ? 'run-timeout' : stray} applies to a sweep on a queue: add --queue redis://host:6379/0`);
    return undefined;
  }
  if (flags.workers !== undefined) throw new UsageError('--workers sets threads on this machine; with --queue the runs execute on the workers (podsim worker --queue … --concurrency N)');
  const password = (io.env ?? process.env).PODSIM_REDIS_PASSWORD;
  return {
    connection: password !== undefined && password !== '' ? { url: flags.queue, password } : flags.queue,
    ...(flags.resume === true ? { resume: true } : {}),
    ...(flags.fresh === true ? { fresh: true } : {}),
    ...(flags.attempts !== undefined ? { attempts: flags.attempts } : {}),
    ...(flags.runTimeout !== undefined ? { runTimeout: Math.round(flags.runTimeout * 1000) } : {}),
    log: (line: string) => { io.stderr.write(`${line}\n`); },
  };
}

/**
 * Runs an experiment or a search with its progress bar and the shared flags (`--confidence`,
 * `--warmup`, `--workers`) as options, removing the bar however it ends.
 * @internal
 */
export async function withProgress<T>(io: CliIo, label: string, flags: ExperimentFlags, run: (common: { confidence?: number; warmup?: number | 'auto'; workers?: number; queue?: QueueOptions; onProgress: (p: ExperimentProgress) => void }) => Promise<T>): Promise<T> {
  const fromFlags = queueFromFlags(io, flags);
  // On a queue, SIGINT (Ctrl-C) and SIGTERM stop the coordinator cleanly: it lets go of the sweep,
  // whose queued runs stay with the workers, and says how to resume.
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => { io.stderr.write(`${signal}: stopping the coordinator\n`); stop.abort(); };
  const queue = fromFlags === undefined ? undefined : { ...fromFlags, signal: stop.signal };
  if (queue !== undefined) for (const s of ['SIGINT', 'SIGTERM'] as const) process.once(s, onSignal);
  const progress = new RunsProgress(io, label);
  try {
    return await run({
      ...(flags.confidence !== undefined ? { confidence: flags.confidence } : {}),
      ...(flags.warmup !== undefined ? { warmup: flags.warmup } : {}),
      ...(flags.workers !== undefined ? { workers: flags.workers } : {}),
      ...(queue !== undefined ? { queue } : {}),
      onProgress: progress.update,
    });
  } finally {
    progress.stop();
    for (const s of ['SIGINT', 'SIGTERM'] as const) process.off(s, onSignal);
  }
}

/**
 * Writes `--out DIR` (points.csv, points.json) and `--report FILE`, and says what it wrote (on stderr
 * with `--json`, so that stdout stays JSON).
 * @internal
 */
export async function writeExperimentOutputs(ctx: { readonly cwd: string; readonly io: CliIo }, flags: ExperimentFlags, csv: () => string, json: () => string, html: () => Promise<string>): Promise<void> {
  const wrote: string[] = [];
  if (flags.out !== undefined) {
    writeUserFile(ctx.cwd, join(flags.out, 'points.csv'), csv());
    writeUserFile(ctx.cwd, join(flags.out, 'points.json'), json());
    wrote.push(join(flags.out, 'points.csv'), join(flags.out, 'points.json'));
  }
  if (flags.report !== undefined) {
    writeUserFile(ctx.cwd, flags.report, await html());
    wrote.push(flags.report);
  }
  if (wrote.length > 0) (flags.json ? ctx.io.stderr : ctx.io.stdout).write(`${flags.json ? '' : '\n'}wrote ${wrote.join(', ')}\n`);
}
