import type { Assignment } from './assignment.js';
import type { PackProblem } from './pack-problem.js';
import { OVERFLOW_EPS } from './overflow-packing.js';
import { OverflowSearch } from './overflow-search.js';
import type { ExactRepacker } from './repack-exact.js';

/**
 * Budget and targets of {@link improveAssignment}.
 *
 * @example
 * ```ts
 * const o: ImproveOptions = { seed: 1, deadline: performance.now() + 1000, maxIterations: Infinity, targetHosts: 40, targetCost: 40 };
 * ```
 */
export interface ImproveOptions {
  /** Seed of the search's random stream. */
  readonly seed: number;
  /** `performance.now()` value after which the search stops. */
  readonly deadline: number;
  /** Most moves to make. */
  readonly maxIterations: number;
  /** Stop as soon as this many hosts remain (the lower bound). */
  readonly targetHosts: number;
  /** Stop as soon as the cost is at most this (the cost lower bound). */
  readonly targetCost: number;
}

/**
 * What {@link improveAssignment} returns.
 *
 * @example
 * ```ts
 * const { assignment, iterations, stoppedBy } = improveAssignment(problem, start, options);
 * ```
 */
export interface ImproveResult {
  /** The best assignment found (the start, if nothing better was found). */
  readonly assignment: Assignment;
  /** Moves made. */
  readonly iterations: number;
  /**
   * Why the search stopped: it met the targets, proved by exhaustive search that one host
   * fewer is impossible, had no move left, or ran out of time or iterations.
   */
  readonly stoppedBy: 'bound' | 'proven' | 'stalled' | 'time' | 'iterations';
}

/** Exact-repair search nodes that count as one iteration of the budget. */
const NODES_PER_ITERATION = 100;
/** Large-neighbourhood moves first take about this many hosts (growing after failures). */
const LNS_MIN = 12;
/** Growth factor of that size after a round of failed moves. */
const LNS_GROWTH = 1.5;
/** Large-neighbourhood moves per round. */
const LNS_TRIES = 8;
/** Node budget of one large-neighbourhood move, per host involved. */
const LNS_NODES_PER_HOST = 2000;
/** A local-search attempt is perturbed after STALL_BASE + hosts moves without progress… */
const STALL_BASE = 50;
/** …and restarted from the best packing after RESTART_FACTOR times that many moves. */
const RESTART_FACTOR = 40;
/** Hosts involved in an exact repair at a stall, and its node budget. */
const REPAIR_HOSTS = 8;
const REPAIR_NODES = 20000;

/**
 * The improvement phase of the pipeline: saves one host at a time, from the best packing with
 * m hosts, alternating two searches until the lower bound, a proof of optimality, or the budget.
 *
 * 1. Large-neighbourhood moves (one host type): take the emptiest hosts until their room adds up
 *    to a whole host, add random others (about 12 at first, growing by half after each round of
 *    8 failures), and repack their units exactly into one host fewer with {@link ExactRepacker}
 *    (bin completion with subset-sum pruning and most-constrained-first seeds). When the set is
 *    the whole packing and the repacker proves it impossible, the packing is optimal.
 * 2. Overflow local search: remove the emptiest host (for `cost`: the dearest per unit of fill),
 *    put its units where they overflow least, and minimise the total overflow of the m − 1 hosts
 *    with moves that exchange up to two units of any host with up to three units of an
 *    overflowing one: the load-redistribution idea of Alvim et al.'s hybrid improvement
 *    heuristic, with the swaps of Levine & Ducatelle and Fleszar & Hindi as moves and tabu rules
 *    against cycling. When it stalls, the overflowing hosts, the roomiest ones and a few random
 *    others are repacked exactly; if that fails, a random host is emptied into the others. At
 *    zero overflow a host has been saved.
 *
 * All randomness comes from the seeded stream: results are reproducible for a seed whenever the
 * search ends by bound, proof or iteration budget (exact-repair nodes count 1/100 iteration).
 *
 * @param problem - The problem.
 * @param start - A complete, feasible assignment.
 * @param options - Seed, budget and targets.
 * @example
 * ```ts
 * const better = improveAssignment(problem, firstFitDecreasing(problem, 'sum'), {
 *   seed: 1, deadline: performance.now() + 1000, maxIterations: Infinity, targetHosts: 40, targetCost: 40,
 * });
 * ```
 */
export function improveAssignment(problem: PackProblem, start: Assignment, options: ImproveOptions): ImproveResult {
  const search = new OverflowSearch(problem, start, options.seed, options.deadline);
  const packing = search.packing;
  const objective = problem.objective;
  const done = (): boolean =>
    packing.bestBins <= options.targetHosts || (objective === 'cost' && packing.bestCost <= options.targetCost + 1e-9);
  let stoppedBy: ImproveResult['stoppedBy'] = 'bound';
  const spent = (): number => search.iter + Math.floor(search.work / NODES_PER_ITERATION);
  const outOfBudget = (): boolean => {
    if (spent() >= options.maxIterations) {
      stoppedBy = 'iterations';
      return true;
    }
    if (performance.now() > options.deadline) {
      stoppedBy = 'time';
      return true;
    }
    return false;
  };
  let attempt = 0;
  let lnsSize = LNS_MIN;
  outer: while (!done()) {
    if (packing.bestBins <= 1) {
      stoppedBy = 'stalled';
      break;
    }
    // large-neighbourhood moves: repack a few hosts exactly into one fewer
    if (problem.t === 1) {
      for (let tr = 0; tr < LNS_TRIES; tr++) {
        if (outOfBudget()) break outer;
        const size = Math.min(packing.bestBins, lnsSize + Math.floor(search.rand() * lnsSize));
        const r = search.lnsStep(size, LNS_NODES_PER_HOST * size);
        if (r === 1) {
          packing.saveBest();
          attempt = 0;
          continue outer;
        }
        if (r === 0) {
          stoppedBy = 'proven';
          break outer;
        }
      }
      lnsSize = Math.min(Math.ceil(lnsSize * LNS_GROWTH), packing.bestBins);
    }
    // local search on the overflow of m − 1 hosts
    search.startAttempt(attempt === 0 ? 1 : 4);
    attempt++;
    search.attemptBest = packing.totalOver();
    const stallLimit = STALL_BASE + packing.nb;
    const restartLimit = RESTART_FACTOR * stallLimit;
    let sinceBest = 0;
    let sinceStart = 0;
    while (packing.totalOver() > 0) {
      if (outOfBudget()) break outer;
      search.iter++;
      sinceStart++;
      if (search.findMove()) search.applyMove();
      else if (packing.nb > 1) search.kick();
      else {
        stoppedBy = 'stalled';
        break outer;
      }
      const value = packing.totalOver();
      if (value < search.attemptBest - OVERFLOW_EPS) {
        search.attemptBest = value;
        sinceBest = 0;
      } else if (++sinceBest > stallLimit) {
        sinceBest = 0;
        if (!search.repair(REPAIR_HOSTS, REPAIR_NODES)) search.kick();
      }
      if (sinceStart > restartLimit) continue outer;
    }
    if (!packing.improves()) continue;
    attempt = 0;
    packing.saveBest();
  }
  const bins = packing.bestBins;
  return {
    assignment: { bins, binType: packing.bestBinType.slice(0, bins), binOf: packing.bestBinOf.slice() },
    iterations: spent(),
    stoppedBy,
  };
}
