import type { Simulator } from '../../engine/simulator.js';
import type { Rng, RandomStreams } from '../../random/streams.js';
import type { CompiledScenario, CompiledWorkload } from '../../scenario/compile.js';
import { JobController } from '../../dynamics/job-controller.js';
import { isJob } from '../../dynamics/controlled-arrival.js';
import { NODE_LIFECYCLE_DEFAULTS, TAINT_UNREACHABLE, noExecuteEvictionDelay, withDefaultTolerations } from '../../dynamics/node-lifecycle.js';
import { StepIntegral } from '../../dynamics/step-integral.js';
import { availabilityRatio } from '../../dynamics/service-load.js';
import { grown } from '../../util/grown.js';

/** @internal What the controllers call to create pods. */
export interface PodMaker {
  submit(workload: number, pinned: number, duration: number): void;
}

/** Why a container was deleted off its host (read when its `lost` event comes). */
export const LOST_FAILURE = 0, LOST_DRAIN = 1, LOST_REMOVE = 2, LOST_JOB = 3;

const KIND_BARE = 0, KIND_SERVICE = 1, KIND_JOB = 2;

/**
 * One workload's figures under dynamics: `result.workloads[name]` for services and Jobs.
 *
 * @example
 * ```ts
 * const w: WorkloadDynamicsResult = { kind: 'service', desired: 3, availability: 0.997, disruptions: 2, replacements: 2, timeToReplacementReady: { count: 2, mean: 341, max: 342 } };
 * ```
 */
export interface WorkloadDynamicsResult {
  readonly kind: 'service' | 'job' | 'pods';
  /** Replicas the controller keeps (services). */
  readonly desired?: number;
  /** Time-average of min(1, ready ÷ desired) over the run (services; `availabilityRatio`). */
  readonly availability?: number;
  /** Pods that lost their host (failure, drain, removal) or were evicted or preempted. */
  readonly disruptions: number;
  /** Pods the controller created to replace lost or failed ones. */
  readonly replacements: number;
  /** Seconds from a replica's loss to its replacement being ready (losses matched to later ready replacements in order). */
  readonly timeToReplacementReady?: { readonly count: number; readonly mean: number; readonly max: number };
  /** Pods deleted for good with their host (bare pods stay lost). */
  readonly lost: number;
  /** Jobs: pods that succeeded and failed, and the Job's condition (`Complete`, `Failed` or `''` while running). */
  readonly succeeded?: number;
  readonly failed?: number;
  readonly status?: '' | 'Complete' | 'Failed';
}

/**
 * @internal The controllers of issue 12 §1 run against the simulation's observation events: a service's
 * ReplicaSet controller replaces a replica that failed or lost its host (after the node lifecycle
 * controller's grace period and the pod's NoExecute toleration, when the host failed); a Job's controller
 * ({@link JobController}) counts successes and failures and creates pods with its back-off; a bare pod that
 * is lost stays lost. They also keep each workload's ready count, for availability and the PDBs.
 */
export class WorkloadControllers {
  /** Live containers (submitted, not yet terminal) per workload. */
  readonly live: Int32Array;
  /** Ready containers on up hosts per workload. */
  readonly ready: Int32Array;
  /** Desired replicas per workload (services; 0 otherwise). */
  readonly desired: Int32Array;
  /** Per slot: 1 while the container counts as ready. */
  private readySlot = new Uint8Array(1024);
  /** Per slot: the time it was placed. */
  private placedAt = new Float64Array(1024);
  /** Why the next `lost` event happens (set by the host fleet right before it removes a container). */
  cause = LOST_FAILURE;
  private readonly kind: Uint8Array;
  private readonly jobs: (JobController | undefined)[];
  private readonly avail: (StepIntegral | undefined)[];
  private readonly disruptions: Int32Array;
  private readonly replacements: Int32Array;
  private readonly lostCount: Int32Array;
  /** Jobs: failed or lost pods not yet replaced. */
  private readonly jobDebt: Int32Array;
  private readonly lossTimes: number[][];
  private readonly ttr: { n: number; sum: number; max: number }[];
  /** Seconds from a host failure to its pods' replacement: grace period + the pod's NoExecute toleration. */
  private readonly failureDelay: Float64Array;
  private readonly rng: Rng[];
  private readonly REPLACE: number;
  private readonly JOB_SYNC: number;

