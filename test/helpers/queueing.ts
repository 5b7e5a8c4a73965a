// Queueing theory for validating the simulator, and batch-means statistics for its output.

// Erlang C and the M/M/c mean wait come from podsim's theory module, the same one `findCapacity`
// brackets its search with, so the simulator is checked against the formulas users see.
import { erlangC, mmc } from '../../src/theory/index.js';
export { erlangC };

/** The mean wait in queue of an M/M/c queue: W_q = C(c, λ/μ) / (cμ − λ). */
export function mmcMeanWait(c: number, lambda: number, mu: number): number {
  return mmc(c, lambda, mu).meanWait;
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
