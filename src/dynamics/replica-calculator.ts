import { GROUP_IGNORED, GROUP_MISSING, GROUP_READY, GROUP_UNREADY, groupHpaPods, type HpaPods } from './hpa-pods.js';

/**
 * What {@link resourceReplicas} found besides the replica count (written into a reusable object).
 *
 * @example
 * ```ts
 * const out = newReplicaCalculation();
 * resourceReplicas(3, 50, pods, 600, tolerances(0.1), 300, 30, out);
 * out.utilization; // the current CPU utilisation, whole percent of requests
 * ```
 */
export interface ReplicaCalculation {
  /** Current utilisation of the counted pods, whole percent of their requests (truncated as upstream). */
  utilization: number;
  /** Mean usage of the counted pods, millicores (truncated). */
  rawUtilization: number;
  /** Pods counted ready / unready / missing / ignored at this sync. */
  ready: number;
  unready: number;
  missing: number;
  ignored: number;
  /** Why no count could be computed (`''` when one was). */
  error: '' | 'no_pods' | 'no_metrics' | 'no_requests';
  /** Scratch: one GROUP_* code per pod. */
  groups: Uint8Array;
}

/** A fresh {@link ReplicaCalculation}. @example `const out = newReplicaCalculation();` */
export function newReplicaCalculation(): ReplicaCalculation {
  return { utilization: 0, rawUtilization: 0, ready: 0, unready: 0, missing: 0, ignored: 0, error: '', groups: new Uint8Array(16) };
}

/**
 * Scale-up and scale-down tolerances (replica_calculator.go `Tolerances`): no change while
 * `1 − scaleDown ≤ ratio ≤ 1 + scaleUp`.
 *
 * @example
 * ```ts
 * const t: Tolerances = { scaleUp: 0.1, scaleDown: 0.1 };
 * ```
 */
export interface Tolerances {
  readonly scaleUp: number;
  readonly scaleDown: number;
}

/** The same tolerance both ways. @example `tolerances(0.1)` */
export function tolerances(t: number): Tolerances {
  return { scaleUp: t, scaleDown: t };
}

/** `Tolerances.isWithin`. @example `withinTolerance({ scaleUp: 0.1, scaleDown: 0.1 }, 1.05); // true` */
export function withinTolerance(t: Tolerances, ratio: number): boolean {
  return 1 - t.scaleDown <= ratio && ratio <= 1 + t.scaleUp;
}

// metrics/utilization.go GetResourceUtilizationRatio: currentUtilization = int32(metricsTotal*100/requestsTotal),
// integer division. Inputs are whole millicores, so this division is exact in floating point up to the last
// step; the correction keeps it exact even where the quotient rounds up to the next integer.
function percentOf(used: number, requested: number): number {
  const num = used * 100;
  let u = Math.floor(num / requested);
  if (u * requested > num) u--;
  return u;
}

/**
 * The desired replica count for a CPU utilisation target, exactly as the HPA's replica calculator computes
 * it (kubernetes/kubernetes pkg/controller/podautoscaler/replica_calculator.go `GetResourceReplicas`):
 *
 * 1. pods are grouped ({@link groupHpaPods}); unready and ignored pods' samples are dropped;
 * 2. `utilization = ⌊100 · Σusage / Σrequest⌋` over the pods with samples, `ratio = utilization / target`;
 * 3. with no unready pods on a scale-up and no missing pods: `current` within the tolerance, else
 *    `⌈ratio · ready⌉`;
 * 4. otherwise missing pods count at `max(100, target)` % of their request on a scale-down and 0 on a
 *    scale-up, unready pods at 0 on a scale-up, and the ratio is recomputed; no change if that lands within
 *    the tolerance or flips the direction, else `⌈newRatio · counted⌉` unless that count flips it.
 *
 * @param currentReplicas - The target's `spec.replicas`.
 * @param targetUtilization - The target average utilisation, whole percent of requests (e.g. 70).
 * @param pods - The pods the HPA's selector matches.
 * @param now - The sync time, seconds.
 * @param tol - The tolerances.
 * @param cpuInitializationPeriod - Seconds (upstream default 300).
 * @param initialReadinessDelay - Seconds (upstream default 30).
 * @param out - Receives the utilisation and counts; reused across calls.
 * @returns The desired replicas, or -1 when none can be computed (`out.error` says why; the HPA then keeps
 *   the current count).
 * @example
 * ```ts
 * const pods = new HpaPods();
 * for (const u of [300, 500, 700]) pods.push(POD_RUNNING, READY_TRUE, -1e6, -1e6, u, 0, 30, 1000);
 * resourceReplicas(3, 30, pods, 0, tolerances(0.1), 300, 30, newReplicaCalculation()); // 5
 * ```
 */
