import type { ClusterState } from '../cluster/cluster-state.js';

/**
 * What a placement policy is asked to place: a container's demand, laid out densely over the
 * cluster's dimensions at `demand[offset .. offset + D)`. The simulation reuses one object, so a
 * policy must not keep it.
 *
 * @example
 * ```ts
 * const req: PlacementRequest = { container: 0, workload: 0, demand: new Float64Array([500, 2 ** 30]), offset: 0 };
 * ```
 */
export interface PlacementRequest {
  /** The container's index in the simulation. */
  container: number;
  /** The index of its workload. */
  workload: number;
  /** Demand per dimension, in base units. */
  demand: Float64Array;
  /** Where this container's demand starts in `demand`. */
  offset: number;
  /**
   * Failed scheduling attempts so far (the queue's back-off grows with them).
   * @defaultValue 0
   */
  attempts?: number;
}

/**
 * The read-only view of the hosts a policy sees: the typed arrays of a {@link ClusterState}
 * and its `fits` check. Policies choose; the cluster enforces capacity.
 *
 * @example
 * ```ts
 * const view: HostView = cluster;
 * view.fits(0, req.demand, req.offset);
 * ```
 */
export type HostView = Pick<ClusterState, 'D' | 'dims' | 'hostCount' | 'hostNames' | 'capacity' | 'allocated' | 'containers' | 'hostLabels' | 'conditions' | 'fits' | 'free'>;

/**
 * A placement policy in its simplest form: given a request and a read-only view of the hosts, return
 * a host index, or `-1` for none. A policy may keep its own state (a cursor, a random stream). It
 * cannot overcommit a host: the cluster refuses any choice that does not fit, and the simulation
 * treats that as a bug in the policy.
 *
 * Every `PlacementPolicy` is a {@link Scheduler}: the simulation runs it as it is. A scheduler that
 * needs back-off, preemption, host conditions or explanations implements the fuller interface.
 *
 * @example
 * ```ts
 * const lastFit: PlacementPolicy = {
 *   name: 'last-fit',
 *   select(req, hosts) {
 *     for (let h = hosts.hostCount - 1; h >= 0; h--) if (hosts.fits(h, req.demand, req.offset)) return h;
 *     return -1;
 *   },
 * };
 * ```
 */
export interface PlacementPolicy {
  /** The policy's name, as in results. */
  readonly name: string;
  /** Picks a host for the request, or returns `-1`. */
  select(request: PlacementRequest, hosts: HostView): number;
  /** Told after a container is placed on a host (optional). */
  placed?(request: PlacementRequest, host: number): void;
  /** Told after a container leaves a host (optional). */
  released?(container: number, workload: number, host: number): void;
}
