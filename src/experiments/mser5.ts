/**
 * What MSER-5 chose for a series.
 *
 * @example
 * ```ts
 * const m: Mser5 = { samples: 35, batches: 7, reliable: true };
 * ```
 */
export interface Mser5 {
  /** Samples to delete from the start (a multiple of the batch size). */
  readonly samples: number;
  /** Batches to delete. */
  readonly batches: number;
  /** False when the minimum fell in the second half of the series: the run is too short to tell. */
  readonly reliable: boolean;
}

/**
 * MSER-5 (White, 1997; Franklin & White, 2008): the warm-up to delete from a series of equally
 * spaced observations (such as the pending queue length sampled every interval). The series is
 * averaged in batches of 5; the truncation point d is the one minimising the marginal standard error
 * MSER(d) = Σ_{j>d} (Z_j − Z̄_d)² / (k − d)² of the k batch means Z left after deleting d of them.
 * Only d ≤ k/2 is considered; a minimum there at the edge is flagged as unreliable.
 *
 * @param series - Observations in time order (a partial last batch is ignored).
 * @param batch - Batch size. @defaultValue 5
 * @example
 * ```ts
 * mser5([9, 8, 7, 6, 5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]).samples; // 5
 * ```
 */
export function mser5(series: ArrayLike<number>, batch = 5): Mser5 {
  const k = Math.floor(series.length / batch);
  if (k < 2) return { samples: 0, batches: 0, reliable: false };
  const z = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = j * batch; i < (j + 1) * batch; i++) s += series[i] as number;
    z[j] = s / batch;
  }
  // Two passes per d (O(k²) for the few hundred batches a series has), rather than running sums of
  // Z and Z², which would cancel when the level is high and the spread small.
  let best = 0, bestValue = Infinity;
  const last = Math.floor(k / 2);
  for (let d = 0; d <= last; d++) {
    const m = k - d;
    let s = 0;
    for (let j = d; j < k; j++) s += z[j] as number;
    const mean = s / m;
    let ss = 0;
    for (let j = d; j < k; j++) ss += ((z[j] as number) - mean) ** 2;
    const value = ss / (m * m);
    if (value < bestValue) { bestValue = value; best = d; }
  }
  return { samples: best * batch, batches: best, reliable: best < last };
}
