// The ReplicaSet and Job controllers as state machines. Job back-off cases ported from
// kubernetes/kubernetes pkg/controller/job/backoff_utils_test.go (TestGetRemainingBackoffTime).
import { describe, expect, it } from 'vitest';
import { JOB_BACKOFF, JobController, jobBackoffRemaining, jobSpecIssues } from '../../src/dynamics/job-controller.js';
import { RS_POD_PENDING, RS_POD_RUNNING, RS_POD_UNKNOWN, podDeletionOrder, replicaSetDiff, type DeletionCandidates } from '../../src/dynamics/replica-set-controller.js';

describe('replicaSetDiff(desired, active)', () => {
  it('creates the missing pods and deletes the surplus, at most burstReplicas (500) per sync', () => {
    expect(replicaSetDiff(5, 3)).toBe(2);
    expect(replicaSetDiff(5, 7)).toBe(-2);
    expect(replicaSetDiff(5, 5)).toBe(0);
    expect(replicaSetDiff(2000, 0)).toBe(500);
    expect(replicaSetDiff(0, 2000)).toBe(-500);
  });
});

describe('podDeletionOrder(pods, now) (controller_utils.go ActivePodsWithRanks)', () => {
  const rows = (r: [number, number, number, number, number, number][]): DeletionCandidates => ({
    n: r.length,
    host: Int32Array.from(r, (x) => x[0]), phase: Uint8Array.from(r, (x) => x[1]), ready: Uint8Array.from(r, (x) => x[2]),
    readyTime: Float64Array.from(r, (x) => x[3]), created: Float64Array.from(r, (x) => x[4]), restarts: Int32Array.from(r, (x) => x[5]),
  });
  it('deletes unscheduled, then pending, unknown, not-ready pods first', () => {
    const pods = rows([
      [0, RS_POD_RUNNING, 1, 10, 0, 0],
      [1, RS_POD_RUNNING, 0, NaN, 0, 0],
      [2, RS_POD_UNKNOWN, 0, NaN, 0, 0],
      [3, RS_POD_PENDING, 0, NaN, 0, 0],
      [-1, RS_POD_PENDING, 0, NaN, 0, 0],
    ]);
    expect([...podDeletionOrder(pods, 1000)]).toEqual([4, 3, 2, 1, 0]);
  });
  it('then pods doubled up on a host, then the more recently ready (log2 scale), more restarts, newer', () => {
    const now = 100_000;
    const pods = rows([
      [0, RS_POD_RUNNING, 1, now - 5000, 0, 0], // alone on host 0, ready long ago
      [1, RS_POD_RUNNING, 1, now - 5000, 0, 0], // host 1 holds two: first
      [1, RS_POD_RUNNING, 1, now - 5000, 0, 0],
      [2, RS_POD_RUNNING, 1, now - 10, 0, 0], // alone, ready 10 s ago: before pod 0
      [3, RS_POD_RUNNING, 1, now - 5000, 0, 3], // alone, same ready bucket as pod 0, restarted: before it
    ]);
    expect([...podDeletionOrder(pods, now)]).toEqual([1, 2, 3, 4, 0]);
  });
});

describe('jobBackoffRemaining (upstream TestGetRemainingBackoffTime: 5 s default, 700 s max)', () => {
  const rows: [string, number, number, number][] = [
    ['no failures', 0, 0, 0],
    ['one failure; current time and failure time are same', 1, 0, 5],
    ['one failure; current time == 1 second + failure time', 1, 1, 4],
    ['one failure; current time == expected backoff time', 1, 5, 0],
    ['one failure; current time == expected backoff time + 1 Second', 1, 6, 0],
    ['three failures; current time and failure time are same', 3, 0, 20],
    ['eight failures; current time and failure time are same; backoff not exceeding maxBackoff', 8, 0, 640],
    ['nine failures; current time and failure time are same; backoff exceeding maxBackoff', 9, 0, 700],
  ];
  it.each(rows)('%s', (_name, failures, elapsed, want) => {
    expect(jobBackoffRemaining(failures, 1000, 1000 + elapsed, 5, 700)).toBe(want);
  });
  it('defaults to the controller\'s 10 s doubling to 600 s', () => {
    expect(JOB_BACKOFF).toEqual({ initial: 10, max: 600 });
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((f) => jobBackoffRemaining(f, 0, 0))).toEqual([10, 20, 40, 80, 160, 320, 600, 600]);
  });
});

