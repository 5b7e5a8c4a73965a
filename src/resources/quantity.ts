import { unitOf, type ResourceUnit } from './dimensions.js';

/**
 * A quantity as users write it: a Kubernetes quantity string (`"500m"`, `"1.5Gi"`, `"1e9"`)
 * or a plain number (`2`, `0.5`) in the dimension's natural unit (cores for CPU, bytes,
 * bits per second, or a count).
 *
 * @example
 * ```ts
 * const cpu: QuantityInput = '500m';
 * const memory: QuantityInput = '1.5Gi';
 * ```
 */
export type QuantityInput = string | number;

/**
 * The outcome of parsing a quantity: the exact integer in base units, or why it is not valid.
 *
 * @example
 * ```ts
 * const r = tryParseQuantity('1Gi', 'memory');
 * if (r.ok) console.log(r.value); // 1073741824
 * ```
 */
export type QuantityResult = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly reason: string };

const SUFFIX_POW2: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const SUFFIX_POW10: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

// number part, then an optional decimal exponent, then an optional suffix. "1E" is exa, "1E3" is 1000.
const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/;

const UNIT_WORD: Readonly<Record<ResourceUnit, string>> = {
  millicores: 'CPU',
  bytes: 'byte',
  'bits-per-second': 'bandwidth',
  count: 'count',
};

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/**
 * Parses a quantity into an exact integer in the dimension's base unit, without throwing.
 *
 * CPU becomes millicores; a finer CPU value rounds up to the next millicore, as Kubernetes does.
 * Bytes, bits per second and counts must come out whole: memory `"400m"` is 0.4 bytes and is refused.
 *
 * @param input - The quantity, such as `"500m"`, `"1.5Gi"`, `"1e9"` or `2`.
 * @param dimension - The resource name; it decides the unit (see {@link unitOf}).
 * @example
 * ```ts
 * tryParseQuantity('500m', 'cpu');    // { ok: true, value: 500 }
 * tryParseQuantity('400m', 'memory'); // { ok: false, reason: 'it is 0.4 bytes; bytes must be whole' }
 * ```
 */
export function tryParseQuantity(input: unknown, dimension: string): QuantityResult {
  const unit = unitOf(dimension);
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, reason: 'it is not a finite number' };
    if (input < 0) return { ok: false, reason: 'it is negative' };
    text = numberToPlainString(input);
  } else if (typeof input === 'string') {
    text = input.trim();
    if (text === '') return { ok: false, reason: 'it is empty' };
  } else {
    return { ok: false, reason: `expected a number or a quantity string such as "${example(unit)}", got ${describe(input)}` };
  }
  const m = QUANTITY.exec(text);
  if (m === null) {
    const suffix = /^[+-]?[\d.]+(?:[eE][+-]?\d+)?(.*)$/.exec(text)?.[1];
    if (suffix !== undefined && suffix !== '') return { ok: false, reason: `unknown suffix "${suffix}" (use n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi or Ei)` };
    return { ok: false, reason: 'it is not a number' };
  }
  const [, sign = '', num = '', exp, suffix = ''] = m;
  const [intPart = '', fracPart = ''] = num.split('.');
  let mantissa = BigInt((intPart + fracPart).replace(/^0+(?=\d)/, '') || '0');
  if (sign === '-' && mantissa !== 0n) return { ok: false, reason: 'it is negative' };
  // value = mantissa × 10^scale10 × 2^scale2, in the user's unit.
  let scale10 = -fracPart.length + (exp === undefined ? 0 : Number(exp));
  let scale2 = 0;
  if (suffix in SUFFIX_POW2) scale2 = SUFFIX_POW2[suffix] ?? 0;
  else scale10 += SUFFIX_POW10[suffix] ?? 0;
  if (unit === 'millicores') scale10 += 3;
  if (mantissa === 0n) return { ok: true, value: 0 }; // "0e50" is zero, not too large
  if (scale10 > 40) return { ok: false, reason: 'it is too large' };
  // Far below one base unit ("1e-1000000000"): answer without building a huge power of ten.
  if (scale10 < -(mantissa.toString().length + 30)) {
    if (unit === 'millicores') return { ok: true, value: 1 };
    return { ok: false, reason: `it is less than 1e-10 ${plural(unit)}; ${plural(unit)} must be whole` };
  }
  mantissa <<= BigInt(scale2);
  let value: bigint;
  let whole = true;
  if (scale10 >= 0) value = mantissa * pow10(scale10);
  else {
    const div = pow10(-scale10);
    value = mantissa / div;
    if (value * div !== mantissa) {
      whole = false;
      if (unit === 'millicores') value += 1n; // Kubernetes rounds sub-millicore CPU up.
    }
  }
  if (!whole && unit !== 'millicores') {
    return { ok: false, reason: `it is ${formatFraction(mantissa, -scale10)} ${plural(unit)}; ${plural(unit)} must be whole` };
  }
  if (value > MAX) return { ok: false, reason: `it is too large (over ${Number.MAX_SAFE_INTEGER} ${plural(unit)})` };
  return { ok: true, value: Number(value) };
}

