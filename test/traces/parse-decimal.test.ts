import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../../src/traces/csv-row.js';

describe('parseDecimal(buf, start, end)', () => {
  it('returns what Number(text) returns for decimals, exponents included, and NaN for malformed text', () => {
    const decimal = fc.tuple(fc.boolean(), fc.stringMatching(/^\d{1,18}$/), fc.option(fc.stringMatching(/^\d{0,20}$/)), fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '-', '+'), fc.integer({ min: 0, max: 40 }))));
    fc.assert(
      fc.property(decimal, ([neg, int, frac, exp]) => {
        const text = `${neg ? '-' : ''}${int}${frac === null ? '' : `.${frac}`}${exp === null ? '' : `${exp[0]}${exp[1]}${exp[2]}`}`;
        const buf = Buffer.from(`x${text}y`);
        const want = frac === '' ? NaN : Number(text);
        if (!Number.isNaN(want)) expect(parseDecimal(buf, 1, buf.length - 1)).toBe(want);
      }),
      { numRuns: 2000 },
    );
    for (const bad of ['', '-', '.', '1e', '1e+', '1x', 'e5', '1.5e-0x']) expect(parseDecimal(Buffer.from(bad), 0, bad.length)).toBeNaN();
    expect(parseDecimal(Buffer.from('6.25e-05'), 0, 8)).toBe(0.0000625);
    expect(parseDecimal(Buffer.from('9223372036854775807'), 0, 19)).toBe(9223372036854775807);
  });
});
