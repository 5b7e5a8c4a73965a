import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatQuantity, parseQuantity, tryParseQuantity } from '../../src/resources/quantity.js';
import { isValidDimensionName, unitOf } from '../../src/resources/dimensions.js';

const Gi = 2 ** 30;

describe('parseQuantity', () => {
  it.each([
    // CPU: cores or millicores, to millicores
    ['500m', 'cpu', 500],
    ['0.5', 'cpu', 500],
    [0.5, 'cpu', 500],
    [2, 'cpu', 2000],
    ['2', 'cpu', 2000],
    ['1.5', 'cpu', 1500],
    ['.25', 'cpu', 250],
    ['3.', 'cpu', 3000],
    ['+1', 'cpu', 1000],
    [' 250m ', 'cpu', 250],
    ['1k', 'cpu', 1_000_000],
    ['1e3m', 'cpu', 1000],
    ['100u', 'cpu', 1], // finer than a millicore rounds up, as Kubernetes does
    ['1n', 'cpu', 1],
    ['1001u', 'cpu', 2],
    ['1e-1000000000', 'cpu', 1], // answered at once, without a 10^(10^9)
    ['0e50', 'cpu', 0], // zero, however it is scaled
    ['0Ei', 'memory', 0],
    [0, 'cpu', 0],
    ['0', 'cpu', 0],
    // memory and storage: bytes
    ['1Gi', 'memory', Gi],
    ['512Mi', 'memory', 512 * 2 ** 20],
    ['1G', 'memory', 1e9],
    ['1e9', 'memory', 1e9],
    ['1E9', 'memory', 1e9],
    ['1.5Gi', 'memory', 1.5 * Gi],
    ['1Ki', 'memory', 1024],
    ['1k', 'memory', 1000],
    ['1M', 'memory', 1e6],
    ['2Ti', 'memory', 2 * 2 ** 40],
    ['1Pi', 'memory', 2 ** 50],
    ['1T', 'ephemeral-storage', 1e12],
    ['0.5Ki', 'memory', 512],
    ['1000m', 'memory', 1], // 1000 milli-bytes is one whole byte
    ['1E3', 'memory', 1000], // "E3" is an exponent; "E" alone is exa (see below)
    [123456789, 'memory', 123456789],
    ['1e+3', 'memory', 1000],
    // network: bits per second
    ['1G', 'network', 1e9],
    ['10G', 'network', 1e10],
    ['100M', 'network', 1e8],
    ['1Gi', 'network', Gi],
    // counts: gpu and extended resources
    [2, 'gpu', 2],
    ['1', 'gpu', 1],
    ['4', 'nvidia.com/gpu', 4],
    [3, 'example.com/fpga', 3],
    ['2k', 'example.com/fpga', 2000],
  ] as const)('parseQuantity(%j, %s) is %d', (input, dim, want) => {
    expect(parseQuantity(input, dim)).toBe(want);
  });

  it('parseQuantity("1E") reads E as exa: 10^18 counts fit, 10^18 bytes are refused as too large', () => {
    expect(tryParseQuantity('1E', 'memory')).toEqual({ ok: false, reason: 'it is too large (over 9007199254740991 bytes)' });
    expect(parseQuantity('0.001E', 'memory')).toBe(1e15);
  });

  it.each([
    ['-1', 'cpu', /"-1" is not a valid CPU quantity: it is negative/],
    [-1, 'memory', /-1 is not a valid memory quantity: it is negative/],
    ['-500m', 'cpu', /it is negative/],
    ['-1Gi', 'memory', /it is negative/],
    [Number.NaN, 'cpu', /not a finite number/],
    [Number.POSITIVE_INFINITY, 'memory', /not a finite number/],
    ['NaN', 'cpu', /it is not a number/],
    ['abc', 'memory', /it is not a number/],
    ['', 'cpu', /it is empty/],
    ['   ', 'cpu', /it is empty/],
    ['.', 'cpu', /it is not a number/],
    ['1.2.3', 'cpu', /it is not a number/],
    ['1Xi', 'memory', /unknown suffix "Xi"/],
    ['1gi', 'memory', /unknown suffix "gi"/],
    ['1 Gi', 'memory', /unknown suffix " Gi"/],
    ['1KB', 'memory', /unknown suffix "KB"/],
    ['2cores', 'cpu', /unknown suffix "cores"/],
    ['1e', 'memory', /unknown suffix "e"/],
    ['400m', 'memory', /it is 0\.4 bytes; bytes must be whole/],
    ['1.5', 'memory', /it is 1\.5 bytes; bytes must be whole/],
    [1.5, 'ephemeral-storage', /it is 1\.5 bytes; bytes must be whole/],
    ['1e-3', 'memory', /it is 0\.001 bytes/],
    ['1e-1000000000', 'memory', /it is less than 1e-10 bytes; bytes must be whole/],
    ['5e-40Ei', 'memory', /less than 1e-10 bytes/],
    ['0.5', 'gpu', /it is 0\.5 units; units must be whole/],
    ['500m', 'gpu', /units must be whole/],
    ['1.5', 'example.com/fpga', /units must be whole/],
    ['0.1', 'network', /0\.1 bits per second; bits per second must be whole/],
    ['1e50', 'cpu', /too large/],
    ['1e41', 'memory', /too large/],
    ['16Pi', 'memory', /too large \(over 9007199254740991 bytes\)/],
    ['99999999999999999999', 'gpu', /too large/],
    [1e300, 'memory', /too large/],
    ['10000000000000', 'cpu', /too large/], // 10^16 millicores
  ] as const)('parseQuantity(%j, %s) throws a RangeError giving the reason', (input, dim, reason) => {
    expect(() => parseQuantity(input, dim)).toThrow(RangeError);
    expect(() => parseQuantity(input, dim)).toThrow(reason);
  });

  it('tryParseQuantity() of a non-number, non-string says what it expected and what it got', () => {
    const r = tryParseQuantity(true, 'cpu');
    expect(r).toEqual({ ok: false, reason: 'expected a number or a quantity string such as "500m", got boolean true' });
    expect(tryParseQuantity(null, 'memory')).toEqual({ ok: false, reason: 'expected a number or a quantity string such as "1Gi", got null' });
    expect(tryParseQuantity({ a: 1 }, 'gpu')).toMatchObject({ ok: false, reason: expect.stringContaining('an object') });
    expect(tryParseQuantity([1], 'gpu')).toMatchObject({ ok: false, reason: expect.stringContaining('an array') });
  });

  it('tryParseQuantity() never throws: any input gives a non-negative safe integer or a reason', () => {
    const quantityish = fc.stringMatching(/^[-+]?[0-9.]{0,6}([eE][-+]?[0-9]{0,4})?(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[a-z]{1,2})?$/);
    fc.assert(
      fc.property(fc.oneof(quantityish, fc.string(), fc.double(), fc.anything()), fc.constantFrom('cpu', 'memory', 'network', 'gpu', 'example.com/fpga'), (input, dim) => {
        const r = tryParseQuantity(input, dim);
        if (r.ok) expect(Number.isSafeInteger(r.value) && r.value >= 0).toBe(true);
        else expect(r.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('parseQuantity() of any whole number of bytes, written plainly or as a string, is that number', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => {
        expect(parseQuantity(n, 'memory')).toBe(n);
        expect(parseQuantity(String(n), 'memory')).toBe(n);
        expect(parseQuantity(n, 'example.com/fpga')).toBe(n);
      }),
      { numRuns: 1000 },
    );
  });

  it('parseQuantity() of k·2^s bytes written with a binary suffix is exact', () => {
    const suffixes = [['Ki', 10], ['Mi', 20], ['Gi', 30], ['Ti', 40]] as const;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8191 }), fc.constantFrom(...suffixes), (k, [suffix, shift]) => {
        expect(parseQuantity(`${k}${suffix}`, 'memory')).toBe(k * 2 ** shift);
      }),
      { numRuns: 1000 },
    );
  });

  it('parseQuantity() of m millicores as "<m>m" and as cores "<m/1000>" agree', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 9 }), (m) => {
        const cores = `${Math.floor(m / 1000)}.${String(m % 1000).padStart(3, '0')}`;
        expect(parseQuantity(`${m}m`, 'cpu')).toBe(m);
        expect(parseQuantity(cores, 'cpu')).toBe(m);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('formatQuantity', () => {
  it.each([
    [250, 'cpu', '250m'],
    [999, 'cpu', '999m'],
    [1000, 'cpu', '1'],
    [1500, 'cpu', '1.5'],
    [40000, 'cpu', '40'],
    [0, 'cpu', '0m'],
    [1610612736, 'memory', '1.5Gi'],
    [Gi, 'memory', '1Gi'],
    [512 * 2 ** 20, 'memory', '512Mi'],
    [1024, 'memory', '1Ki'],
    [1000, 'memory', '1000'],
    [0, 'memory', '0'],
    [160 * Gi, 'memory', '160Gi'],
    [2 ** 40, 'ephemeral-storage', '1Ti'],
    [1e10, 'network', '10Gbit/s'],
    [1e9, 'network', '1Gbit/s'],
    [2.5e6, 'network', '2.5Mbit/s'],
    [500, 'network', '500bit/s'],
    [3, 'gpu', '3'],
    [100, 'example.com/fpga', '100'],
  ] as const)('formatQuantity(%d, %s) is %j', (value, dim, want) => {
    expect(formatQuantity(value, dim)).toBe(want);
  });

  it('formatQuantity() rounds to the given number of decimals', () => {
    expect(formatQuantity(1234567890, 'memory')).toBe('1.15Gi');
    expect(formatQuantity(1234567890, 'memory', 4)).toBe('1.1498Gi');
    expect(formatQuantity(1234, 'cpu', 1)).toBe('1.2');
  });

  it('formatQuantity() with 0 decimals keeps the zeros of whole numbers', () => {
    expect(formatQuantity(100 * Gi, 'memory', 0)).toBe('100Gi');
    expect(formatQuantity(0, 'memory', 0)).toBe('0');
    expect(formatQuantity(10, 'gpu', 0)).toBe('10');
    expect(formatQuantity(20000, 'cpu', 0)).toBe('20');
    expect(formatQuantity(1e10, 'network', 0)).toBe('10Gbit/s');
  });

  it('formatQuantity() output parses back to the value when no rounding is needed', () => {
    const exact = fc.oneof(
      fc.record({ dim: fc.constant('memory'), value: fc.integer({ min: 0, max: 2 ** 20 }).map((k) => k * 2 ** 20) }),
      fc.record({ dim: fc.constant('cpu'), value: fc.integer({ min: 0, max: 10 ** 7 }).map((k) => k * 10) }),
      fc.record({ dim: fc.constant('gpu'), value: fc.integer({ min: 0, max: 10 ** 6 }) }),
    );
    fc.assert(
      fc.property(exact, ({ dim, value }) => {
        const text = formatQuantity(value, dim, 10); // k·2^20 bytes need at most 10 decimals in Gi
        expect(parseQuantity(text, dim)).toBe(value);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('dimensions', () => {
  it('unitOf() gives each known dimension its unit and counts extended resources', () => {
    expect(['cpu', 'memory', 'ephemeral-storage', 'network', 'gpu', 'example.com/fpga'].map(unitOf))
      .toEqual(['millicores', 'bytes', 'bytes', 'bits-per-second', 'count', 'count']);
  });

  it('isValidDimensionName() accepts Kubernetes resource names and refuses others', () => {
    for (const ok of ['cpu', 'example.com/fpga', 'nvidia.com/gpu', 'hugepages-2Mi', 'a']) expect(isValidDimensionName(ok), ok).toBe(true);
    for (const bad of ['', 'bad name', '-cpu', 'cpu-', 'Example.com/fpga', 'a/b/c', '/x', 'x/', 'a'.repeat(254)]) expect(isValidDimensionName(bad), bad).toBe(false);
  });
});