describe('JobController', () => {
  it('a back-off whose end rounds to now has ended: it creates instead of asking to sync again at now (which looped for ever)', () => {
    // The failure at t₀ with a 10 s back-off; the sync scheduled at t₀ + 10 runs at a clock where
    // now − t₀ is just under 10, leaving a remaining wait smaller than the clock's resolution.
    const t0 = 1020.8538474376615;
    const job = new JobController({ completions: 3, parallelism: 1, backoffLimit: 6 });
    job.podFailed(t0);
    const now = t0 + JOB_BACKOFF.initial;
    const wait = jobBackoffRemaining(1, t0, now);
    expect(wait).toBeGreaterThan(0);
    expect(now + wait).toBe(now); // the case: the wait cannot move the clock
    const a = job.sync(now, 0);
    expect({ create: a.create, retryAt: a.retryAt }).toEqual({ create: 1, retryAt: NaN });
    // A wait the clock can tell still waits.
    expect(job.sync(t0 + 5, 0)).toMatchObject({ create: 0, retryAt: t0 + 5 + jobBackoffRemaining(1, t0, t0 + 5) });
  });

  it('runs parallelism pods until completions succeed, retrying failures after the back-off', () => {
    const job = new JobController({ completions: 3, parallelism: 2, backoffLimit: 2 });
    expect(job.sync(0, 0)).toMatchObject({ create: 2, finished: '' });
    job.podFailed(30); // one of the two fails
    expect(job.sync(30, 1)).toMatchObject({ create: 0, retryAt: 40 });
    expect(job.sync(40, 1).create).toBe(1);
    job.podSucceeded(50);
    job.podSucceeded(60);
    expect(job.sync(60, 0).create).toBe(1); // one completion left: one pod (not parallelism)
    job.podSucceeded(90);
    expect(job.sync(90, 0)).toMatchObject({ create: 0, finished: 'Complete' });
  });
  it('fails with BackoffLimitExceeded when more pods failed than backoffLimit, deleting the active ones', () => {
    const job = new JobController({ completions: 5, parallelism: 2, backoffLimit: 1 });
    job.sync(0, 0);
    job.podFailed(10);
    expect(job.sync(10, 1).finished).toBe('');
    job.podFailed(12);
    expect(job.sync(12, 0)).toMatchObject({ finished: 'Failed', create: 0 });
    expect(new JobController({ parallelism: 2, completions: 1, backoffLimit: 0 }).sync(0, 3).delete).toBe(2);
  });
  it('doubles the back-off with consecutive failures and resets it on a success', () => {
    const job = new JobController({ completions: 10, parallelism: 1, backoffLimit: 100 });
    job.podFailed(0);
    job.podFailed(1);
    job.podFailed(2);
    expect(job.sync(2, 0).retryAt).toBe(2 + 40);
    job.podSucceeded(3);
    expect(job.sync(3, 0).create).toBe(1);
  });
  it('as a work queue (completions null): parallelism pods, complete when one succeeded and none is active', () => {
    const job = new JobController({ parallelism: 3 });
    expect(job.completions).toBeNull();
    expect(job.sync(0, 0).create).toBe(3);
    job.podSucceeded(10);
    expect(job.sync(10, 2)).toMatchObject({ create: 0, finished: '' });
    expect(job.sync(20, 0).finished).toBe('Complete');
    expect(new JobController({}).completions).toBe(1);
  });
  it('reports bad specs with paths', () => {
    expect(jobSpecIssues({ completions: 1.5, parallelism: -1 }, 'workloads[0]').map((i) => i.path)).toEqual(['workloads[0].completions', 'workloads[0].parallelism']);
  });
});
