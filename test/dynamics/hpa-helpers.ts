// Builds HpaPods the way upstream's HPA tests build their fake pods and metrics.
import { HpaPods, POD_DELETING, POD_FAILED, POD_PENDING, POD_RUNNING, READY_FALSE, READY_TRUE } from '../../src/dynamics/hpa-pods.js';

/** Go's zero time.Time, long before any `now` the tests use. */
export const ZERO = -1e12;
/** `hotCPUCreationTime()`: now. `coolCPUCreationTime()`: three minutes ago. */
export const HOT = 0;
export const COOL = -180;

export interface FixturePods {
  /** Pods listed: max(currentReplicas, phases given). */
  readonly count: number;
  /** CPU request per pod, millicores. */
  readonly requests: readonly number[];
  /** CPU usage per pod, millicores; pods past the end have no sample. */
  readonly levels: readonly number[];
  readonly readiness?: readonly ('T' | 'F')[];
  readonly start?: readonly number[];
  readonly phase?: readonly ('Running' | 'Pending' | 'Failed')[];
  readonly deleting?: readonly boolean[];
  /** The Ready condition's lastTransitionTime per pod (default: ZERO, or the start time when `transitionAtStart`). */
  readonly transitionAtStart?: boolean;
  /** The samples' timestamp and window. */
  readonly metricTime?: number;
  readonly window?: number;
}

export function fixturePods(f: FixturePods): HpaPods {
  const pods = new HpaPods(2);
  for (let i = 0; i < f.count; i++) {
    const ph = f.phase?.[i] ?? 'Running';
    const deleting = f.deleting?.[i] ?? false;
    const phase = deleting ? POD_DELETING : ph === 'Pending' ? POD_PENDING : ph === 'Failed' ? POD_FAILED : POD_RUNNING;
    const ready = (f.readiness?.[i] ?? 'T') === 'T' ? READY_TRUE : READY_FALSE;
    const start = f.start?.[i] ?? ZERO;
    const transition = f.transitionAtStart === true ? start : ZERO;
    const usage = i < f.levels.length ? (f.levels[i] as number) : NaN;
    pods.push(phase, ready, start, transition, usage, f.metricTime ?? ZERO, f.window ?? 60, f.requests[i] ?? 0);
  }
  return pods;
}

/** Upstream's test defaults: cpuInitializationPeriod 2 min, delayOfInitialReadinessStatus 10 s. */
export const TEST_INIT = 120;
export const TEST_DELAY = 10;
