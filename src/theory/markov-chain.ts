import { lup, lusolve, type Matrix, type MathArray } from 'mathjs';

/** mathjs gives arrays or Matrix objects depending on its input; read either as rows of numbers. */
function toArray(m: Matrix | MathArray): number[][] {
  return (Array.isArray(m) ? m : m.toArray()) as number[][];
}

/**
 * The stationary distribution π of a continuous-time Markov chain with generator `Q` (rows sum to
 * 0): πQ = 0 and Σπ = 1, solved with mathjs (LU decomposition with partial pivoting) on Qᵀ with
 * its last equation replaced by the normalisation.
 *
 * @param generator - Q, n×n: Q[i][j] ≥ 0 is the rate from i to j, Q[i][i] = −Σ_j Q[i][j].
 * @throws RangeError when Q is not square, or the chain has no unique stationary distribution.
 * @example
 * ```ts
 * import { stationaryDistribution } from 'podsim/theory';
 * stationaryDistribution([[-0.1, 0.1], [0.5, -0.5]]); // [0.8333…, 0.1666…]
 * ```
 */
export function stationaryDistribution(generator: readonly (readonly number[])[]): number[] {
  const n = generator.length;
  if (n === 0 || generator.some((row) => row.length !== n)) throw new RangeError(`stationaryDistribution: the generator must be square, got ${n} rows of lengths ${generator.map((r) => r.length).join(', ')}`);
  const A: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < n; j++) row.push(i === n - 1 ? 1 : ((generator[j] as readonly number[])[i] as number));
    A.push(row);
  }
  const b = A.map((_, i) => (i === n - 1 ? 1 : 0));
  // A reducible chain makes the system singular: a pivot of U vanishes (relative to Q's scale).
  const decomposition = lup(A);
  const U = toArray(decomposition.U);
  let scale = 0;
  for (const row of generator) for (const q of row) scale = Math.max(scale, Math.abs(q));
  for (let i = 0; i < n; i++) {
    if (!(Math.abs((U[i] as number[])[i] as number) > 1e-12 * Math.max(1, scale))) throw new RangeError('stationaryDistribution: the chain is not irreducible: it has no unique stationary distribution');
  }
  const x = toArray(lusolve(decomposition, b)).map((r) => r[0] as number);
  if (x.some((p) => !(p > -1e-12) || !Number.isFinite(p))) throw new RangeError('stationaryDistribution: the chain is not irreducible: it has no unique stationary distribution');
  return x.map((p) => Math.max(0, p));
}

/**
 * The long-run arrival rate Σπᵢλᵢ of a Markov-modulated Poisson process whose modulating chain has
 * generator `Q` and whose rate in state i is `rates[i]`.
 *
 * @example
 * ```ts
 * import { mmppArrivalRate } from 'podsim/theory';
 * mmppArrivalRate([[-0.1, 0.1], [0.5, -0.5]], [1, 5]); // 1.666…
 * ```
 */
export function mmppArrivalRate(generator: readonly (readonly number[])[], rates: readonly number[]): number {
  if (rates.length !== generator.length) throw new RangeError(`mmppArrivalRate: ${rates.length} rates for a ${generator.length}-state chain`);
  const pi = stationaryDistribution(generator);
  return pi.reduce((s, p, i) => s + p * (rates[i] as number), 0);
}
