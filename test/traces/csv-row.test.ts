import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvRow } from '../../src/traces/csv-row.js';

/** The fields of a line split at every comma, the way `String.prototype.split` does it (capped at 64 like CsvRow). */
function reference(line: string): string[] {
  const parts = line.split(',');
  return parts.length <= 64 ? parts : [...parts.slice(0, 63), parts.slice(63).join(',')];
}

describe('CsvRow.split', () => {
  it('finds the same fields as String.split for any line, anywhere in a buffer (commas found four bytes at a time)', () => {
    // Bytes near the comma (0x2c) and with the high bit set are where a word trick could go wrong.
    const byte = fc.constantFrom(0x2c, 0x2c, 0x2c, 0x2b, 0x2d, 0xac, 0x0c, 0x00, 0x01, 0x80, 0xff, 0x30, 0x61, 0x7f);
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 300 }), fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 7 }), (bytes, before, after) => {
        const buf = Buffer.alloc(before + bytes.length + after, 0x2c); // commas outside the line must not count
        Buffer.from(bytes).copy(buf, before);
        const row = new CsvRow();
        const n = row.split(buf, before, before + bytes.length);
        const want = reference(Buffer.from(bytes).toString('latin1'));
        expect(n).toBe(want.length);
        for (let i = 0; i < n; i++) expect(row.text(i)).toBe(want[i]);
      }),
      { numRuns: 3000 },
    );
  });

  it('splits genuine-looking task_events rows and caps a line at 64 fields', () => {
    const row = new CsvRow();
    const line = '5612000000,,6251812952,3,4155527081,1,ozAkeUf7IoRqQPvG5mGHKScG2TqABpz9cbwSq1Sg+9K=,0,4,0.02734,0.0163,0.00016,0';
    const buf = Buffer.from(line);
    expect(row.split(buf, 0, buf.length)).toBe(13);
    expect([row.num(0), row.empty(1), row.uint(2), row.text(6), row.num(9)]).toEqual([5612000000, true, 6251812952, 'ozAkeUf7IoRqQPvG5mGHKScG2TqABpz9cbwSq1Sg+9K=', 0.02734]);
    const wide = Buffer.from(Array.from({ length: 70 }, (_, i) => String(i)).join(','));
    expect(row.split(wide, 0, wide.length)).toBe(64);
    expect(row.text(63)).toBe(Array.from({ length: 7 }, (_, i) => String(63 + i)).join(','));
  });
});
