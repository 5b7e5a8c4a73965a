import type { Issue } from '../errors.js';
import { joinPath } from '../errors.js';
import type { Rng } from './streams.js';

/**
 * A probability distribution as plain data, as scenarios write it.
 *
 * - `{ distribution: 'constant', value }`
 * - `{ distribution: 'uniform', min, max }`
 * - `{ distribution: 'exponential', mean }`
 * - `{ distribution: 'normal', mean, stddev }`: truncated at 0 (redrawn until non-negative)
 * - `{ distribution: 'lognormal', mean, stddev }`: the mean and standard deviation of the values themselves
 * - `{ distribution: 'pareto', scale, shape }`: Type I, support [scale, ∞)
 * - `{ distribution: 'weibull', scale, shape }`
 * - `{ distribution: 'empirical', values, weights? }`: values drawn with the given weights (equal if omitted)
 *
 * @example
 * ```ts
 * const d: DistributionSpec = { distribution: 'lognormal', mean: 30, stddev: 10 };
 * ```
 */
export type DistributionSpec =
  | { readonly distribution: 'constant'; readonly value: number }
  | { readonly distribution: 'uniform'; readonly min: number; readonly max: number }
  | { readonly distribution: 'exponential'; readonly mean: number }
  | { readonly distribution: 'normal'; readonly mean: number; readonly stddev: number }
  | { readonly distribution: 'lognormal'; readonly mean: number; readonly stddev: number }
  | { readonly distribution: 'pareto'; readonly scale: number; readonly shape: number }
  | { readonly distribution: 'weibull'; readonly scale: number; readonly shape: number }
  | { readonly distribution: 'empirical'; readonly values: readonly number[]; readonly weights?: readonly number[] | undefined };

/**
 * A compiled distribution: draws one value from a random stream.
 *
 * @example
 * ```ts
 * const s: Sampler = compileDistribution({ distribution: 'exponential', mean: 2 });
 * s(createRng(1, 'x'));
 * ```
 */
export type Sampler = (rng: Rng) => number;

/** The distribution names podsim knows. @example `DISTRIBUTIONS.includes('lognormal') // true` */
export const DISTRIBUTIONS = ['constant', 'uniform', 'exponential', 'normal', 'lognormal', 'pareto', 'weibull', 'empirical'] as const;

/**
 * Checks a distribution's parameters, appending one issue per problem.
 *
 * @param spec - The distribution as written.
 * @param path - Its path in the scenario, for messages.
 * @param issues - Receives the problems.
 * @param nonNegative - Whether values must be ≥ 0 (durations, sizes). @defaultValue true
 * @example
 * ```ts
 * const issues: Issue[] = [];
 * checkDistribution({ distribution: 'uniform', min: 5, max: 1 }, 'duration', issues);
 * // issues[0]: { path: 'duration.max', message: 'must be at least min (5)' }
 * ```
 */
export function checkDistribution(spec: DistributionSpec, path: string, issues: Issue[], nonNegative = true): void {
  // `key` is a parameter name, or a name and an index for list items (`values[2]`).
  const at = (key: string | readonly [string, number]) => (typeof key === 'string' ? joinPath(path, key) : joinPath(joinPath(path, key[0]), key[1]));
  const bad = (key: string | readonly [string, number], message: string) => issues.push({ code: 'invalid_distribution', path: at(key), message });
  const finite = (key: string | readonly [string, number], v: number, min?: number, strict = false) => {
    if (!Number.isFinite(v)) bad(key, `must be a finite number, got ${v}`);
    else if (min !== undefined && (strict ? v <= min : v < min)) bad(key, `must be ${strict ? 'greater than' : 'at least'} ${min}, got ${v}`);
  };
  const lo = nonNegative ? 0 : undefined;
  switch (spec.distribution) {
    case 'constant': finite('value', spec.value, lo); break;
    case 'uniform':
      finite('min', spec.min, lo);
      finite('max', spec.max);
      if (Number.isFinite(spec.min) && Number.isFinite(spec.max) && spec.max < spec.min) bad('max', `must be at least min (${spec.min}), got ${spec.max}`);
      break;
    case 'exponential': finite('mean', spec.mean, 0, true); break;
    case 'normal': finite('mean', spec.mean, nonNegative ? 0 : undefined, false); finite('stddev', spec.stddev, 0); break;
    case 'lognormal': finite('mean', spec.mean, 0, true); finite('stddev', spec.stddev, 0); break;
    case 'pareto': case 'weibull': finite('scale', spec.scale, 0, true); finite('shape', spec.shape, 0, true); break;
    case 'empirical': {
      if (spec.values.length === 0) bad('values', 'must list at least one value');
      spec.values.forEach((v, i) => finite(['values', i], v, lo));
      if (spec.weights !== undefined) {
        if (spec.weights.length !== spec.values.length) bad('weights', `must have one weight per value (${spec.values.length}), got ${spec.weights.length}`);
        spec.weights.forEach((w, i) => finite(['weights', i], w, 0));
        if (spec.weights.every((w) => w === 0)) bad('weights', 'must not all be zero');
      }
      break;
    }
  }
}

