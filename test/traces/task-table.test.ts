import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TaskColumns, type TaskBatch } from '../../src/traces/task-batch.js';
import { TaskTable } from '../../src/traces/task-table.js';

const COLUMNS = ['id', 'submit', 'start', 'duration', 'cpu', 'memory', 'priority', 'machine', 'job', 'member', 'flags'] as const;

/** A batch of `rows` (submit, start) with every other column derived from the row's global number. */
function batch(rows: readonly [number, number][], first: number): TaskBatch {
  const cols = new TaskColumns(1);
  rows.forEach(([submit, start], k) => {
    const r = cols.add();
    const g = first + k;
    cols.id[r] = g;
    cols.submit[r] = submit;
    cols.start[r] = start;
    cols.duration[r] = g / 8;
    cols.cpu[r] = g * 3;
    cols.memory[r] = g * 2 ** 33;
    cols.priority[r] = g % 12;
    cols.machine[r] = g - 5;
    cols.job[r] = g >> 1;
    cols.member[r] = -g;
    cols.flags[r] = g & 63;
  });
  return cols.take() as TaskBatch;
}

describe('TaskTable', () => {
  it('sorts rows appended in batches stably by a time column, across segment boundaries, NaN keys last', () => {
    const time = fc.oneof(fc.constantFrom(NaN, 0, -0, 1, 2.5), fc.integer({ min: 0, max: 20 }));
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.tuple(time, time), { maxLength: 40 }), { maxLength: 12 }),
        fc.constantFrom(8, 64, 256, 2 ** 25),
        fc.constantFrom('submit', 'start') as fc.Arbitrary<'submit' | 'start'>,
        (batches, segmentBytes, key) => {
          const table = new TaskTable(segmentBytes);
          const all: [number, number][] = [];
          for (const b of batches) {
            if (b.length > 0) table.append(batch(b, all.length));
            all.push(...b);
          }
          expect(table.length).toBe(all.length);
          if (all.length === 0) {
            expect(table.sorted(key).length).toBe(0);
            return;
          }
          const whole = batch(all, 0);
          const k = key === 'submit' ? 0 : 1;
          const rank = (v: number): number => (v !== v ? Infinity : v);
          const expected = all.map((_, i) => i).sort((a, b) => rank((all[a] as [number, number])[k]) - rank((all[b] as [number, number])[k]) || a - b);
          const sorted = table.sorted(key);
          expect(sorted.length).toBe(all.length);
          for (const c of COLUMNS) {
            expect(sorted[c].constructor).toBe(whole[c].constructor);
            expect(Array.from(sorted[c])).toEqual(expected.map((i) => whole[c][i]));
          }
          expect(table.length).toBe(0);
        },
      ),
      { numRuns: 150 },
    );
  });
});
