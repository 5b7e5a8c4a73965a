/** Node's Buffer has a fast `latin1Slice(start, end)` (what `toString('latin1', …)` calls after checking its arguments). */
type Latin1 = { latin1Slice(start: number, end: number): string };
const fastLatin1 = typeof (Buffer.prototype as unknown as Partial<Latin1>).latin1Slice === 'function';

/**
 * Bytes `[start, end)` of a buffer as a Latin-1 string. @internal
 * @example
 * ```ts
 * latin1(Buffer.from('a,b'), 2, 3); // 'b'
 * ```
 */
export function latin1(buf: Buffer, start: number, end: number): string {
  return fastLatin1 ? (buf as unknown as Latin1).latin1Slice(start, end) : buf.toString('latin1', start, end);
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * Parses a decimal number from bytes without allocating. Returns exactly what `Number(text)` returns
 * for well-formed decimals: up to 15 significant digits it divides two exact doubles (a correctly
 * rounded operation), beyond that it falls back to `Number`. Returns NaN for empty or malformed text.
 * @internal
 * @example
 * ```ts
 * parseDecimal(Buffer.from('0.0625'), 0, 6); // 0.0625
 * ```
 */
export function parseDecimal(buf: Buffer, start: number, end: number): number {
  // The common case first: digits, at most one dot, 15 digits at most in all (then at most 15
  // significant ones: `exactDecimal`'s value, without counting them apart).
  let i = start;
  let mantissa = 0;
  let d = 0;
  for (; i < end; i++) {
    d = (buf[i] as number) - 48;
    if (d < 0 || d > 9) break;
    mantissa = mantissa * 10 + d;
  }
  let digits = i - start;
  let fraction = 0;
  if (i < end && buf[i] === 46 /* . */) {
    const f = ++i;
    for (; i < end; i++) {
      d = (buf[i] as number) - 48;
      if (d < 0 || d > 9) break;
      mantissa = mantissa * 10 + d;
    }
    fraction = i - f;
    digits += fraction;
  }
  if (i === end && digits > 0 && digits <= 15) return fraction === 0 ? mantissa : mantissa / (POW10[fraction] as number);
  return parseDecimalText(buf, start, end);
}

/** {@link parseDecimal} for any text: signs, exponents, more than 15 digits, malformed. */
function parseDecimalText(buf: Buffer, start: number, end: number): number {
  if (start >= end) return NaN;
  let i = start;
  let negative = false;
  const first = buf[i] as number;
  if (first === 45 /* - */ || first === 43 /* + */) {
    negative = first === 45;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  let dot = false;
  let any = false;
  for (; i < end; i++) {
    const c = buf[i] as number;
    if (c >= 48 && c <= 57) {
      any = true;
      if (digits > 0 || c !== 48) digits++;
      mantissa = mantissa * 10 + (c - 48);
      if (dot) fraction++;
    } else if (c === 46 /* . */ && !dot) dot = true;
    else break;
  }
  if (!any) return NaN;
  let scale = -fraction;
  if (i < end) {
    // Only an exponent may follow: e or E, an optional sign, digits.
    const c = buf[i] as number;
    if (c !== 101 && c !== 69) return NaN;
    let j = i + 1;
    let expNegative = false;
    if (buf[j] === 45 || buf[j] === 43) expNegative = buf[j++] === 45;
    let e = 0;
    const first = j;
    for (; j < end; j++) {
      const d = (buf[j] as number) - 48;
      if (d < 0 || d > 9) return NaN;
      e = e * 10 + d;
      if (e > 1000) break;
    }
    if (j === first) return NaN;
    scale += expNegative ? -e : e;
  }
  const value = exactDecimal(mantissa, digits, scale, negative);
  return value === value ? value : Number(buf.toString('latin1', start, end));
}

/**
 * The value of ±`mantissa` × 10^`scale` when `mantissa` has at most 15 significant digits and
 * |`scale`| ≤ 22: both operands are then exact doubles, so one multiplication or division is
 * correctly rounded, the value `Number(text)` gives. NaN outside that range (parse the text instead).
 * The one rounding rule of {@link parseDecimal} and of the JSON field scanner. @internal
 * @example
 * ```ts
 * exactDecimal(625, 3, -4, false); // 0.0625
 * ```
 */
export function exactDecimal(mantissa: number, significantDigits: number, scale: number, negative: boolean): number {
  if (significantDigits > 15 || scale < -22 || scale > 22) return NaN;
  const value = scale >= 0 ? mantissa * (POW10[scale] as number) : mantissa / (POW10[-scale] as number);
  return negative ? -value : value;
}

/**
 * Bytes `[s, e)` as a non-negative integer when written the way `String(n)` writes one (digits, no
 * leading zero, at most 15 of them), else -1. One pass, no allocation. @internal
 * @example
 * ```ts
 * parseCanonicalUint(Buffer.from('6251812952'), 0, 10); // 6251812952
 * parseCanonicalUint(Buffer.from('007'), 0, 3);         // -1
 * ```
 */
export function parseCanonicalUint(buf: Buffer, s: number, e: number): number {
  if (e <= s || e - s > 15 || (e - s > 1 && buf[s] === 48)) return -1;
  let v = 0;
  for (let j = s; j < e; j++) {
    const c = (buf[j] as number) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Splits one CSV line (no quoting: the traces have none) into field offsets, and reads fields as
 * numbers or strings. One instance is reused for every line.
 * @internal
 * @example
 * ```ts
 * const row = new CsvRow();
 * row.split(Buffer.from('1,,x'), 0, 4); // 3
 * row.num(0); // 1
 * row.empty(1); // true
 * ```
 */
export class CsvRow {
  buf: Buffer = Buffer.alloc(0);
  readonly starts = new Int32Array(64);
  readonly ends = new Int32Array(64);
  count = 0;

  /**
   * Splits `buf[start, end)` at commas; returns the number of fields (at most 64). Looks for commas
   * four bytes at a time (a word with a zero byte where a comma was, by the usual bit trick): the
   * long fields of a trace row (user names, hashes) cost a quarter of the steps.
   */
  split(buf: Buffer, start: number, end: number): number {
    this.buf = buf;
    if (buf !== this.viewBuf) {
      this.viewBuf = buf;
      this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    }
    const view = this.view;
    const starts = this.starts;
    const ends = this.ends;
    const last4 = end - 4;
    let n = 0;
    let i = start;
    starts[0] = start;
    for (;;) {
      // The next comma at or after i, or -1.
      let comma = -1;
      while (i <= last4) {
        const x = view.getInt32(i, true) ^ 0x2c2c2c2c;
        const zero = ((x - 0x01010101) | 0) & ~x & (0x80808080 | 0);
        if (zero !== 0) {
          // The lowest zero byte is exact (false positives only occur above a true zero byte).
          comma = i + ((31 - Math.clz32(zero & -zero)) >> 3);
          break;
        }
        i += 4;
      }
      if (comma < 0) {
        while (i < end && buf[i] !== 44) i++;
        if (i >= end) break;
        comma = i;
      }
      ends[n] = comma;
      i = comma + 1;
      if (++n === 63) {
        starts[n] = i;
        ends[n] = end;
        this.count = 64;
        return 64;
      }
      starts[n] = i;
    }
    ends[n] = end;
    this.count = n + 1;
    return n + 1;
  }

  private viewBuf: Buffer | undefined;
  private view: DataView = new DataView(new ArrayBuffer(0));

  /** True when field `i` is empty. */
  empty(i: number): boolean {
    return (this.starts[i] as number) >= (this.ends[i] as number);
  }

  /** Field `i` as a number; NaN when empty or not a number. */
  num(i: number): number {
    return parseDecimal(this.buf, this.starts[i] as number, this.ends[i] as number);
  }

  /** True when field `i` is written the way `String(n)` writes a non-negative integer: digits, no leading zero. */
  canonicalInteger(i: number): boolean {
    const s = this.starts[i] as number;
    const e = this.ends[i] as number;
    if (e <= s || (e - s > 1 && this.buf[s] === 48)) return false;
    for (let j = s; j < e; j++) {
      const c = this.buf[j] as number;
      if (c < 48 || c > 57) return false;
    }
    return true;
  }

  /**
   * Field `i` as a non-negative integer when it is written the way `String(n)` writes one (digits,
   * no leading zero, at most 15 of them), else -1. One pass, no allocation.
   */
  uint(i: number): number {
    return parseCanonicalUint(this.buf, this.starts[i] as number, this.ends[i] as number);
  }

  /** Field `i` as a string. */
  text(i: number): string {
    return latin1(this.buf, this.starts[i] as number, this.ends[i] as number);
  }

  /** Fields `from` to `to` inclusive as one string, commas included. */
  span(from: number, to: number): string {
    return latin1(this.buf, this.starts[from] as number, this.ends[to] as number);
  }
}
