/**
 * The seed of replication `r` of a point whose scenario has seed `seed`. Replication 0 keeps the
 * scenario's own seed, so a one-replication experiment reproduces `simulate(scenario)`; replication
 * r ≥ 1 uses the string `"<seed>#r<r>"`, which podsim's named streams hash into independent ones.
 * Every point gets the same seed for the same r (common random numbers), so differences between
 * points are paired.
 *
 * @example
 * ```ts
 * replicationSeed(7, 0); // 7
 * replicationSeed(7, 3); // '7#r3'
 * ```
 */
export function replicationSeed(seed: number | string, r: number): number | string {
  if (!(Number.isInteger(r) && r >= 0)) throw new RangeError(`replicationSeed: replication must be a whole number ≥ 0, got ${r}`);
  return r === 0 ? seed : `${String(seed)}#r${r}`;
}
