import type { ContainerRing } from '../../scheduling/container-ring.js';
import type { QueueContext } from '../../scheduling/pending-queue.js';

/**
 * Which pending containers form a gang: a workload with gang size N groups its containers, in
 * submission order, N at a time (n-th container in gang ⌊n / N⌋). A gang is tried when all its N
 * members wait, from its first member's turn in the queue.
 *
 * @example
 * ```ts
 * const gangs = new GangIndex([0, 4]);     // workload 1 runs in gangs of 4
 * const k = gangs.membersOf(c, ring, ctx); // 4 when c is its gang's first member and all 4 wait
 * ctx.attemptGang(gangs.members, k);
 * ```
 */
export class GangIndex {
  /** The members found by the last {@link GangIndex.membersOf}, in queue order. */
  members: Int32Array;

  constructor(private readonly sizes: readonly number[]) {
    this.members = new Int32Array(Math.max(1, ...sizes));
  }

  /** Gang size of a workload, 0 for none. */
  sizeOf(workload: number): number {
    return this.sizes[workload] ?? 0;
  }

  /**
   * Collects `c`'s gang from the first `ring.length` waiting containers into {@link GangIndex.members}.
   * @returns the gang size, or 0 when not every member waits or `c` is not the first of them.
   */
  membersOf(c: number, ring: ContainerRing, ctx: QueueContext): number {
    const w = ctx.workload(c), N = this.sizeOf(w);
    const g = Math.floor(ctx.ordinal(c) / N);
    let k = 0;
    for (let i = 0; i < ring.length; i++) {
      const m = ring.at(i);
      if (ctx.workload(m) !== w || Math.floor(ctx.ordinal(m) / N) !== g) continue;
      if (k === 0 && m !== c) return 0;
      if (k < N) this.members[k] = m;
      k++;
    }
    return k < N ? 0 : N;
  }
}
