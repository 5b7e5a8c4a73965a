// Bitsets of reachable subset sums: bit x of a bitset says that some subset of the units sums to x
// (sizes divided by their gcd). A bitset is `words` 32-bit words at an offset of one Uint32Array,
// so that a table of bitsets (one per suffix of a unit list, say) lives in one allocation.

/**
 * Adds one unit of size `shift` to the sums of the bitset at `src`, writing the result to the
 * bitset at `dst`: `bits[dst] = bits[src] | (bits[src] << shift)`, word by word. The two may not
 * overlap unless they are the same.
 * @internal
 * @example
 * ```ts
 * const bits = new Uint32Array(2);
 * bits[1] = 1; // {0}
 * orShifted(bits, 0, 1, 1, 3); // bits[0] holds {0, 3}
 * ```
 */
export function orShifted(bits: Uint32Array, dst: number, src: number, words: number, shift: number): void {
  const ws = Math.floor(shift / 32);
  const bs = shift % 32;
  for (let w = 0; w < words; w++) {
    const sw = w - ws;
    let v = 0;
    if (sw >= 0) {
      v = (bits[src + sw] as number) << bs;
      if (bs !== 0 && sw >= 1) v |= (bits[src + sw - 1] as number) >>> (32 - bs);
    }
    bits[dst + w] = (bits[src + w] as number) | v;
  }
}

/**
 * Whether sum `x` is set in the bitset at `base`.
 * @internal
 * @example
 * ```ts
 * hasBit(Uint32Array.of(0b1001), 0, 3); // true
 * ```
 */
export function hasBit(bits: Uint32Array, base: number, x: number): boolean {
  return ((bits[base + (x >>> 5)] as number) & (1 << (x & 31))) !== 0;
}

/**
 * Whether some sum in [lo, hi] is set in the bitset of `words` words at `base`.
 * @internal
 * @example
 * ```ts
 * anyBitIn(Uint32Array.of(0b1001), 0, 1, 1, 2); // false
 * anyBitIn(Uint32Array.of(0b1001), 0, 1, 1, 3); // true
 * ```
 */
export function anyBitIn(bits: Uint32Array, base: number, words: number, lo: number, hi: number): boolean {
  if (lo > hi) return false;
  for (let w = lo >>> 5; w <= hi >>> 5 && w < words; w++) {
    let b = bits[base + w] as number;
    if (w === lo >>> 5) b &= ~0 << (lo & 31);
    if (w === hi >>> 5 && (hi & 31) !== 31) b &= (1 << ((hi & 31) + 1)) - 1;
    if (b !== 0) return true;
  }
  return false;
}
