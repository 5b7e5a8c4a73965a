import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ContainerTable, I_STATE, I_STRIDE, SLOT_MASK, ST_FREE } from '../../src/simulation/container-table.js';

describe('ContainerTable', () => {
  it('hands out each slot once while it lives, reuses freed ones, grows by doubling, and every slot is unchanged by SLOT_MASK', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(fc.oneof(fc.constant(-1), fc.nat()), { maxLength: 300 }), (capacity, ops) => {
        const t = new ContainerTable(capacity);
        const live = new Set<number>();
        let peak = 0;
        for (const op of ops) {
          if (op < 0 || live.size === 0) {
            const slot = t.alloc();
            expect(live.has(slot)).toBe(false);
            expect(slot & SLOT_MASK).toBe(slot);
            expect(slot).toBeLessThan(t.used);
            expect(t.ints.length).toBeGreaterThanOrEqual(t.used * I_STRIDE);
            live.add(slot);
            if (live.size > peak) peak = live.size;
          } else {
            const slot = [...live][op % live.size] as number;
            t.free(slot);
            expect(t.ints[slot * I_STRIDE + I_STATE]).toBe(ST_FREE);
            live.delete(slot);
          }
        }
        // Freed slots are reused before new ones: the slots ever used are the most live at once.
        expect(t.used).toBe(peak);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a capacity above SLOT_MASK + 1 before allocating anything', () => {
    expect(() => new ContainerTable(SLOT_MASK + 2)).toThrow(RangeError);
  });
});
