/**
 * One container's record for `containers.csv`: where it ran and when. Fields the run did not
 * record are left out.
 *
 * @example
 * ```ts
 * const row: ContainerRow = { name: 'web-0', workload: 'web', host: 'node-3', submitted: 0.4, placed: 0.4, finished: 2.9 };
 * ```
 */
export interface ContainerRow {
  /** The container's name. */
  readonly name: string;
  /** Its workload. */
  readonly workload: string;
  /** The host it was placed on; absent if it never was. */
  readonly host?: string;
  /** When it arrived, seconds. */
  readonly submitted?: number;
  /** When it was placed, seconds. */
  readonly placed?: number;
  /** When it finished, seconds; absent if it was still running at the end. */
  readonly finished?: number;
  /** Seconds from arrival to placement. */
  readonly wait?: number;
}
