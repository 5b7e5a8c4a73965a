import type { Issue } from '../errors.js';
import { joinPath } from '../errors.js';

/**
 * A host's power draw, in watts, as a function of its CPU utilisation u ∈ [0, 1]: linear between `idle`
 * and `max`, or interpolated between measured points (SPECpower_ssj2008 reports 11 load levels, 0 %, 10 %,
 * …, 100 %).
 *
 * @example
 * ```ts
 * const linear: PowerSpec = { idle: 100, max: 300 };
 * const spec: PowerSpec = { points: [[0, 58], [0.1, 91], [0.2, 103], [0.3, 114], [0.4, 125], [0.5, 137], [0.6, 151], [0.7, 167], [0.8, 186], [0.9, 210], [1, 235]] };
 * ```
 */
export type PowerSpec =
  | { readonly idle: number; readonly max: number }
  | { readonly points: ReadonlyArray<readonly [number, number]> };

/**
 * Problems with a power spec: watts ≥ 0 and finite, `max ≥ idle`; points with u from 0 to 1, strictly
 * increasing, at least two.
 *
 * @example
 * ```ts
 * powerSpecIssues({ idle: 200, max: 100 }, 'hosts[0].power'); // [{ path: 'hosts[0].power.max', … }]
 * ```
 */
export function powerSpecIssues(spec: PowerSpec, path: string): Issue[] {
  const out: Issue[] = [];
  const bad = (p: string, message: string) => out.push({ code: 'invalid_power', path: p, message });
  const watts = (p: string, v: number) => { if (!Number.isFinite(v) || v < 0) bad(p, `must be a finite number of watts ≥ 0, got ${v}`); };
  if ('points' in spec) {
    const pts = spec.points;
    if (pts.length < 2) bad(joinPath(path, 'points'), `must list at least two [utilisation, watts] points, got ${pts.length}`);
    pts.forEach(([u, w], i) => {
      const p = joinPath(joinPath(path, 'points'), i);
      if (!Number.isFinite(u) || u < 0 || u > 1) bad(joinPath(p, 0), `utilisation must be between 0 and 1, got ${u}`);
      else if (i > 0 && u <= (pts[i - 1]?.[0] ?? -Infinity)) bad(joinPath(p, 0), `utilisations must increase, got ${u} after ${pts[i - 1]?.[0]}`);
      watts(joinPath(p, 1), w);
    });
  } else {
    watts(joinPath(path, 'idle'), spec.idle);
    watts(joinPath(path, 'max'), spec.max);
    if (Number.isFinite(spec.idle) && Number.isFinite(spec.max) && spec.max < spec.idle) bad(joinPath(path, 'max'), `must be at least idle (${spec.idle}), got ${spec.max}`);
  }
  return out;
}

/**
 * Compiles a (checked) power spec into `watts(u)`: `idle + (max − idle)·u`, or linear interpolation between
 * the points (the end values beyond them). u is clamped to [0, 1]. Nothing is allocated per call.
 *
 * @example
 * ```ts
 * compilePowerModel({ idle: 100, max: 300 })(0.5); // 200
 * ```
 */
export function compilePowerModel(spec: PowerSpec): (u: number) => number {
  if (!('points' in spec)) {
    const idle = spec.idle, span = spec.max - spec.idle;
    return (u) => idle + span * (u < 0 ? 0 : u > 1 ? 1 : u);
  }
  const us = Float64Array.from(spec.points, (p) => p[0]);
  const ws = Float64Array.from(spec.points, (p) => p[1]);
  const n = us.length;
  return (u) => {
    if (u <= (us[0] as number)) return ws[0] as number;
    if (u >= (us[n - 1] as number)) return ws[n - 1] as number;
    let lo = 0, hi = n - 1; // us[lo] < u < us[hi]
    while (hi - lo > 1) { const mid = (lo + hi) >> 1; if ((us[mid] as number) <= u) lo = mid; else hi = mid; }
    const u0 = us[lo] as number, w0 = ws[lo] as number;
    return w0 + ((ws[hi] as number) - w0) * ((u - u0) / ((us[hi] as number) - u0));
  };
}
