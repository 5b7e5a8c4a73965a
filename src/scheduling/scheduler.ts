import type { HostCondition } from './host-condition.js';
import type { HostView, PlacementRequest } from './policy.js';
import { grown } from '../util/grown.js';

/**
 * What a {@link Scheduler} says besides the host when it places nothing: when the container may be
 * tried again, and which running containers to evict so that it fits (preemption). One object is
 * reused for every decision: the simulation {@link SchedulingDecision.reset | resets} it before each
 * `select`, so a scheduler writes only what applies and allocates nothing.
 *
 * @example
 * ```ts
 * const d = new SchedulingDecision();
 * d.addVictim(17);      // evict container 17 first
 * d.retryAt = now + 5;  // or: not before t = now + 5
 * ```
 */
export class SchedulingDecision {
  /**
   * Do not try this container again before this time (seconds). The pending queue's own back-off
   * may hold it longer.
   * @defaultValue 0: whenever the cluster changes
   */
  retryAt = 0;
  /** How many of {@link SchedulingDecision.victims} apply. @defaultValue 0 */
  victimCount = 0;
  /** Containers to evict so that this one fits, most important first (grows as needed). */
  victims: Int32Array = new Int32Array(8);

  /** Clears the decision for the next `select`. */
  reset(): void {
    this.retryAt = 0;
    this.victimCount = 0;
  }

  /** Appends a container to evict. */
  addVictim(container: number): void {
    if (this.victimCount === this.victims.length) this.victims = grown(this.victims, this.victims.length * 2);
    this.victims[this.victimCount++] = container;
  }
}

/**
 * One host as a scheduler saw it when explaining a decision: whether it passed the filters, each
 * filter that rejected it with its reasons, and each score with its weight.
 *
 * @example
 * ```ts
 * const h: HostExplanation = { host: 'node-0', feasible: false, rejections: [{ plugin: 'fit', reasons: ['Insufficient cpu (needs 500m, 200m free)'] }], scores: [], total: 0 };
 * ```
 */
export interface HostExplanation {
  /** The host's name. */
  readonly host: string;
  readonly feasible: boolean;
  /** Every filter that rejects the host, with its reasons (empty when feasible). */
  readonly rejections: ReadonlyArray<{ readonly plugin: string; readonly reasons: readonly string[] }>;
  /** Each score: raw, normalised, and its weight in the total (empty for infeasible hosts or a policy that does not score). */
  readonly scores: ReadonlyArray<{ readonly plugin: string; readonly raw: number; readonly normalized: number; readonly weight: number }>;
  /** Σ weight × normalised score. */
  readonly total: number;
}

/**
 * A scheduler's account of one decision over every host, computed by the live scheduler at the
 * moment it decided, from the state it decided on.
 *
 * @example
 * ```ts
 * const e: SchedulerExplanation = scheduler.explain!(request, cluster);
 * e.hosts.filter((h) => h.feasible).length === e.feasible; // true
 * ```
 */
export interface SchedulerExplanation {
  /** How many hosts passed the filters. */
  readonly feasible: number;
  /** Why nothing fits, when nothing does (kube-scheduler's FitError message). */
  readonly message: string | undefined;
  readonly hosts: readonly HostExplanation[];
}

/**
 * The scheduler protocol: everything the simulation asks of a placement decision-maker. Only `name`
 * and `select` are required, so every {@link PlacementPolicy} is a scheduler.
 *
 * `select` has **no side effects** on the simulation: it returns a host, or `-1` for unschedulable and
 * fills the reused {@link SchedulingDecision} with an optional `retryAt` and optional victims. The
 * simulation then evicts the victims (through the same path that serves every eviction) and asks
 * again at once; it allocates, and tells the scheduler with `placed`. A scheduler may keep internal
 * state (a cursor, a random stream, its own pod tables).
 *
 * @example
 * ```ts
 * const lastFit: Scheduler = {
 *   name: 'last-fit',
 *   select(req, hosts) {
 *     for (let h = hosts.hostCount - 1; h >= 0; h--) if (hosts.fits(h, req.demand, req.offset)) return h;
 *     return -1;
 *   },
 * };
 * ```
 */
export interface Scheduler {
  /** The name results report. */
  readonly name: string;
  /**
   * Picks a host for the request, or returns `-1` (then `decision` says when to retry and whom to
   * evict). The request and the decision are reused: do not keep them.
   * @param decision - Reset by the caller; absent when a caller only wants the host.
   */
  select(request: PlacementRequest, view: HostView, decision?: SchedulingDecision): number;
  /**
   * Whether `select` may answer with victims. Results then report preemptions.
   * @defaultValue false
   */
  readonly preempts?: boolean;
  /**
   * Whether `select` answers `-1` only when the request fits no host ({@link "podsim/engine"!ClusterState.fits}
   * false on every one), and then sets no `retryAt`, names no victims and changes nothing of its own.
   * The simulation may then skip a `select` it can tell would fail: after a failure, while the only
   * hosts with more room than then are ones where the request still does not fit. The built-in
   * first-fit, best-fit, worst-fit, random and round-robin policies are.
   * @defaultValue false
   */
  readonly failsOnlyWhenNothingFits?: boolean;
  /** Told after the container was allocated on `host`. */
  placed?(request: PlacementRequest, host: number): void;
  /** Told after a container left `host` (it ended, or was evicted and will queue again). */
  released?(container: number, workload: number, host: number): void;
  /**
   * Told when a host's condition changes ({@link "podsim/scheduling"!HostCondition}). A scheduler that implements this
   * takes charge of conditions itself (kube-scheduler turns them into taints that pods may
   * tolerate); one that does not must keep off blocked hosts, which {@link "podsim/engine"!ClusterState.fits} does.
   */
  hostConditionChanged?(host: number, condition: HostCondition, on: boolean): void;
  /**
   * Explains the decision `select` just made for this request, from the same state: each host's
   * filter verdicts and scores. Called only for containers someone asked about.
   */
  explain?(request: PlacementRequest, view: HostView): SchedulerExplanation;
  /**
   * All-or-nothing placement of a gang: hosts for every one of `count` containers of one workload
   * (`members`), written to `hosts`, or `false` and nothing placed. No side effects.
   */
  selectGang?(members: Int32Array, count: number, request: PlacementRequest, view: HostView, hosts: Int32Array, decision: SchedulingDecision): boolean;
}
