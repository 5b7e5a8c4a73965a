import { createRng, type Rng } from '../random/streams.js';
import type { Assignment } from './assignment.js';
import { ExactRepair } from './exact-repair.js';
import { LeavingSubsets } from './leaving-subsets.js';
import { OVERFLOW_EPS, OverflowPacking } from './overflow-packing.js';
import type { PackProblem } from './pack-problem.js';
import { TabuMemory } from './tabu-memory.js';

/** A unit that leaves a host may not return for TENURE_MIN + [0, TENURE_SPREAD) moves. */
const TENURE_MIN = 5;
const TENURE_SPREAD = 10;
/** A unit that moved may not move again for LOCK_MIN + [0, LOCK_SPREAD) moves. */
const LOCK_MIN = 2;
const LOCK_SPREAD = 4;
/** Pairs are taken out of a host only when it holds at most this many units. */
const PAIR_LIMIT = 40;
/** A move search stops scanning hosts after this many evaluated moves, once it has one. */
const MOVE_EVALUATIONS = 50_000;

/**
 * The local search of the improvement phase: m − 1 hosts that may overflow
 * ({@link OverflowPacking}), moves that exchange units between a host and an overflowing host
 * ({@link LeavingSubsets}) under tabu rules ({@link TabuMemory}), perturbations, and exact moves
 * on a few hosts ({@link ExactRepair}). The objective is the total overflow; at zero overflow
 * the packing is feasible with one host fewer. All randomness comes from one seeded stream.
 * @internal
 * @example
 * ```ts
 * const s = new OverflowSearch(problem, start, 1, Infinity);
 * s.startAttempt(1);
 * while (s.packing.totalOver() > 0 && s.findMove()) { s.iter++; s.applyMove(); }
 * ```
 */
export class OverflowSearch {
  /** The packing searched, with the best complete packing found. */
  readonly packing: OverflowPacking;
  private readonly rng: Rng;
  private readonly tabu: TabuMemory;
  private readonly subsets: LeavingSubsets;
  private readonly exact: ExactRepair;
  /** Moves made; tabu tenures are counted in moves. */
  iter = 0;
  /** Lowest objective of the current attempt (for aspiration). */
  attemptBest = Infinity;

  // scratch
  private readonly members: Int32Array;
  private readonly order: Int32Array;
  private readonly pvec: Float64Array;
  private readonly bySc: (x: number, y: number) => number;

  constructor(problem: PackProblem, start: Assignment, seed: number, deadline: number) {
    const p = new OverflowPacking(problem, start);
    this.packing = p;
    this.rng = createRng(seed, 'packing/improve');
    this.tabu = new TabuMemory(p.n);
    this.subsets = new LeavingSubsets(p.d, p.n, p.over.length);
    this.exact = new ExactRepair(p, this.rng, deadline);
    this.members = new Int32Array(p.n);
    this.order = new Int32Array(p.n);
    this.pvec = new Float64Array(p.d);
    const sc = p.sc;
    this.bySc = (x, y) => (sc[y] as number) - (sc[x] as number) || x - y;
  }

  /** A uniform number in [0, 1) from the search's stream. */
  rand(): number {
    return this.rng.next();
  }

  /** Search nodes spent by exact repairs. */
  get work(): number {
    return this.exact.work;
  }

  /** Resets the state to the best packing, without tabus. */
  restoreBest(): void {
    this.packing.restoreBest();
    this.tabu.clear();
  }

  /**
   * Starts an attempt from the best packing: removes one host (the best candidate, or, when
   * `among` > 1, a random one among the `among` best) and puts each of its units, largest first,
   * where it adds least overflow (ties: the host with most room).
   */
  startAttempt(among: number): void {
    const p = this.packing;
    this.restoreBest();
    const m = Math.min(Math.max(among, 1), p.nb);
    const pick = m <= 1 ? 0 : Math.floor(this.rng.next() * m);
    let lastScore = -Infinity;
    let lastBin = -1;
    for (let j = 0; j <= pick; j++) {
      let best = Infinity;
      let bestB = -1;
      for (let b = 0; b < p.nb; b++) {
        const s = p.removalScore(b);
        const after = s > lastScore || (s === lastScore && b > lastBin);
        if (after && (s < best || (s === best && b < bestB))) {
          best = s;
          bestB = b;
        }
      }
      lastScore = best;
      lastBin = bestB;
    }
    const removed = lastBin;
    const c = p.membersOf(removed, this.order);
    for (let i = 0; i < c; i++) p.unlink(this.order[i] as number);
    p.removeEmptyBin(removed);
    this.order.subarray(0, c).sort(this.bySc);
    for (let i = 0; i < c; i++) p.placeLeastOverflow(this.order[i] as number, -1);
  }

