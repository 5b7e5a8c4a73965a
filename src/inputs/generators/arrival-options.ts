import type { Issue } from '../../errors.js';
import { PodsimError } from '../../errors.js';
import { createRng, type Rng } from '../../random/streams.js';

/**
 * Where and how to draw arrivals.
 *
 * @example
 * ```ts
 * const o: ArrivalOptions = { horizon: 86400, seed: 7, stream: 'arrivals/web' };
 * ```
 */
export interface ArrivalOptions {
  /** Seconds to cover: arrivals fall in [start, start + horizon]. */
  readonly horizon: number;
  /** The first instant, in seconds. @defaultValue 0 */
  readonly start?: number;
  /** Seed of the random stream (seedrandom xor4096, via `createRng`). @defaultValue 1 */
  readonly seed?: number | string;
  /** Name of the random stream, so that different generators draw independently. @defaultValue 'arrivals' */
  readonly stream?: string;
  /** A stream to draw from instead of `seed` and `stream`. @defaultValue a new stream from `seed` and `stream` */
  readonly rng?: Rng;
  /** The most arrivals returned; more is an error. @defaultValue 10000000 */
  readonly maxArrivals?: number;
}

/** The options with defaults applied and checked. @example `const { start, end, rng } = resolveArrivalOptions({ horizon: 60 });` */
export interface ResolvedArrivalOptions {
  readonly start: number;
  readonly end: number;
  readonly rng: Rng;
  readonly maxArrivals: number;
}

/**
 * Applies defaults to {@link ArrivalOptions} and checks them.
 *
 * @throws PodsimError listing every bad option.
 * @example
 * ```ts
 * const o = resolveArrivalOptions({ horizon: 60 });
 * o.end; // 60
 * ```
 */
export function resolveArrivalOptions(o: ArrivalOptions): ResolvedArrivalOptions {
  const issues: Issue[] = [];
  const start = o.start ?? 0;
  const max = o.maxArrivals ?? 10_000_000;
  if (!Number.isFinite(o.horizon) || o.horizon < 0) issues.push({ code: 'invalid_value', path: 'horizon', message: `must be a finite number of seconds ≥ 0, got ${o.horizon}` });
  if (!Number.isFinite(start)) issues.push({ code: 'invalid_value', path: 'start', message: `must be a finite number of seconds, got ${start}` });
  if (!Number.isInteger(max) || max < 0) issues.push({ code: 'invalid_value', path: 'maxArrivals', message: `must be a whole number ≥ 0, got ${max}` });
  if (issues.length > 0) throw new PodsimError(issues, 'invalid arrival options');
  return { start, end: start + o.horizon, rng: o.rng ?? createRng(o.seed ?? 1, o.stream ?? 'arrivals'), maxArrivals: max };
}

/** The error thrown when a generator would return more than `maxArrivals`. @example `if (out.length >= max) throw tooManyArrivals(max);` */
export function tooManyArrivals(max: number): PodsimError {
  return new PodsimError([{ code: 'too_many_arrivals', path: 'maxArrivals', message: `more than ${max} arrivals; shorten the horizon or raise maxArrivals` }], 'too many arrivals');
}
