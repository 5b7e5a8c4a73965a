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

  it('gives Number(text) on both sides of the 15-digit fast path: leading zeros, a bare dot at either end, fractions', () => {
    const cases = ['0', '00', '007', '.5', '5.', '0.02734', '0.0163', '5612000000', '123456789012345', '1234567890123456', '12345678901234.5', '1234567890123.45', '0.000000000000001', '0.0000000000000001', '000000000000000000001', '99999999999999.9', '999999999999999.9', '3.14159265358979', '3.141592653589793'];
    for (const text of cases) expect(parseDecimal(Buffer.from(`,${text},`), 1, text.length + 1)).toBe(Number(text));
    const plain = fc.tuple(fc.stringMatching(/^\d{0,17}$/), fc.option(fc.stringMatching(/^\d{0,17}$/)));
    fc.assert(
      fc.property(plain, ([int, frac]) => {
        const text = frac === null ? int : `${int}.${frac}`;
        const want = /\d/.test(text) ? Number(text) : NaN;
        const got = parseDecimal(Buffer.from(text), 0, text.length);
        if (Number.isNaN(want)) expect(got).toBeNaN();
        else expect(got).toBe(want);
      }),
      { numRuns: 3000 },
    );
  });
});
