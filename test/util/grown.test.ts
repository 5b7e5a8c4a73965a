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
  });
});
