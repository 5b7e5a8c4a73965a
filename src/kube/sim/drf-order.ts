import type { ContainerRing } from '../../scheduling/container-ring.js';
import type { QueueContext } from '../../scheduling/pending-queue.js';
import type { DominantResourceFairness } from '../dominant-resource-fairness.js';

/**
 * Dominant resource fairness as a pending-queue order: while any namespace has a waiting container,
 * serve the one with the lowest weighted dominant share (ties to the lower name), its containers in
 * queue order. Shares follow every placement and release ({@link DrfOrder.placed}). Allocation-free:
 * per-namespace lists are threaded through arrays reused by every drain.
 *
 * @example
 * ```ts
 * const order = new DrfOrder(new DominantResourceFairness(cluster.totalCapacity, { a: 2 }), ['a', 'b'], demand, D);
 * ```
 */
export class DrfOrder {
  private readonly tenantIds: Int32Array;
  private readonly names: readonly string[];
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  private next = new Int32Array(1024);

  /**
   * @param drf - The fairness state, with weights.
   * @param tenantOf - Each workload's namespace.
   * @param demand - Each workload's request, dense: `demand[w * D + d]`.
   * @param D - Dimensions.
   */
  constructor(private readonly drf: DominantResourceFairness, tenantOf: readonly string[], private readonly demand: Float64Array, private readonly D: number) {
    const names = [...new Set(tenantOf)];
    this.names = names;
    this.tenantIds = Int32Array.from(tenantOf, (t) => names.indexOf(t));
    this.head = new Int32Array(names.length);
    this.tail = new Int32Array(names.length);
  }

  /** Counts a placed container of workload `w` towards its namespace. */
  placed(w: number): void {
    this.drf.allocate(this.names[this.tenantIds[w] as number] as string, this.demand, w * this.D);
  }

  /** Takes a released container of workload `w` off its namespace. */
  released(w: number): void {
    this.drf.release(this.names[this.tenantIds[w] as number] as string, this.demand, w * this.D);
  }

  /** Calls `queue.tryOne(c)` for the first `n` waiting containers, in DRF order. */
  serve(ring: ContainerRing, n: number, ctx: QueueContext, queue: { tryOne(c: number): void }): void {
    const T = this.names.length, head = this.head, tail = this.tail;
    if (n > this.next.length) this.next = new Int32Array(Math.max(n, this.next.length * 2));
    const next = this.next;
    head.fill(-1);
    for (let i = 0; i < n; i++) {
      const t = this.tenantIds[ctx.workload(ring.at(i))] as number;
      next[i] = -1;
      if (head[t] === -1) head[t] = i;
      else next[tail[t] as number] = i;
      tail[t] = i;
    }
    for (;;) {
      let pick = -1, share = Infinity;
      for (let t = 0; t < T; t++) {
        if (head[t] === -1) continue;
        const x = this.drf.weightedShare(this.names[t] as string);
        if (x < share || (x === share && pick >= 0 && (this.names[t] as string) < (this.names[pick] as string))) {
          share = x;
          pick = t;
        }
      }
      if (pick < 0) return;
      const i = head[pick] as number;
      head[pick] = next[i] as number;
      queue.tryOne(ring.at(i));
    }
  }
}
