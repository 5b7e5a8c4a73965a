/**
 * The stable sorting permutation of `keys` (non-negative doubles or +Infinity, no NaN): `order[i]`
 * is the index of the i-th smallest key, ties in index order. An LSD radix sort on the keys' IEEE
 * 754 bits, whose order is the numeric order for non-negative doubles: four passes over 16-bit
 * digits, each skipped when all keys share that digit (whole seconds leave the low digits equal).
 * O(n), no comparator calls: 8 bytes per key of scratch besides the result, plus a copy of the keys
 * (8 bytes per key) unless `inPlace` lets it turn `-0` into `+0` in `keys` itself. With `ties`, equal
 * keys are ordered by `ties` (then by index): two more passes, first, over its 16-bit digits.
 *
 * @example
 * ```ts
 * radixOrder(Float64Array.of(3, 1, 2, 1)); // Uint32Array [1, 3, 2, 0]
 * ```
 */
export function radixOrder(keys: Float64Array, inPlace = false, ties?: Uint32Array): Uint32Array {
  const n = keys.length;
  const copy = inPlace ? keys : new Float64Array(n);
  for (let i = 0; i < n; i++) copy[i] = (keys[i] as number) + 0; // -0 → +0
  const bits = new Uint32Array(copy.buffer);
  // Little-endian: word 2i is the low half, 2i + 1 the high half.
  const lowWord = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
  const counts = new Uint32Array(4 * 65536);
  for (let i = 0; i < n; i++) {
    const lo = bits[2 * i + lowWord] as number;
    const hi = bits[2 * i + 1 - lowWord] as number;
    counts[lo & 0xffff]!++;
    counts[65536 + (lo >>> 16)]!++;
    counts[131072 + (hi & 0xffff)]!++;
    counts[196608 + (hi >>> 16)]!++;
  }
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Uint32Array(n);
  if (ties !== undefined) {
    let sorted = true;
    for (let i = 1; i < n && sorted; i++) if ((ties[i] as number) < (ties[i - 1] as number)) sorted = false;
    if (!sorted) {
      const tc = new Uint32Array(65536);
      for (let shift = 0; shift < 32; shift += 16) {
        tc.fill(0);
        for (let i = 0; i < n; i++) tc[((ties[i] as number) >>> shift) & 0xffff]!++;
        let sum = 0;
        for (let d = 0; d < 65536; d++) {
          const c = tc[d] as number;
          tc[d] = sum;
          sum += c;
        }
        for (let i = 0; i < n; i++) {
          const k = order[i] as number;
          next[tc[((ties[k] as number) >>> shift) & 0xffff]!++] = k;
        }
        const t = order;
        order = next;
        next = t;
      }
    }
  }
  for (let pass = 0; pass < 4; pass++) {
    const base = pass * 65536;
    const word = pass < 2 ? lowWord : 1 - lowWord;
    const shift = pass % 2 === 0 ? 0 : 16;
    // Skip a pass whose digit is the same for every key.
    let used = 0;
    for (let d = 0; d < 65536 && used < 2; d++) if ((counts[base + d] as number) > 0) used++;
    if (used < 2) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[base + d] as number;
      counts[base + d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const k = order[i] as number;
      const digit = ((bits[2 * k + word] as number) >>> shift) & 0xffff;
      next[counts[base + digit]!++] = k;
    }
    const t = order;
    order = next;
    next = t;
  }
  return order;
}
