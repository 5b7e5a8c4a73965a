import { checkRate, checkServers, checkStable } from './check.js';
import { erlangC } from './erlang-c.js';

/**
 * The steady state of an M/M/c queue: Poisson arrivals at rate λ, exponential service at rate μ
 * per server, `c` servers, first come first served, an unlimited queue.
 *
 * @example
 * ```ts
 * const q: MmcQueue = mmc(3, 2, 1);
 * q.meanWait; // 0.4444…
 * ```
 */
export interface MmcQueue {
  /** Servers. */
  readonly servers: number;
  /** Per-server utilisation ρ = λ / (cμ). */
  readonly utilization: number;
  /** Offered load a = λ/μ in Erlangs: the mean number of busy servers. */
  readonly offeredLoad: number;
  /** Erlang C: the probability that an arrival waits. */
  readonly probabilityOfWait: number;
  /** Mean wait in the queue W_q = C / (cμ − λ), seconds. */
  readonly meanWait: number;
  /** Mean time in the system W = W_q + 1/μ, seconds. */
  readonly meanResponse: number;
  /** Mean number waiting L_q = λ W_q (Little's law). */
  readonly meanQueueLength: number;
  /** Mean number in the system L = λ W. */
  readonly meanInSystem: number;
  /** P(W_q ≤ t) = 1 − C·e^(−(cμ−λ)t). */
  waitCdf(t: number): number;
  /** The p-quantile of the wait: 0 when p ≤ 1 − C, otherwise ln(C / (1 − p)) / (cμ − λ). */
  waitQuantile(p: number): number;
}

/**
 * The steady-state figures of an M/M/c queue, from Erlang C.
 *
 * @param servers - c, a whole number ≥ 1.
 * @param arrivalRate - λ, arrivals per second.
 * @param serviceRate - μ, services per second per server (1 / mean duration).
 * @throws RangeError when an argument is out of range or λ ≥ cμ (no steady state).
 * @example
 * ```ts
 * import { mmc } from 'podsim/theory';
 * const q = mmc(10, 8, 1);      // 10 servers, 8 arrivals/s, 1 s mean service
 * q.meanWait;                    // 0.2053… s
 * q.waitQuantile(0.99);          // 1.6… s
 * ```
 */
export function mmc(servers: number, arrivalRate: number, serviceRate: number): MmcQueue {
  checkServers('mmc', servers, 1);
  checkRate('mmc', arrivalRate, 'arrival rate');
  checkRate('mmc', serviceRate, 'service rate');
  const a = arrivalRate / serviceRate;
  checkStable('mmc', servers, a);
  const C = erlangC(servers, a);
  const drain = servers * serviceRate - arrivalRate;
  const meanWait = C / drain;
  const meanResponse = meanWait + 1 / serviceRate;
  return {
    servers,
    utilization: a / servers,
    offeredLoad: a,
    probabilityOfWait: C,
    meanWait,
    meanResponse,
    meanQueueLength: arrivalRate * meanWait,
    meanInSystem: arrivalRate * meanResponse,
    waitCdf: (t: number) => (t < 0 ? 0 : 1 - C * Math.exp(-drain * t)),
    waitQuantile: (p: number) => {
      if (!(p >= 0 && p < 1)) throw new RangeError(`waitQuantile: p must be in [0, 1), got ${p}`);
      return p <= 1 - C ? 0 : Math.log(C / (1 - p)) / drain;
    },
  };
}