  constructor(private readonly sim: Simulator, private readonly s: CompiledScenario, streams: RandomStreams, private readonly maker: PodMaker) {
    const W = s.workloads.length;
    this.live = new Int32Array(W);
    this.ready = new Int32Array(W);
    this.desired = new Int32Array(W);
    this.kind = new Uint8Array(W);
    this.disruptions = new Int32Array(W);
    this.replacements = new Int32Array(W);
    this.lostCount = new Int32Array(W);
    this.jobDebt = new Int32Array(W);
    this.failureDelay = new Float64Array(W);
    this.lossTimes = s.workloads.map(() => []);
    this.ttr = s.workloads.map(() => ({ n: 0, sum: 0, max: 0 }));
    this.rng = s.workloads.map((w) => streams.get(`controller/${w.name}`));
    const grace = s.parsed.nodeMonitorGracePeriod ?? NODE_LIFECYCLE_DEFAULTS.nodeMonitorGracePeriod;
    this.jobs = s.parsed.workloads.map((w, i) => {
      // kube-controller-manager: NotReady after the grace period, then the taint-eviction controller deletes the
      // pod when its unreachable:NoExecute toleration (DefaultTolerationSeconds 300 s unless its own) runs out.
      this.failureDelay[i] = grace + noExecuteEvictionDelay(withDefaultTolerations(w.tolerations), [TAINT_UNREACHABLE]);
      if (w.replicas !== undefined) {
        this.kind[i] = KIND_SERVICE;
        this.desired[i] = w.replicas;
      } else if (isJob(w)) this.kind[i] = KIND_JOB;
      return isJob(w) ? new JobController({ completions: w.completions, parallelism: w.parallelism, backoffLimit: w.backoffLimit }) : undefined;
    });
    this.avail = s.workloads.map((_, i) => (this.kind[i] === KIND_SERVICE ? new StepIntegral(0, availabilityRatio(0, this.desired[i] as number)) : undefined));
    this.REPLACE = sim.on((w) => this.replace(w));
    this.JOB_SYNC = sim.on((w) => this.jobSync(w));
  }

  /** Whether the slot's container counts as ready now. */
  isReady(slot: number): boolean {
    return slot < this.readySlot.length && this.readySlot[slot] === 1;
  }

  /** When the slot's container was placed. */
  placedTime(slot: number): number {
    return this.placedAt[slot] as number;
  }

  submitted(w: number): void {
    this.live[w] = (this.live[w] as number) + 1;
  }

  rejected(w: number): void {
    this.live[w] = (this.live[w] as number) - 1;
    if (this.kind[w] === KIND_JOB) this.sim.schedule(0, this.JOB_SYNC, w);
  }

  placed(slot: number): void {
    if (slot >= this.placedAt.length) {
      this.placedAt = grown(this.placedAt, 2 * slot + 2);
      this.readySlot = grown(this.readySlot, 2 * slot + 2);
    }
    this.placedAt[slot] = this.sim.now;
    this.readySlot[slot] = 0;
  }

  /** A container became ready (`hostUp`: its host is up). */
  becameReady(slot: number, w: number, hostUp: boolean): void {
    if (!hostUp) return;
    this.readySlot[slot] = 1;
    this.setReady(w, (this.ready[w] as number) + 1);
    const losses = this.lossTimes[w] as number[];
    if (losses.length > 0 && this.kind[w] !== KIND_BARE) {
      const d = this.sim.now - (losses.shift() as number);
      const t = this.ttr[w] as { n: number; sum: number; max: number };
      t.n++; t.sum += d; if (d > t.max) t.max = d;
    }
  }

  /** The container stops counting as ready (it left, or its host failed). */
  unready(slot: number, w: number): void {
    if (slot >= this.readySlot.length || this.readySlot[slot] === 0) return;
    this.readySlot[slot] = 0;
    this.setReady(w, (this.ready[w] as number) - 1);
  }

  /** An eviction or preemption: the cycle queues the container again itself. */
  disrupted(slot: number, w: number): void {
    this.unready(slot, w);
    this.disruptions[w] = (this.disruptions[w] as number) + 1;
  }

