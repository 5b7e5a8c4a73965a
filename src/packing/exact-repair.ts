import type { Rng } from '../random/streams.js';
import { OVERFLOW_EPS, type OverflowPacking } from './overflow-packing.js';
import { ExactRepacker } from './repack-exact.js';

/**
 * The overflow search's exact moves on a few hosts at once (one host type only): they take a set
 * of hosts and re-solve their units with {@link ExactRepacker}, either into the same hosts
 * without overflow ({@link ExactRepair.repair}) or into one host fewer
 * ({@link ExactRepair.lnsStep}, a large-neighbourhood move). Random hosts come from the search's
 * stream. Scratch memory and the repacker are made on first use.
 * @internal
 * @example
 * ```ts
 * const r = new ExactRepair(packing, rng, deadline);
 * r.repair(8, 20000); // true: the overflow is gone
 * r.work; // search nodes spent so far
 * ```
 */
export class ExactRepair {
  private readonly p: OverflowPacking;
  private readonly rng: Rng;
  private readonly deadline: number;
  private repacker: ExactRepacker | undefined;
  private chosen: Uint8Array = new Uint8Array(0);
  private rList: Int32Array = new Int32Array(0);
  private readonly order: Int32Array;
  private readonly room: Float64Array;
  /** Search nodes spent by exact repairs. */
  work = 0;

  constructor(packing: OverflowPacking, rng: Rng, deadline: number) {
    this.p = packing;
    this.rng = rng;
    this.deadline = deadline;
    this.order = new Int32Array(packing.n);
    this.room = new Float64Array(packing.d);
  }

  /**
   * Repacks a few hosts exactly: every overflowing host, the hosts with most room until their
   * room covers the overflow, and random others up to `size` hosts, re-solved by
   * {@link ExactRepacker} into the same hosts without overflow. One host type only.
   * Returns true when the overflow is gone.
   */
  repair(size: number, nodeLimit: number): boolean {
    const p = this.p;
    if (p.t !== 1 || p.nb < 2) return false;
    const { d, nb } = p;
    const repacker = this.ensureRepacker();
    const chosen = this.chosen;
    const rl = this.rList;
    chosen.fill(0);
    let r = 0;
    let overSum = 0;
    for (let b = 0; b < nb; b++) {
      if ((p.over[b] as number) > 0) {
        chosen[b] = 1;
        rl[r++] = b;
        overSum += p.over[b] as number;
      }
    }
    // hosts with most room (scalar) until it covers the overflow
    let roomSum = 0;
    while (roomSum < overSum - OVERFLOW_EPS && r < nb) {
      let best = -1;
      let bestRoom = 0;
      for (let b = 0; b < nb; b++) {
        if (chosen[b] === 1) continue;
        let room = 0;
        for (let k = 0; k < d; k++) room += ((p.cap[k] as number) - (p.load[b * d + k] as number)) / (p.ref[k] as number);
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
    const ok = repacker.pack(this.order, c, p.cap.subarray(0, d), r, nodeLimit, p.sc);
    this.work += repacker.nodesUsed;
    if (ok !== 1) return false;
    this.moveRepacked(c);
    for (let i = 0; i < r; i++) p.refreshOver(rl[i] as number);
    return true;
  }

  /**
   * A large-neighbourhood move on a complete packing (one host type): takes the emptiest hosts
   * until their room adds up to a whole host in every dimension, adds random others up to
   * `size` hosts, and repacks their units exactly into one host fewer. Returns 1 on success
   * (the state is the better packing), 0 when the repacker proved that impossible for the whole
   * packing (so the packing is optimal), and −1 otherwise.
   */
  lnsStep(size: number, nodeLimit: number): number {
    const p = this.p;
    const { d, nb } = p;
    const repacker = this.ensureRepacker();
    const chosen = this.chosen;
    const rl = this.rList;
    chosen.fill(0);
    const room = this.room;
    room.fill(0);
    let r = 0;
    const enough = (): boolean => {
      for (let k = 0; k < d; k++) if ((room[k] as number) < (p.cap[k] as number)) return false;
      return true;
    };
    while (!enough() && r < nb) {
      let best = -1;
      let bestFill = Infinity;
      for (let b = 0; b < nb; b++) {
        if (chosen[b] === 1) continue;
        const f = p.fill(b);
        if (f < bestFill) {
          bestFill = f;
          best = b;
        }
      }
      chosen[best] = 1;
      rl[r++] = best;
      for (let k = 0; k < d; k++) room[k] = (room[k] as number) + (p.cap[k] as number) - (p.load[best * d + k] as number);
    }
    if (!enough()) return p.nb === r ? 0 : -1;
    r = this.addRandomHosts(r, Math.min(nb, Math.max(size, r + 1)));
    const c = this.gatherUnits(r);
    const ok = repacker.pack(this.order, c, p.cap.subarray(0, d), r - 1, nodeLimit, p.sc);
    this.work += repacker.nodesUsed;
    if (ok !== 1) return ok === 0 && r === nb ? 0 : -1;
    this.moveRepacked(c);
    // the last chosen host is now empty: delete it
    p.removeEmptyBin(rl[r - 1] as number);
    return 1;
  }

  // Chooses random hosts not chosen yet until `want` are (rList[0..r) holds the chosen); returns `want`.
  private addRandomHosts(r: number, want: number): number {
    const chosen = this.chosen, rl = this.rList;
    while (r < want) {
      const b = Math.floor(this.rng.next() * this.p.nb);
      if (chosen[b] === 1) continue;
      chosen[b] = 1;
      rl[r++] = b;
    }
    return r;
  }

  // Puts the units of the first r chosen hosts into `order`; returns how many there are.
  private gatherUnits(r: number): number {
    let c = 0;
    for (let i = 0; i < r; i++) c = this.p.membersOf(this.rList[i] as number, this.order, c);
    return c;
  }

  // Moves the c gathered units onto the chosen hosts the exact repacker put them on.
  private moveRepacked(c: number): void {
    const p = this.p;
    const hostOf = (this.repacker as ExactRepacker).hostOf;
    for (let i = 0; i < c; i++) p.unlink(this.order[i] as number);
    for (let i = 0; i < c; i++) p.linkInto(this.order[i] as number, this.rList[hostOf[i] as number] as number);
  }

  private ensureRepacker(): ExactRepacker {
    if (this.repacker === undefined) {
      const p = this.p;
      this.repacker = new ExactRepacker(p.size, p.d, p.n);
      this.repacker.random = () => this.rng.next();
      this.repacker.deadline = this.deadline;
      this.chosen = new Uint8Array(p.over.length);
      this.rList = new Int32Array(p.over.length);
    }
    return this.repacker;
  }
}
