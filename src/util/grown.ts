/**
 * A copy of `a` with room for `n` elements (n ≥ a.length), the new ones set to `fill`: how every
 * struct-of-arrays table grows when it runs out of room.
 * @internal
 * @example
 * ```ts
 * grown(Int32Array.of(4, 5), 4, -1); // Int32Array [4, 5, -1, -1]
 * ```
 */
export function grown(a: Float64Array, n: number, fill?: number): Float64Array<ArrayBuffer>;
export function grown(a: Int32Array, n: number, fill?: number): Int32Array<ArrayBuffer>;
export function grown(a: Uint32Array, n: number, fill?: number): Uint32Array<ArrayBuffer>;
export function grown(a: Uint8Array, n: number, fill?: number): Uint8Array<ArrayBuffer>;
export function grown(a: Uint16Array, n: number, fill?: number): Uint16Array<ArrayBuffer>;
export function grown(a: Int8Array, n: number, fill?: number): Int8Array<ArrayBuffer>;
export function grown(a: Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array | Int8Array, n: number, fill = 0): Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array | Int8Array {
  const b = a instanceof Float64Array ? new Float64Array(n) : a instanceof Int32Array ? new Int32Array(n) : a instanceof Uint32Array ? new Uint32Array(n)
    : a instanceof Uint16Array ? new Uint16Array(n) : a instanceof Int8Array ? new Int8Array(n) : new Uint8Array(n);
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}
