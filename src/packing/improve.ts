import { createRng, type Rng } from '../random/streams.js';
import type { Assignment } from './assignment.js';
import type { PackProblem } from './pack-problem.js';
import { ExactRepacker } from './repack-exact.js';

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

const EPS = 1e-12;
/** A unit that leaves a host may not return for TENURE_MIN + [0, TENURE_SPREAD) moves. */
const TENURE_MIN = 5;
const TENURE_SPREAD = 10;
/** A unit that moved may not move again for LOCK_MIN + [0, LOCK_SPREAD) moves. */
const LOCK_MIN = 2;
const LOCK_SPREAD = 4;
/** How many of the hosts a unit left recently are remembered for the tabu rule. */
const TABU_RING = 4;
/** Pairs are taken out of a host only when it holds at most this many units. */
const PAIR_LIMIT = 40;
/** Pairs leaving an overflowing host are formed among at most this many of its largest units. */
const OUT_PAIR_LIMIT = 40;
/** Triples leave an overflowing host only when it holds at most this many units. */
const OUT_TRIPLE_LIMIT = 12;
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
/** A move search stops scanning hosts after this many evaluated moves, once it has one. */
const MOVE_EVALUATIONS = 50_000;
/** Hosts involved in an exact repair at a stall, and its node budget. */
const REPAIR_HOSTS = 8;
const REPAIR_NODES = 20000;

/**
 * Sorts `a[lo .. hi)` (indices into `key`) by decreasing key, ties by increasing index, in place
 * and without allocating (Shell sort with Ciura's gaps; the ranges are short).
 */
function sortByKeyDesc(a: Int32Array, lo: number, hi: number, key: Float64Array): void {
  for (let g = 0; g < GAPS.length; g++) {
    const gap = GAPS[g] as number;
    if (gap >= hi - lo) continue;
    for (let i = lo + gap; i < hi; i++) {
      const v = a[i] as number;
      const kv = key[v] as number;
      let j = i;
      while (j - gap >= lo) {
        const w = a[j - gap] as number;
        const kw = key[w] as number;
        if (kw > kv || (kw === kv && w < v)) break;
        a[j] = w;
        j -= gap;
      }
      a[j] = v;
    }
  }
}
const GAPS = Int32Array.of(701, 301, 132, 57, 23, 10, 4, 1);

/**
 * The state of the search: m − 1 hosts that may overflow. The objective is the total overflow,
 * Σ over hosts and dimensions of max(0, load − capacity) / largest capacity; at zero overflow
 * the packing is feasible with one host fewer.
 */
class OverflowSearch {
  private readonly d: number;
  private readonly n: number;
  private readonly t: number;
  private readonly size: Float64Array;
  private readonly cap: Float64Array;
  private readonly cost: Float64Array;
  private readonly ref: Float64Array;
  private readonly objective: 'hosts' | 'cost';
  private readonly rng: Rng;
  /** Scalar normalised size of each unit (sum over dimensions of size / ref). */
  private readonly sc: Float64Array;

  private nb = 0;
  private readonly binType: Int32Array;
  private readonly load: Float64Array;
  private readonly head: Int32Array;
  private readonly cnt: Int32Array;
  private readonly nxt: Int32Array;
  private readonly prv: Int32Array;
  private readonly binOf: Int32Array;
  private readonly over: Float64Array;
  /** Hosts that overflow, rebuilt before each move. */
  private readonly overList: Int32Array;
  private nOver = 0;

  // tabu: unit u may not enter bin tabuBin[u] before tabuUntil[u], nor leave its bin before lockUntil[u]
  private readonly tabuBin: Int32Array;
  private readonly tabuUntil: Float64Array;
  private readonly tabuNext: Int32Array;
  private readonly lockUntil: Float64Array;
  iter = 0;

  // subsets of each overflowing host that a move may take out of it
  private qCap = 0;
  private qA = new Int32Array(0);
  private qB = new Int32Array(0);
  private qC = new Int32Array(0);
  private qSc = new Float64Array(0);
  private qVec = new Float64Array(0);
  private qOrder = new Int32Array(0);
  private readonly qStart: Int32Array;
  private readonly qLen: Int32Array;
  private readonly bySc: (x: number, y: number) => number;

