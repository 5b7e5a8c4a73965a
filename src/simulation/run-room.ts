import type { ClusterState } from '../cluster/cluster-state.js';
import type { CompiledWorkload } from '../scenario/compile.js';

/**
 * @internal Each workload's request as a dense demand vector (`demand[w * D + d]`), and whether it
 * fits some empty host (`feasible[w]` 1): a container that fits none is rejected at submission.
 * @example
 * ```ts
 * const { demand, feasible } = workloadDemands(cluster, scenario.workloads);
 * ```
 */
export function workloadDemands(cluster: ClusterState, workloads: readonly CompiledWorkload[]): { demand: Float64Array; feasible: Uint8Array } {
  const D = cluster.D;
  const demand = new Float64Array(workloads.length * D);
  const feasible = new Uint8Array(workloads.length);
  workloads.forEach((w, i) => {
    cluster.demandOf(w.request, demand, i * D);
    for (let h = 0; h < cluster.hostCount; h++) {
      if (cluster.fitsEmpty(h, demand, i * D)) { feasible[i] = 1; break; }
    }
  });
  return { demand, feasible };
}

/**
 * @internal The room a run sets aside up front: container slots for the live containers it is likely
 * to hold (what the scenario may submit, but no more than 64 per host nor 2^20; more grow by
 * doubling), a sample per container it will submit (up to 2^22; from 2^16 when that count is
 * open-ended), and each workload's room for wait samples. Untouched typed-array memory is not
 * committed, so room to spare is cheap, while growing a large cluster's state step by step copies all
 * of it each time.
 * @example
 * ```ts
 * const { slots, samples, waitRoom } = runRoom(scenario.workloads, cluster.hostCount);
 * ```
 */
export function runRoom(workloads: readonly CompiledWorkload[], hostCount: number): { slots: number; samples: number; waitRoom: number[] } {
  const submits = (w: CompiledWorkload): number => w.count * (w.daemonHosts?.length ?? 1);
  let total = 0;
  for (const w of workloads) total += submits(w);
  const W = workloads.length;
  return {
    slots: Math.max(1024, Math.min(total, 64 * hostCount, 1 << 20)),
    samples: total === Infinity ? 1 << 16 : Math.max(4096, Math.min(total, 1 << 22)),
    waitRoom: workloads.map((w) => {
      const n = submits(w);
      return n === Infinity ? Math.max(1024, (1 << 16) / W) : Math.max(64, Math.min(n, 1 << 22));
    }),
  };
}
