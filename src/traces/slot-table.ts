/**
 * An open-addressing hash table from keys of one or two numbers (each an integer below 2⁵³, or any
 * double compared exactly) to slot numbers, on one typed array: no allocation per lookup, insert or
 * delete. Linear probing with backward-shift deletion (no tombstones); doubled when more than half
 * full. Single-number keys pass `b = 0`.
 *
 * An entry's key and value sit side by side (`a`, `b`, `value + 1`; 0 marks an empty entry), so a
 * probe reads one cache line instead of one per column: the table of a trace reader's alive tasks
 * is looked up on every row.
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
  /** Entries of `stride` numbers: a, (b when pairs), value + 1 (0: empty). */
  private entries: Float64Array;
  private readonly stride: number;
  private mask: number;
  private used = 0;

  /** `pairs` false: keys are single numbers (b is always 0) and no second key column is kept. */
  constructor(
    capacity = 1024,
    private readonly pairs = true,
  ) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.stride = pairs ? 3 : 2;
    this.entries = new Float64Array(cap * this.stride);
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

  /** The entry index of the key, or -1. */
  private find(a: number, b: number): number {
    const { entries, mask, stride } = this;
    const vo = stride - 1;
    for (let i = SlotTable.hash(a, b) & mask; ; i = (i + 1) & mask) {
      const at = i * stride;
      if (entries[at + vo] === 0) return -1;
      if (entries[at] === a && (vo === 1 ? 0 : entries[at + 1]) === b) return i;
    }
  }

  /** The slot stored for the key, or -1. */
  get(a: number, b = 0): number {
    const i = this.find(a, b);
    return i < 0 ? -1 : (this.entries[i * this.stride + this.stride - 1] as number) - 1;
  }

  /** Stores `key → value`; the key must not be present. */
  set(a: number, b: number, value: number): void {
    if (!this.pairs && b !== 0) throw new RangeError('this SlotTable keeps single-number keys');
    if ((this.used + 1) * 2 > this.mask + 1) this.rebuild((this.mask + 1) * 2);
    const { entries, mask, stride } = this;
    const vo = stride - 1;
    let i = SlotTable.hash(a, b) & mask;
    while (entries[i * stride + vo] !== 0) i = (i + 1) & mask;
    const at = i * stride;
    entries[at] = a;
    if (vo === 2) entries[at + 1] = b;
    entries[at + vo] = value + 1;
    this.used++;
  }

  /** Removes the key; returns its slot, or -1 when absent. */
  delete(a: number, b = 0): number {
    const i = this.find(a, b);
    if (i < 0) return -1;
    const { entries, mask, stride } = this;
    const vo = stride - 1;
    const found = (entries[i * stride + vo] as number) - 1;
    // Backward-shift: move later entries of the probe run into the hole when their home allows it.
    let hole = i;
    for (let j = (i + 1) & mask; entries[j * stride + vo] !== 0; j = (j + 1) & mask) {
      const at = j * stride;
      const home = SlotTable.hash(entries[at] as number, vo === 1 ? 0 : (entries[at + 1] as number)) & mask;
      // Entry j may move to the hole when its home is not in the cyclic range (hole, j].
      if ((j > hole && (home <= hole || home > j)) || (j < hole && home <= hole && home > j)) {
        const to = hole * stride;
        for (let k = 0; k < stride; k++) entries[to + k] = entries[at + k] as number;
        hole = j;
      }
    }
    entries[hole * stride + vo] = 0;
    this.used--;
    return found;
  }

  /** Calls `fn` for every entry, in table order. */
  forEach(fn: (a: number, b: number, value: number) => void): void {
    const { entries, stride } = this;
    const vo = stride - 1;
    for (let at = 0; at < entries.length; at += stride) {
      const v = entries[at + vo] as number;
      if (v !== 0) fn(entries[at] as number, vo === 1 ? 0 : (entries[at + 1] as number), v - 1);
    }
  }

  clear(): void {
    this.entries.fill(0);
    this.used = 0;
  }

  private rebuild(capacity: number): void {
    const { entries, stride } = this;
    const vo = stride - 1;
    this.entries = new Float64Array(capacity * stride);
    this.mask = capacity - 1;
    this.used = 0;
    for (let at = 0; at < entries.length; at += stride) {
      const v = entries[at + vo] as number;
      if (v !== 0) this.set(entries[at] as number, vo === 1 ? 0 : (entries[at + 1] as number), v - 1);
    }
  }
}
