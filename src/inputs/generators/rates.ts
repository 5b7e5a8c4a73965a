import type { Issue } from '../../errors.js';
import { PodsimError } from '../../errors.js';

/**
 * A time-varying arrival rate (per second) with a known bound and integral: what thinning needs,
 * and what tests compare against.
 *
 * @example
 * ```ts
 * const m: RateModel = diurnalRate({ base: 2, amplitude: 0.5 });
 * m.rate(0); m.max; m.integral(0, 86400);
 * ```
 */
export interface RateModel {
  /** The rate at time t (seconds), in arrivals per second; never above {@link RateModel.max}. */
  readonly rate: (t: number) => number;
  /** An upper bound of the rate over all t. */
  readonly max: number;
  /** ∫ rate(t) dt over [a, b]: the expected number of arrivals. */
  readonly integral: (a: number, b: number) => number;
}

/**
 * A diurnal sinusoid: `rate(t) = base · (1 + amplitude · sin(2π (t − phase) / period))`.
 *
 * @example
 * ```ts
 * const spec: DiurnalRateSpec = { base: 5, amplitude: 0.8, period: 86400, phase: 21600 };
 * ```
 */
export interface DiurnalRateSpec {
  /** The mean rate, arrivals per second (> 0). */
  readonly base: number;
  /** Relative swing, in [0, 1] so the rate never goes negative. */
  readonly amplitude: number;
  /** Seconds per cycle. @defaultValue 86400 */
  readonly period?: number;
  /** Seconds by which the cycle is shifted. @defaultValue 0 */
  readonly phase?: number;
}

/**
 * A piecewise-constant rate: `rates[i]` from `times[i]` until `times[i + 1]`; the last rate holds
 * on, or the whole pattern repeats every `period` seconds.
 *
 * @example
 * ```ts
 * const spec: PiecewiseRateSpec = { times: [0, 28800, 64800], rates: [0.5, 4, 1], period: 86400 };
 * ```
 */
export interface PiecewiseRateSpec {
  /** Start of each piece in seconds: begins at 0, strictly increasing. */
  readonly times: readonly number[];
  /** Rate of each piece, arrivals per second (≥ 0), one per time. */
  readonly rates: readonly number[];
  /** Repeat the pattern with this period (> the last time). @defaultValue no repetition */
  readonly period?: number;
}

const fin = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Builds the {@link RateModel} of a diurnal sinusoid, with its exact integral.
 *
 * @throws PodsimError listing every bad parameter.
 * @example
 * ```ts
 * const m = diurnalRate({ base: 2, amplitude: 1, period: 100 });
 * m.integral(0, 100); // 200
 * ```
 */
export function diurnalRate(spec: DiurnalRateSpec): RateModel {
  const issues: Issue[] = [];
  const { base, amplitude } = spec;
  const period = spec.period ?? 86_400;
  const phase = spec.phase ?? 0;
  if (!fin(base) || base <= 0) issues.push({ code: 'invalid_value', path: 'base', message: `must be a finite rate greater than 0, got ${base}` });
  if (!fin(amplitude) || amplitude < 0 || amplitude > 1) issues.push({ code: 'invalid_value', path: 'amplitude', message: `must be between 0 and 1 (so the rate stays non-negative), got ${amplitude}` });
  if (!fin(period) || period <= 0) issues.push({ code: 'invalid_value', path: 'period', message: `must be a finite number of seconds greater than 0, got ${period}` });
  if (!fin(phase)) issues.push({ code: 'invalid_value', path: 'phase', message: `must be a finite number of seconds, got ${phase}` });
  if (issues.length > 0) throw new PodsimError(issues, 'invalid diurnal rate');
  const w = (2 * Math.PI) / period;
  return {
    rate: (t) => base * (1 + amplitude * Math.sin(w * (t - phase))),
    max: base * (1 + amplitude),
    integral: (a, b) => base * (b - a) - ((base * amplitude) / w) * (Math.cos(w * (b - phase)) - Math.cos(w * (a - phase))),
  };
}

/**
 * Builds the {@link RateModel} of a piecewise-constant rate, optionally periodic.
 *
 * @throws PodsimError listing every bad parameter.
 * @example
 * ```ts
 * const m = piecewiseRate({ times: [0, 10], rates: [1, 3] });
 * m.rate(12);          // 3
 * m.integral(0, 20);   // 40
 * ```
 */
export function piecewiseRate(spec: PiecewiseRateSpec): RateModel {
  const issues: Issue[] = [];
  const { times, rates, period } = spec;
  if (!Array.isArray(times) || times.length === 0) issues.push({ code: 'invalid_value', path: 'times', message: 'must list at least one start time' });
  else {
    if (times[0] !== 0) issues.push({ code: 'invalid_value', path: 'times[0]', message: `must be 0, got ${times[0]}` });
    times.forEach((t, i) => {
      if (!fin(t)) issues.push({ code: 'invalid_value', path: `times[${i}]`, message: `must be a finite number, got ${t}` });
      else if (i > 0 && t <= (times[i - 1] as number)) issues.push({ code: 'invalid_value', path: `times[${i}]`, message: `must be greater than the time before it (${times[i - 1]})` });
    });
  }
  if (!Array.isArray(rates) || rates.length !== (times?.length ?? 0)) issues.push({ code: 'invalid_value', path: 'rates', message: `must have one rate per time (${times?.length ?? 0}), got ${Array.isArray(rates) ? rates.length : 'none'}` });
  else rates.forEach((r, i) => { if (!fin(r) || r < 0) issues.push({ code: 'invalid_value', path: `rates[${i}]`, message: `must be a finite rate of at least 0, got ${r}` }); });
  if (period !== undefined && (!fin(period) || period <= (times[times.length - 1] ?? 0))) issues.push({ code: 'invalid_value', path: 'period', message: `must be a finite number of seconds greater than the last time (${times[times.length - 1]}), got ${period}` });
  if (issues.length > 0) throw new PodsimError(issues, 'invalid piecewise rate');
  const n = times.length;
  const T = Float64Array.from(times), R = Float64Array.from(rates);
  // cum[i] = ∫ rate over [0, T[i]].
  const cum = new Float64Array(n + 1);
  for (let i = 1; i < n; i++) cum[i] = (cum[i - 1] as number) + (R[i - 1] as number) * ((T[i] as number) - (T[i - 1] as number));
  const cycle = period === undefined ? Infinity : (cum[n - 1] as number) + (R[n - 1] as number) * (period - (T[n - 1] as number));
  const piece = (u: number): number => {
    let lo = 0, hi = n - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if ((T[mid] as number) <= u) lo = mid; else hi = mid - 1; }
    return lo;
  };
  const local = (t: number): number => (period === undefined ? Math.max(0, t) : ((t % period) + period) % period);
  const F = (t: number): number => {
    // ∫ rate over [0, t] (t ≥ 0).
    let whole = 0;
    let u = t;
    if (period !== undefined) { const k = Math.floor(t / period); whole = k * cycle; u = t - k * period; }
    const i = piece(u);
    return whole + (cum[i] as number) + (R[i] as number) * (u - (T[i] as number));
  };
  let max = 0;
  for (const r of R) if (r > max) max = r;
  return {
    rate: (t) => R[piece(local(t))] as number,
    max,
    integral: (a, b) => F(Math.max(0, b)) - F(Math.max(0, a)),
  };
}
