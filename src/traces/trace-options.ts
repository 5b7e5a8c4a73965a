import { PodsimError, type Issue } from '../errors.js';

/**
 * The machine that the trace's normalised resources are relative to: Google traces divide every
 * CPU and memory figure by those of the largest machine, Alibaba divides memory by the largest
 * machine's memory. The readers multiply by this shape to get millicores and bytes.
 *
 * @example
 * ```ts
 * const shape: MachineShape = { cpu: 64_000, memory: 256 * 2 ** 30 }; // 64 cores, 256 GiB
 * ```
 */
export interface MachineShape {
  /** CPU of the largest machine in millicores (a positive integer). Alibaba ignores it: its CPU figures are in cores/100. */
  readonly cpu: number;
  /** Memory of the largest machine in bytes (a positive integer). */
  readonly memory: number;
}

/**
 * A slice of trace time to replay, in seconds of trace time (Google: the trace's microseconds / 10⁶;
 * Alibaba: the trace's seconds).
 *
 * @example
 * ```ts
 * const window: TraceWindow = { start: 600, end: 600 + 3600 }; // the first hour of Google 2011
 * ```
 */
export interface TraceWindow {
  /** Start of the window, in seconds of trace time. @defaultValue 0 */
  readonly start?: number;
  /** End of the window, in seconds of trace time. @defaultValue the end of the input */
  readonly end?: number;
}

/**
 * Keep a deterministic fraction of the tasks. Whether a task is kept depends only on its id and the
 * seed, never on the order rows are read in, so every event of a kept task is kept.
 *
 * @example
 * ```ts
 * const sample: TraceSample = { fraction: 0.1, seed: 42 }; // about one task in ten
 * ```
 */
export interface TraceSample {
  /** The share of tasks to keep, from 0 to 1. */
  readonly fraction: number;
  /** Seed of the hash; two seeds keep different tasks. @defaultValue 0 */
  readonly seed?: number | string;
}

/**
 * Options of every trace reader.
 *
 * @example
 * ```ts
 * const options: TraceReadOptions = {
 *   shape: { cpu: 64_000, memory: 256 * 2 ** 30 },
 *   window: { start: 600, end: 4200 },
 *   sample: { fraction: 0.25, seed: 1 },
 *   strict: false,
 * };
 * ```
 */
export interface TraceReadOptions {
  /** The largest machine, used to scale normalised resources to millicores and bytes. */
  readonly shape: MachineShape;
  /** The slice of trace time to replay. @defaultValue the whole input */
  readonly window?: TraceWindow;
  /** Keep only a deterministic fraction of the tasks (machines are never sampled). @defaultValue keep every task */
  readonly sample?: TraceSample;
  /**
   * `true`: a malformed line fails the read with a {@link PodsimError} listing the problems (up to
   * `maxIssues`), raised when the input ends or the list is full. `false`: malformed lines are
   * skipped and listed in the stream's report.
   * @defaultValue true
   */
  readonly strict?: boolean;
  /** How many issues to keep in the report; further ones are only counted. @defaultValue 100 */
  readonly maxIssues?: number;
  /**
   * Keep tasks that were submitted before the window start and are still pending or running when it
   * opens: they are replayed as submitted at time 0 (with their remaining run time).
   * @defaultValue true
   */
  readonly includeRunningAtStart?: boolean;
  /**
   * Google 2019 only: keep alloc instances (`collection_type` 1), which are resource reservations
   * that tasks run inside, rather than tasks.
   * @defaultValue false
   */
  readonly includeAllocs?: boolean;
  /**
   * {@link readTrace} only: parse in a worker thread, which hands typed-array batches over (their
   * buffers moved, not copied) a few batches ahead of the consumer, so that reading overlaps
   * whatever consumes the batches (a simulation) on another core.
   * @defaultValue false
   */
  readonly worker?: boolean;
}

