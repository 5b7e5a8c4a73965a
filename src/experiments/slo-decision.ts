import { meanAndStddev } from './interval.js';
import { studentTQuantile } from './student-t.js';

/**
 * A service-level objective on one metric: an upper bound, a lower bound, or both.
 *
 * @example
 * ```ts
 * const slo: Slo = { max: 1 };      // wait.p99 ≤ 1 s
 * ```
 */
export interface Slo {
  readonly max?: number;
  readonly min?: number;
}

/**
 * Whether a point meets its objectives, judged from its replications: `meets` when every bound holds
 * at the confidence level, `fails` when some bound is broken at that level, `undecided` otherwise.
 *
 * @example
 * ```ts
 * const d: SloDecision = { status: 'meets', bounds: { 'wait.p99': { lower: 0.41, upper: 0.62 } } };
 * ```
 */
export interface SloDecision {
  readonly status: 'meets' | 'fails' | 'undecided';
  /** Per metric: the one-sided confidence bounds the decision compared with the objective. */
  readonly bounds: Readonly<Record<string, { readonly lower: number; readonly upper: number }>>;
}

/**
 * Decides a point against its objectives. Each bound is a one-sided Student-t test on the mean over
 * replications: an upper bound `max` holds when mean + t·s/√n ≤ max and is broken when
 * mean − t·s/√n > max (a lower bound `min` the mirror image). With k bounds in all, each test runs
 * at level 1 − (1 − confidence)/k (Bonferroni), so that "every bound holds" has the stated
 * confidence jointly.
 *
 * @param samples - Per metric, one value per replication.
 * @example
 * ```ts
 * decideSlo({ 'wait.p99': [0.5, 0.6, 0.55, 0.52, 0.58] }, { 'wait.p99': { max: 1 } }, 0.95).status; // 'meets'
 * ```
 */
export function decideSlo(samples: Readonly<Record<string, readonly number[]>>, slo: Readonly<Record<string, Slo>>, confidence: number): SloDecision {
  let k = 0;
  for (const s of Object.values(slo)) k += (s.max !== undefined ? 1 : 0) + (s.min !== undefined ? 1 : 0);
  const alpha = (1 - confidence) / Math.max(1, k);
  let meets = true, fails = false;
  const bounds: Record<string, { lower: number; upper: number }> = {};
  for (const [metric, s] of Object.entries(slo)) {
    const xs = samples[metric] ?? [];
    const n = xs.length;
    const { mean, stddev } = meanAndStddev(xs);
    const h = n < 2 ? Infinity : stddev === 0 ? 0 : (studentTQuantile(1 - alpha, n - 1) * stddev) / Math.sqrt(n);
    const lower = mean - h, upper = mean + h;
    bounds[metric] = { lower, upper };
    if (s.max !== undefined) {
      if (!(upper <= s.max)) meets = false;
      if (lower > s.max) fails = true;
    }
    if (s.min !== undefined) {
      if (!(lower >= s.min)) meets = false;
      if (upper < s.min) fails = true;
    }
  }
  return { status: fails ? 'fails' : meets ? 'meets' : 'undecided', bounds };
}
