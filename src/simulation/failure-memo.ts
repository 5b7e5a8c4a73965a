import type { ClusterState } from '../cluster/cluster-state.js';

// Hosts released since the failure that the memo keeps track of; after more, it forgets the failure.
const FREED = 4;

/**
 * @internal What the scheduling cycle remembers of the last failed scheduling attempt, so that it can
 * skip a `select` that would fail the same way, for a scheduler that fails only when nothing fits
 * ({@link "podsim"!Scheduler.failsOnlyWhenNothingFits}): the request row that fit no host, the
 * cluster's version then, and the hosts released since. While the cluster has changed only by the
 * cycle's own allocations (less room) and those releases, a request on the same row can fit only on
 * one of the released hosts; if it fits none of them, `select` would answer -1 again.
 *
 * Under FIFO after each departure with two or more waiting, the head takes the freed host and the
 * next container's attempt is answered here by one host's check instead of a scan of every host; a
 * host checked and found too full is not checked again until it is released again.
 *
 * @example
 * ```ts
 * if (memo.wouldFail(offset, cluster, demand)) h = -1; else h = scheduler.select(req, cluster, decision);
 * if (h === -1) memo.failed(offset, cluster.version);
 * ```
 */
export class FailureMemo {
  private row = -1;
  private version = 0;
  // The cycle's allocations and releases since the failure.
  private ops = 0;
  private readonly freed = new Int32Array(FREED);
  // -1 when nothing is remembered (or too many hosts were released to keep track of).
  private freedCount = -1;

  /** A `select` for the request at `demand[row ..]` failed with the cluster at `version`. */
  failed(row: number, version: number): void {
    this.row = row;
    this.version = version;
    this.ops = 0;
    this.freedCount = 0;
  }

  /** The cycle allocated on some host (which only takes room). */
  allocated(): void {
    this.ops++;
  }

  /** The cycle released a container's request on host `h`. */
  released(h: number): void {
    this.ops++;
    const n = this.freedCount;
    if (n < 0) return;
    if (n === FREED) {
      this.freedCount = -1;
      return;
    }
    this.freed[n] = h;
    this.freedCount = n + 1;
  }

  /**
   * Whether a `select` for the request at `demand[row ..]` would certainly fail now. A released host
   * where the request does not fit is dropped from the list: until it is released again (and listed
   * again), it only loses room, so it never needs checking twice.
   */
  wouldFail(row: number, cluster: ClusterState, demand: Float64Array): boolean {
    const n = this.freedCount;
    if (row !== this.row || n < 0 || cluster.version !== this.version + this.ops) return false;
    const freed = this.freed;
    for (let i = 0; i < n; i++) {
      if (cluster.fits(freed[i] as number, demand, row)) {
        if (i > 0) this.keepFrom(i, n);
        return false;
      }
    }
    this.freedCount = 0;
    return true;
  }

  // Keeps the released hosts from the i-th on (those before it were found too full). Out of wouldFail,
  // so that wouldFail stays small enough for V8 to inline with the rest of the attempt.
  private keepFrom(i: number, n: number): void {
    const freed = this.freed;
    let k = 0;
    for (let j = i; j < n; j++) freed[k++] = freed[j] as number;
    this.freedCount = k;
  }
}