  // scratch
  private readonly members: Int32Array;
  private readonly order: Int32Array;
  private readonly pvec: Float64Array;
  private readonly tmp: Float64Array;

  // best complete packing
  bestBins: number;
  bestCost: number;
  readonly bestBinOf: Int32Array;
  readonly bestBinType: Int32Array;
  /** Lowest objective of the current attempt (for aspiration). */
  attemptBest = Infinity;

  private readonly deadline: number;

  constructor(problem: PackProblem, start: Assignment, seed: number, deadline: number) {
    this.deadline = deadline;
    const { d, n, size, ref } = problem;
    this.d = d;
    this.n = n;
    this.t = problem.t;
    this.size = size;
    this.cap = problem.cap;
    this.cost = problem.cost;
    this.ref = ref;
    this.objective = problem.objective;
    this.rng = createRng(seed, 'packing/improve');
    this.sc = new Float64Array(n);
    for (let u = 0; u < n; u++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += (size[u * d + k] as number) / (ref[k] as number);
      this.sc[u] = s;
    }
    const B = Math.max(start.bins, 1);
    this.binType = new Int32Array(B);
    this.load = new Float64Array(B * d);
    this.head = new Int32Array(B).fill(-1);
    this.cnt = new Int32Array(B);
    this.over = new Float64Array(B);
    this.overList = new Int32Array(B);
    this.nxt = new Int32Array(n);
    this.prv = new Int32Array(n);
    this.binOf = new Int32Array(n);
    this.tabuBin = new Int32Array(n * TABU_RING).fill(-1);
    this.tabuUntil = new Float64Array(n * TABU_RING);
    this.tabuNext = new Int32Array(n);
    this.lockUntil = new Float64Array(n);
    this.qStart = new Int32Array(B);
    this.qLen = new Int32Array(B);
    this.members = new Int32Array(n);
    this.order = new Int32Array(n);
    this.pvec = new Float64Array(d);
    this.tmp = new Float64Array(d);
    this.bySc = (x, y) => (this.sc[y] as number) - (this.sc[x] as number) || x - y;
    this.bestBinOf = new Int32Array(n);
    this.bestBinType = new Int32Array(B);
    this.bestBins = start.bins;
    this.bestBinOf.set(start.binOf);
    this.bestBinType.set(start.binType.subarray(0, start.bins));
    this.bestCost = this.costOf(start.bins, start.binType);
  }

  private costOf(bins: number, types: Int32Array): number {
    let c = 0;
    for (let b = 0; b < bins; b++) c += this.cost[types[b] as number] as number;
    return c;
  }

  /** A uniform number in [0, 1) from the search's stream. */
  rand(): number {
    return this.rng.next();
  }

  /** Number of hosts in the current attempt. */
  get bins(): number {
    return this.nb;
  }

  // ----- bookkeeping -----

  private linkInto(u: number, b: number): void {
    const { d } = this;
    const h = this.head[b] as number;
    this.nxt[u] = h;
    this.prv[u] = -1;
    if (h >= 0) this.prv[h] = u;
    this.head[b] = u;
    this.cnt[b] = (this.cnt[b] as number) + 1;
    this.binOf[u] = b;
    for (let k = 0; k < d; k++) this.load[b * d + k] = (this.load[b * d + k] as number) + (this.size[u * d + k] as number);
  }

  private unlink(u: number): void {
    const { d } = this;
    const b = this.binOf[u] as number;
    const p = this.prv[u] as number;
    const x = this.nxt[u] as number;
    if (p >= 0) this.nxt[p] = x;
    else this.head[b] = x;
    if (x >= 0) this.prv[x] = p;
    this.cnt[b] = (this.cnt[b] as number) - 1;
    for (let k = 0; k < d; k++) this.load[b * d + k] = (this.load[b * d + k] as number) - (this.size[u * d + k] as number);
    this.binOf[u] = -1;
  }

  /** Overflow of a load vector `v` (offset `o`) in a host of type `t`. */
  private overflowOf(v: Float64Array, o: number, t: number): number {
    const { d, cap, ref } = this;
    let s = 0;
    for (let k = 0; k < d; k++) {
      const x = (v[o + k] as number) - (cap[t * d + k] as number);
      if (x > 0) s += x / (ref[k] as number);
    }
    return s;
  }

  private refreshOver(b: number): void {
    this.over[b] = this.overflowOf(this.load, b * this.d, this.binType[b] as number);
  }