/**
 * The theoretical mean of a distribution (for the normal, of the untruncated one).
 *
 * @example
 * ```ts
 * meanOf({ distribution: 'uniform', min: 1, max: 3 }); // 2
 * ```
 */
export function meanOf(spec: DistributionSpec): number {
  switch (spec.distribution) {
    case 'constant': return spec.value;
    case 'uniform': return (spec.min + spec.max) / 2;
    case 'exponential': return spec.mean;
    case 'normal': case 'lognormal': return spec.mean;
    case 'pareto': return spec.shape > 1 ? (spec.shape * spec.scale) / (spec.shape - 1) : Infinity;
    case 'weibull': return spec.scale * gamma(1 + 1 / spec.shape);
    case 'empirical': {
      const w = spec.weights ?? spec.values.map(() => 1);
      let s = 0, t = 0;
      spec.values.forEach((v, i) => { s += v * (w[i] ?? 0); t += w[i] ?? 0; });
      return s / t;
    }
  }
}

// Lanczos approximation, enough for Weibull means.
function gamma(z: number): number {
  const g = 7;
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (z < 0.5) return Math.PI / (Math.sin(Math.PI * z) * gamma(1 - z));
  z -= 1;
  let x = c[0] as number;
  for (let i = 1; i < g + 2; i++) x += (c[i] as number) / (z + i);
  const t = z + g + 0.5;
  return Math.sqrt(2 * Math.PI) * t ** (z + 0.5) * Math.exp(-t) * x;
}

/**
 * Compiles a (checked) distribution into a {@link Sampler}. Samplers allocate nothing per draw.
 *
 * @example
 * ```ts
 * const draw = compileDistribution({ distribution: 'weibull', scale: 10, shape: 1.5 });
 * const rng = createRng(1, 'duration/web');
 * draw(rng); // a positive number
 * ```
 */
export function compileDistribution(spec: DistributionSpec): Sampler {
  switch (spec.distribution) {
    case 'constant': { const v = spec.value; return () => v; }
    case 'uniform': { const a = spec.min, w = spec.max - spec.min; return (r) => a + w * r.next(); }
    case 'exponential': { const m = spec.mean; return (r) => -m * Math.log(1 - r.next()); }
    case 'normal': {
      const { mean, stddev } = spec;
      if (stddev === 0) return () => Math.max(0, mean);
      // Truncated at 0 by rejection. Validation requires mean ≥ 0, so each draw is accepted with
      // probability ≥ 1/2 and 64 failures in a row (p ≤ 2^-64) never happen in practice.
      return (r) => {
        for (let i = 0; i < 64; i++) {
          const x = mean + stddev * standardNormal(r);
          if (x >= 0) return x;
        }
        return mean;
      };
    }
    case 'lognormal': {
      const { mean, stddev } = spec;
      // σ² = ln(1 + (sd/mean)²), computed so that a huge ratio gives a large finite σ, not ∞ (then NaN draws).
      const ratio = stddev / mean;
      const s2 = ratio > 1e150 ? 2 * (Math.log(stddev) - Math.log(mean)) : Math.log1p(ratio * ratio);
      const mu = Math.log(mean) - s2 / 2, sigma = Math.sqrt(s2);
      return (r) => Math.exp(mu + sigma * standardNormal(r));
    }
    case 'pareto': { const { scale, shape } = spec; const inv = 1 / shape; return (r) => scale / (1 - r.next()) ** inv; }
    case 'weibull': { const { scale, shape } = spec; const inv = 1 / shape; return (r) => scale * (-Math.log(1 - r.next())) ** inv; }
    case 'empirical': {
      const values = Float64Array.from(spec.values);
      const w = spec.weights ?? spec.values.map(() => 1);
      // Weights are scaled by the largest, so that their running total cannot overflow to ∞.
      let wmax = 0;
      for (let i = 0; i < values.length; i++) wmax = Math.max(wmax, w[i] ?? 0);
      const cdf = new Float64Array(values.length);
      let t = 0;
      for (let i = 0; i < values.length; i++) { t += (w[i] ?? 0) / wmax; cdf[i] = t; }
      const n = values.length;
      return (r) => {
        const u = r.next() * t;
        let lo = 0, hi = n - 1;
        while (lo < hi) { const mid = (lo + hi) >> 1; if ((cdf[mid] as number) > u) hi = mid; else lo = mid + 1; }
        return values[lo] as number;
      };
    }
  }
}

// Box–Muller, one value per call: simple and stateless, so every stream stays independent.
function standardNormal(r: Rng): number {
  const u = 1 - r.next();
  const v = r.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
