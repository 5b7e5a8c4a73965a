import { availableParallelism } from 'node:os';
import type { Issue } from '../errors.js';
import { didYouMean } from '../inputs/did-you-mean.js';
import type { ExperimentRunner, RunnerFactory } from './runner.js';
import { resolveQueueOptions, type QueueOptions, type ResolvedQueueOptions } from './queue/queue-options.js';

/**
 * Sequential replication: start with `min` replications per point and add more until the
 * confidence interval of `metric` is within `relativeHalfWidth` of its mean, or `max` is reached.
 *
 * @example
 * ```ts
 * const reps: SequentialReplications = { min: 5, max: 200, relativeHalfWidth: 0.05, metric: 'wait.p99' };
 * ```
 */
export interface SequentialReplications {
  /** Replications to start with, ≥ 2. @defaultValue 5 */
  readonly min?: number;
  /** Replications at most. @defaultValue 100 */
  readonly max?: number;
  /** The target: the interval's half-width over |mean| (0.05 for ±5%). Required by `experiment()`; `findCapacity()` instead adds replications until each decision is clear. */
  readonly relativeHalfWidth?: number;
  /** The metric the target applies to. @defaultValue the first metric */
  readonly metric?: string;
}

/**
 * How many replications: a fixed count, or a sequential plan.
 *
 * @example
 * ```ts
 * const a: Replications = 10;
 * const b: Replications = { min: 5, max: 200, relativeHalfWidth: 0.05 };
 * ```
 */
export type Replications = number | SequentialReplications;

/**
 * Progress of a running experiment or capacity search. `total` is the runs planned so far; with
 * sequential replication or a search it grows as the experiment decides to run more.
 *
 * @example
 * ```ts
 * const p: ExperimentProgress = { done: 12, total: 60, failed: 0 };
 * ```
 */
export interface ExperimentProgress {
  readonly done: number;
  readonly total: number;
  readonly failed: number;
}

/** The options `experiment()` and `findCapacity()` share. @internal */
export interface CommonOptions {
  readonly confidence?: number;
  readonly warmup?: number | 'auto';
  readonly replications?: Replications;
  readonly workers?: number;
  /** Also return every run's whole result (memory grows with the runs). @defaultValue false */
  readonly keepResults?: boolean;
  /** Called after every run with the counts so far. @defaultValue none */
  readonly onProgress?: (progress: ExperimentProgress) => void;
  /**
   * Where the runs execute: a factory of {@link ExperimentRunner}s (a Redis queue, a shard …).
   * @defaultValue in this thread for `workers: 1`, else a pool of worker threads
   */
  readonly runner?: RunnerFactory;
  /**
   * Run on a Redis job queue (BullMQ) instead of this machine: `{ connection: 'redis://host:6379/0' }`.
   * Workers anywhere (`podsim worker`, `runWorker()`) run the jobs; see docs/distributed.md.
   * @defaultValue none: the runs execute here
   */
  readonly queue?: QueueOptions;
}

/** {@link CommonOptions} with defaults applied and checked. @internal */
export interface ResolvedCommon {
  readonly confidence: number;
  readonly warmup: number | 'auto';
  readonly replications: { readonly fixed: boolean; readonly min: number; readonly max: number; readonly relativeHalfWidth?: number; readonly metric?: string };
  readonly workers: number;
  readonly keepResults: boolean;
  readonly onProgress?: (progress: ExperimentProgress) => void;
  readonly runner?: RunnerFactory;
  readonly queue?: ResolvedQueueOptions;
}

/** The defaults that `experiment()` and `findCapacity()` document. @internal */
export const DEFAULTS = { confidence: 0.95, replications: 10, sequentialMin: 5, sequentialMax: 100 } as const;

const isWhole = (x: unknown, min: number): x is number => typeof x === 'number' && Number.isInteger(x) && x >= min;

/**
 * Reports option names that the API does not know, with the closest known one.
 * @internal
 */
export function checkKnownKeys(options: object, known: readonly string[], issues: Issue[]): void {
  for (const k of Object.keys(options)) {
    if (!known.includes(k)) issues.push({ code: 'unknown_option', path: k, message: `unknown option ${JSON.stringify(k)}${didYouMean(k, known)}` });
  }
}

/**
 * Applies the defaults of the shared options and checks them, adding every problem to `issues`.
 * @internal
 */
