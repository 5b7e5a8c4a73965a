import type { Rng } from '../random/streams.js';
import { ClusterState } from '../cluster/cluster-state.js';
import { FreeCapacityIndex } from './free-capacity-index.js';
import { explainFit } from './explain-fit.js';
import type { HostView, PlacementRequest } from './policy.js';
import type { Scheduler } from './scheduler.js';

/** Hosts from which an index beats a plain scan. */
const INDEX_FROM = 64;

// An index over free capacity for large clusters, when the view is a ClusterState it can listen to.
function indexFor(hosts: HostView, kinds: 'first' | 'share'): FreeCapacityIndex | undefined {
  if (hosts.hostCount < INDEX_FROM || !(hosts instanceof ClusterState)) return undefined;
  return new FreeCapacityIndex(hosts, kinds);
}

/**
 * First fit: the lowest-numbered host the container fits on.
 *
 * @example
 * ```ts
 * const p = firstFit();
 * p.select(req, cluster); // 0 if it fits on host 0
 * ```
 */
export function firstFit(): Scheduler {
  let index: FreeCapacityIndex | undefined;
  return {
    name: 'first-fit',
    select(req, hosts) {
      index ??= indexFor(hosts, 'first');
      if (index !== undefined) return index.firstFit(req.demand, req.offset);
      const n = hosts.hostCount;
      for (let h = 0; h < n; h++) if (hosts.fits(h, req.demand, req.offset)) return h;
      return -1;
    },
    explain: (req, view) => explainFit(req, view),
  };
}

/**
 * How much of a host would remain after placing the demand, summed over dimensions as fractions
 * of the host's capacity (dimensions it has none of are skipped). The score best-fit minimises.
 *
 * @example
 * ```ts
 * remainingAfter(cluster, 0, req.demand, req.offset); // 0.75 + 0.5 for a half-used, quarter-demand host
 * ```
 */
export function remainingAfter(hosts: HostView, h: number, demand: Float64Array, offset: number): number {
  const D = hosts.D, base = h * D, cap = hosts.capacity, alloc = hosts.allocated;
  let s = 0;
  for (let d = 0; d < D; d++) {
    const c = cap[base + d] as number;
    if (c > 0) s += (c - (alloc[base + d] as number) - (demand[offset + d] as number)) / c;
  }
  return s;
}

function byScore(name: string, sign: 1 | -1): Scheduler {
  let index: FreeCapacityIndex | undefined;
  return {
    name,
    select(req, hosts) {
      index ??= indexFor(hosts, 'share');
      if (index !== undefined) return index.bestFit(req.demand, req.offset, sign);
      const n = hosts.hostCount;
      let best = -1;
      let bestScore = Infinity;
      for (let h = 0; h < n; h++) {
        if (!hosts.fits(h, req.demand, req.offset)) continue;
        const s = sign * remainingAfter(hosts, h, req.demand, req.offset);
        if (s < bestScore) { bestScore = s; best = h; } // strict: ties go to the lower index
      }
      return best;
    },
    explain: (req, view) => explainFit(req, view, (h) => remainingAfter(view, h, req.demand, req.offset)),
  };
}

/**
 * Best fit: the host with the least capacity left after placement, normalised over dimensions
 * (see {@link remainingAfter}); ties go to the lower-numbered host.
 *
 * @example
 * ```ts
 * const p = bestFit();
 * ```
 */
export function bestFit(): Scheduler {
  return byScore('best-fit', 1);
}

/**
 * Worst fit: the host with the most capacity left after placement; ties go to the lower-numbered host.
 *
 * @example
 * ```ts
 * const p = worstFit();
 * ```
 */
export function worstFit(): Scheduler {
  return byScore('worst-fit', -1);
}

/**
 * Random: a host drawn uniformly among those the container fits on, from a seeded stream.
 *
 * @param rng - The policy's own stream, so its draws never disturb the workloads'.
 * @example
 * ```ts
 * const p = randomFit(createRng(1, 'policy/random'));
 * ```
 */
export function randomFit(rng: Rng): Scheduler {
  return {
    name: 'random',
    select(req: PlacementRequest, hosts: HostView) {
      const n = hosts.hostCount;
      let feasible = 0;
      for (let h = 0; h < n; h++) if (hosts.fits(h, req.demand, req.offset)) feasible++;
      if (feasible === 0) return -1;
      let k = Math.floor(rng.next() * feasible);
      for (let h = 0; h < n; h++) if (hosts.fits(h, req.demand, req.offset) && k-- === 0) return h;
      return -1;
    },
    explain: (req, view) => explainFit(req, view),
  };
}

/**
 * Round robin: the first host it fits on, searching from the host after the last one used.
 *
 * @example
 * ```ts
 * const p = roundRobin();
 * ```
 */
export function roundRobin(): Scheduler {
  let next = 0;
  return {
    name: 'round-robin',
    select(req, hosts) {
      const n = hosts.hostCount;
      for (let i = 0; i < n; i++) {
        const h = (next + i) % n;
        if (hosts.fits(h, req.demand, req.offset)) return h;
      }
      return -1;
    },
    placed(_req, host) {
      next = host + 1;
    },
    explain: (req, view) => explainFit(req, view),
  };
}
