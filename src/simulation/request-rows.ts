import type { ClusterState } from '../cluster/cluster-state.js';

/**
 * @internal The requests containers hold, dense over the run's dimensions: each workload's row
 * (`demand[w × D ..]`), then, once a container is submitted with a request of its own, one row per
 * container slot (`demand[(W + slot) × D ..]`), grown with the table. A container's `I_REQUEST` is the
 * offset of its row, which the scheduler reads as `req.demand`/`req.offset`.
 *
 * @example
 * ```ts
 * const rows = new RequestRows(cluster, workloads.length, demand);
 * const row = rows.setOwn(slot, request, 0); // the container's own row, filled from request[0 .. D)
 * cluster.fitsSomeEmpty(rows.demand, row);   // whether it fits some empty host
 * ```
 */
export class RequestRows {
  /** The rows. Replaced when they grow: read it afresh after {@link RequestRows.setOwn}. */
  demand: Float64Array;
  /** Offsets below this are workloads' rows (fixed for the run); above, containers' own. */
  readonly workloadRows: number;
  // Slots with a row of their own (0 until the first setOwn).
  private ownRows = 0;
  private readonly D: number;

  constructor(cluster: ClusterState, private readonly W: number, demand: Float64Array) {
    this.demand = demand;
    this.D = cluster.D;
    this.workloadRows = W * cluster.D;
  }

  /** Writes `request[offset .. offset + D)` as slot `slot`'s own row and returns the row's offset. */
  setOwn(slot: number, request: ArrayLike<number>, offset: number): number {
    const D = this.D;
    if (slot >= this.ownRows) this.grow(slot + 1);
    const row = (this.W + slot) * D;
    const demand = this.demand;
    for (let d = 0; d < D; d++) demand[row + d] = request[offset + d] as number;
    return row;
  }

  // Room for the own rows of slots below `slots` (doubling).
  private grow(slots: number): void {
    let n = Math.max(1024, this.ownRows);
    while (n < slots) n *= 2;
    const next = new Float64Array((this.W + n) * this.D);
    next.set(this.demand);
    this.demand = next;
    this.ownRows = n;
  }
}
