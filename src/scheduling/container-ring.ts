/**
 * A growable ring buffer of container ids, the storage of the built-in pending queues: push at the
 * tail, take from the head, insert in order, and keep a subset in place. Allocates only when it grows.
 *
 * @example
 * ```ts
 * const r = new ContainerRing();
 * r.push(4); r.push(7);
 * r.at(0);    // 4
 * r.shift();  // 4
 * ```
 */
export class ContainerRing {
  private buf: Int32Array;
  private mask: number;
  private head = 0;
  /** How many containers it holds. */
  length = 0;
  // Containers kept by the current retain pass (see beginRetain).
  private kept = 0;

  /** @param capacity - Room up front, rounded up to a power of two (so that wrapping is a mask). @defaultValue 1024 */
  constructor(capacity = 1024) {
    let c = 16;
    while (c < capacity) c *= 2;
    this.buf = new Int32Array(c);
    this.mask = c - 1;
  }

  /** The i-th container from the head. */
  at(i: number): number {
    return this.buf[(this.head + i) & this.mask] as number;
  }

  /** Appends a container at the tail. */
  push(container: number): void {
    if (this.length === this.buf.length) this.grow();
    this.buf[(this.head + this.length) & this.mask] = container;
    this.length++;
  }

  /** Removes and returns the head. */
  shift(): number {
    const c = this.buf[this.head] as number;
    this.head = (this.head + 1) & this.mask;
    this.length--;
    return c;
  }

  /**
   * Inserts in descending `rank`, after every container of equal or higher rank (FIFO among equals),
   * scanning from the tail so that appending in order is O(1).
   *
   * @example
   * ```ts
   * ring.insertByRank(c, priorityOf); // PrioritySort: higher priority first, FIFO among equals
   * ```
   */
  insertByRank(container: number, rank: (container: number) => number): void {
    const r = rank(container);
    let i = this.length;
    while (i > 0 && rank(this.at(i - 1)) < r) i--;
    this.insertAt(i, container);
  }

  private insertAt(i: number, container: number): void {
    if (this.length === this.buf.length) this.grow();
    const m = this.mask, b = this.buf, head = this.head;
    for (let j = this.length; j > i; j--) b[(head + j) & m] = b[(head + j - 1) & m] as number;
    b[(head + i) & m] = container;
    this.length++;
  }

  /**
   * Starts a pass that keeps some containers, in order: call {@link ContainerRing.retain} for each
   * one to keep (from the head, in order, at most once each), then {@link ContainerRing.endRetain}.
   * Reading `at(i)` for positions not yet passed stays valid during the pass.
   */
  beginRetain(): void {
    this.kept = 0;
  }

  /** Keeps a container in the pass begun by {@link ContainerRing.beginRetain}. */
  retain(container: number): void {
    this.buf[(this.head + this.kept++) & this.mask] = container;
  }

  /** Ends the pass: the queue is the containers retained. */
  endRetain(): void {
    this.length = this.kept;
  }

  private grow(): void {
    const old = this.buf, n = old.length;
    const b = new Int32Array(n * 2);
    for (let i = 0; i < n; i++) b[i] = old[(this.head + i) % n] as number;
    this.buf = b;
    this.mask = n * 2 - 1;
    this.head = 0;
  }
}
