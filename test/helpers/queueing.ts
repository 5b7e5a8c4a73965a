// Queueing theory for validating the simulator, and batch-means statistics for its output.

/**
 * Erlang C: the probability that an arrival must wait in an M/M/c queue with offered load
 * `a = λ/μ` (in Erlangs), for `a < c`. Computed through the Erlang B recursion
 * B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)), then C = c·B / (c − a·(1 − B)), which stays stable
 * for large c where a^c/c! would overflow.
 */
export function erlangC(c: number, a: number): number {
  if (!(a >= 0 && a < c)) throw new RangeError(`erlangC needs 0 ≤ a < c, got c=${c}, a=${a}`);
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return (c * b) / (c - a * (1 - b));
}

/** The mean wait in queue of an M/M/c queue: W_q = C(c, λ/μ) / (cμ − λ). */
export function mmcMeanWait(c: number, lambda: number, mu: number): number {
  return erlangC(c, lambda / mu) / (c * mu - lambda);
}

/** A batch-means estimate: the grand mean of the batches, and its standard error. */
export interface BatchMeans {
  readonly mean: number;
  readonly se: number;
  readonly batches: number;
}

/**
 * Splits a series of (correlated) observations into `batches` consecutive batches of equal size
 * and estimates the standard error of the overall mean from the spread of the batch means:
 * SE = sd(batch means) / √batches. With batches much longer than the series' correlation time,
 * the batch means are nearly independent and nearly normal, so the estimate is sound.
 */
export function batchMeans(xs: ArrayLike<number>, batches: number): BatchMeans {
  const size = Math.floor(xs.length / batches);
  if (size < 1) throw new RangeError(`batchMeans: ${xs.length} observations cannot make ${batches} batches`);
  const means: number[] = [];
  for (let b = 0; b < batches; b++) {
    let s = 0;
    for (let i = b * size; i < (b + 1) * size; i++) s += xs[i] as number;
    means.push(s / size);
  }
  const mean = means.reduce((s, m) => s + m, 0) / batches;
  const variance = means.reduce((s, m) => s + (m - mean) ** 2, 0) / (batches - 1);
  return { mean, se: Math.sqrt(variance / batches), batches };
}
