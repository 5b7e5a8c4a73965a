/**
 * Resources requested by a replayed task or offered by a replayed machine, as exact integers:
 * CPU in millicores, memory in bytes.
 *
 * @example
 * ```ts
 * const r: TraceResources = { cpu: 500, memory: 268_435_456 }; // half a core, 256 MiB
 * ```
 */
export interface TraceResources {
  /** CPU in millicores (1000 = one core). */
  readonly cpu: number;
  /** Memory in bytes. */
  readonly memory: number;
}

/**
 * One task (one run of one trace task) as read from a cluster trace, in podsim's units and
 * relative to the start of the replay window. Engine-agnostic: it says what the trace recorded,
 * not how podsim will run it.
 *
 * A task that was evicted and resubmitted appears once per run, every time with the same `id` (the
 * typed-array batches give each run its own id index). Objects are made on demand from the readers'
 * batches ({@link TaskBatch}), for small traces and exploration.
 *
 * @example
 * ```ts
 * const t: TraceTask = {
 *   id: '6251812952/0',
 *   submit: 12.5,            // seconds after the window start
 *   start: 14,               // the trace scheduled it 1.5 s later…
 *   duration: 300,           // …and it ran for 300 s
 *   request: { cpu: 2000, memory: 4_294_967_296 },
 *   priority: 9,
 *   machine: '4155527081',
 * };
 * ```
 */
export interface TraceTask {
  /** The trace's identity of the task: `job/index` (Google), `job/task/instance` (Alibaba batch), the container id (Alibaba online). */
  readonly id: string;
  /** When the task was submitted, in seconds from the window start (never negative: earlier submissions are clamped to 0). */
  readonly submit: number;
  /**
   * How long it ran, in seconds, from its recorded start to its recorded end (finish, fail, kill, evict or lost).
   * A task still running at the window end ends at the window end. Absent only when the task was still
   * waiting to be scheduled when the window ended, so the trace does not say how long it would have run.
   */
  readonly duration?: number;
  /** What the task asked for, scaled by the machine shape and rounded to integers. */
  readonly request: TraceResources;
  /** The task's priority in the trace's own scale (Google 2011: 0–11, Google 2019: 0–450); absent when the trace has none. */
  readonly priority?: number;
  /** The machine the trace placed it on, when it was placed. */
  readonly machine?: string;
  /** When the trace started it, in seconds from the window start (clamped to 0), when it was started. */
  readonly start?: number;
}

/**
 * A change to one machine of a trace: it was added, removed, or its capacity changed.
 * Machines present when the window opens are reported as `add` events at time 0.
 *
 * @example
 * ```ts
 * const m: TraceMachine = {
 *   id: '5',
 *   time: 0,
 *   event: 'add',
 *   capacity: { cpu: 32_000, memory: 137_438_953_472 },
 *   labels: { platform: 'HofLGzk1Or/8Ildj2+Lqv0UGGvY82NLoni8+J/Yy0RU=' },
 * };
 * ```
 */
export interface TraceMachine {
  /** The trace's machine id. */
  readonly id: string;
  /** When it happened, in seconds from the window start (never negative). */
  readonly time: number;
  /** What happened. */
  readonly event: 'add' | 'remove' | 'update';
  /** The machine's capacity after the event (for `remove`, the capacity it had). */
  readonly capacity: TraceResources;
  /** Extra facts the trace gives about the machine, such as `platform` or `failureDomain1` (its latest labels). */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * A job-level event from Google 2019 `collection_events`: useful to group tasks into jobs and
 * to tell jobs from alloc sets.
 *
 * @example
 * ```ts
 * const c: TraceCollection = { id: '380676713775', time: 3.2, event: 'submit', type: 'job', priority: 200 };
 * ```
 */
export interface TraceCollection {
  /** The collection id (the `job` part of task ids). */
  readonly id: string;
  /** When it happened, in seconds from the window start (clamped to 0). */
  readonly time: number;
  /** The event, lower-cased from the trace's event type (`submit`, `schedule`, `finish`, …). */
  readonly event: string;
  /** Whether the collection is a job (has tasks) or an alloc set (has alloc instances). */
  readonly type: 'job' | 'alloc_set';
  /** Its priority, when given. */
  readonly priority?: number;
  /** The parent collection, when given. */
  readonly parent?: string;
  /** The (obfuscated) user, when given. */
  readonly user?: string;
}
