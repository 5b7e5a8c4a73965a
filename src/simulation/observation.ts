/**
 * What happened, in an event from {@link "podsim"!Simulation.observe}:
 *
 * - `submitted`: a container arrived. Then exactly one of `rejected` (it fits no host, ever) or, in
 *   time, `placed`.
 * - `placed`: allocated on `host`. Then `started` (its process runs) and `ready` (its readiness
 *   probe passed); without the performance model, both at once. After a restart (OOM kill with a
 *   restart policy) they come again.
 * - `finished`: ran to the end. `failed`: ended in failure (OOM-killed for good). Both are final.
 * - `evicted` (the kubelet's memory-pressure eviction) and `preempted` (a victim of a higher-priority
 *   pod): stopped and off its host; it queues again under the same name, and is `placed` again later.
 * - `explained`: the scheduler just explained its decision for a container someone asked about
 *   ({@link "podsim"!Simulation.explain}); `host` is its choice (-1 for none), not yet allocated. The record is
 *   the last of {@link "podsim"!Simulation.explanations}.
 * - `host-condition`: host `host`'s `condition` ({@link "podsim/scheduling"!HostCondition}) turned `on` or off.
 * - `sampled`: the time-series sample at `time` was taken (only when the scenario samples).
 *
 * So each container's events read `submitted (rejected | placed started ready (evicted|preempted placed …)* (finished | failed))`,
 * or stop early at the end of the run (it is then pending or running).
 *
 * @example
 * ```ts
 * const k: SimulationEventKind = 'placed';
 * ```
 */
export type SimulationEventKind = 'submitted' | 'rejected' | 'placed' | 'started' | 'ready' | 'finished' | 'failed' | 'evicted' | 'preempted' | 'explained' | 'host-condition' | 'sampled' | 'lost';

/**
 * One event. The simulation reuses a single object for every event, so read it in the listener and
 * copy what you keep.
 *
 * @example
 * ```ts
 * run.observe((e) => {
 *   if (e.kind === 'placed') console.log(run.containerName(e.workload, e.ordinal), 'on', run.cluster.hostNames[e.host]);
 * });
 * ```
 */
export interface SimulationEvent {
  readonly kind: SimulationEventKind;
  /** Simulated time, seconds. */
  readonly time: number;
  /** The container's id: its submission order in the run, unique (-1 for host and sample events). */
  readonly id: number;
  /** The container's handle while it lives: what schedulers see as `request.container` (-1 for host and sample events). */
  readonly container: number;
  /** Its workload's index (-1 for host and sample events). */
  readonly workload: number;
  /** n in its name `<workload>-<n>` (-1 for host and sample events). */
  readonly ordinal: number;
  /** The host it is on or leaves, or the host whose condition changed; -1 when none. */
  readonly host: number;
  /** For `host-condition`: which {@link "podsim/scheduling"!HostCondition}; otherwise -1. */
  readonly condition: number;
  /** For `host-condition`: whether it turned on. */
  readonly on: boolean;
}

/** @internal Event kinds as small integers for the hot paths; {@link EVENT_KINDS} names them. */
export const E_SUBMITTED = 0, E_REJECTED = 1, E_PLACED = 2, E_STARTED = 3, E_READY = 4, E_FINISHED = 5, E_FAILED = 6, E_EVICTED = 7, E_PREEMPTED = 8, E_EXPLAINED = 9, E_LOST = 10;

/** @internal Each container event's kind, by its code (`E_*`). */
export const EVENT_KINDS: readonly SimulationEventKind[] = ['submitted', 'rejected', 'placed', 'started', 'ready', 'finished', 'failed', 'evicted', 'preempted', 'explained', 'lost'];

/** Receives every event of a run. @example `const log: SimulationListener = (e) => console.log(e.kind, e.time);` */
export type SimulationListener = (event: SimulationEvent) => void;

interface MutableEvent {
  kind: SimulationEventKind;
  time: number;
  id: number;
  container: number;
  workload: number;
  ordinal: number;
  host: number;
  condition: number;
  on: boolean;
}

/**
 * @internal The listeners of one run and the one event object they share. The simulation calls
 * `emit…` only after checking {@link EventStream.active}, so a run nobody observes pays one
 * well-predicted branch per transition and allocates nothing.
 *
 * @example
 * ```ts
 * if (events.active) events.container(E_PLACED, now, id, slot, w, n, host);
 * ```
 */
export class EventStream {
  /** Whether anyone listens. */
  active = false;
  private listeners: SimulationListener[] = [];
  private readonly e: MutableEvent = { kind: 'submitted', time: 0, id: -1, container: -1, workload: -1, ordinal: -1, host: -1, condition: -1, on: false };

  /** Adds a listener; returns the function that removes it. */
  add(listener: SimulationListener): () => void {
    this.listeners = [...this.listeners, listener];
    this.active = true;
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
      this.active = this.listeners.length > 0;
    };
  }

  /** Emits a container event (`code` one of the `E_*` codes). */
  container(code: number, time: number, id: number, container: number, workload: number, ordinal: number, host: number): void {
    const e = this.e;
    e.kind = EVENT_KINDS[code] as SimulationEventKind;
    e.time = time;
    e.id = id;
    e.container = container;
    e.workload = workload;
    e.ordinal = ordinal;
    e.host = host;
    e.condition = -1;
    e.on = false;
    this.dispatch();
  }

  /** Emits a host-condition event. */
  hostCondition(time: number, host: number, condition: number, on: boolean): void {
    const e = this.e;
    e.kind = 'host-condition';
    e.time = time;
    e.id = e.container = e.workload = e.ordinal = -1;
    e.host = host;
    e.condition = condition;
    e.on = on;
    this.dispatch();
  }

  /** Emits a `sampled` event. */
  sampled(time: number): void {
    const e = this.e;
    e.kind = 'sampled';
    e.time = time;
    e.id = e.container = e.workload = e.ordinal = e.host = e.condition = -1;
    e.on = false;
    this.dispatch();
  }

  private dispatch(): void {
    // The array is replaced, never changed, when listeners come and go, so one may unsubscribe mid-dispatch.
    const ls = this.listeners;
    for (let i = 0; i < ls.length; i++) (ls[i] as SimulationListener)(this.e);
  }
}