/**
 * Parses a quantity into an exact integer in base units, throwing a `RangeError` that says why
 * when it is not valid. Scenario validation reports the same reasons with a path instead.
 *
 * @example
 * ```ts
 * parseQuantity('1.5Gi', 'memory'); // 1610612736
 * parseQuantity(0.5, 'cpu');        // 500
 * ```
 */
export function parseQuantity(input: QuantityInput, dimension: string): number {
  const r = tryParseQuantity(input, dimension);
  if (!r.ok) throw new RangeError(`${JSON.stringify(input)} is not a valid ${describeDimension(dimension)} quantity: ${r.reason}`);
  return r.value;
}

/**
 * Names a dimension the way error messages do: `CPU`, `memory`, `network`, `example.com/fpga`.
 *
 * @example
 * ```ts
 * describeDimension('cpu'); // 'CPU'
 * ```
 */
export function describeDimension(dimension: string): string {
  return dimension === 'cpu' ? 'CPU' : dimension;
}

function plural(unit: ResourceUnit): string {
  return unit === 'count' ? 'units' : unit === 'bits-per-second' ? 'bits per second' : unit;
}

function example(unit: ResourceUnit): string {
  return unit === 'millicores' ? '500m' : unit === 'bytes' ? '1Gi' : unit === 'bits-per-second' ? '1G' : '1';
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}

function formatFraction(mantissa: bigint, decimals: number): string {
  const s = mantissa.toString().padStart(decimals + 1, '0');
  const cut = s.length - decimals;
  return `${s.slice(0, cut)}.${s.slice(cut)}`.replace(/\.?0+$/, '');
}

function numberToPlainString(n: number): string {
  // Exponent form is fine for the parser ("1e-7"); JS prints integers and short decimals plainly.
  return String(n);
}

const BINARY: ReadonlyArray<readonly [string, number]> = [
  ['Ei', 2 ** 60], ['Pi', 2 ** 50], ['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10],
];
const DECIMAL: ReadonlyArray<readonly [string, number]> = [
  ['E', 1e18], ['P', 1e15], ['T', 1e12], ['G', 1e9], ['M', 1e6], ['k', 1e3],
];

function trimNumber(x: number, digits: number): string {
  const s = x.toFixed(digits);
  // Drop trailing zeros of the fraction only: with no decimals, "100" must stay "100".
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/**
 * Formats an integer in base units for people: CPU as cores or millicores (`"1.5"`, `"250m"`),
 * bytes in binary units (`"1.5Gi"`), bandwidth in bits per second (`"10Gbit/s"`), counts as plain integers.
 * Output is rounded to at most `digits` decimals, so it is for display; feed exact integers back, not these.
 *
 * @param value - The exact integer, in the dimension's base unit.
 * @param dimension - The resource name.
 * @param digits - Decimals to keep. @defaultValue 2
 * @example
 * ```ts
 * formatQuantity(1610612736, 'memory'); // '1.5Gi'
 * formatQuantity(250, 'cpu');           // '250m'
 * formatQuantity(1e10, 'network');      // '10Gbit/s'
 * ```
 */
export function formatQuantity(value: number, dimension: string, digits = 2): string {
  const unit = unitOf(dimension);
  if (unit === 'millicores') {
    if (Math.abs(value) < 1000 && Number.isInteger(value)) return `${value}m`;
    return trimNumber(value / 1000, digits);
  }
  if (unit === 'bytes') {
    for (const [s, f] of BINARY) if (Math.abs(value) >= f) return `${trimNumber(value / f, digits)}${s}`;
    return `${trimNumber(value, digits)}`;
  }
  if (unit === 'bits-per-second') {
    for (const [s, f] of DECIMAL) if (Math.abs(value) >= f) return `${trimNumber(value / f, digits)}${s}bit/s`;
    return `${trimNumber(value, digits)}bit/s`;
  }
  return trimNumber(value, digits);
}

/**
 * Says what a quantity is expected to look like for a dimension, for error messages.
 *
 * @example
 * ```ts
 * describeUnit('memory'); // 'byte'
 * ```
 */
export function describeUnit(dimension: string): string {
  return UNIT_WORD[unitOf(dimension)];
}
