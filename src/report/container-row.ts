/**
 * One container's record for `containers.csv`: where it ran and when, and, with the performance
 * model, how its time split into P_a, P_d and P_s. Fields the run did not record are left out.
 *
 * @example
 * ```ts
 * const row: ContainerRow = { name: 'web-0', workload: 'web', host: 'node-3', placed: 0.4, finished: 2.9 };
 * ```
 */
export interface ContainerRow {
  /** The simulation's record id. */
  readonly id?: number;
  /** The container's name. */
  readonly name?: string;
  /** Its workload. */
  readonly workload: string;
  /** The host it was placed on; absent if it never was. */
  readonly host?: string;
  /** How it ended (`completed`, `failed`, `evicted`, …) or where it is. */
  readonly state?: string;
  /** When it arrived, seconds. */
  readonly submitted?: number;
  /** When it was placed, seconds. */
  readonly placed?: number;
  /** When its image was pulled, seconds. */
  readonly pulled?: number;
  /** When it started, seconds. */
  readonly started?: number;
  /** When it became ready, seconds. */
  readonly ready?: number;
  /** When it finished, seconds; absent if it was still running at the end. */
  readonly finished?: number;
  /** Seconds from arrival to placement. */
  readonly wait?: number;
  /** Compute time P_a, seconds. */
  readonly pa?: number;
  /** Data-transfer time P_d, seconds. */
  readonly pd?: number;
  /** System time P_s (pull, start, readiness), seconds. */
  readonly ps?: number;
  /** Restarts after OOM kills. */
  readonly restarts?: number;
}
