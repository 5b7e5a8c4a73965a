import { latin1, parseCanonicalUint, parseDecimal } from './csv-row.js';

/** What a scanned JSON value is. @internal */
export const JsonKind = { Absent: 0, Number: 1, String: 2, Null: 3, Bool: 4, Object: 5, Array: 6 } as const;
/** @internal @example const k: JsonKind = JsonKind.Number; */
export type JsonKind = (typeof JsonKind)[keyof typeof JsonKind];

/**
 * A field scanner for one-line JSON objects: finds the values of a fixed set of top-level keys as byte
 * ranges of the line, checking the whole line's syntax as it goes, without building objects or
 * strings (what `JSON.parse` would cost per row). Values are read on demand: numbers with the
 * readers' exact decimal parser, strings as text only when asked. The same key set can be scanned
 * inside a nested object with {@link JsonFields.scanObject} on another instance.
 *
 * The grammar is RFC 8259's; a line it rejects is one `JSON.parse` rejects too (the property test
 * in `test/traces/json-fields.test.ts` checks both ways). Duplicate keys: the last one wins, as in
 * `JSON.parse`.
 * @internal
 * @example
 * ```ts
 * const f = new JsonFields(['time', 'type']);
 * const line = Buffer.from('{"time": "3500000", "type": 0}');
 * f.scan(line, 0, line.length); // true
 * f.int64(0); // 3500000 (BigQuery writes int64 as strings)
 * ```
 */
export class JsonFields {
  private readonly keys: Buffer[];
  private readonly kinds: Uint8Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  /** Per key: the string value holds escapes (read it with JSON.parse). */
  private readonly escaped: Uint8Array;
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private end = 0;
  /** Why the last scan failed. */
  error = '';

  constructor(keys: readonly string[]) {
    this.keys = keys.map((k) => Buffer.from(k, 'latin1'));
    const n = keys.length;
    this.kinds = new Uint8Array(n);
    this.starts = new Int32Array(n);
    this.ends = new Int32Array(n);
    this.escaped = new Uint8Array(n);
  }

  /** Scans `buf[start, end)` as one JSON object; false (with `error`) when it is not valid JSON or not an object. */
  scan(buf: Buffer, start: number, end: number): boolean {
    this.buf = buf;
    this.end = end;
    this.pos = skipWs(buf, start, end);
    if (this.pos >= end || buf[this.pos] !== 123 /* { */) return this.fail('each line must be one JSON object');
    if (!this.scanObject()) return false;
    this.pos = skipWs(buf, this.pos, end);
    return this.pos === end ? true : this.fail(`unexpected text after the object at column ${this.pos - start + 1}`);
  }

  /** Scans the object value that another scanner found at `[start, end)` (for nested objects). */
  scanNested(buf: Buffer, start: number, end: number): boolean {
    this.buf = buf;
    this.end = end;
    this.pos = start;
    return this.scanObject();
  }

  /** The line last scanned. */
  get buffer(): Buffer {
    return this.buf;
  }

  /** The kind of key `k`'s value (`Absent` when the key is missing). */
  kind(k: number): JsonKind {
    return this.kinds[k] as JsonKind;
  }

  /** Where the value of key `k` starts in the line (for a nested object: at its `{`). */
  valueStart(k: number): number {
    return this.starts[k] as number;
  }

  /** Where the value of key `k` ends in the line. */
  valueEnd(k: number): number {
    return this.ends[k] as number;
  }

  /** The value of key `k` as it is written in the line. */
  raw(k: number): string {
    return this.kinds[k] === JsonKind.Absent ? 'absent' : latin1(this.buf, this.starts[k] as number, this.ends[k] as number);
  }

  /** A string value's text (escapes decoded); a number's text. */
  text(k: number): string {
    const s = this.starts[k] as number;
    const e = this.ends[k] as number;
    if (this.kinds[k] === JsonKind.String) return this.escaped[k] === 1 ? (JSON.parse(this.buf.toString('utf8', s - 1, e + 1)) as string) : this.buf.toString('utf8', s, e);
    return latin1(this.buf, s, e);
  }

  /** A number value (or NaN). */
  number(k: number): number {
    return this.kinds[k] === JsonKind.Number ? parseDecimal(this.buf, this.starts[k] as number, this.ends[k] as number) : NaN;
  }