  /** Total overflow, from the exact integer loads: 0 exactly when every host is within capacity. */
  totalOver(): number {
    let s = 0;
    for (let b = 0; b < this.nb; b++) s += this.over[b] as number;
    return s;
  }

  private fill(b: number): number {
    const { d } = this;
    const t = this.binType[b] as number;
    let f = 0;
    for (let k = 0; k < d; k++) {
      const c = this.cap[t * d + k] as number;
      if (c > 0) f += (this.load[b * d + k] as number) / c;
    }
    return f;
  }

  /** Lower is a better candidate for removal: the emptiest host, or the dearest per unit of fill. */
  private removalScore(b: number): number {
    const f = this.fill(b);
    if (this.objective === 'hosts') return f;
    return -(this.cost[this.binType[b] as number] as number) / (f + 1e-9);
  }

  /** Moves the contents and type of bin `from` into the empty slot `to`. */
  private moveBin(from: number, to: number): void {
    const { d } = this;
    this.binType[to] = this.binType[from] as number;
    for (let k = 0; k < d; k++) this.load[to * d + k] = this.load[from * d + k] as number;
    this.head[to] = this.head[from] as number;
    this.cnt[to] = this.cnt[from] as number;
    for (let u = this.head[to] as number; u >= 0; u = this.nxt[u] as number) this.binOf[u] = to;
  }

  /** Resets the state to the best packing, without tabus. */
  restoreBest(): void {
    this.nb = this.bestBins;
    this.load.fill(0);
    this.head.fill(-1);
    this.cnt.fill(0);
    this.tabuUntil.fill(0);
    this.lockUntil.fill(0);
    for (let b = 0; b < this.nb; b++) this.binType[b] = this.bestBinType[b] as number;
    for (let u = 0; u < this.n; u++) this.linkInto(u, this.bestBinOf[u] as number);
    for (let b = 0; b < this.nb; b++) this.refreshOver(b);
  }

