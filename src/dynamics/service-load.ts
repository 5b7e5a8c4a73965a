import { diurnalRate, piecewiseRate, type DiurnalRateSpec, type PiecewiseRateSpec, type RateModel } from '../inputs/generators/rates.js';

/**
 * A service's offered load in requests per second: a constant, or one of the workload generators'
 * time-varying rates.
 *
 * @example
 * ```ts
 * const noonPeak: LoadRateSpec = { diurnal: { base: 200, amplitude: 0.6, period: 86400, phase: 21600 } };
 * const steps: LoadRateSpec = { piecewise: { times: [0, 3600], rates: [100, 300] } };
 * ```
 */
export type LoadRateSpec = number | { readonly diurnal: DiurnalRateSpec } | { readonly piecewise: PiecewiseRateSpec };

/**
 * Compiles a load rate into the generators' {@link RateModel} (its value, bound and exact integral).
 *
 * @throws PodsimError when the spec is invalid (all problems at once).
 * @example
 * ```ts
 * compileLoadRate(50).rate(1234); // 50
 * ```
 */
export function compileLoadRate(spec: LoadRateSpec): RateModel {
  if (typeof spec === 'number') {
    const r = spec;
    return { rate: () => r, max: r, integral: (a, b) => r * (b - a) };
  }
  return 'diurnal' in spec ? diurnalRate(spec.diurnal) : piecewiseRate(spec.piecewise);
}

/**
 * The CPU each ready replica of a service uses, in millicores: the offered load times the CPU-seconds per
 * request, spread evenly over the ready replicas, capped by each replica's CPU limit. No ready replica:
 * nothing is served (the load is not carried over).
 *
 * @param rate - Requests per second now.
 * @param cpuPerRequest - CPU-seconds per request.
 * @param ready - Ready replicas.
 * @param limitMillis - Each replica's CPU limit in millicores (Infinity: none).
 * @example
 * ```ts
 * replicaCpuMillis(200, 0.02, 4, Infinity); // 1000: 4 cores of demand over 4 replicas
 * replicaCpuMillis(200, 0.02, 4, 500);      // 500: capped by the limit
 * ```
 */
export function replicaCpuMillis(rate: number, cpuPerRequest: number, ready: number, limitMillis: number): number {
  if (ready <= 0) return 0;
  const each = (rate * cpuPerRequest * 1000) / ready;
  return each < limitMillis ? each : limitMillis;
}

/**
 * A service's availability at an instant: ready replicas over desired, at most 1 (1 when none is desired).
 * Time-average it with a `StepIntegral` for `result.workloads[name].availability`.
 *
 * @example
 * ```ts
 * availabilityRatio(3, 4); // 0.75
 * ```
 */
export function availabilityRatio(ready: number, desired: number): number {
  if (desired <= 0) return 1;
  return ready >= desired ? 1 : ready / desired;
}