  /**
   * An int64 field: a JSON integer, or a string of digits as BigQuery exports write them.
   * undefined when absent or null, NaN when it is something else.
   */
  int64(k: number): number | undefined {
    const kind = this.kinds[k];
    if (kind === JsonKind.Absent || kind === JsonKind.Null) return undefined;
    if (kind !== JsonKind.Number && kind !== JsonKind.String) return NaN;
    const buf = this.buf;
    const s = this.starts[k] as number;
    const e = this.ends[k] as number;
    if (kind === JsonKind.String) {
      // Digits, optionally signed: anything else (escapes included) is not an int64.
      let i = s;
      if (buf[i] === 45) i++;
      if (i === e) return NaN;
      for (; i < e; i++) if ((buf[i] as number) < 48 || (buf[i] as number) > 57) return NaN;
      if (e - s > 15) return Number(latin1(buf, s, e));
    }
    const v = parseDecimal(buf, s, e);
    return Number.isInteger(v) ? v : NaN;
  }

  /**
   * A canonical non-negative integer (digits, no leading zero, up to 15), written as a JSON number
   * or a string; -1 otherwise. For ids: looked up by value, no string made.
   */
  uint(k: number): number {
    const kind = this.kinds[k];
    if (kind !== JsonKind.Number && kind !== JsonKind.String) return -1;
    return parseCanonicalUint(this.buf, this.starts[k] as number, this.ends[k] as number);
  }

  private fail(message: string): boolean {
    this.error = message;
    return false;
  }

  /** At `{`: scans the object, recording the values of known keys. */
  private scanObject(): boolean {
    const kinds = this.kinds;
    kinds.fill(0);
    const buf = this.buf;
    const end = this.end;
    let i = skipWs(buf, this.pos + 1, end);
    if (i < end && buf[i] === 125 /* } */) {
      this.pos = i + 1;
      return true;
    }
    for (;;) {
      i = skipWs(buf, i, end);
      if (i >= end || buf[i] !== 34) return this.fail('expected a "key"');
      const ks = i + 1;
      i = skipString(buf, i, end);
      if (i < 0) return this.fail(scanError);
      const ke = i - 1;
      i = skipWs(buf, i, end);
      if (i >= end || buf[i] !== 58 /* : */) return this.fail('expected ":" after a key');
      i = skipWs(buf, i + 1, end);
      const k = this.keyIndex(buf, ks, ke);
      const vs = i;
      i = skipValue(buf, i, end, 0);
      if (i < 0) return this.fail(scanError);
      if (k >= 0) {
        const kind = lastKind;
        kinds[k] = kind;
        if (kind === JsonKind.String) {
          this.starts[k] = vs + 1;
          this.ends[k] = i - 1;
          this.escaped[k] = lastEscaped ? 1 : 0;
        } else {
          this.starts[k] = vs;
          this.ends[k] = i;
        }
      }
      i = skipWs(buf, i, end);
      if (i >= end) return this.fail('unterminated object');
      const c = buf[i++];
      if (c === 44 /* , */) continue;
      if (c === 125 /* } */) {
        this.pos = i;
        return true;
      }
      return this.fail('expected "," or "}" in an object');
    }
  }

  private keyIndex(buf: Buffer, s: number, e: number): number {
    const len = e - s;
    const keys = this.keys;
    const first = buf[s];
    outer: for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as Buffer;
      if (key.length !== len || key[0] !== first) continue;
      for (let j = 1; j < len; j++) if (key[j] !== buf[s + j]) continue outer;
      return k;
    }
    return -1;
  }
}

// The scanning kernel: plain functions over (buffer, position, end) returning the position after
// what they read, or -1 with the reason in `scanError` (locals only: no property access per byte).
let scanError = '';
let lastKind: JsonKind = JsonKind.Absent;
let lastEscaped = false;

function skipWs(buf: Buffer, i: number, end: number): number {
  while (i < end) {
    const c = buf[i];
    if (c === 32 || c === 9 || c === 10 || c === 13) i++;
    else break;
  }
  return i;
}

function isHex(x: number | undefined): boolean {
  return x !== undefined && ((x >= 48 && x <= 57) || (x >= 65 && x <= 70) || (x >= 97 && x <= 102));
}

