import { describe, expect, it } from 'vitest';
import { grown } from '../../src/util/grown.js';

describe('grown', () => {
  it('keeps the contents and kind, and fills only the new room', () => {
    const a = grown(Int32Array.of(4, 5), 4, -1);
    expect(a).toBeInstanceOf(Int32Array);
    expect([...a]).toEqual([4, 5, -1, -1]);
    const f = grown(Float64Array.of(0.5), 3);
    expect(f).toBeInstanceOf(Float64Array);
    expect([...f]).toEqual([0.5, 0, 0]);
    const u = grown(Uint8Array.of(7), 2, 1);
    expect([...u]).toEqual([7, 1]);
    const n = grown(Float64Array.of(1), 3, NaN);
    expect([...n]).toEqual([1, NaN, NaN]);
    const w = grown(Uint16Array.of(65535), 2);
    expect(w).toBeInstanceOf(Uint16Array);
    expect([...w]).toEqual([65535, 0]);
    const s = grown(Int8Array.of(-3), 3, 1);
    expect(s).toBeInstanceOf(Int8Array);
    expect([...s]).toEqual([-3, 1, 1]);
    const v = grown(Uint32Array.of(2 ** 32 - 1), 2);
    expect(v).toBeInstanceOf(Uint32Array);
    expect([...v]).toEqual([2 ** 32 - 1, 0]);
  });
});
