import { grown } from '../util/grown.js';

/** Pod phases in {@link HpaPods.phase}. @example `pods.push(POD_RUNNING, READY_TRUE, 0, 30, 500, 60, 30, 1000)` */
export const POD_PENDING = 0;
/** @see POD_PENDING @example `POD_RUNNING` */
export const POD_RUNNING = 1;
/** A failed pod (phase Failed): ignored by the HPA. @example `POD_FAILED` */
export const POD_FAILED = 2;
/** A pod being deleted (deletionTimestamp set): ignored by the HPA. @example `POD_DELETING` */
export const POD_DELETING = 3;

/** The pod's Ready condition in {@link HpaPods.ready}: absent. @example `READY_NONE` */
export const READY_NONE = -1;
/** Ready condition False. @example `READY_FALSE` */
export const READY_FALSE = 0;
/** Ready condition True. @example `READY_TRUE` */
export const READY_TRUE = 1;

/** How the replica calculator treats a pod (replica_calculator.go `groupPods`): counted with its sample. @example `cls[i] === GROUP_READY` */
export const GROUP_READY = 0;
/** Pending, or (for CPU) not yet settled: left out, and counted at 0 % on a scale-up. @example `GROUP_UNREADY` */
export const GROUP_UNREADY = 1;
/** Running without a metric sample: 100 % of its request on a scale-down, 0 % on a scale-up. @example `GROUP_MISSING` */
export const GROUP_MISSING = 2;
/** Failed or being deleted: ignored entirely. @example `GROUP_IGNORED` */
export const GROUP_IGNORED = 3;

/**
 * The pods an HPA observes at one sync, as struct-of-arrays (one row per pod matching the target's selector).
 * Reuse one instance across syncs: {@link HpaPods.clear} then {@link HpaPods.push}; nothing is allocated
 * once it has grown to the largest pod count.
 *
 * Times are simulation seconds; CPU in millicores (metrics-server reports whole millicores).
 *
 * @example
 * ```ts
 * const pods = new HpaPods();
 * // phase, ready, start, ready transition, usage, sample time, sample window, request
 * pods.push(POD_RUNNING, READY_TRUE, 0, 10, 700, 600, 30, 1000);
 * pods.push(POD_PENDING, READY_NONE, NaN, NaN, NaN, NaN, NaN, 1000);
 * ```
 */
export class HpaPods {
  /** Rows in use. */
  n = 0;
  phase: Uint8Array<ArrayBuffer>;
  /** {@link READY_NONE}, {@link READY_FALSE} or {@link READY_TRUE}. */
  ready: Int8Array<ArrayBuffer>;
  /** `status.startTime`; NaN when the pod has not started. */
  startTime: Float64Array<ArrayBuffer>;
  /** The Ready condition's `lastTransitionTime`; NaN when there is no condition. */
  readyTransitionTime: Float64Array<ArrayBuffer>;
  /** The CPU sample in millicores; NaN when metrics-server has none for this pod. */
  usage: Float64Array<ArrayBuffer>;
  /** The sample's timestamp (the end of its window). */
  metricTime: Float64Array<ArrayBuffer>;
  /** The sample's window, seconds. */
  metricWindow: Float64Array<ArrayBuffer>;
  /** The pod's CPU request in millicores (the sum over its containers). */
  request: Float64Array<ArrayBuffer>;

  constructor(capacity = 16) {
    this.phase = new Uint8Array(capacity);
    this.ready = new Int8Array(capacity);
    this.startTime = new Float64Array(capacity);
    this.readyTransitionTime = new Float64Array(capacity);
    this.usage = new Float64Array(capacity);
    this.metricTime = new Float64Array(capacity);
    this.metricWindow = new Float64Array(capacity);
    this.request = new Float64Array(capacity);
  }

  /** Forgets every row (keeps the memory). */
  clear(): void {
    this.n = 0;
  }

  /** Appends one pod; returns its row. */
  push(phase: number, ready: number, startTime: number, readyTransitionTime: number, usage: number, metricTime: number, metricWindow: number, request: number): number {
    if (this.n === this.phase.length) this.grow(this.n * 2);
    const i = this.n++;
    this.phase[i] = phase;
    this.ready[i] = ready;
    this.startTime[i] = startTime;
    this.readyTransitionTime[i] = readyTransitionTime;
    this.usage[i] = usage;
    this.metricTime[i] = metricTime;
    this.metricWindow[i] = metricWindow;
    this.request[i] = request;
    return i;
  }

  private grow(n: number): void {
    this.phase = grown(this.phase, n);
    this.ready = grown(this.ready, n);
    this.startTime = grown(this.startTime, n);
    this.readyTransitionTime = grown(this.readyTransitionTime, n);
    this.usage = grown(this.usage, n);
    this.metricTime = grown(this.metricTime, n);
    this.metricWindow = grown(this.metricWindow, n);
    this.request = grown(this.request, n);
  }
}

/**
 * Sorts each pod into ready, unready, missing or ignored, as the replica calculator does for a CPU
 * resource metric (kubernetes/kubernetes pkg/controller/podautoscaler/replica_calculator.go `groupPods`):
 *
 * - failed or being deleted: ignored;
 * - pending: unready;
 * - no metric sample: missing;
 * - no Ready condition or no start time: unready;
 * - within `cpuInitializationPeriod` of its start: unready if not Ready, or if its sample's window began
 *   before it last became Ready (the sample may hold start-up CPU);
 * - later: unready only if not Ready and it has never been Ready (its Ready condition last changed within
 *   `initialReadinessDelay` of its start).
 *
 * @param pods - The observed pods.
 * @param now - The sync time, seconds.
 * @param cpuInitializationPeriod - Seconds. @defaultValue 300
 * @param initialReadinessDelay - Seconds. @defaultValue 30
 * @param out - Receives one GROUP_* code per row (length ≥ pods.n).
 * @returns The number of ready pods.
 * @example
 * ```ts
 * const cls = new Uint8Array(pods.n);
 * const ready = groupHpaPods(pods, 600, 300, 30, cls);
 * ```
 */
export function groupHpaPods(pods: HpaPods, now: number, cpuInitializationPeriod: number, initialReadinessDelay: number, out: Uint8Array): number {
  let ready = 0;
  for (let i = 0; i < pods.n; i++) {
    const phase = pods.phase[i] as number;
    let g: number;
    if (phase === POD_FAILED || phase === POD_DELETING) g = GROUP_IGNORED;
    else if (phase === POD_PENDING) g = GROUP_UNREADY;
    else if (Number.isNaN(pods.usage[i] as number)) g = GROUP_MISSING;
    else {
      const cond = pods.ready[i] as number;
      const start = pods.startTime[i] as number;
      const transition = pods.readyTransitionTime[i] as number;
      let unready: boolean;
      if (cond === READY_NONE || Number.isNaN(start)) unready = true;
      else if (start + cpuInitializationPeriod > now) {
        // metric.Timestamp.Before(condition.LastTransitionTime.Add(metric.Window))
        unready = cond === READY_FALSE || (pods.metricTime[i] as number) < transition + (pods.metricWindow[i] as number);
      } else {
        unready = cond === READY_FALSE && start + initialReadinessDelay > transition;
      }
      g = unready ? GROUP_UNREADY : GROUP_READY;
    }
    out[i] = g;
    if (g === GROUP_READY) ready++;
  }
  return ready;
}
