import type { Issue } from '../../errors.js';
import { PodsimError } from '../../errors.js';
import { resolveArrivalOptions, tooManyArrivals, type ArrivalOptions } from './arrival-options.js';

/**
 * A Markov-modulated Poisson process: a hidden continuous-time Markov chain switches between
 * states, and while in state i arrivals come as a Poisson process of rate `rates[i]`. Give the
 * chain either as a generator matrix, or as mean sojourn times with (optional) jump probabilities.
 *
 * @example
 * ```ts
 * // Quiet 10 minutes on average at 1/s, then bursts of 1 minute at 20/s.
 * const spec: MmppSpec = { rates: [1, 20], meanSojourn: [600, 60] };
 * ```
 */
export interface MmppSpec {
  /** Arrival rate in each state, per second (≥ 0). */
  readonly rates: readonly number[];
  /** The generator matrix Q: Q[i][j] ≥ 0 is the rate of jumping from i to j; rows sum to 0. @defaultValue built from meanSojourn and transitions */
  readonly generator?: readonly (readonly number[])[];
  /** Mean seconds spent in each state per visit (> 0), when no generator is given. */
  readonly meanSojourn?: readonly number[];
  /** Jump probabilities P[i][j] on leaving state i (zero diagonal, rows sum to 1). @defaultValue equally likely to each other state */
  readonly transitions?: readonly (readonly number[])[];
  /** The state at the start. @defaultValue drawn from the stationary distribution, so the process is stationary */
  readonly initialState?: number;
}

const fin = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * The generator matrix of an {@link MmppSpec}, checked.
 *
 * @throws PodsimError listing every bad parameter.
 * @example
 * ```ts
 * mmppGenerator({ rates: [1, 5], meanSojourn: [10, 2] }); // [[-0.1, 0.1], [0.5, -0.5]]
 * ```
 */
export function mmppGenerator(spec: MmppSpec): number[][] {
  const issues: Issue[] = [];
  const n = Array.isArray(spec.rates) ? spec.rates.length : 0;
  if (n === 0) issues.push({ code: 'invalid_value', path: 'rates', message: 'must list at least one state' });
  (spec.rates ?? []).forEach((r, i) => { if (!fin(r) || r < 0) issues.push({ code: 'invalid_value', path: `rates[${i}]`, message: `must be a finite rate ≥ 0, got ${r}` }); });
  let Q: number[][] = [];
  if (spec.generator !== undefined) {
    const G = spec.generator;
    if (!Array.isArray(G) || G.length !== n) issues.push({ code: 'invalid_value', path: 'generator', message: `must be ${n}×${n}, one row per state` });
    else {
      G.forEach((row, i) => {
        if (!Array.isArray(row) || row.length !== n) { issues.push({ code: 'invalid_value', path: `generator[${i}]`, message: `must have ${n} entries` }); return; }
        let sum = 0, scale = 0;
        row.forEach((q, j) => {
          if (!fin(q)) issues.push({ code: 'invalid_value', path: `generator[${i}][${j}]`, message: `must be finite, got ${q}` });
          else if (i !== j && q < 0) issues.push({ code: 'invalid_value', path: `generator[${i}][${j}]`, message: `an off-diagonal rate must be ≥ 0, got ${q}` });
          sum += q; scale += Math.abs(q);
        });
        if (Math.abs(sum) > 1e-9 * Math.max(1, scale)) issues.push({ code: 'invalid_value', path: `generator[${i}]`, message: `a generator row must sum to 0, got ${sum}` });
      });
      Q = G.map((row) => [...row]);
    }
  } else if (spec.meanSojourn !== undefined) {
    const S = spec.meanSojourn;
    if (!Array.isArray(S) || S.length !== n) issues.push({ code: 'invalid_value', path: 'meanSojourn', message: `must have one entry per state (${n})` });
    else S.forEach((s, i) => { if (!fin(s) || s <= 0) issues.push({ code: 'invalid_value', path: `meanSojourn[${i}]`, message: `must be a finite number of seconds > 0, got ${s}` }); });
    const P = spec.transitions;
    if (P !== undefined) {
      if (!Array.isArray(P) || P.length !== n) issues.push({ code: 'invalid_value', path: 'transitions', message: `must be ${n}×${n}` });
      else P.forEach((row, i) => {
        if (!Array.isArray(row) || row.length !== n) { issues.push({ code: 'invalid_value', path: `transitions[${i}]`, message: `must have ${n} entries` }); return; }
        let sum = 0;
        row.forEach((p, j) => {
          if (!fin(p) || p < 0) issues.push({ code: 'invalid_value', path: `transitions[${i}][${j}]`, message: `must be a probability ≥ 0, got ${p}` });
          else if (i === j && p !== 0) issues.push({ code: 'invalid_value', path: `transitions[${i}][${j}]`, message: 'must be 0 (a jump leaves the state)' });
          sum += p;
        });
        if (n > 1 && Math.abs(sum - 1) > 1e-9) issues.push({ code: 'invalid_value', path: `transitions[${i}]`, message: `must sum to 1, got ${sum}` });
      });
    }
    if (issues.length === 0) {
      Q = S.map((s, i) => {
        const out = new Array<number>(n).fill(0);
        if (n === 1) return out;
        const q = 1 / s;
        for (let j = 0; j < n; j++) if (j !== i) out[j] = q * (P === undefined ? 1 / (n - 1) : ((P[i] as readonly number[])[j] as number));
        out[i] = -q;
        return out;
      });
    }
  } else if (n > 1) {
    issues.push({ code: 'invalid_value', path: 'generator', message: 'give either a generator matrix or meanSojourn for each state' });
  } else {
    Q = [[0]];
  }
  if (spec.initialState !== undefined && !(Number.isInteger(spec.initialState) && spec.initialState >= 0 && spec.initialState < n)) {
    issues.push({ code: 'invalid_value', path: 'initialState', message: `must be a state index from 0 to ${n - 1}, got ${spec.initialState}` });
  }
  if (issues.length > 0) throw new PodsimError(issues, 'invalid MMPP');
  return Q;
}

