/**
 * An open-addressing hash table from keys of one or two numbers (each an integer below 2⁵³, or any
 * double compared exactly) to slot numbers, on typed arrays: no allocation per lookup, insert or
 * delete. Linear probing with backward-shift deletion (no tombstones); doubled when more than half
 * full. Single-number keys pass `b = 0`.
 * @internal
 * @example
 * ```ts
 * const t = new SlotTable();
 * t.set(6_251_812_952, 3, 7);   // key (6251812952, 3) → slot 7
 * t.get(6_251_812_952, 3);      // 7
 * t.get(6_251_812_952);         // -1: (6251812952, 0) is another key
 * ```
 */
export class SlotTable {
  private keysA: Float64Array;
  private keysB: Float64Array;
  private values: Int32Array;
  /** 0 empty, 1 used. */
  private state: Uint8Array;
  private mask: number;
  private used = 0;

  /** `pairs` false: keys are single numbers (b is always 0) and no second key column is kept. */
  constructor(
    capacity = 1024,
    private readonly pairs = true,
  ) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.keysA = new Float64Array(cap);
    this.keysB = new Float64Array(pairs ? cap : 0);
    this.values = new Int32Array(cap);
    this.state = new Uint8Array(cap);
    this.mask = cap - 1;
  }

  get size(): number {
    return this.used;
  }

  private static hash(a: number, b: number): number {
    const lo = a >>> 0;
    const hi = (a / 4294967296) >>> 0;
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
    h ^= Math.imul((b >>> 0) ^ Math.imul((b / 4294967296) >>> 0, 0x27d4eb2f), 0x165667b1);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return h ^ (h >>> 16);
  }

  /** The slot stored for the key, or -1. */
  get(a: number, b = 0): number {
    const { keysA, keysB, state, mask } = this;
    for (let i = SlotTable.hash(a, b) & mask; ; i = (i + 1) & mask) {
      if (state[i] === 0) return -1;
      if (keysA[i] === a && (keysB[i] ?? 0) === b) return this.values[i] as number;
    }
  }

  /** Stores `key → value`; the key must not be present. */
  set(a: number, b: number, value: number): void {
    if ((this.used + 1) * 2 > this.keysA.length) this.rebuild(this.keysA.length * 2);
    const { state, mask } = this;
    let i = SlotTable.hash(a, b) & mask;
    while (state[i] === 1) i = (i + 1) & mask;
    state[i] = 1;
    this.keysA[i] = a;
    if (this.pairs) this.keysB[i] = b;
    else if (b !== 0) throw new RangeError('this SlotTable keeps single-number keys');
    this.values[i] = value;
    this.used++;
  }

  /** Removes the key; returns its slot, or -1 when absent. */
  delete(a: number, b = 0): number {
    const { keysA, keysB, values, state, mask } = this;
    let i = SlotTable.hash(a, b) & mask;
    for (; ; i = (i + 1) & mask) {
      if (state[i] === 0) return -1;
      if (keysA[i] === a && (keysB[i] ?? 0) === b) break;
    }
    const found = values[i] as number;
    // Backward-shift: move later entries of the probe run into the hole when their home allows it.
    let hole = i;
    for (let j = (i + 1) & mask; state[j] === 1; j = (j + 1) & mask) {
      const home = SlotTable.hash(keysA[j] as number, keysB[j] ?? 0) & mask;
      // Entry j may move to the hole when its home is not in the cyclic range (hole, j].
      if ((j > hole && (home <= hole || home > j)) || (j < hole && home <= hole && home > j)) {
        keysA[hole] = keysA[j] as number;
        if (this.pairs) keysB[hole] = keysB[j] as number;
        values[hole] = values[j] as number;
        hole = j;
      }
    }
    state[hole] = 0;
    this.used--;
    return found;
  }

  /** Calls `fn` for every entry, in table order. */
  forEach(fn: (a: number, b: number, value: number) => void): void {
    for (let i = 0; i < this.state.length; i++) if (this.state[i] === 1) fn(this.keysA[i] as number, this.keysB[i] ?? 0, this.values[i] as number);
  }

  clear(): void {
    this.state.fill(0);
    this.used = 0;
  }

  private rebuild(capacity: number): void {
    const { keysA, keysB, values, state } = this;
    this.keysA = new Float64Array(capacity);
    this.keysB = new Float64Array(this.pairs ? capacity : 0);
    this.values = new Int32Array(capacity);
    this.state = new Uint8Array(capacity);
    this.mask = capacity - 1;
    this.used = 0;
    for (let i = 0; i < state.length; i++) if (state[i] === 1) this.set(keysA[i] as number, keysB[i] ?? 0, values[i] as number);
  }
}
