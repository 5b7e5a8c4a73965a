import type { Issue } from '../../errors.js';
import { PodsimError } from '../../errors.js';
import { checkDistribution, meanOf, type DistributionSpec } from '../../random/distributions.js';
import type { WorkloadSpec } from '../../scenario/schema.js';
import { jobWaves } from '../parts.js';
import { cronArrivals, type CronOptions } from './cron.js';

/**
 * The workload fields every generator passes through unchanged: everything but the arrival
 * process, count, horizon and duration, which the generator derives.
 *
 * @example
 * ```ts
 * const base: GeneratedWorkloadBase = { name: 'etl', request: { cpu: 1, memory: '2Gi' }, priority: 10 };
 * ```
 */
export type GeneratedWorkloadBase = Omit<WorkloadSpec, 'arrival' | 'count' | 'horizon' | 'duration'>;

/**
 * A batch job: `tasks` containers, `parallelism` at a time.
 *
 * @example
 * ```ts
 * const spec: BatchJobSpec = { name: 'etl', tasks: 100, parallelism: 10, duration: { distribution: 'constant', value: 30 }, request: { cpu: 1 } };
 * ```
 */
export type BatchJobSpec = GeneratedWorkloadBase & {
  /** How many tasks (containers) in all (≥ 0). */
  readonly tasks: number;
  /** How many run at once: tasks arrive in waves of this size. @defaultValue tasks (all at once) */
  readonly parallelism?: number;
  /** When the job starts, in seconds. @defaultValue 0 */
  readonly at?: number;
  /** How long each task runs. */
  readonly duration: DistributionSpec;
};

/**
 * A long-running service: `replicas` containers arriving together and running until the end.
 *
 * @example
 * ```ts
 * const spec: ServiceSpec = { name: 'web', replicas: 3, request: { cpu: '500m', memory: '1Gi' } };
 * ```
 */
export type ServiceSpec = GeneratedWorkloadBase & {
  /** How many replicas (≥ 0). */
  readonly replicas: number;
  /** When they arrive, in seconds. @defaultValue 0 */
  readonly at?: number;
};

/**
 * A cron job: a batch of tasks at every time of a schedule.
 *
 * @example
 * ```ts
 * const spec: CronWorkloadSpec = { name: 'backup', schedule: '0 * * * *', horizon: 86400, duration: { distribution: 'constant', value: 300 }, request: { cpu: 2 } };
 * ```
 */
export type CronWorkloadSpec = GeneratedWorkloadBase & Omit<CronOptions, 'maxArrivals'> & {
  /** The schedule (Kubernetes CronJob syntax). */
  readonly schedule: string;
  /** Tasks per run. @defaultValue 1 */
  readonly tasks?: number;
  /** Tasks per run at once. @defaultValue tasks */
  readonly parallelism?: number;
  /** How long each task runs. */
  readonly duration: DistributionSpec;
};

/**
 * A workload with given arrival times (from {@link thinningArrivals}, {@link mmppArrivals}, a trace …).
 *
 * @example
 * ```ts
 * const spec: ArrivalsWorkloadSpec = { name: 'api', times: [0, 1.5, 2], duration: { distribution: 'exponential', mean: 5 }, request: { cpu: 1 } };
 * ```
 */
export type ArrivalsWorkloadSpec = GeneratedWorkloadBase & {
  /** Arrival times in seconds (sorted here). */
  readonly times: readonly number[];
  /** How long each container runs. @defaultValue until the end of the simulation */
  readonly duration?: DistributionSpec;
};

function check(issues: Issue[], what: string): void {
  if (issues.length > 0) throw new PodsimError(issues, `invalid ${what}`);
}

function count(v: unknown, path: string, issues: Issue[]): void {
  if (!(typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 10_000_000)) issues.push({ code: 'invalid_value', path, message: `must be a whole number from 0 to 10000000, got ${String(v)}` });
}

function time(v: unknown, path: string, issues: Issue[]): void {
  if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v >= 0)) issues.push({ code: 'invalid_value', path, message: `must be a finite number of seconds ≥ 0, got ${String(v)}` });
}

function duration(d: DistributionSpec, issues: Issue[]): number {
  checkDistribution(d, 'duration', issues);
  const m = issues.length === 0 ? meanOf(d) : 0;
  if (!Number.isFinite(m)) issues.push({ code: 'invalid_value', path: 'duration', message: 'must have a finite mean (waves are spaced by it)' });
  return m;
}

