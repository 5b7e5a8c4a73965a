import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SlotTable } from '../../src/traces/slot-table.js';

describe('SlotTable', () => {
  it('agrees with a Map under any sequence of inserts and deletes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 300 })), { maxLength: 2000 }), (ops) => {
        const table = new SlotTable(4);
        const single = new SlotTable(4, false);
        const map = new Map<number, number>();
        let n = 0;
        for (const [insert, k] of ops) {
          const key = k * 1_000_003 + 6_000_000_000_000;
          if (insert && !map.has(key)) {
            table.set(key, 0, n);
            single.set(key, 0, n);
            map.set(key, n++);
          } else if (!insert) {
            expect(table.delete(key)).toBe(map.get(key) ?? -1);
            expect(single.delete(key)).toBe(map.get(key) ?? -1);
            map.delete(key);
          }
          expect(table.size).toBe(map.size);
        }
        for (let k = 0; k <= 300; k++) {
          const key = k * 1_000_003 + 6_000_000_000_000;
          expect(table.get(key)).toBe(map.get(key) ?? -1);
          expect(single.get(key)).toBe(map.get(key) ?? -1);
        }
      }),
      { numRuns: 60 },
    );
  });
});