  /**
   * Starts an attempt from the best packing: removes one host (the best candidate, or, when
   * `among` > 1, a random one among the `among` best) and puts each of its units, largest first,
   * where it adds least overflow (ties: the host with most room).
   */
  startAttempt(among: number): void {
    const { d } = this;
    this.restoreBest();
    const m = Math.min(Math.max(among, 1), this.nb);
    const pick = m <= 1 ? 0 : Math.floor(this.rng.next() * m);
    let lastScore = -Infinity;
    let lastBin = -1;
    for (let j = 0; j <= pick; j++) {
      let best = Infinity;
      let bestB = -1;
      for (let b = 0; b < this.nb; b++) {
        const s = this.removalScore(b);
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
    let c = 0;
    for (let u = this.head[removed] as number; u >= 0; u = this.nxt[u] as number) this.order[c++] = u;
    for (let i = 0; i < c; i++) this.unlink(this.order[i] as number);
    const last = this.nb - 1;
    if (removed !== last) this.moveBin(last, removed);
    this.head[last] = -1;
    this.cnt[last] = 0;
    for (let k = 0; k < d; k++) this.load[last * d + k] = 0;
    this.nb = last;
    for (let b = 0; b < this.nb; b++) this.refreshOver(b);
    this.order.subarray(0, c).sort(this.bySc);
    for (let i = 0; i < c; i++) this.placeLeastOverflow(this.order[i] as number, -1);
  }

  /** Puts unit u into the host (other than `not`) where it adds least overflow; ties: most room. */
  private placeLeastOverflow(u: number, not: number): void {
    const { d, size, tmp } = this;
    let best = -1;
    let bestAdd = Infinity;
    let bestFill = Infinity;
    for (let b = 0; b < this.nb; b++) {
      if (b === not) continue;
      for (let k = 0; k < d; k++) tmp[k] = (this.load[b * d + k] as number) + (size[u * d + k] as number);
      const add = this.overflowOf(tmp, 0, this.binType[b] as number) - (this.over[b] as number);
      const f = this.fill(b);
      if (add < bestAdd - EPS || (add <= bestAdd + EPS && f < bestFill)) {
        bestAdd = add;
        bestFill = f;
        best = b;
      }
    }
    this.linkInto(u, best);
    this.refreshOver(best);
  }

  /** A perturbation: empties a random host into the others, each unit where it adds least overflow. */
  kick(): void {
    if (this.nb < 2) return;
    const b = Math.floor(this.rng.next() * this.nb);
    const tenure = 10 + Math.floor(this.rng.next() * 10);
    let c = 0;
    for (let u = this.head[b] as number; u >= 0; u = this.nxt[u] as number) this.order[c++] = u;
    for (let i = 0; i < c; i++) {
      const u = this.order[i] as number;
      this.unlink(u);
      this.setTabu(u, b, tenure);
    }
    this.refreshOver(b);
    for (let i = 0; i < c; i++) this.placeLeastOverflow(this.order[i] as number, b);
  }

  // ----- exact repair of a few hosts (large-neighbourhood move) -----

  private repacker: ExactRepacker | undefined;
  private chosen: Uint8Array = new Uint8Array(0);
  private rList: Int32Array = new Int32Array(0);

  /**
   * Repacks a few hosts exactly: every overflowing host, the hosts with most room until their
   * room covers the overflow, and random others up to `size` hosts, re-solved by
   * {@link ExactRepacker} into the same hosts without overflow. One host type only.
   * Returns true when the overflow is gone.
   */
  repair(size: number, nodeLimit: number): boolean {
    if (this.t !== 1 || this.nb < 2) return false;
    const { d, nb } = this;
    const repacker = this.ensureRepacker();
    const chosen = this.chosen;
    const rl = this.rList;
    chosen.fill(0);
    let r = 0;
    let overSum = 0;
    for (let b = 0; b < nb; b++) {
      if ((this.over[b] as number) > 0) {
        chosen[b] = 1;
        rl[r++] = b;
        overSum += this.over[b] as number;
      }
    }
    // hosts with most room (scalar) until it covers the overflow
    let roomSum = 0;
    while (roomSum < overSum - EPS && r < nb) {
      let best = -1;
      let bestRoom = 0;
      for (let b = 0; b < nb; b++) {
        if (chosen[b] === 1) continue;
        let room = 0;
        for (let k = 0; k < d; k++) room += ((this.cap[k] as number) - (this.load[b * d + k] as number)) / (this.ref[k] as number);
        if (room > bestRoom) {
          bestRoom = room;
          best = b;
        }
      }
      if (best < 0) break;
      chosen[best] = 1;
      rl[r++] = best;
      roomSum += bestRoom;
    }
    r = this.addRandomHosts(r, Math.min(nb, Math.max(size, r + 1)));
    const c = this.gatherUnits(r);
    const ok = repacker.pack(this.order, c, this.cap.subarray(0, d), r, nodeLimit, this.sc);
    this.work += repacker.nodesUsed;
    if (ok !== 1) return false;
    this.moveRepacked(c);
    for (let i = 0; i < r; i++) this.refreshOver(rl[i] as number);
    return true;
  }

  /** Search nodes spent by exact repairs. */
  work = 0;

  // Chooses random hosts not chosen yet until `want` are (rList[0..r) holds the chosen); returns `want`.
  private addRandomHosts(r: number, want: number): number {
    const chosen = this.chosen, rl = this.rList;
    while (r < want) {
      const b = Math.floor(this.rng.next() * this.nb);
      if (chosen[b] === 1) continue;
      chosen[b] = 1;
      rl[r++] = b;
    }
    return r;
  }

  // Puts the units of the first r chosen hosts into `order`; returns how many there are.
  private gatherUnits(r: number): number {
    let c = 0;
    for (let i = 0; i < r; i++) for (let u = this.head[this.rList[i] as number] as number; u >= 0; u = this.nxt[u] as number) this.order[c++] = u;
    return c;
  }

  // Moves the c gathered units onto the chosen hosts the exact repacker put them on.
  private moveRepacked(c: number): void {
    const hostOf = (this.repacker as ExactRepacker).hostOf;
    for (let i = 0; i < c; i++) this.unlink(this.order[i] as number);
    for (let i = 0; i < c; i++) this.linkInto(this.order[i] as number, this.rList[hostOf[i] as number] as number);
  }

  private ensureRepacker(): ExactRepacker {
    if (this.repacker === undefined) {
      this.repacker = new ExactRepacker(this.size, this.d, this.n);
      this.repacker.random = () => this.rng.next();
      this.repacker.deadline = this.deadline;
      this.chosen = new Uint8Array(this.over.length);
      this.rList = new Int32Array(this.over.length);
    }
    return this.repacker;
  }

  /**
   * A large-neighbourhood move on the best packing (one host type): takes the emptiest hosts
   * until their room adds up to a whole host in every dimension, adds random others up to
   * `size` hosts, and repacks their units exactly into one host fewer. Returns 1 on success
   * (the state is the better packing), 0 when the repacker proved that impossible for the whole
   * packing (so the best packing is optimal), and −1 otherwise.
   */
  lnsStep(size: number, nodeLimit: number): number {
    if (this.t !== 1 || this.bestBins < 2) return -1;
    this.restoreBest();
    const { d, nb } = this;
    const repacker = this.ensureRepacker();
    const chosen = this.chosen;
    const rl = this.rList;
    chosen.fill(0);
    const room = this.tmp;
    room.fill(0);
    let r = 0;
    const enough = (): boolean => {
      for (let k = 0; k < d; k++) if ((room[k] as number) < (this.cap[k] as number)) return false;
      return true;
    };
    while (!enough() && r < nb) {
      let best = -1;
      let bestFill = Infinity;
      for (let b = 0; b < nb; b++) {
        if (chosen[b] === 1) continue;
        const f = this.fill(b);
        if (f < bestFill) {
          bestFill = f;
          best = b;
        }
      }
      chosen[best] = 1;
      rl[r++] = best;
      for (let k = 0; k < d; k++) room[k] = (room[k] as number) + (this.cap[k] as number) - (this.load[best * d + k] as number);
    }
    if (!enough()) return this.nb === r ? 0 : -1;
    r = this.addRandomHosts(r, Math.min(nb, Math.max(size, r + 1)));
    const c = this.gatherUnits(r);
    const ok = repacker.pack(this.order, c, this.cap.subarray(0, d), r - 1, nodeLimit, this.sc);
    this.work += repacker.nodesUsed;
    if (ok !== 1) return ok === 0 && r === nb ? 0 : -1;
    this.moveRepacked(c);
    // the last chosen host is now empty: delete it
    const empty = rl[r - 1] as number;
    const last = this.nb - 1;
    if (empty !== last) this.moveBin(last, empty);
    this.head[last] = -1;
    this.cnt[last] = 0;
    for (let k = 0; k < d; k++) this.load[last * d + k] = 0;
    this.nb = last;
    for (let b = 0; b < this.nb; b++) this.refreshOver(b);
    return 1;
  }

  // ----- moves -----

  private ensureQ(cap: number): void {
    if (cap <= this.qCap) return;
    let c = Math.max(64, this.qCap);
    while (c < cap) c *= 2;
    this.qCap = c;
    this.qA = new Int32Array(c);
    this.qB = new Int32Array(c);
    this.qC = new Int32Array(c);
    this.qSc = new Float64Array(c);
    this.qVec = new Float64Array(c * this.d);
    this.qOrder = new Int32Array(c);
  }

  /** Lists the overflowing hosts and, for each, the subsets (∅, singles, pairs, small triples) a move may take out. */
  private buildQ(): void {
    const { d, size, sc } = this;
    this.nOver = 0;
    let total = 0;
    for (let b = 0; b < this.nb; b++) {
      if ((this.over[b] as number) <= 0) continue;
      this.overList[this.nOver++] = b;
      const m = this.cnt[b] as number;
      const mp = Math.min(m, OUT_PAIR_LIMIT);
      const mt = m <= OUT_TRIPLE_LIMIT ? m : 0;
      total += 1 + m + (mp * (mp - 1)) / 2 + (mt * (mt - 1) * (mt - 2)) / 6;
    }
    this.ensureQ(total);
    const { qA, qB, qC, qSc, qVec, qOrder, members: f } = this;
    let q = 0;
    for (let j = 0; j < this.nOver; j++) {
      const b = this.overList[j] as number;
      const start = q;
      let m = 0;
      for (let u = this.head[b] as number; u >= 0; u = this.nxt[u] as number) f[m++] = u;
      sortByKeyDesc(f, 0, m, sc);
      const mp = Math.min(m, OUT_PAIR_LIMIT);
      const mt = m <= OUT_TRIPLE_LIMIT ? m : 0;
      qA[q] = -1;
      qB[q] = -1;
      qC[q] = -1;
      qSc[q] = 0;
      for (let k = 0; k < d; k++) qVec[q * d + k] = 0;
      q++;
      for (let i = 0; i < m; i++) {
        const a = f[i] as number;
        qA[q] = a;
        qB[q] = -1;
        qC[q] = -1;
        qSc[q] = sc[a] as number;
        for (let k = 0; k < d; k++) qVec[q * d + k] = size[a * d + k] as number;
        q++;
      }
      for (let i = 0; i < mp; i++) {
        const a = f[i] as number;
        for (let x = i + 1; x < mp; x++) {
          const b2 = f[x] as number;
          qA[q] = a;
          qB[q] = b2;
          qC[q] = -1;
          qSc[q] = (sc[a] as number) + (sc[b2] as number);
          for (let k = 0; k < d; k++) qVec[q * d + k] = (size[a * d + k] as number) + (size[b2 * d + k] as number);
          q++;
        }
      }
      for (let i = 0; i < mt; i++) {
        const a = f[i] as number;
        for (let x = i + 1; x < mt; x++) {
          const b2 = f[x] as number;
          for (let y = x + 1; y < mt; y++) {
            const c = f[y] as number;
            qA[q] = a;
            qB[q] = b2;
            qC[q] = c;
            qSc[q] = (sc[a] as number) + (sc[b2] as number) + (sc[c] as number);
            for (let k = 0; k < d; k++) qVec[q * d + k] = (size[a * d + k] as number) + (size[b2 * d + k] as number) + (size[c * d + k] as number);
            q++;
          }
        }
      }
      for (let i = start; i < q; i++) qOrder[i] = i;
      sortByKeyDesc(qOrder, start, q, qSc);
      this.qStart[j] = start;
      this.qLen[j] = q - start;
    }
  }

  private isTabu(u: number, b: number): boolean {
    const o = u * TABU_RING;
    for (let r = 0; r < TABU_RING; r++) {
      if ((this.tabuBin[o + r] as number) === b && (this.tabuUntil[o + r] as number) > this.iter) return true;
    }
    return false;
  }

  /** Bars unit u from entering bin b for `tenure` moves (remembering its last TABU_RING bins). */
  private setTabu(u: number, b: number, tenure: number): void {
    const o = u * TABU_RING;
    const r = this.tabuNext[u] as number;
    this.tabuBin[o + r] = b;
    this.tabuUntil[o + r] = this.iter + tenure;
    this.tabuNext[u] = (r + 1) % TABU_RING;
  }

  private isLocked(u: number): boolean {
    return (this.lockUntil[u] as number) > this.iter;
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
    const { d, size, members, pvec, cap, load, ref, nb } = this;
    this.buildQ();
    const { qA, qB, qC, qSc, qVec, qOrder, nOver, overList } = this;
    this.bestDelta = Infinity;
    this.mvX = -1;
    const base = this.totalOver();
    const oneD = d === 1;
    const startX = Math.floor(this.rng.next() * nb);
    let evals = 0;
    for (let xi = 0; xi < nb; xi++) {
      // on large packings, take the best move among the hosts scanned within the budget
      if (evals > MOVE_EVALUATIONS && this.mvX >= 0) break;
      const x = (startX + xi) % nb;
      const tx = this.binType[x] as number;
      let c = 0;
      for (let u = this.head[x] as number; u >= 0; u = this.nxt[u] as number) members[c++] = u;
      const pairs = c <= PAIR_LIMIT;
      const overX = this.over[x] as number;
      for (let i = -1; i < c; i++) {
        const p1 = i < 0 ? -1 : (members[i] as number);
        if (p1 >= 0 && this.isLocked(p1)) continue;
        for (let jj = i; jj < c; jj++) {
          if (jj > i && (i < 0 || !pairs)) break;
          const p2 = jj === i ? -1 : (members[jj] as number);
          if (p2 >= 0 && this.isLocked(p2)) continue;
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
            if (p1 >= 0 && this.isTabu(p1, y)) continue;
            if (p2 >= 0 && this.isTabu(p2, y)) continue;
            const ty = this.binType[y] as number;
            const overY = this.over[y] as number;
            const qs = this.qStart[j] as number;
            const ql = this.qLen[j] as number;
            // overflow of Y + P, before Q leaves
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
              if (floor - (qSc[q] as number) > this.bestDelta + EPS) break;
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
              if (!(delta < this.bestDelta - EPS)) continue;
              const a = qA[q] as number;
              const b2 = qB[q] as number;
              const c2 = qC[q] as number;
              const tabu =
                (a >= 0 && (this.isTabu(a, x) || this.isLocked(a))) ||
                (b2 >= 0 && (this.isTabu(b2, x) || this.isLocked(b2))) ||
                (c2 >= 0 && (this.isTabu(c2, x) || this.isLocked(c2)));
              if (tabu && !(base + delta < this.attemptBest - EPS)) continue;
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
    this.shift(this.mvP1, y, x, tenure, lock);
    this.shift(this.mvP2, y, x, tenure, lock);
    this.shift(this.qA[q] as number, x, y, tenure, lock);
    this.shift(this.qB[q] as number, x, y, tenure, lock);
    this.shift(this.qC[q] as number, x, y, tenure, lock);
    this.refreshOver(x);
    this.refreshOver(y);
  }

  /** Moves unit u from `from` to `to`; it may not go back for `tenure` nor move at all for `lock` moves. */
  private shift(u: number, to: number, from: number, tenure: number, lock: number): void {
    if (u < 0) return;
    this.unlink(u);
    this.linkInto(u, to);
    this.setTabu(u, from, tenure);
    this.lockUntil[u] = this.iter + lock;
  }

  /** Records the current (overflow-free) packing as the best one. */
  saveBest(): void {
    this.bestBins = this.nb;
    this.bestBinOf.set(this.binOf);
    this.bestBinType.set(this.binType.subarray(0, this.nb));
    this.bestCost = this.costOf(this.nb, this.binType);
  }

  /** Whether the current overflow-free packing improves on the best one. */
  improves(): boolean {
    if (this.objective === 'hosts') return this.nb < this.bestBins;
    return this.costOf(this.nb, this.binType) < this.bestCost - 1e-9;
  }
}

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
  const objective = problem.objective;
  const done = (): boolean =>
    search.bestBins <= options.targetHosts || (objective === 'cost' && search.bestCost <= options.targetCost + 1e-9);
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
    if (search.bestBins <= 1) {
      stoppedBy = 'stalled';
      break;
    }
    // large-neighbourhood moves: repack a few hosts exactly into one fewer
    if (problem.t === 1) {
      for (let tr = 0; tr < LNS_TRIES; tr++) {
        if (outOfBudget()) break outer;
        const size = Math.min(search.bestBins, lnsSize + Math.floor(search.rand() * lnsSize));
        const r = search.lnsStep(size, LNS_NODES_PER_HOST * size);
        if (r === 1) {
          search.saveBest();
          attempt = 0;
          continue outer;
        }
        if (r === 0) {
          stoppedBy = 'proven';
          break outer;
        }
      }
      lnsSize = Math.min(Math.ceil(lnsSize * LNS_GROWTH), search.bestBins);
    }
    // local search on the overflow of m − 1 hosts
    search.startAttempt(attempt === 0 ? 1 : 4);
    attempt++;
    search.attemptBest = search.totalOver();
    const stallLimit = STALL_BASE + search.bins;
    const restartLimit = RESTART_FACTOR * stallLimit;
    let sinceBest = 0;
    let sinceStart = 0;
    while (search.totalOver() > 0) {
      if (outOfBudget()) break outer;
      search.iter++;
      sinceStart++;
      if (search.findMove()) search.applyMove();
      else if (search.bins > 1) search.kick();
      else {
        stoppedBy = 'stalled';
        break outer;
      }
      const value = search.totalOver();
      if (value < search.attemptBest - EPS) {
        search.attemptBest = value;
        sinceBest = 0;
      } else if (++sinceBest > stallLimit) {
        sinceBest = 0;
        if (!search.repair(REPAIR_HOSTS, REPAIR_NODES)) search.kick();
      }
      if (sinceStart > restartLimit) continue outer;
    }
    if (!search.improves()) continue;
    attempt = 0;
    search.saveBest();
  }
  const bins = search.bestBins;
  return {
    assignment: { bins, binType: search.bestBinType.slice(0, bins), binOf: search.bestBinOf.slice() },
    iterations: spent(),
    stoppedBy,
  };
}