/**
 * Options after validation, with defaults filled in; times in the trace's own unit.
 * @example
 * ```ts
 * const o: ResolvedOptions = resolveOptions({ shape: { cpu: 1000, memory: 1024 } }, 1e6);
 * ```
 */
export interface ResolvedOptions {
  readonly shape: MachineShape;
  /** Window start in trace units (µs for Google, s for Alibaba). */
  readonly start: number;
  /** Window end in trace units; Infinity when open. */
  readonly end: number;
  /** Trace units per second (10⁶ for Google, 1 for Alibaba). */
  readonly perSecond: number;
  readonly sample: TraceSample | undefined;
  readonly strict: boolean;
  readonly maxIssues: number;
  readonly includeRunningAtStart: boolean;
  readonly includeAllocs: boolean;
}

function positiveInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/**
 * Checks reader options and fills in defaults; throws a PodsimError listing every problem.
 * @internal
 * @example
 * ```ts
 * resolveOptions({ shape: { cpu: 64_000, memory: 2 ** 38 }, window: { start: 600 } }, 1e6).start; // 600000000
 * ```
 */
export function resolveOptions(options: TraceReadOptions, perSecond: number): ResolvedOptions {
  const issues: Issue[] = [];
  const o = options as Partial<TraceReadOptions> | undefined;
  if (o === undefined || o === null || typeof o !== 'object') {
    throw new PodsimError([{ code: 'invalid_options', path: '', message: 'trace reader options must be an object with at least `shape`' }]);
  }
  const shape = o.shape as Partial<MachineShape> | undefined;
  if (shape === undefined || typeof shape !== 'object') {
    issues.push({ code: 'required', path: 'shape', message: 'a machine shape `{ cpu, memory }` is needed to scale normalised resources' });
  } else {
    if (!positiveInteger(shape.cpu)) issues.push({ code: 'invalid_quantity', path: 'shape.cpu', message: `${String(shape.cpu)} is not a positive integer number of millicores` });
    if (!positiveInteger(shape.memory)) issues.push({ code: 'invalid_quantity', path: 'shape.memory', message: `${String(shape.memory)} is not a positive integer number of bytes` });
  }
  const start = o.window?.start ?? 0;
  const end = o.window?.end ?? Infinity;
  if (typeof start !== 'number' || !Number.isFinite(start) || start < 0) issues.push({ code: 'invalid_time', path: 'window.start', message: `${String(start)} is not a finite time ≥ 0 in seconds` });
  if (typeof end !== 'number' || Number.isNaN(end) || end < 0) issues.push({ code: 'invalid_time', path: 'window.end', message: `${String(end)} is not a time ≥ 0 in seconds` });
  else if (typeof start === 'number' && end <= start) issues.push({ code: 'empty_window', path: 'window.end', message: `the window ends (${end}) before or when it starts (${start})` });
  if (o.sample !== undefined) {
    const f = o.sample.fraction;
    if (typeof f !== 'number' || !(f >= 0 && f <= 1)) issues.push({ code: 'invalid_fraction', path: 'sample.fraction', message: `${String(f)} is not a fraction between 0 and 1` });
    const s = o.sample.seed;
    if (s !== undefined && typeof s !== 'number' && typeof s !== 'string') issues.push({ code: 'invalid_seed', path: 'sample.seed', message: 'the seed must be a number or a string' });
  }
  const maxIssues = o.maxIssues ?? 100;
  if (!Number.isSafeInteger(maxIssues) || maxIssues < 1) issues.push({ code: 'invalid_option', path: 'maxIssues', message: `${String(maxIssues)} is not a positive integer` });
  if (issues.length > 0) throw new PodsimError(issues, 'invalid trace reader options');
  return {
    shape: shape as MachineShape,
    start: Math.round(start * perSecond),
    end: end === Infinity ? Infinity : Math.round(end * perSecond),
    perSecond,
    sample: o.sample,
    strict: o.strict ?? true,
    maxIssues,
    includeRunningAtStart: o.includeRunningAtStart ?? true,
    includeAllocs: o.includeAllocs ?? false,
  };
}
