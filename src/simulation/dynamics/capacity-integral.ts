import type { ClusterState } from '../../cluster/cluster-state.js';

/**
 * @internal ∫ the cluster's total capacity dt per dimension, for utilisation's denominators once
 * hosts' capacity changes (`Simulation.setHostCapacity`). Built at the first change (capacity was
 * constant before it), it steps with every change the cluster reports (`ClusterState.onCapacity`,
 * each step of a shrink included), so a run that never changes capacity never has one and keeps
 * capacity × span.
 *
 * @example
 * ```ts
 * const books = new CapacityIntegral(sim, cluster, 0);
 * cluster.setCapacity(0, { cpu: 8000 });
 * books.mean(3600); // Σ capacity per dimension, averaged over [0, 3600]
 * ```
 */
export class CapacityIntegral {
  // ∫ over [0, last] per dimension, and the total capacity since `last`.
  private readonly sums: Float64Array;
  private readonly level: Float64Array;
  private last: number;
  // ∫ over [0, warmup], once the integral has passed the warm-up's end.
  private atWarmup: Float64Array | undefined;

  constructor(private readonly clock: { readonly now: number }, private readonly cluster: ClusterState, private readonly warmup: number) {
    this.level = Float64Array.from(cluster.totalCapacity);
    this.last = clock.now;
    this.sums = this.level.map((c) => c * this.last);
    if (warmup <= this.last) this.atWarmup = this.level.map((c) => c * warmup);
    cluster.onCapacity(() => this.step());
  }

  private step(): void {
    const t = this.clock.now, sums = this.sums, level = this.level;
    if (this.atWarmup === undefined && this.warmup <= t) this.atWarmup = this.at(this.warmup);
    for (let d = 0; d < sums.length; d++) sums[d] = (sums[d] as number) + (level[d] as number) * (t - this.last);
    this.last = t;
    level.set(this.cluster.totalCapacity);
  }

  // ∫ over [0, x] for x ≥ last.
  private at(x: number): Float64Array {
    return this.sums.map((s, d) => s + (this.level[d] as number) * (x - this.last));
  }

  /** Per dimension, the total capacity averaged over [warmup, T] (T ≥ the last change); the capacity now when that span is empty. */
  mean(T: number): Float64Array {
    if (!(T > this.warmup) || T < this.last) return Float64Array.from(this.cluster.totalCapacity);
    const end = this.at(T), start = this.atWarmup ?? this.at(this.warmup);
    return end.map((e, d) => (e - (start[d] as number)) / (T - this.warmup));
  }
}
