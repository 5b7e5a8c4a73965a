/**
 * The CPU a container declares it uses, in millicores: a fraction of its CPU request, capped by its CPU
 * limit (a container never runs above its CFS quota). A fraction above 1 is a container that bursts above
 * its request; without a limit nothing caps it.
 *
 * @param fraction - The declared `usage.cpu`, a fraction of the request (drawn once per container when the
 * workload gives a distribution).
 * @param requestMillis - The CPU request, millicores.
 * @param limitMillis - The CPU limit, millicores (`Infinity`: none).
 * @example
 * ```ts
 * declaredCpuMillis(0.6, 500, Infinity); // 300
 * declaredCpuMillis(3, 500, 1000);       // 1000: capped by the limit
 * ```
 */
export function declaredCpuMillis(fraction: number, requestMillis: number, limitMillis: number): number {
  const m = (fraction > 0 ? fraction : 0) * requestMillis;
  return m < limitMillis ? m : limitMillis;
}

/**
 * A host's CPU utilisation for its power model: the CPU counted on it (usage, or requests where usage is
 * unknown) over its capacity, clamped to [0, 1].
 *
 * @example
 * ```ts
 * hostCpuUtilization(3000, 4000); // 0.75
 * hostCpuUtilization(10, 0);      // 0: a host without CPU
 * ```
 */
export function hostCpuUtilization(usedMillis: number, capacityMillis: number): number {
  if (!(capacityMillis > 0) || !(usedMillis > 0)) return 0;
  const u = usedMillis / capacityMillis;
  return u < 1 ? u : 1;
}

/**
 * The mean of a rate over the step `[t, t + step]`, from its exact integral: what a time-varying load is
 * held at between two re-evaluations, so that the CPU-seconds it costs over the step are exact.
 *
 * @example
 * ```ts
 * meanRateOver({ integral: (a, b) => 2 * (b - a) }, 60, 60); // 2
 * ```
 */
export function meanRateOver(rate: { integral(a: number, b: number): number }, t: number, step: number): number {
  return step > 0 ? rate.integral(t, t + step) / step : 0;
}
