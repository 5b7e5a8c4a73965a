/** How many of the hosts a unit left recently are remembered. */
const TABU_RING = 4;

/**
 * The tabu rules of the overflow search, in typed arrays: a unit may not re-enter one of the last
 * few hosts it left before its tenure there ends, and a unit that just moved is locked for a few
 * moves. Times are move counts (the search's iteration), passed in by the caller.
 * @internal
 * @example
 * ```ts
 * const tabu = new TabuMemory(units);
 * tabu.setTabu(u, host, now + 7);
 * tabu.isTabu(u, host, now); // true
 * ```
 */
export class TabuMemory {
  // unit u may not enter bin tabuBin[u·R + r] before tabuUntil[u·R + r], nor leave its bin before lockUntil[u]
  private readonly tabuBin: Int32Array;
  private readonly tabuUntil: Float64Array;
  private readonly tabuNext: Int32Array;
  private readonly lockUntil: Float64Array;

  constructor(n: number) {
    this.tabuBin = new Int32Array(n * TABU_RING).fill(-1);
    this.tabuUntil = new Float64Array(n * TABU_RING);
    this.tabuNext = new Int32Array(n);
    this.lockUntil = new Float64Array(n);
  }

  /** Lifts every tabu and lock. */
  clear(): void {
    this.tabuUntil.fill(0);
    this.lockUntil.fill(0);
  }

  /** Whether unit u may not enter bin b at move `now`. */
  isTabu(u: number, b: number, now: number): boolean {
    const o = u * TABU_RING;
    for (let r = 0; r < TABU_RING; r++) {
      if ((this.tabuBin[o + r] as number) === b && (this.tabuUntil[o + r] as number) > now) return true;
    }
    return false;
  }

  /** Bars unit u from entering bin b until move `until` (remembering its last TABU_RING bins). */
  setTabu(u: number, b: number, until: number): void {
    const o = u * TABU_RING;
    const r = this.tabuNext[u] as number;
    this.tabuBin[o + r] = b;
    this.tabuUntil[o + r] = until;
    this.tabuNext[u] = (r + 1) % TABU_RING;
  }

  /** Whether unit u may not move at move `now`. */
  isLocked(u: number, now: number): boolean {
    return (this.lockUntil[u] as number) > now;
  }

  /** Locks unit u in its host until move `until`. */
  lock(u: number, until: number): void {
    this.lockUntil[u] = until;
  }
}
