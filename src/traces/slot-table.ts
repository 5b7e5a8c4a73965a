/**
 * An open-addressing hash table from non-negative integer keys (below 2⁵³) to slot numbers, on typed
 * arrays: no allocation per lookup, insert or delete. Linear probing with backward-shift deletion
 * (no tombstones); doubled when more than half full.
 * @internal
 * @example
 * ```ts
 * const t = new SlotTable();
 * t.set(6_251_812_952_000_001, 3);
 * t.get(6_251_812_952_000_001); // 3
 * ```
 */
export class SlotTable {
  private keys: Float64Array;
  private values: Int32Array;
  /** 0 empty, 1 used. */
  private state: Uint8Array;
  private mask: number;
  private used = 0;

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.keys = new Float64Array(cap);
    this.values = new Int32Array(cap);
    this.state = new Uint8Array(cap);
    this.mask = cap - 1;
  }

  get size(): number {
    return this.used;
  }

  private static hash(key: number): number {
    const lo = key >>> 0;
    const hi = (key / 4294967296) >>> 0;
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return h ^ (h >>> 16);
  }

  /** The slot stored for `key`, or -1. */
  get(key: number): number {
    const { keys, state, mask } = this;
    for (let i = SlotTable.hash(key) & mask; ; i = (i + 1) & mask) {
      const s = state[i];
      if (s === 0) return -1;
      if (keys[i] === key) return this.values[i] as number;
    }
  }

  /** Stores `key → value`; the key must not be present. */
  set(key: number, value: number): void {
    if ((this.used + 1) * 2 > this.keys.length) this.rebuild(this.keys.length * 2);
    const { keys, state, mask } = this;
    let i = SlotTable.hash(key) & mask;
    while (state[i] === 1) i = (i + 1) & mask;
    state[i] = 1;
    keys[i] = key;
    this.values[i] = value;
    this.used++;
  }

  /** Removes `key`; returns its slot, or -1 when absent. */
  delete(key: number): number {
    const { keys, values, state, mask } = this;
    let i = SlotTable.hash(key) & mask;
    for (; ; i = (i + 1) & mask) {
      if (state[i] === 0) return -1;
      if (keys[i] === key) break;
    }
    const found = values[i] as number;
    // Backward-shift: move later entries of the probe run into the hole when their home allows it.
    let hole = i;
    for (let j = (i + 1) & mask; state[j] === 1; j = (j + 1) & mask) {
      const home = SlotTable.hash(keys[j] as number) & mask;
      // Entry j may move to the hole when its home is not in the cyclic range (hole, j].
      if ((j > hole && (home <= hole || home > j)) || (j < hole && home <= hole && home > j)) {
        keys[hole] = keys[j] as number;
        values[hole] = values[j] as number;
        hole = j;
      }
    }
    state[hole] = 0;
    this.used--;
    return found;
  }

  /** Calls `fn` for every entry, in table order. */
  forEach(fn: (key: number, value: number) => void): void {
    for (let i = 0; i < this.state.length; i++) if (this.state[i] === 1) fn(this.keys[i] as number, this.values[i] as number);
  }

  clear(): void {
    this.state.fill(0);
    this.used = 0;
  }

  private rebuild(capacity: number): void {
    const { keys, values, state } = this;
    this.keys = new Float64Array(capacity);
    this.values = new Int32Array(capacity);
    this.state = new Uint8Array(capacity);
    this.mask = capacity - 1;
    this.used = 0;
    for (let i = 0; i < state.length; i++) if (state[i] === 1) this.set(keys[i] as number, values[i] as number);
  }
}
