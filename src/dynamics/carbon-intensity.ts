import type { Issue } from '../errors.js';
import { joinPath } from '../errors.js';
import { piecewiseRate } from '../inputs/generators/rates.js';

/**
 * The grid's carbon intensity in gCO₂/kWh: a constant, or a step series `[[t, g], …]` from t seconds on
 * (the first at 0), optionally repeating every `period` seconds (a daily profile).
 *
 * @example
 * ```ts
 * const daily: CarbonIntensitySpec = { points: [[0, 180], [25200, 320], [68400, 240]], period: 86400 };
 * ```
 */
export type CarbonIntensitySpec = number | { readonly points: ReadonlyArray<readonly [number, number]>; readonly period?: number | undefined };

/**
 * A compiled intensity: its value at t and its exact integral over an interval (g/kWh · s).
 *
 * @example
 * ```ts
 * const c = compileCarbonIntensity(400);
 * c.integral(0, 3600); // 1 440 000
 * ```
 */
export interface CarbonIntensity {
  at(t: number): number;
  /** ∫ intensity dt over [a, b], exact for the step series. */
  integral(a: number, b: number): number;
}

/**
 * Problems with an intensity spec: values ≥ 0; points starting at 0 and increasing; a period longer than the
 * last point.
 *
 * @example
 * ```ts
 * carbonIntensityIssues({ points: [[10, 100]] }, 'carbon.intensity'); // first point must be at 0
 * ```
 */
export function carbonIntensityIssues(spec: CarbonIntensitySpec, path: string): Issue[] {
  const out: Issue[] = [];
  const bad = (p: string, message: string) => out.push({ code: 'invalid_carbon_intensity', path: p, message });
  if (typeof spec === 'number') {
    if (!Number.isFinite(spec) || spec < 0) bad(path, `must be a finite number of gCO₂/kWh ≥ 0, got ${spec}`);
    return out;
  }
  const pts = spec.points;
  if (pts.length === 0) bad(joinPath(path, 'points'), 'must list at least one [seconds, gCO₂/kWh] point');
  pts.forEach(([t, g], i) => {
    const p = joinPath(joinPath(path, 'points'), i);
    if (i === 0 && t !== 0) bad(joinPath(p, 0), `the first point must be at 0, got ${t}`);
    if (!Number.isFinite(t) || (i > 0 && t <= (pts[i - 1]?.[0] ?? -Infinity))) bad(joinPath(p, 0), `times must increase, got ${t}`);
    if (!Number.isFinite(g) || g < 0) bad(joinPath(p, 1), `must be a finite number of gCO₂/kWh ≥ 0, got ${g}`);
  });
  const last = pts[pts.length - 1]?.[0] ?? 0;
  if (spec.period !== undefined && (!Number.isFinite(spec.period) || spec.period <= last)) bad(joinPath(path, 'period'), `must be longer than the last point's time (${last}), got ${spec.period}`);
  return out;
}

/**
 * Compiles a (checked) intensity spec: the step series is the workload generators' piecewise-constant rate
 * model ({@link piecewiseRate}: prefix sums over one period, so the integral is exact and O(log n) for any
 * interval).
 *
 * @example
 * ```ts
 * const c = compileCarbonIntensity({ points: [[0, 100], [1800, 300]], period: 3600 });
 * c.integral(0, 7200) / 7200; // 200
 * ```
 */
export function compileCarbonIntensity(spec: CarbonIntensitySpec): CarbonIntensity {
  if (typeof spec === 'number') {
    const v = spec;
    return { at: () => v, integral: (a, b) => v * (b - a) };
  }
  const m = piecewiseRate({ times: spec.points.map((p) => p[0]), rates: spec.points.map((p) => p[1]), ...(spec.period === undefined ? {} : { period: spec.period }) });
  return { at: m.rate, integral: m.integral };
}