  /** A perturbation: empties a random host into the others, each unit where it adds least overflow. */
  kick(): void {
    const p = this.packing;
    if (p.nb < 2) return;
    const b = Math.floor(this.rng.next() * p.nb);
    const tenure = 10 + Math.floor(this.rng.next() * 10);
    const c = p.membersOf(b, this.order);
    for (let i = 0; i < c; i++) {
      const u = this.order[i] as number;
      p.unlink(u);
      this.tabu.setTabu(u, b, this.iter + tenure);
    }
    p.refreshOver(b);
    for (let i = 0; i < c; i++) p.placeLeastOverflow(this.order[i] as number, b);
  }

  /** {@link ExactRepair.repair} on the current packing. */
  repair(size: number, nodeLimit: number): boolean {
    return this.exact.repair(size, nodeLimit);
  }

  /** {@link ExactRepair.lnsStep} on the best packing (one host type; −1 otherwise). */
  lnsStep(size: number, nodeLimit: number): number {
    if (this.packing.t !== 1 || this.packing.bestBins < 2) return -1;
    this.restoreBest();
    return this.exact.lnsStep(size, nodeLimit);
  }

  // the chosen move: P = {p1, p2} leaves host X for overflowing host Y; Q (subset q of Y) goes to X
  private mvX = -1;
  private mvY = -1;
  private mvP1 = -1;
  private mvP2 = -1;
  private mvQ = -1;
  private bestDelta = Infinity;