export function resourceReplicas(
  currentReplicas: number, targetUtilization: number, pods: HpaPods, now: number, tol: Tolerances,
  cpuInitializationPeriod: number, initialReadinessDelay: number, out: ReplicaCalculation,
): number {
  out.error = '';
  out.ready = out.unready = out.missing = out.ignored = 0;
  const n = pods.n;
  if (n === 0) { out.error = 'no_pods'; return -1; }
  if (out.groups.length < n) out.groups = new Uint8Array(Math.max(n, out.groups.length * 2));
  const g = out.groups;
  const readyPodCount = groupHpaPods(pods, now, cpuInitializationPeriod, initialReadinessDelay, g);
  let used = 0, requested = 0, entries = 0;
  for (let i = 0; i < n; i++) {
    const k = g[i] as number;
    if (k === GROUP_READY) {
      out.ready++;
      used += pods.usage[i] as number;
      requested += pods.request[i] as number;
      entries++;
    } else if (k === GROUP_UNREADY) out.unready++;
    else if (k === GROUP_MISSING) out.missing++;
    else if (k === GROUP_IGNORED) out.ignored++;
  }
  if (entries === 0) { out.error = 'no_metrics'; return -1; }
  if (requested <= 0) { out.error = 'no_requests'; return -1; }
  const utilization = percentOf(used, requested);
  out.utilization = utilization;
  out.rawUtilization = Math.trunc(used / entries);
  const usageRatio = utilization / targetUtilization;

  const scaleUpWithUnready = out.unready > 0 && usageRatio > 1.0;
  if (!scaleUpWithUnready && out.missing === 0) {
    if (withinTolerance(tol, usageRatio)) return currentReplicas;
    return Math.ceil(usageRatio * readyPodCount);
  }

  // Re-run the utilisation with the missing and unready pods filled in.
  const fallback = Math.max(100, targetUtilization);
  let used2 = used, requested2 = requested, entries2 = entries;
  for (let i = 0; i < n; i++) {
    const k = g[i] as number;
    const req = pods.request[i] as number;
    if (k === GROUP_MISSING) {
      if (usageRatio < 1.0) {
        used2 += Math.trunc((req * fallback) / 100);
        requested2 += req;
        entries2++;
      } else if (usageRatio > 1.0) {
        requested2 += req;
        entries2++;
      }
      // usageRatio exactly 1: upstream leaves missing pods out of the second pass.
    } else if (k === GROUP_UNREADY && scaleUpWithUnready) {
      requested2 += req;
      entries2++;
    }
  }
  const newUsageRatio = percentOf(used2, requested2) / targetUtilization;
  if (withinTolerance(tol, newUsageRatio) || (usageRatio < 1.0 && newUsageRatio > 1.0) || (usageRatio > 1.0 && newUsageRatio < 1.0)) {
    return currentReplicas;
  }
  const newReplicas = Math.ceil(newUsageRatio * entries2);
  if ((newUsageRatio < 1.0 && newReplicas > currentReplicas) || (newUsageRatio > 1.0 && newReplicas < currentReplicas)) return currentReplicas;
  return newReplicas;
}
