import { checkRate } from './check.js';

/**
 * The steady state of an M/M/1 processor-sharing queue (a CPU shared equally by everything on it):
 * Poisson arrivals at rate λ, exponential work with mean 1/μ seconds alone.
 *
 * @example
 * ```ts
 * const q: ProcessorSharingQueue = mm1ProcessorSharing(0.5, 1);
 * q.meanResponse; // 2
 * ```
 */
export interface ProcessorSharingQueue {
  /** ρ = λ/μ. */
  readonly utilization: number;
  /** Mean time in the system, 1 / (μ − λ). The same as FCFS M/M/1: PS only reorders. */
  readonly meanResponse: number;
  /** Mean number in the system, ρ / (1 − ρ). */
  readonly meanInSystem: number;
  /** Mean slowdown (response over work alone), 1 / (1 − ρ), the same for every job size. */
  readonly meanSlowdown: number;
  /** Mean response of a job needing `x` seconds alone: x / (1 − ρ), linear in its size. */
  responseOf(x: number): number;
}

/**
 * M/M/1 processor sharing. The response time of a job is proportional to its size, so its
 * slowdown is 1/(1 − ρ) whatever the size: the reference for the CFS share model.
 *
 * @param arrivalRate - λ, arrivals per second.
 * @param serviceRate - μ, 1 / mean work in seconds.
 * @throws RangeError when a rate is not positive or λ ≥ μ.
 * @example
 * ```ts
 * import { mm1ProcessorSharing } from 'podsim/theory';
 * mm1ProcessorSharing(0.8, 1).responseOf(2); // 10
 * ```
 */
export function mm1ProcessorSharing(arrivalRate: number, serviceRate: number): ProcessorSharingQueue {
  checkRate('mm1ProcessorSharing', arrivalRate, 'arrival rate');
  checkRate('mm1ProcessorSharing', serviceRate, 'service rate');
  const rho = arrivalRate / serviceRate;
  if (!(rho < 1)) throw new RangeError(`mm1ProcessorSharing: the queue is unstable (ρ = ${rho}): it needs λ < μ`);
  return {
    utilization: rho,
    meanResponse: 1 / (serviceRate - arrivalRate),
    meanInSystem: rho / (1 - rho),
    meanSlowdown: 1 / (1 - rho),
    responseOf: (x: number) => x / (1 - rho),
  };
}