  /**
   * Finds the best move: units P (none, one or two) leave host X for an overflowing host Y, and a
   * subset Q of Y (none to three units) moves to X, minimising the total overflow. In one
   * dimension only the subsets of Y near the range that leaves both hosts within capacity are
   * scanned (binary search). Worsening moves are allowed
   * (tabu search): units that just left a host may not re-enter it, and units that just moved may
   * not move again, unless the move reaches a new best objective of the attempt. Moves that
   * exchange equal vectors are skipped; among equal moves the first found wins, the scan
   * starting at a random host. On large packings the scan stops after MOVE_EVALUATIONS
   * evaluations once a move is known. Returns false when there is no move.
   */
  findMove(): boolean {
    const p = this.packing;
    const { d, size, cap, load, ref, nb, over, binType } = p;
    const { members, pvec, tabu, iter } = this;
    const subsets = this.subsets;
    subsets.build(p);
    const { a: qA, b: qB, c: qC, sc: qSc, vec: qVec, order: qOrder, count: nOver, hosts: overList } = subsets;
    this.bestDelta = Infinity;
    this.mvX = -1;
    const base = p.totalOver();
    const oneD = d === 1;
    const startX = Math.floor(this.rng.next() * nb);
    let evals = 0;
    for (let xi = 0; xi < nb; xi++) {
      // on large packings, take the best move among the hosts scanned within the budget
      if (evals > MOVE_EVALUATIONS && this.mvX >= 0) break;
      const x = (startX + xi) % nb;
      const tx = binType[x] as number;
      const c = p.membersOf(x, members);
      const pairs = c <= PAIR_LIMIT;
      const overX = over[x] as number;
      for (let i = -1; i < c; i++) {
        const p1 = i < 0 ? -1 : (members[i] as number);
        if (p1 >= 0 && tabu.isLocked(p1, iter)) continue;
        for (let jj = i; jj < c; jj++) {
          if (jj > i && (i < 0 || !pairs)) break;
          const p2 = jj === i ? -1 : (members[jj] as number);
          if (p2 >= 0 && tabu.isLocked(p2, iter)) continue;
          for (let k = 0; k < d; k++) pvec[k] = 0;
          if (p1 >= 0) {
            for (let k = 0; k < d; k++) pvec[k] = size[p1 * d + k] as number;
          }
          if (p2 >= 0) {
            for (let k = 0; k < d; k++) pvec[k] = (pvec[k] as number) + (size[p2 * d + k] as number);
          }
          for (let j = 0; j < nOver; j++) {
            const y = overList[j] as number;
            if (y === x) continue;
            if (p1 >= 0 && tabu.isTabu(p1, y, iter)) continue;
            if (p2 >= 0 && tabu.isTabu(p2, y, iter)) continue;
            const ty = binType[y] as number;
            const overY = over[y] as number;
            const qs = subsets.start[j] as number;
            const ql = subsets.len[j] as number;
            // overflow of Y + P, before Q leaves (here and below OverflowPacking.overflowOf is
            // written out inline: this is the search's hot loop, and no load vector is built)
            let overYP = 0;
            for (let k = 0; k < d; k++) {
              const v = (load[y * d + k] as number) + (pvec[k] as number) - (cap[ty * d + k] as number);
              if (v > 0) overYP += v / (ref[k] as number);
            }
            const floor = overYP - overY - overX;
            // In one dimension the overflow is least for subsets between a = Y's excess with P and
            // b = X's room with P gone; scan from just above that range to just below it.
            let from = 0;
            let below = Infinity;
            if (oneD) {
              const a = (load[y] as number) + (pvec[0] as number) - (cap[ty] as number);
              const bRoom = (cap[tx] as number) - (load[x] as number) + (pvec[0] as number);
              const hiQ = Math.max(a, bRoom);
              const loQ = Math.max(0, Math.min(a, bRoom));
              let l = 0;
              let h = ql;
              while (l < h) {
                const mid = (l + h) >> 1;
                if ((qVec[qOrder[qs + mid] as number] as number) > hiQ) l = mid + 1;
                else h = mid;
              }
              from = Math.max(0, l - 2);
              below = loQ;
            }
            let past = 0;
            for (let oi = from; oi < ql; oi++) {
              const q = qOrder[qs + oi] as number;
              evals++;
              if (oneD && (qVec[q] as number) < below && ++past > 2) break;
              if (p1 < 0 && (qA[q] as number) < 0) continue; // empty move
              // a lower bound on delta for this and every later (smaller) subset
              if (floor - (qSc[q] as number) > this.bestDelta + OVERFLOW_EPS) break;
              let same = true;
              let newOverX = 0;
              let newOverY = 0;
              for (let k = 0; k < d; k++) {
                const qv = qVec[q * d + k] as number;
                const vx = (load[x * d + k] as number) - (pvec[k] as number) + qv - (cap[tx * d + k] as number);
                if (vx > 0) newOverX += vx / (ref[k] as number);
                const vy = (load[y * d + k] as number) + (pvec[k] as number) - qv - (cap[ty * d + k] as number);
                if (vy > 0) newOverY += vy / (ref[k] as number);
                if (qv !== (pvec[k] as number)) same = false;
              }
              if (same) continue;
              const delta = newOverX - overX + newOverY - overY;
              if (!(delta < this.bestDelta - OVERFLOW_EPS)) continue;
              const a = qA[q] as number;
              const b2 = qB[q] as number;
              const c2 = qC[q] as number;
              const isTabu =
                (a >= 0 && (tabu.isTabu(a, x, iter) || tabu.isLocked(a, iter))) ||
                (b2 >= 0 && (tabu.isTabu(b2, x, iter) || tabu.isLocked(b2, iter))) ||
                (c2 >= 0 && (tabu.isTabu(c2, x, iter) || tabu.isLocked(c2, iter)));
              if (isTabu && !(base + delta < this.attemptBest - OVERFLOW_EPS)) continue;
              this.bestDelta = delta;
              this.mvX = x;
              this.mvY = y;
              this.mvP1 = p1;
              this.mvP2 = p2;
              this.mvQ = q;
            }
          }
        }
      }
    }
    return this.mvX >= 0;
  }

  /** Applies the move found by {@link findMove}. */
  applyMove(): void {
    const x = this.mvX;
    const y = this.mvY;
    const q = this.mvQ;
    const tenure = TENURE_MIN + Math.floor(this.rng.next() * TENURE_SPREAD);
    const lock = LOCK_MIN + Math.floor(this.rng.next() * LOCK_SPREAD);
    const { a, b, c } = this.subsets;
    this.shift(this.mvP1, y, x, tenure, lock);
    this.shift(this.mvP2, y, x, tenure, lock);
    this.shift(a[q] as number, x, y, tenure, lock);
    this.shift(b[q] as number, x, y, tenure, lock);
    this.shift(c[q] as number, x, y, tenure, lock);
    this.packing.refreshOver(x);
    this.packing.refreshOver(y);
  }

  /** Moves unit u from `from` to `to`; it may not go back for `tenure` nor move at all for `lock` moves. */
  private shift(u: number, to: number, from: number, tenure: number, lock: number): void {
    if (u < 0) return;
    this.packing.unlink(u);
    this.packing.linkInto(u, to);
    this.tabu.setTabu(u, from, this.iter + tenure);
    this.tabu.lock(u, this.iter + lock);
  }
}