/** At `"`: the position after the string. */
function skipString(buf: Buffer, i: number, end: number): number {
  lastEscaped = false;
  for (i++; i < end; i++) {
    const c = buf[i] as number;
    if (c === 34) return i + 1;
    if (c < 32) {
      scanError = 'control character in a string';
      return -1;
    }
    if (c === 92 /* \ */) {
      lastEscaped = true;
      const d = buf[++i];
      if (d === 117 /* u */) {
        if (!(isHex(buf[i + 1]) && isHex(buf[i + 2]) && isHex(buf[i + 3]) && isHex(buf[i + 4]))) {
          scanError = 'invalid \\u escape';
          return -1;
        }
        i += 4;
      } else if (!(d === 34 || d === 92 || d === 47 || d === 98 || d === 102 || d === 110 || d === 114 || d === 116)) {
        scanError = 'invalid escape in a string';
        return -1;
      }
    }
  }
  scanError = 'unterminated string';
  return -1;
}

/** JSON number grammar: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)? */
function skipNumber(buf: Buffer, i: number, end: number): number {
  if (buf[i] === 45) i++;
  let c = buf[i] as number;
  if (i >= end) return badNumber();
  if (c === 48) i++;
  else if (c >= 49 && c <= 57) {
    i++;
    while (i < end && (c = buf[i] as number) >= 48 && c <= 57) i++;
  } else return badNumber();
  if (i < end && buf[i] === 46) {
    const d = ++i;
    while (i < end && (c = buf[i] as number) >= 48 && c <= 57) i++;
    if (i === d) return badNumber();
  }
  if (i < end && (buf[i] === 101 || buf[i] === 69)) {
    i++;
    if (i < end && (buf[i] === 43 || buf[i] === 45)) i++;
    const d = i;
    while (i < end && (c = buf[i] as number) >= 48 && c <= 57) i++;
    if (i === d) return badNumber();
  }
  return i;
}

function badNumber(): number {
  scanError = 'invalid number';
  return -1;
}

function literal(buf: Buffer, i: number, end: number, word: string): number {
  if (i + word.length > end) return -1;
  for (let j = 0; j < word.length; j++) if (buf[i + j] !== word.charCodeAt(j)) return -1;
  return i + word.length;
}

/** The position after one value (its kind in `lastKind`), or -1. */
function skipValue(buf: Buffer, i: number, end: number, depth: number): number {
  if (depth > 512) {
    scanError = 'nested too deeply';
    return -1;
  }
  if (i >= end) {
    scanError = 'expected a value';
    return -1;
  }
  const c = buf[i] as number;
  if (c === 34) {
    i = skipString(buf, i, end);
    lastKind = JsonKind.String;
    return i;
  }
  if (c === 45 || (c >= 48 && c <= 57)) {
    lastKind = JsonKind.Number;
    return skipNumber(buf, i, end);
  }
  if (c === 123 || c === 91) {
    const object = c === 123;
    const close = object ? 125 : 93;
    i = skipWs(buf, i + 1, end);
    if (i < end && buf[i] === close) {
      lastKind = object ? JsonKind.Object : JsonKind.Array;
      return i + 1;
    }
    for (;;) {
      i = skipWs(buf, i, end);
      if (object) {
        if (i >= end || buf[i] !== 34) {
          scanError = 'expected a "key"';
          return -1;
        }
        i = skipString(buf, i, end);
        if (i < 0) return -1;
        i = skipWs(buf, i, end);
        if (i >= end || buf[i] !== 58) {
          scanError = 'expected ":" after a key';
          return -1;
        }
        i = skipWs(buf, i + 1, end);
      }
      i = skipValue(buf, i, end, depth + 1);
      if (i < 0) return -1;
      i = skipWs(buf, i, end);
      if (i >= end) {
        scanError = 'unterminated object or array';
        return -1;
      }
      const d = buf[i++];
      if (d === 44) continue;
      if (d === close) {
        lastKind = object ? JsonKind.Object : JsonKind.Array;
        return i;
      }
      scanError = 'expected "," or a closing bracket';
      return -1;
    }
  }
  let j = literal(buf, i, end, 'null');
  if (j >= 0) {
    lastKind = JsonKind.Null;
    return j;
  }
  j = literal(buf, i, end, 'true');
  if (j < 0) j = literal(buf, i, end, 'false');
  if (j >= 0) {
    lastKind = JsonKind.Bool;
    return j;
  }
  scanError = `unexpected character "${String.fromCharCode(c)}"`;
  return -1;
}
