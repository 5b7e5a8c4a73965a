// Placeholder kernel; replaced by src/performance's shared water-filling kernel when it lands.
/**
 * @internal Weighted max-min (water-filling): divides `capacity` among `n` claimants with
 * weights `w` and caps `cap`, writing rates to `out`. Work-conserving: the capacity is used up
 * unless every claimant is at its cap. `order` is scratch space of length ≥ n.
 */
export function waterFillInto(capacity: number, w: Float64Array, cap: Float64Array, n: number, out: Float64Array, order: Int32Array): void {
  // Sort claimants by cap/weight (the water level at which each saturates), insertion sort: n is small.
  for (let i = 0; i < n; i++) {
    const key = (cap[i] as number) / (w[i] as number);
    let j = i - 1;
    while (j >= 0) {
      const o = order[j] as number;
      if ((cap[o] as number) / (w[o] as number) <= key) break;
      order[j + 1] = o;
      j--;
    }
    order[j + 1] = i;
  }
  let left = capacity;
  let wsum = 0;
  for (let i = 0; i < n; i++) wsum += w[i] as number;
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    const wi = w[i] as number;
    const fair = wsum > 0 ? (left * wi) / wsum : 0;
    const r = fair < (cap[i] as number) ? fair : (cap[i] as number);
    out[i] = r;
    left -= r;
    wsum -= wi;
  }
}
