import type { Rng } from '../random/streams.js';
import { ClusterState } from '../cluster/cluster-state.js';
import { FreeCapacityIndex } from './free-capacity-index.js';
import { explainFit } from './explain-fit.js';
import type { HostView, PlacementRequest } from './policy.js';
import type { Scheduler, SchedulerExplanation } from './scheduler.js';

/** Hosts from which an index beats a plain scan. */
const INDEX_FROM = 64;

// An index over free capacity for large clusters, when the view is a ClusterState it can listen to;
// made once per cluster the policy is used on (a policy object may serve several runs in turn).
class IndexFor {
  private view: HostView | undefined;
  /** The index for the current view, when it has one. */
  index: FreeCapacityIndex | undefined;
  /** The current view, when it is a ClusterState (which has its own tight first-fit loop). */
  cluster: ClusterState | undefined;
  constructor(private readonly kinds: 'first' | 'share') {}
  /** Switches to `hosts` (building its index) if it is not the current view. */
  use(hosts: HostView): void {
    if (hosts === this.view) return;
    this.view = hosts;
    this.cluster = hosts instanceof ClusterState ? hosts : undefined;
    this.index = hosts.hostCount < INDEX_FROM || this.cluster === undefined ? undefined : new FreeCapacityIndex(this.cluster, this.kinds);
  }
}

// The built-in policies are classes rather than object literals: their methods live on one prototype,
// so the simulation's call sites stay monomorphic from one run to the next (a literal's methods are new
// functions every time it is made), and V8 can inline them.

class FirstFit implements Scheduler {
  readonly name = 'first-fit';
  readonly failsOnlyWhenNothingFits = true;
  private readonly indexes = new IndexFor('first');
  select(req: PlacementRequest, hosts: HostView): number {
    const indexes = this.indexes;
    indexes.use(hosts);
    if (indexes.index !== undefined) return indexes.index.firstFit(req.demand, req.offset);
    if (indexes.cluster !== undefined) return indexes.cluster.firstFit(req.demand, req.offset);
    const n = hosts.hostCount;
    for (let h = 0; h < n; h++) if (hosts.fits(h, req.demand, req.offset)) return h;
    return -1;
  }
  explain(req: PlacementRequest, view: HostView): SchedulerExplanation {
    return explainFit(req, view);
  }
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
  return new FirstFit();
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

class ByScore implements Scheduler {
  readonly failsOnlyWhenNothingFits = true;
  private readonly indexes = new IndexFor('share');
  constructor(readonly name: string, private readonly sign: 1 | -1) {}
  select(req: PlacementRequest, hosts: HostView): number {
    const indexes = this.indexes, sign = this.sign;
    indexes.use(hosts);
    if (indexes.index !== undefined) return indexes.index.bestFit(req.demand, req.offset, sign);
    const n = hosts.hostCount;
    let best = -1;
    let bestScore = Infinity;
    for (let h = 0; h < n; h++) {
      if (!hosts.fits(h, req.demand, req.offset)) continue;
      const s = sign * remainingAfter(hosts, h, req.demand, req.offset);
      if (s < bestScore) { bestScore = s; best = h; } // strict: ties go to the lower index
    }
    return best;
  }
  explain(req: PlacementRequest, view: HostView): SchedulerExplanation {
    return explainFit(req, view, (h) => remainingAfter(view, h, req.demand, req.offset));
  }
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
  return new ByScore('best-fit', 1);
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
  return new ByScore('worst-fit', -1);
}

class RandomFit implements Scheduler {
  readonly name = 'random';
  // It draws from its stream only when some host fits.
  readonly failsOnlyWhenNothingFits = true;
  constructor(private readonly rng: Rng) {}
  select(req: PlacementRequest, hosts: HostView): number {
    const n = hosts.hostCount;
    let feasible = 0;
    for (let h = 0; h < n; h++) if (hosts.fits(h, req.demand, req.offset)) feasible++;
    if (feasible === 0) return -1;
    let k = Math.floor(this.rng.next() * feasible);
    for (let h = 0; h < n; h++) if (hosts.fits(h, req.demand, req.offset) && k-- === 0) return h;
    return -1;
  }
  explain(req: PlacementRequest, view: HostView): SchedulerExplanation {
    return explainFit(req, view);
  }
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
  return new RandomFit(rng);
}

class RoundRobin implements Scheduler {
  readonly name = 'round-robin';
  readonly failsOnlyWhenNothingFits = true;
  private next = 0;
  select(req: PlacementRequest, hosts: HostView): number {
    const n = hosts.hostCount;
    for (let i = 0; i < n; i++) {
      const h = (this.next + i) % n;
      if (hosts.fits(h, req.demand, req.offset)) return h;
    }
    return -1;
  }
  placed(_req: PlacementRequest, host: number): void {
    this.next = host + 1;
  }
  explain(req: PlacementRequest, view: HostView): SchedulerExplanation {
    return explainFit(req, view);
  }
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
  return new RoundRobin();
}
