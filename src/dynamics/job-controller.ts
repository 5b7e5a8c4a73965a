import type { Issue } from '../errors.js';
import { joinPath } from '../errors.js';

/**
 * A Job's spec as podsim models it (batch/v1, NonIndexed completion mode, restartPolicy Never).
 *
 * @example
 * ```ts
 * const j: JobSpec = { completions: 10, parallelism: 3, backoffLimit: 4 };
 * ```
 */
export interface JobSpec {
  /** Successes needed; `null` for a work queue (done when one pod succeeded and none is active). @defaultValue 1 (with parallelism also left out), else null */
  readonly completions?: number | null | undefined;
  /** Most pods at once. @defaultValue 1 */
  readonly parallelism?: number | undefined;
  /** Failed pods tolerated: the Job fails when more than this many have failed. @defaultValue 6 */
  readonly backoffLimit?: number | undefined;
}

/**
 * The job controller's pod-failure back-off (pkg/controller/job/job_controller.go `DefaultJobPodFailureBackOff`,
 * `MaxJobPodFailureBackOff`), seconds. The Job documentation speaks of a six-minute cap; the controller's
 * constant is ten minutes, which is what podsim uses.
 *
 * @example
 * ```ts
 * JOB_BACKOFF.initial; // 10
 * ```
 */
export const JOB_BACKOFF = Object.freeze({ initial: 10, max: 600 });

/**
 * Seconds to wait before creating replacement pods after `failures` consecutive failures (since the last
 * success), the last at `lastFailure` (pkg/controller/job/backoff_utils.go `getRemainingTimeForFailuresCount`):
 * `initial · 2^(failures−1)`, capped at `max`, minus the time already passed; 0 without failures.
 *
 * @example
 * ```ts
 * jobBackoffRemaining(3, 100, 100); // 40
 * ```
 */
export function jobBackoffRemaining(failures: number, lastFailure: number, now: number, initial: number = JOB_BACKOFF.initial, max: number = JOB_BACKOFF.max): number {
  if (failures === 0) return 0;
  let d = initial;
  for (let i = 1; i < failures; i++) {
    d *= 2;
    if (d >= max) { d = max; break; }
  }
  const elapsed = now - lastFailure;
  return d < elapsed ? 0 : d - elapsed;
}

/**
 * What a Job sync decided.
 *
 * @example
 * ```ts
 * const a: JobAction = { create: 2, delete: 0, retryAt: NaN, finished: '' };
 * ```
 */
export interface JobAction {
  /** Pods to create now. */
  create: number;
  /** Active pods to delete now (a finished Job deletes its active pods; surplus over `wantActive` too). */
  delete: number;
  /** When to sync again because of the failure back-off (NaN: no need). */
  retryAt: number;
  /** `Complete`, `Failed` (BackoffLimitExceeded), or '' while running. */
  finished: '' | 'Complete' | 'Failed';
}

/**
 * The Job controller for one NonIndexed Job, as a state machine: report pod outcomes with
 * {@link JobController.podSucceeded} / {@link JobController.podFailed}, then {@link JobController.sync} with
 * the number of active pods; it says how many pods to create, and when the Job is done
 * (pkg/controller/job/job_controller.go `syncJob` and `manageJob`, backoff_utils.go `newBackoffRecord`).
 *
 * @example
 * ```ts
 * const job = new JobController({ completions: 3, parallelism: 2, backoffLimit: 1 });
 * job.sync(0, 0).create;       // 2
 * job.podFailed(30);
 * job.sync(30, 1);             // { create: 0, retryAt: 40, … }: 10 s back-off
 * job.sync(40, 1).create;      // 1
 * ```
 */
export class JobController {
  readonly completions: number | null;
  readonly parallelism: number;
  readonly backoffLimit: number;
  succeeded = 0;
  failed = 0;
  /** Failures since the last success (the back-off record). */
  failuresAfterLastSuccess = 0;
  lastFailureTime = NaN;
  private readonly out: JobAction = { create: 0, delete: 0, retryAt: NaN, finished: '' };
  private done: '' | 'Complete' | 'Failed' = '';

  constructor(spec: JobSpec, readonly backoffInitial: number = JOB_BACKOFF.initial, readonly backoffMax: number = JOB_BACKOFF.max) {
    // batch/v1 defaults (pkg/apis/batch/v1/defaults.go): both unset → 1 and 1.
    const bothUnset = spec.completions === undefined && spec.parallelism === undefined;
    this.completions = spec.completions === undefined ? (bothUnset ? 1 : null) : spec.completions;
    this.parallelism = spec.parallelism ?? 1;
    this.backoffLimit = spec.backoffLimit ?? 6;
  }

  /** A pod of the Job succeeded at `t` (resets the back-off). */
  podSucceeded(t: number): void {
    void t;
    this.succeeded++;
    this.failuresAfterLastSuccess = 0;
    this.lastFailureTime = NaN;
  }

  /** A pod of the Job failed at `t` (its host was lost, it was evicted, or it exited non-zero). */
  podFailed(t: number): void {
    this.failed++;
    this.failuresAfterLastSuccess++;
    if (!(this.lastFailureTime >= t)) this.lastFailureTime = t;
  }

  /** The Job's condition so far. */
  get finished(): '' | 'Complete' | 'Failed' {
    return this.done;
  }

  /**
   * One sync at `now` with `active` pods running or pending. The returned object is reused.
   */
  sync(now: number, active: number): JobAction {
    const o = this.out;
    o.create = 0; o.delete = 0; o.retryAt = NaN;
    if (this.done === '') {
      if (this.failed > this.backoffLimit) this.done = 'Failed';
      else if (this.completions !== null ? this.succeeded >= this.completions : this.succeeded > 0 && active === 0) this.done = 'Complete';
    }
    o.finished = this.done;
    if (this.done !== '') { o.delete = active; return o; }
    let want: number;
    if (this.completions === null) want = this.succeeded > 0 ? active : this.parallelism;
    else want = Math.max(0, Math.min(this.completions - this.succeeded, this.parallelism));
    if (active > want) o.delete = active - want;
    else if (active < want) {
      const wait = jobBackoffRemaining(this.failuresAfterLastSuccess, this.lastFailureTime, now, this.backoffInitial, this.backoffMax);
      // A back-off left shorter than the clock can tell from now (the sync scheduled at its end, with
      // now − lastFailure rounded just under it) has ended: waiting for now + wait, which is now,
      // would sync again at the same instant for ever.
      if (now + wait > now) o.retryAt = now + wait;
      else o.create = want - active;
    }
    return o;
  }
}

/**
 * Problems with a {@link JobSpec}: whole numbers, parallelism and backoffLimit ≥ 0, completions ≥ 0.
 *
 * @example
 * ```ts
 * jobSpecIssues({ parallelism: -1 }, 'workloads[2]'); // [{ code: 'invalid_job', path: 'workloads[2].parallelism', … }]
 * ```
 */
export function jobSpecIssues(spec: JobSpec, path: string): Issue[] {
  const out: Issue[] = [];
  const check = (k: 'completions' | 'parallelism' | 'backoffLimit') => {
    const v = spec[k];
    if (v !== undefined && v !== null && (!Number.isInteger(v) || v < 0)) out.push({ code: 'invalid_job', path: joinPath(path, k), message: `must be a whole number ≥ 0, got ${v}` });
  };
  check('completions'); check('parallelism'); check('backoffLimit');
  return out;
}
