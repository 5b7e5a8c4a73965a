/**
 * How a container's run ended, as the lifecycle reports it to the simulation. The simulation
 * counts every outcome but `Succeeded` as a failure, and queues an `Evicted` container again.
 *
 * @example
 * ```ts
 * if (outcome === Outcome.ErrImageNeverPull) console.log(OUTCOME_NAMES[outcome]); // 'err-image-never-pull'
 * ```
 */
export const Outcome = {
  /** Its work (or its fixed duration) is done. */
  Succeeded: 0,
  /** OOM-killed with `restartPolicy: Never`. */
  OomKilled: 1,
  /** Evicted by the kubelet under node memory pressure. */
  Evicted: 2,
  /** Failed otherwise. */
  Failed: 3,
  /** Its image is not on the host and its pull policy is `Never`: it never started. */
  ErrImageNeverPull: 4,
} as const;

/** One of the {@link Outcome} values. @example `const o: Outcome = Outcome.Evicted;` */
export type Outcome = (typeof Outcome)[keyof typeof Outcome];

/**
 * The state a per-container record shows for each {@link Outcome}, by its value.
 *
 * @example
 * ```ts
 * OUTCOME_NAMES[Outcome.OomKilled]; // 'oom-killed'
 * ```
 */
export const OUTCOME_NAMES = ['succeeded', 'oom-killed', 'evicted', 'failed', 'err-image-never-pull'] as const;

/** A record's end state. @example `const s: OutcomeName = 'evicted';` */
export type OutcomeName = (typeof OUTCOME_NAMES)[number];