function build(base: GeneratedWorkloadBase, times: number[], d: DistributionSpec | undefined): WorkloadSpec {
  const out = { ...base, arrival: { process: 'explicit' as const, times } } as Record<string, unknown>;
  for (const k of ['tasks', 'parallelism', 'at', 'replicas', 'schedule', 'horizon', 'start', 'timeZone']) delete out[k];
  if (d !== undefined) out['duration'] = d;
  return out as unknown as WorkloadSpec;
}

/**
 * A batch job of N tasks as a scenario workload: explicit arrivals in waves of `parallelism`,
 * spaced by the mean task duration (exact when durations are constant).
 *
 * @throws PodsimError listing every bad parameter.
 * @example
 * ```ts
 * batchJob({ name: 'etl', tasks: 5, parallelism: 2, duration: { distribution: 'constant', value: 60 }, request: { cpu: 1 } })
 *   .arrival; // { process: 'explicit', times: [0, 0, 60, 60, 120] }
 * ```
 */
export function batchJob(spec: BatchJobSpec): WorkloadSpec {
  const issues: Issue[] = [];
  count(spec.tasks, 'tasks', issues);
  if (spec.parallelism !== undefined) count(spec.parallelism, 'parallelism', issues);
  time(spec.at, 'at', issues);
  const mean = duration(spec.duration, issues);
  check(issues, 'batch job');
  const { name, tasks, parallelism, at, duration: d, ...rest } = spec;
  return build({ name, ...rest }, jobWaves(tasks, parallelism ?? tasks, at ?? 0, mean), d);
}

/**
 * A long-running service with replicas as a scenario workload: `replicas` arrivals at `at`, no duration.
 *
 * @throws PodsimError listing every bad parameter.
 * @example
 * ```ts
 * longRunningService({ name: 'web', replicas: 3, request: { cpu: 1 } }).arrival.times; // [0, 0, 0]
 * ```
 */
export function longRunningService(spec: ServiceSpec): WorkloadSpec {
  const issues: Issue[] = [];
  count(spec.replicas, 'replicas', issues);
  time(spec.at, 'at', issues);
  check(issues, 'service');
  const { name, replicas, at, ...rest } = spec;
  return build({ name, ...rest }, new Array<number>(replicas).fill(at ?? 0), undefined);
}

/**
 * A cron job as a scenario workload: at every time of the schedule over the horizon, a batch of
 * `tasks` tasks in waves of `parallelism`.
 *
 * @throws PodsimError listing every bad parameter or schedule.
 * @example
 * ```ts
 * cronWorkload({ name: 'backup', schedule: '0 *\/6 * * *', horizon: 86400, duration: { distribution: 'constant', value: 600 }, request: { cpu: 2 } })
 *   .arrival.times; // [0, 21600, 43200, 64800, 86400]
 * ```
 */
export function cronWorkload(spec: CronWorkloadSpec): WorkloadSpec {
  const issues: Issue[] = [];
  const tasks = spec.tasks ?? 1;
  count(tasks, 'tasks', issues);
  if (spec.parallelism !== undefined) count(spec.parallelism, 'parallelism', issues);
  const mean = duration(spec.duration, issues);
  check(issues, 'cron workload');
  const fires = cronArrivals(spec.schedule, { horizon: spec.horizon, start: spec.start, timeZone: spec.timeZone });
  const times: number[] = [];
  for (const t of fires) for (const x of jobWaves(tasks, spec.parallelism ?? tasks, t, mean)) times.push(x);
  times.sort((a, b) => a - b);
  const { name, schedule, tasks: _t, parallelism, duration: d, horizon, start, timeZone, ...rest } = spec;
  return build({ name, ...rest }, times, d);
}

/**
 * A scenario workload with the given arrival times (such as those drawn by {@link thinningArrivals}
 * or {@link mmppArrivals}).
 *
 * @throws PodsimError when a time is negative or not finite.
 * @example
 * ```ts
 * arrivalsWorkload({ name: 'api', times: mmppArrivals(spec, { horizon: 3600 }), duration: { distribution: 'exponential', mean: 2 }, request: { cpu: '250m' } });
 * ```
 */
export function arrivalsWorkload(spec: ArrivalsWorkloadSpec): WorkloadSpec {
  const issues: Issue[] = [];
  spec.times.forEach((t, i) => time(t, `times[${i}]`, issues));
  if (spec.duration !== undefined) checkDistribution(spec.duration, 'duration', issues);
  check(issues, 'workload');
  const { name, times, duration: d, ...rest } = spec;
  return build({ name, ...rest }, [...times].sort((a, b) => a - b), d);
}