/**
 * The stationary distribution π of the modulating chain (πQ = 0, Σπ = 1).
 *
 * @throws PodsimError when the chain has no unique stationary distribution (it is not irreducible).
 * @example
 * ```ts
 * mmppStationary({ rates: [1, 5], meanSojourn: [10, 2] }); // [0.8333…, 0.1666…]
 * ```
 */
export function mmppStationary(spec: MmppSpec): number[] {
  const Q = mmppGenerator(spec);
  const n = Q.length;
  // Solve Qᵀ π = 0 with the last equation replaced by Σ π = 1, by Gaussian elimination with pivoting.
  const A: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < n; j++) row.push(i === n - 1 ? 1 : ((Q[j] as number[])[i] as number));
    row.push(i === n - 1 ? 1 : 0);
    A.push(row);
  }
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs((A[r] as number[])[c] as number) > Math.abs((A[p] as number[])[c] as number)) p = r;
    const pivot = (A[p] as number[])[c] as number;
    if (Math.abs(pivot) < 1e-14) throw new PodsimError([{ code: 'invalid_value', path: 'generator', message: 'the chain is not irreducible: it has no unique stationary distribution' }], 'invalid MMPP');
    [A[c], A[p]] = [A[p] as number[], A[c] as number[]];
    const rc = A[c] as number[];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const rr = A[r] as number[];
      const f = (rr[c] as number) / pivot;
      if (f !== 0) for (let k = c; k <= n; k++) rr[k] = (rr[k] as number) - f * (rc[k] as number);
    }
  }
  const pi = A.map((row, i) => (row[n] as number) / (row[i] as number));
  if (pi.some((x) => !(x > -1e-12))) throw new PodsimError([{ code: 'invalid_value', path: 'generator', message: 'the chain is not irreducible: it has no unique stationary distribution' }], 'invalid MMPP');
  return pi.map((x) => Math.max(0, x));
}

/**
 * The long-run arrival rate Σ πᵢ λᵢ of an MMPP.
 *
 * @example
 * ```ts
 * mmppMeanRate({ rates: [1, 5], meanSojourn: [10, 2] }); // 1.666…
 * ```
 */
export function mmppMeanRate(spec: MmppSpec): number {
  const pi = mmppStationary(spec);
  return pi.reduce((s, p, i) => s + p * (spec.rates[i] as number), 0);
}

/**
 * Draws arrival times of a Markov-modulated Poisson process: bursty traffic. The chain starts in
 * `initialState` or, by default, in a state drawn from its stationary distribution.
 *
 * @param spec - Rates and the modulating chain.
 * @param options - Horizon, start and random stream.
 * @returns Arrival times in seconds, increasing.
 * @throws PodsimError when the spec or options are invalid, or there are too many arrivals.
 * @example
 * ```ts
 * const times = mmppArrivals({ rates: [0.5, 10], meanSojourn: [300, 30] }, { horizon: 3600, seed: 2 });
 * ```
 */
export function mmppArrivals(spec: MmppSpec, options: ArrivalOptions): number[] {
  const Q = mmppGenerator(spec);
  const { start, end, rng, maxArrivals } = resolveArrivalOptions(options);
  const n = Q.length;
  const rates = Float64Array.from(spec.rates);
  const leave = Float64Array.from(Q.map((row, i) => -(row[i] as number)));
  let state: number;
  if (spec.initialState !== undefined) state = spec.initialState;
  else if (n === 1) state = 0;
  else {
    const pi = mmppStationary(spec);
    const u = rng.next();
    let acc = 0;
    state = n - 1;
    for (let i = 0; i < n; i++) { acc += pi[i] as number; if (u < acc) { state = i; break; } }
  }
  const out: number[] = [];
  let t = start;
  while (t < end) {
    const q = leave[state] as number;
    const stay = q > 0 ? -Math.log(1 - rng.next()) / q : Infinity;
    const until = Math.min(end, t + stay);
    const lambda = rates[state] as number;
    if (lambda > 0) {
      let a = t;
      for (;;) {
        a += -Math.log(1 - rng.next()) / lambda;
        if (a >= until) break;
        if (out.length >= maxArrivals) throw tooManyArrivals(maxArrivals);
        out.push(a);
      }
    }
    t += stay;
    if (t >= end) break;
    // Jump: to j with probability Q[state][j] / q.
    const row = Q[state] as number[];
    let u = rng.next() * q;
    let next = state;
    for (let j = 0; j < n; j++) {
      if (j === state) continue;
      const r = row[j] as number;
      if (r <= 0) continue;
      next = j;
      if (u < r) break;
      u -= r;
    }
    state = next;
  }
  return out;
}