  /** A container ended: `outcome` 0 finished, 1 failed, 2 lost (deleted with its host; {@link cause} says why). */
  ended(slot: number, w: number, outcome: 0 | 1 | 2): void {
    this.unready(slot, w);
    this.live[w] = (this.live[w] as number) - 1;
    const kind = this.kind[w] as number;
    if (outcome === 2) {
      this.disruptions[w] = (this.disruptions[w] as number) + 1;
      this.lostCount[w] = (this.lostCount[w] as number) + 1;
      if (this.cause === LOST_JOB) return;
      (this.lossTimes[w] as number[]).push(this.sim.now);
      const delay = this.cause === LOST_FAILURE ? (this.failureDelay[w] as number) : 0;
      if (kind === KIND_SERVICE && delay !== Infinity) this.sim.schedule(delay, this.REPLACE, w);
      if (kind === KIND_JOB && delay !== Infinity) this.sim.schedule(delay, this.JOB_SYNC, -1 - w);
      return;
    }
    if (kind === KIND_SERVICE && outcome === 1) {
      (this.lossTimes[w] as number[]).push(this.sim.now);
      this.sim.schedule(0, this.REPLACE, w);
    } else if (kind === KIND_JOB) {
      const j = this.jobs[w] as JobController;
      if (outcome === 0) j.podSucceeded(this.sim.now);
      else { j.podFailed(this.sim.now); this.jobDebt[w] = (this.jobDebt[w] as number) + 1; }
      this.sim.schedule(0, this.JOB_SYNC, w);
    }
  }

  /** Jobs to delete active pods of (after BackoffLimitExceeded), set by a sync. */
  onJobFinished: ((w: number) => void) | undefined;

  private replace(w: number): void {
    // ReplicaSet manageReplicas (pkg/controller/replicaset/replica_set.go): create desired − active.
    if ((this.live[w] as number) >= (this.desired[w] as number)) return;
    this.replacements[w] = (this.replacements[w] as number) + 1;
    this.maker.submit(w, -1, this.duration(w));
  }

  // data ≥ 0: a sync; data < 0: a lost pod of workload −1 − data reaches its deletion (counts as failed).
  private jobSync(data: number): void {
    let w = data;
    const j0 = this.jobs[data < 0 ? -1 - data : data] as JobController;
    if (data < 0) { w = -1 - data; j0.podFailed(this.sim.now); this.jobDebt[w] = (this.jobDebt[w] as number) + 1; }
    const j = j0;
    const was = j.finished;
    const a = j.sync(this.sim.now, this.live[w] as number);
    if (a.finished !== '') {
      if (was === '' && a.delete > 0) this.onJobFinished?.(w);
      return;
    }
    const debt = Math.min(a.create, this.jobDebt[w] as number);
    this.jobDebt[w] = (this.jobDebt[w] as number) - debt;
    this.replacements[w] = (this.replacements[w] as number) + debt;
    for (let i = 0; i < a.create; i++) this.maker.submit(w, -1, this.duration(w));
    if (!Number.isNaN(a.retryAt)) this.sim.scheduleAt(a.retryAt, this.JOB_SYNC, w);
  }

  private duration(w: number): number {
    const d = (this.s.workloads[w] as CompiledWorkload).duration;
    return d === undefined ? Infinity : d(this.rng[w] as Rng);
  }

  private setReady(w: number, n: number): void {
    this.ready[w] = n;
    this.avail[w]?.set(this.sim.now, availabilityRatio(n, this.desired[w] as number));
  }

  /** `result.workloads`: services, Jobs, and bare workloads that lost pods. */
  result(T: number): Record<string, WorkloadDynamicsResult> {
    const out: Record<string, WorkloadDynamicsResult> = {};
    this.s.workloads.forEach((wl, w) => {
      const kind = this.kind[w] as number;
      const lost = this.lostCount[w] as number;
      if (kind === KIND_BARE && lost === 0 && this.disruptions[w] === 0) return;
      const t = this.ttr[w] as { n: number; sum: number; max: number };
      const j = this.jobs[w];
      out[wl.name] = {
        kind: kind === KIND_SERVICE ? 'service' : kind === KIND_JOB ? 'job' : 'pods',
        ...(kind === KIND_SERVICE ? { desired: this.desired[w] as number, availability: T > 0 ? (this.avail[w] as StepIntegral).mean(T) : 1 } : {}),
        disruptions: this.disruptions[w] as number,
        replacements: this.replacements[w] as number,
        ...(kind !== KIND_BARE ? { timeToReplacementReady: { count: t.n, mean: t.n > 0 ? t.sum / t.n : 0, max: t.max } } : {}),
        lost,
        ...(j !== undefined ? { succeeded: j.succeeded, failed: j.failed, status: j.finished } : {}),
      };
    });
    return out;
  }
}
