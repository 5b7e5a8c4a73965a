/**
 * The trace formats podsim reads: Google cluster-data 2011 (`clusterdata-2011-2`), Google
 * ClusterData2019, and Alibaba `cluster-trace-v2018`.
 *
 * @example
 * ```ts
 * const format: TraceFormat = 'google2011';
 * ```
 */
export type TraceFormat = 'google2011' | 'google2019' | 'alibaba2018';

/**
 * Options of {@link generateTrace}.
 *
 * @example
 * ```ts
 * const options: GenerateTraceOptions = { format: 'google2019', machines: 20, tasks: 500, seed: 1, dir: '/tmp/trace' };
 * ```
 */
export interface GenerateTraceOptions {
  /** Which published schema the files follow. */
  readonly format: TraceFormat;
  /** Number of machines (a positive integer). */
  readonly machines: number;
  /** Number of tasks (Google: tasks; Alibaba: batch instances), a non-negative integer. */
  readonly tasks: number;
  /** Seed of the generator: the same options give byte-identical files. */
  readonly seed: number | string;
  /** Folder to write into; created when missing. */
  readonly dir: string;
  /** Write `.gz` files. @defaultValue false */
  readonly gzip?: boolean;
  /** Return what was generated ({@link GeneratedTrace.truth}), for tests. Keeps every task in memory. @defaultValue false */
  readonly truth?: boolean;
  /** Mean run time of a task in seconds. @defaultValue 300 */
  readonly meanDuration?: number;
  /** Mean number of tasks running per machine, which sets the arrival rate. @defaultValue 4 */
  readonly tasksPerMachine?: number;
  /** Alibaba only: number of online containers (`container_meta`). @defaultValue ceil(tasks / 10) */
  readonly containers?: number;
  /**
   * Write the features real traces have that trip readers up: machine removals and capacity updates
   * (Alibaba: machines out of service), events at 2⁶³−1 ("after the trace"), figures in exponent
   * notation, Google 2019 int64 fields as strings (BigQuery exports) and alloc sets, Alibaba starts
   * of 0 (running before the trace), ends before starts and several rows per container.
   * @defaultValue true
   */
  readonly realFeatures?: boolean;
}

/**
 * How a generated task run ended, as the trace records it: `running` when the trace does not see its
 * end (Google: its end is written at 2⁶³−1 or never; Alibaba: end 0), `endBeforeStart` for an
 * Alibaba row whose end precedes its start (the readers skip it).
 *
 * @example
 * ```ts
 * const o: GeneratedOutcome = 'evict';
 * ```
 */
export type GeneratedOutcome = 'finish' | 'fail' | 'kill' | 'evict' | 'killedWhilePending' | 'running' | 'endBeforeStart';

/**
 * One generated task run as written to the trace, in the trace's own units: times in seconds of trace
 * time, CPU and memory as the trace writes them (Google: fractions of the largest machine; Alibaba:
 * CPU in cores × 100 and memory in 0–100).
 *
 * @example
 * ```ts
 * const t: GeneratedTask = { id: '6000000000/0', submit: 600.5, start: 601, end: 901, cpu: 0.0625, memory: 0.01553, machine: '1000', priority: 2, outcome: 'finish' };
 * ```
 */
export interface GeneratedTask {
  /** The id the readers give this task. */
  readonly id: string;
  /** Submission time in seconds of trace time. */
  readonly submit: number;
  /** Start time in seconds, when it was scheduled. */
  readonly start?: number;
  /** End time in seconds; for `running` runs, the input's last time (where the readers end them). */
  readonly end?: number;
  /** Requested CPU in trace units. */
  readonly cpu: number;
  /** Requested memory in trace units. */
  readonly memory: number;
  /** Machine id, when scheduled. */
  readonly machine?: string;
  /** Priority, when the format has one. */
  readonly priority?: number;
  /** How the run ended. */
  readonly outcome: GeneratedOutcome;
  /** Google 2019: an alloc instance (a reservation, read only with `includeAllocs`). */
  readonly alloc?: boolean;
}

/**
 * One generated machine in the trace's units (Google: fractions of the largest machine;
 * Alibaba: CPU in cores and memory in 0–100), with the capacity it first joins with.
 *
 * @example
 * ```ts
 * const m: GeneratedMachine = { id: '1000', cpu: 0.5, memory: 0.5 };
 * ```
 */
export interface GeneratedMachine {
  readonly id: string;
  readonly cpu: number;
  readonly memory: number;
}

/**
 * A change of a generated machine as the readers report it (Alibaba status rows already turned into
 * additions and removals), in trace units and seconds of trace time.
 *
 * @example
 * ```ts
 * const e: GeneratedMachineEvent = { id: '1037', time: 812.5, event: 'remove', cpu: 0.5, memory: 0.4995 };
 * ```
 */
export interface GeneratedMachineEvent {
  readonly id: string;
  readonly time: number;
  readonly event: 'add' | 'remove' | 'update';
  readonly cpu: number;
  readonly memory: number;
}

/**
 * What {@link generateTrace} wrote.
 *
 * @example
 * ```ts
 * const trace = await generateTrace({ format: 'google2011', machines: 4, tasks: 50, seed: 1, dir });
 * trace.files.task_events; // ['<dir>/task_events/part-00000-of-00001.csv']
 * ```
 */
export interface GeneratedTrace {
  readonly format: TraceFormat;
  readonly dir: string;
  /** The files written, by table name (`task_events`, `instance_events`, `batch_instance`, …). */
  readonly files: Readonly<Record<string, readonly string[]>>;
  /** Rows written, by table name. */
  readonly rows: Readonly<Record<string, number>>;
  /** The generated tasks and machines, when `truth` was asked for. */
  readonly truth?: {
    readonly tasks: readonly GeneratedTask[];
    readonly machines: readonly GeneratedMachine[];
    /** Every machine event in time order (ties in machine order), the ones at time 0 first. */
    readonly machineEvents: readonly GeneratedMachineEvent[];
  };
}