export function resolveCommon(o: CommonOptions, issues: Issue[], replicationDefault: Replications): ResolvedCommon {
  const confidence = o.confidence ?? DEFAULTS.confidence;
  if (!(typeof confidence === 'number' && confidence > 0 && confidence < 1)) issues.push({ code: 'invalid_value', path: 'confidence', message: `must be a number strictly between 0 and 1 (such as 0.95), got ${JSON.stringify(confidence)}` });
  const warmup = o.warmup ?? 0;
  if (!(warmup === 'auto' || (typeof warmup === 'number' && Number.isFinite(warmup) && warmup >= 0))) issues.push({ code: 'invalid_value', path: 'warmup', message: `must be a number of seconds ≥ 0 or 'auto', got ${JSON.stringify(warmup)}` });
  const reps = o.replications ?? replicationDefault;
  let replications: ResolvedCommon['replications'] = { fixed: true, min: 2, max: 2 };
  if (typeof reps === 'number') {
    if (!isWhole(reps, 2)) issues.push({ code: 'invalid_value', path: 'replications', message: `must be a whole number ≥ 2 (an interval needs two replications), got ${JSON.stringify(reps)}` });
    else replications = { fixed: true, min: reps, max: reps };
  } else if (typeof reps === 'object' && reps !== null) {
    checkKnownKeys(reps, ['min', 'max', 'relativeHalfWidth', 'metric'], issues);
    const min = reps.min ?? DEFAULTS.sequentialMin;
    const max = reps.max ?? Math.max(min, DEFAULTS.sequentialMax);
    const before = issues.length;
    if (!isWhole(min, 2)) issues.push({ code: 'invalid_value', path: 'replications.min', message: `must be a whole number ≥ 2, got ${JSON.stringify(min)}` });
    if (!isWhole(max, 2)) issues.push({ code: 'invalid_value', path: 'replications.max', message: `must be a whole number ≥ 2, got ${JSON.stringify(max)}` });
    else if (isWhole(min, 2) && max < min) issues.push({ code: 'invalid_value', path: 'replications.max', message: `must be at least min (${min}), got ${max}` });
    const rhw = reps.relativeHalfWidth;
    if (rhw !== undefined && !(typeof rhw === 'number' && rhw > 0 && Number.isFinite(rhw))) issues.push({ code: 'invalid_value', path: 'replications.relativeHalfWidth', message: `must be a number > 0 (such as 0.05 for ±5%), got ${JSON.stringify(rhw)}` });
    if (reps.metric !== undefined && typeof reps.metric !== 'string') issues.push({ code: 'invalid_value', path: 'replications.metric', message: 'must be a dotted path of the result, such as wait.p99' });
    if (issues.length === before) {
      replications = { fixed: false, min, max, ...(rhw !== undefined ? { relativeHalfWidth: rhw } : {}), ...(reps.metric !== undefined ? { metric: reps.metric } : {}) };
    }
  } else {
    issues.push({ code: 'invalid_value', path: 'replications', message: `must be a whole number or { min, max, relativeHalfWidth, metric }, got ${JSON.stringify(reps)}` });
  }
  const workers = o.workers ?? availableParallelism();
  if (!isWhole(workers, 1)) issues.push({ code: 'invalid_value', path: 'workers', message: `must be a whole number ≥ 1, got ${JSON.stringify(workers)}` });
  if (o.keepResults !== undefined && typeof o.keepResults !== 'boolean') issues.push({ code: 'invalid_value', path: 'keepResults', message: 'must be true or false' });
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') issues.push({ code: 'invalid_value', path: 'onProgress', message: 'must be a function' });
  if (o.runner !== undefined && typeof o.runner !== 'function') issues.push({ code: 'invalid_value', path: 'runner', message: 'must be a function (scenario, hash) => ExperimentRunner' });
  if (o.runner !== undefined && o.queue !== undefined) issues.push({ code: 'invalid_value', path: 'queue', message: 'cannot be combined with runner: give one place for the runs to execute' });
  const queue = o.queue === undefined ? undefined : resolveQueueOptions(o.queue, issues);
  return {
    confidence, warmup, replications, workers, keepResults: o.keepResults ?? false,
    ...(o.onProgress !== undefined ? { onProgress: o.onProgress } : {}),
    ...(o.runner !== undefined ? { runner: o.runner } : {}),
    ...(queue !== undefined ? { queue } : {}),
  };
}
