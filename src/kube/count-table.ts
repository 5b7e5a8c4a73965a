/**
 * Pod counts per slot (a host, or a domain of a topology key), sparse while few slots are non-zero and
 * dense once many are. A selector that matches a handful of pods (one request shape of a trace) costs a
 * few bytes instead of an array over every host; a selector that matches pods everywhere is a plain
 * `Int32Array`. Hot loops read counts through {@link ViewPool.view}, which hands back a dense array
 * either way.
 *
 * @example
 * ```ts
 * const t = new CountTable(12_500);
 * t.add(42, 1);
 * t.get(42); // 1
 * t.get(7); // 0
 * ```
 */
export class CountTable {
  /** The counts as a dense array once promoted (or from the start for small tables); `null` while sparse. */
  dense: Int32Array | null = null;
  /** Sparse slots, -1 where empty (open addressing, linear probing). Slots are never removed. */
  keys: Int32Array;
  /** Sparse counts, parallel to `keys`. */
  vals: Int32Array;
  private used = 0;
  private shift: number;
  private readonly limit: number;

  constructor(
    /** Number of slots. */
    readonly size: number,
  ) {
    // Dense at once when small, or promoted past 1/32 of the slots (then dense memory is at most 128 bytes per counted pod).
    this.limit = Math.max(16, size >>> 5);
    if (size <= 64) {
      this.dense = new Int32Array(size);
      this.keys = EMPTY;
      this.vals = EMPTY;
      this.shift = 32;
    } else {
      this.keys = new Int32Array(8).fill(-1);
      this.vals = new Int32Array(8);
      this.shift = 29;
    }
  }

  /** The count of a slot. */
  get(slot: number): number {
    const d = this.dense;
    if (d !== null) return d[slot] as number;
    const keys = this.keys, mask = keys.length - 1;
    for (let i = Math.imul(slot, 0x9e3779b1) >>> this.shift; ; i = (i + 1) & mask) {
      const k = keys[i] as number;
      if (k === slot) return this.vals[i] as number;
      if (k === -1) return 0;
    }
  }

  /** Adds `delta` to a slot's count. */
  add(slot: number, delta: number): void {
    const d = this.dense;
    if (d !== null) {
      d[slot] = (d[slot] as number) + delta;
      return;
    }
    const keys = this.keys, mask = keys.length - 1;
    for (let i = Math.imul(slot, 0x9e3779b1) >>> this.shift; ; i = (i + 1) & mask) {
      const k = keys[i] as number;
      if (k === slot) {
        this.vals[i] = (this.vals[i] as number) + delta;
        return;
      }
      if (k === -1) {
        keys[i] = slot;
        this.vals[i] = delta;
        if (++this.used > this.limit) this.promote();
        else if (this.used * 2 > keys.length) this.rehash(keys.length * 2);
        return;
      }
    }
  }

  /** Sets every count to 0, keeping the table's storage (sparse tables stay sparse). */
  clear(): void {
    const d = this.dense;
    if (d !== null) d.fill(0);
    else {
      this.keys.fill(-1);
      this.vals.fill(0);
      this.used = 0;
    }
  }

  /** Writes every non-zero count into `out` (zero elsewhere) and pushes the slots written onto `touched`. */
  scatter(out: Int32Array, touched: IntStack): void {
    const keys = this.keys, vals = this.vals;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] as number;
      if (k >= 0 && vals[i] !== 0) {
        out[k] = vals[i] as number;
        touched.push(k);
      }
    }
  }

  private promote(): void {
    const d = new Int32Array(this.size);
    const keys = this.keys, vals = this.vals;
    for (let i = 0; i < keys.length; i++) if ((keys[i] as number) >= 0) d[keys[i] as number] = vals[i] as number;
    this.dense = d;
    this.keys = EMPTY;
    this.vals = EMPTY;
  }

  private rehash(cap: number): void {
    const oldK = this.keys, oldV = this.vals;
    this.keys = new Int32Array(cap).fill(-1);
    this.vals = new Int32Array(cap);
    this.shift = 32 - Math.log2(cap);
    const keys = this.keys, mask = cap - 1;
    for (let j = 0; j < oldK.length; j++) {
      const slot = oldK[j] as number;
      if (slot < 0) continue;
      let i = Math.imul(slot, 0x9e3779b1) >>> this.shift;
      while ((keys[i] as number) !== -1) i = (i + 1) & mask;
      keys[i] = slot;
      this.vals[i] = oldV[j] as number;
    }
  }
}

const EMPTY = new Int32Array(0);

/**
 * A growable stack of integers in a typed array.
 *
 * @example
 * ```ts
 * const s = new IntStack();
 * s.push(3);
 * s.items[0]; // 3
 * ```
 */
export class IntStack {
  /** The items; the first `length` are in use. */
  items = new Int32Array(16);
  /** How many items are in use. */
  length = 0;

  /** Pushes an item. */
  push(x: number): void {
    if (this.length === this.items.length) {
      const a = new Int32Array(this.items.length * 2);
      a.set(this.items);
      this.items = a;
    }
    this.items[this.length++] = x;
  }
}

/**
 * Dense views of {@link CountTable}s for one scheduling cycle: a dense table is its own view; a sparse
 * one is scattered into a zeroed scratch array, which {@link ViewPool.release} zeroes again. The scratch
 * arrays are made once and reused, so a cycle allocates nothing.
 *
 * @example
 * ```ts
 * const pool = new ViewPool(cluster.hostCount);
 * const counts = pool.view(selector.hosts); // counts[h] for every host
 * pool.release();
 * ```
 */
export class ViewPool {
  private readonly scratch: Int32Array[] = [];
  private readonly touched: IntStack[] = [];
  private inUse = 0;

  constructor(
    /** Length of the scratch arrays: the most slots any table has (the number of hosts). */
    private readonly size: number,
  ) {}

  /** A dense view of a table, valid until {@link ViewPool.release}. */
  view(t: CountTable): Int32Array {
    if (t.dense !== null) return t.dense;
    const k = this.inUse++;
    if (k === this.scratch.length) {
      this.scratch.push(new Int32Array(this.size));
      this.touched.push(new IntStack());
    }
    const out = this.scratch[k] as Int32Array;
    t.scatter(out, this.touched[k] as IntStack);
    return out;
  }

  /** Zeroes every scratch array handed out since the last release. */
  release(): void {
    for (let k = 0; k < this.inUse; k++) {
      const out = this.scratch[k] as Int32Array, s = this.touched[k] as IntStack, items = s.items;
      for (let i = 0; i < s.length; i++) out[items[i] as number] = 0;
      s.length = 0;
    }
    this.inUse = 0;
  }
}
