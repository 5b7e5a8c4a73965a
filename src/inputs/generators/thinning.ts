import { PodsimError } from '../../errors.js';
import { resolveArrivalOptions, tooManyArrivals, type ArrivalOptions } from './arrival-options.js';
import { diurnalRate, piecewiseRate, type DiurnalRateSpec, type PiecewiseRateSpec, type RateModel } from './rates.js';

/**
 * Draws arrival times of a non-homogeneous Poisson process by thinning (Lewis and Shedler):
 * candidates come from a homogeneous process at `model.max`, and one at time t is kept with
 * probability `rate(t) / max`. The count over [a, b] is then Poisson with mean ∫ rate over [a, b].
 *
 * @param model - The rate; see {@link diurnalRate} and {@link piecewiseRate}.
 * @param options - Horizon, start and random stream.
 * @returns Arrival times in seconds, increasing.
 * @throws PodsimError when the options are invalid, the rate exceeds its bound, or there are too many arrivals.
 * @example
 * ```ts
 * const times = thinningArrivals(diurnalRate({ base: 2, amplitude: 0.5 }), { horizon: 86400, seed: 1 });
 * ```
 */
export function thinningArrivals(model: RateModel, options: ArrivalOptions): number[] {
  const { start, end, rng, maxArrivals } = resolveArrivalOptions(options);
  const max = model.max;
  if (!Number.isFinite(max) || max < 0) throw new PodsimError([{ code: 'invalid_value', path: 'max', message: `the rate bound must be finite and ≥ 0, got ${max}` }], 'invalid rate');
  const out: number[] = [];
  if (max === 0) return out;
  let t = start;
  for (;;) {
    t += -Math.log(1 - rng.next()) / max;
    if (t > end) break;
    const r = model.rate(t);
    if (!(r <= max * (1 + 1e-12))) throw new PodsimError([{ code: 'invalid_value', path: 'rate', message: `rate(${t}) = ${r} exceeds the bound ${max}` }], 'invalid rate');
    if (rng.next() * max < r) {
      if (out.length >= maxArrivals) throw tooManyArrivals(maxArrivals);
      out.push(t);
    }
  }
  return out;
}

/**
 * Arrivals whose rate follows a diurnal sinusoid, by thinning.
 *
 * @example
 * ```ts
 * diurnalArrivals({ base: 1, amplitude: 0.9, period: 86400 }, { horizon: 7 * 86400, seed: 3 });
 * ```
 */
export function diurnalArrivals(spec: DiurnalRateSpec, options: ArrivalOptions): number[] {
  return thinningArrivals(diurnalRate(spec), options);
}

/**
 * Arrivals whose rate is piecewise constant, by thinning.
 *
 * @example
 * ```ts
 * piecewiseArrivals({ times: [0, 3600], rates: [0.1, 2], period: 7200 }, { horizon: 86400 });
 * ```
 */
export function piecewiseArrivals(spec: PiecewiseRateSpec, options: ArrivalOptions): number[] {
  return thinningArrivals(piecewiseRate(spec), options);
}
