import { exactDecimal, latin1, parseDecimal } from './csv-row.js';

/** What a scanned JSON value is. @internal */
export const JsonKind = { Absent: 0, Number: 1, String: 2, Null: 3, Bool: 4, Object: 5, Array: 6 } as const;
/** @internal @example const k: JsonKind = JsonKind.Number; */
export type JsonKind = (typeof JsonKind)[keyof typeof JsonKind];

/**
 * A field scanner for one-line JSON objects: finds the values of a fixed set of top-level keys as byte
 * ranges of the line, checking the whole line's syntax as it goes, without building objects or
 * strings (what `JSON.parse` would cost per row). Numbers (by the rule of `parseDecimal`) and
 * BigQuery int64 strings (`"123"`) are read in the same pass; other values on demand, strings as
 * text only when asked. An object value can be scanned in the same pass by a nested scanner given
 * for its key.
 *
 * The grammar is RFC 8259's; a line it rejects is one `JSON.parse` rejects too, and the values it
 * reads are the ones `JSON.parse` gives (`test/traces/json-fields.test.ts` and
 * `json-fields-differential.test.ts` check both ways, on generated, hand-made and genuine trace
 * rows). Keys written with escapes are compared decoded, and duplicate keys: the last one wins, as
 * in `JSON.parse`.
 *
 * Speed (this is the Google 2019 reader's hot loop): each key is expected where the previous object
 * had it (an export writes every row with the same key order) and confirmed by comparing its bytes
 * and closing quote four at a time; a key not where expected is scanned and looked up by length
 * and bytes, and other keys than the wanted ones are learned (up to 64) so that they are skipped
 * the same way. Values of other keys are skipped with inline fast paths for numbers, strings and
 * `null`. No allocation per line.
 * @internal
 * @example
 * ```ts
 * const request = new JsonFields(['cpus', 'memory']);
 * const f = new JsonFields(['time', 'type', 'resource_request'], { resource_request: request });
 * const line = Buffer.from('{"time": "3500000", "type": 0, "resource_request": {"cpus": 0.5}}');
 * f.scan(line, 0, line.length); // true
 * f.int64(0); // 3500000 (BigQuery writes int64 as strings)
 * request.number(0); // 0.5 (valid while f.kind(2) is JsonKind.Object)
 * ```
 */
export class JsonFields {
  private readonly names: readonly string[];
  private readonly nested: (JsonFields | undefined)[];
  private readonly kinds: Uint8Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  /** Per key: the value as a number, read while scanning; NaN when it was not (read it the slow way). See `scanNumber`, `scanString`. */
  private readonly nums: Float64Array;
  /** Per key: 1 when the value is an integer of up to 15 digits written without fraction or exponent (a number, or a string of digits). */
  private readonly plain: Uint8Array;
  /** Per key: the string value holds escapes (read it with JSON.parse). */
  private readonly escaped: Uint8Array;
  private buf: Buffer = Buffer.alloc(0);
  /** Why the last scan failed. */
  error = '';

  // The key table: the keys asked for (0 … n−1), then up to LEARNED other keys met in lines. Each
  // is stored as its bytes and the closing quote, also as little-endian 32-bit words. `order` is
  // the key sequence of the last object scanned: the next object's keys are expected in the same
  // order (an export writes every row alike), and an expected key is confirmed with a few word
  // comparisons instead of a byte loop and a lookup.
  private readonly wanted: number;
  private count: number;
  private patBytes: Uint8Array;
  private patWords: Int32Array;
  private readonly patStart: Int32Array;
  private readonly patLen: Int32Array;
  private readonly wordStart: Int32Array;
  /** The first key of each length (-1: none), and the next key of the same length. */
  private readonly byLength: Int32Array;
  private readonly sameLength: Int32Array;
  private readonly order = new Int32Array(MAX_MEMBERS).fill(-1);

  /**
   * @param keys the top-level keys to find
   * @param nested scanners for keys whose value is an object, filled in the same pass (read them only
   * while this scanner's `kind` of that key is `Object`) @defaultValue none
   */
  constructor(keys: readonly string[], nested: Readonly<Record<string, JsonFields>> = {}) {
    const n = keys.length;
    this.names = [...keys];
    this.nested = keys.map((k) => (Object.hasOwn(nested, k) ? nested[k] : undefined));
    this.kinds = new Uint8Array(n);
    this.starts = new Int32Array(n);
    this.ends = new Int32Array(n);
    this.nums = new Float64Array(n);
    this.plain = new Uint8Array(n);
    this.escaped = new Uint8Array(n);
    const cap = n + LEARNED;
    this.wanted = n;
    this.count = 0;
    this.patBytes = new Uint8Array(256);
    this.patWords = new Int32Array(64);
    this.patStart = new Int32Array(cap);
    this.patLen = new Int32Array(cap);
    this.wordStart = new Int32Array(cap);
    const bytes = keys.map((k) => Buffer.from(k, 'utf8'));
    if (bytes.some((b) => b.some((c) => PLAIN[c] !== 1))) throw new Error('JsonFields: keys with quotes, backslashes or control characters are not supported');
    this.byLength = new Int32Array(Math.max(MAX_LEARNED_LENGTH, ...bytes.map((b) => b.length)) + 1).fill(-1);
    this.sameLength = new Int32Array(cap).fill(-1);
    for (const b of bytes) this.learn(b, 0, b.length);
  }

  /** Adds a key to the table; its index. */
  private learn(src: Uint8Array, s: number, e: number): number {
    const q = this.count++;
    const len = e - s;
    const at = q === 0 ? 0 : (this.patStart[q - 1] as number) + (this.patLen[q - 1] as number);
    const w = q === 0 ? 0 : (this.wordStart[q - 1] as number) + ((this.patLen[q - 1] as number) >> 2);
    if (at + len + 1 > this.patBytes.length) {
      const grown = new Uint8Array(2 * (at + len + 1));
      grown.set(this.patBytes);
      this.patBytes = grown;
    }
    this.patBytes.set(src.subarray(s, e), at);
    this.patBytes[at + len] = 34;
    if (w + ((len + 1) >> 2) > this.patWords.length) {
      const grown = new Int32Array(2 * (w + ((len + 1) >> 2)));
      grown.set(this.patWords);
      this.patWords = grown;
    }
    const view = new DataView(this.patBytes.buffer);
    for (let j = 0; j < (len + 1) >> 2; j++) this.patWords[w + j] = view.getInt32(at + 4 * j, true);
    this.patStart[q] = at;
    this.patLen[q] = len + 1;
    this.wordStart[q] = w;
    this.sameLength[q] = this.byLength[len] as number;
    this.byLength[len] = q;
    return q;
  }

  /** Scans `buf[start, end)` as one JSON object; false (with `error`) when it is not valid JSON or not an object. */
  scan(buf: Buffer, start: number, end: number): boolean {
    this.buf = buf;
    let i = skipWs(buf, start, end);
    if (i >= end || buf[i] !== 123 /* { */) return this.fail('each line must be one JSON object');
    i = this.object(buf, this.viewOf(buf), i, end);
    if (i < 0) return this.fail(scanError);
    i = skipWs(buf, i, end);
    return i === end ? true : this.fail(`unexpected text after the object at column ${i - start + 1}`);
  }

  /** Scans the object value that another scanner found at `[start, end)` (for nested objects). */
  scanNested(buf: Buffer, start: number, end: number): boolean {
    this.buf = buf;
    return this.object(buf, this.viewOf(buf), start, end) >= 0 || this.fail(scanError);
  }

  /** A DataView of `buf` (for reading four bytes at once), made once per buffer: the lines of a chunk share it. */
  private viewOf(buf: Buffer): DataView {
    if (buf !== this.viewBuf) {
      this.viewBuf = buf;
      this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    }
    return this.view;
  }

  private viewBuf: Buffer | undefined;
  private view: DataView = new DataView(new ArrayBuffer(0));

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
    if (this.kinds[k] !== JsonKind.Number) return NaN;
    const v = this.nums[k] as number;
    return v === v ? v : parseDecimal(this.buf, this.starts[k] as number, this.ends[k] as number);
  }

  /**
   * An int64 field: a JSON integer, or a string of digits as BigQuery exports write them.
   * undefined when absent or null, NaN when it is something else.
   */
  int64(k: number): number | undefined {
    const kind = this.kinds[k];
    if (kind === JsonKind.Absent || kind === JsonKind.Null) return undefined;
    const v = this.nums[k] as number;
    if (v === v) return Number.isInteger(v) ? v : NaN;
    if (kind !== JsonKind.Number && kind !== JsonKind.String) return NaN;
    // Not read while scanning: more than 15 digits, escapes, an exponent out of range, not digits.
    if (kind === JsonKind.String) {
      // Digits, optionally signed, once escapes are decoded (as JSON.parse reads the string).
      const text = this.text(k);
      return INT64_TEXT.test(text) ? Number(text) : NaN;
    }
    const d = parseDecimal(this.buf, this.starts[k] as number, this.ends[k] as number);
    return Number.isInteger(d) ? d : NaN;
  }

  /**
   * A canonical non-negative integer (digits, no leading zero, up to 15), written as a JSON number
   * or a string; -1 otherwise. For ids: looked up by value, no string made.
   */
  uint(k: number): number {
    if (this.plain[k] !== 1) return -1;
    const s = this.starts[k] as number;
    const c = this.buf[s];
    return c === 45 || (c === 48 && (this.ends[k] as number) - s > 1) ? -1 : (this.nums[k] as number);
  }

  private fail(message: string): boolean {
    this.error = message;
    return false;
  }

  /** Whether key `q` of the table, with its closing quote, is written at `buf[s…]`. */
  private matches(buf: Buffer, view: DataView, q: number, s: number, end: number): boolean {
    const len = this.patLen[q] as number;
    if (s + len > end) return false;
    const words = this.patWords;
    let w = this.wordStart[q] as number;
    const we = w + (len >> 2);
    let j = s;
    for (; w < we; w++, j += 4) if (view.getInt32(j, true) !== words[w]) return false;
    const bytes = this.patBytes;
    for (let b = (this.patStart[q] as number) + (j - s); j < s + len; j++, b++) if (buf[j] !== bytes[b]) return false;
    return true;
  }

  /** The table's key at `buf[s, e)` (its bytes as written, no escapes), learning it when there is room; -1 when none. */
  private lookup(buf: Buffer, s: number, e: number): number {
    const len = e - s;
    if (len >= this.byLength.length) return -1;
    const bytes = this.patBytes;
    const starts = this.patStart;
    outer: for (let q = this.byLength[len] as number; q >= 0; q = this.sameLength[q] as number) {
      const at = (starts[q] as number) - s;
      for (let j = s; j < e; j++) if (bytes[at + j] !== buf[j]) continue outer;
      return q;
    }
    return this.count < this.wanted + LEARNED && len <= MAX_LEARNED_LENGTH ? this.learn(buf, s, e) : -1;
  }

  /**
   * At `{`: scans one object, recording the values of known keys; the position after its `}`, or -1
   * (the reason in `scanError`). The common cases (expected keys, numbers, plain strings, `null`)
   * are inline; anything else goes through the generic `skipValue`.
   */
  private object(buf: Buffer, view: DataView, i: number, end: number): number {
    const kinds = this.kinds;
    const starts = this.starts;
    const ends = this.ends;
    const nums = this.nums;
    const plain = this.plain;
    const order = this.order;
    const wanted = this.wanted;
    for (let k = 0; k < wanted; k++) kinds[k] = 0;
    i = skipWs(buf, i + 1, end);
    if (i < end && buf[i] === 125 /* } */) return i + 1;
    for (let member = 0; ; member++) {
      // "key"
      if (i >= end || buf[i] !== 34) return fail('expected a "key"');
      const ks = i + 1;
      const slot = member < MAX_MEMBERS ? member : MAX_MEMBERS - 1;
      let q = order[slot] as number;
      if (q >= 0 && this.matches(buf, view, q, ks, end)) i = ks + (this.patLen[q] as number);
      else {
        let j = ks;
        let c = 0;
        while (j < end && PLAIN[(c = buf[j] as number)] === 1) j++;
        if (j < end && c === 34) {
          q = this.lookup(buf, ks, j);
          i = j + 1;
        } else {
          // Escapes (or an error): JSON.parse compares keys after decoding them, so do the same.
          i = skipString(buf, ks - 1, end);
          if (i < 0) return -1;
          q = this.names.indexOf(JSON.parse(buf.toString('utf8', ks - 1, i)) as string);
        }
        order[slot] = q;
      }
      const k = q < wanted ? q : -1;
      // :
      let c = i < end ? (buf[i] as number) : -1;
      if (c === 58) i++;
      else {
        i = skipWs(buf, i, end);
        if (i >= end || buf[i] !== 58) return fail('expected ":" after a key');
        i++;
      }
      if (i < end && buf[i] === 32) i++;
      i = skipWs(buf, i, end);
      if (i >= end) return fail('expected a value');
      // value
      c = buf[i] as number;
      const vs = i;
      if (c === 34) {
        i = scanString(buf, i, end);
        if (i < 0) return -1;
        if (k >= 0) {
          kinds[k] = JsonKind.String;
          starts[k] = vs + 1;
          ends[k] = i - 1;
          nums[k] = lastNum;
          plain[k] = lastPlain ? 1 : 0;
          this.escaped[k] = lastEscaped ? 1 : 0;
        }
      } else if (c === 45 || (c >= 48 && c <= 57)) {
        // Inline: a non-negative integer of up to 15 digits (most numbers of a trace); else scanNumber.
        let v = c - 48;
        let j = i + 1;
        let d = 0;
        if (v !== 0) {
          while (j < end && (d = (buf[j] as number) - 48) >= 0 && d <= 9) {
            v = v * 10 + d;
            j++;
          }
        }
        d = j < end ? (buf[j] as number) : -1;
        if (c !== 45 && j - i <= 15 && d !== 46 && d !== 101 && d !== 69 && !(d >= 48 && d <= 57)) {
          i = j;
          lastNum = v;
          lastPlain = true;
        } else i = scanNumber(buf, i, end);
        if (i < 0) return -1;
        if (k >= 0) {
          kinds[k] = JsonKind.Number;
          starts[k] = vs;
          ends[k] = i;
          nums[k] = lastNum;
          plain[k] = lastPlain ? 1 : 0;
        }
      } else if (c === 110 && i + 3 < end && buf[i + 1] === 117 && buf[i + 2] === 108 && buf[i + 3] === 108) {
        i += 4;
        if (k >= 0) {
          kinds[k] = JsonKind.Null;
          starts[k] = vs;
          ends[k] = i;
          nums[k] = NaN;
          plain[k] = 0;
        }
      } else {
        const inner = k >= 0 && c === 123 ? this.nested[k] : undefined;
        if (inner !== undefined) {
          inner.buf = buf;
          i = inner.object(buf, view, i, end);
          lastKind = JsonKind.Object;
        } else i = skipValue(buf, i, end, 0);
        if (i < 0) return -1;
        if (k >= 0) {
          kinds[k] = lastKind;
          starts[k] = vs;
          ends[k] = i;
          nums[k] = NaN;
          plain[k] = 0;
        }
      }
      // , or }
      c = i < end ? (buf[i] as number) : -1;
      if (c !== 44 && c !== 125) {
        i = skipWs(buf, i, end);
        if (i >= end) return fail('unterminated object');
        c = buf[i] as number;
      }
      i++;
      if (c === 44 /* , */) {
        if (i < end && buf[i] === 32) i++;
        i = skipWs(buf, i, end);
        continue;
      }
      if (c === 125 /* } */) return i;
      return fail('expected "," or "}" in an object');
    }
  }
}

// The scanning kernel: plain functions over (buffer, position, end) returning the position after
// what they read, or -1 with the reason in `scanError`; what they found in the module's `last*`
// variables (locals only: no property access per byte, no allocation).
let scanError = '';
let lastKind: JsonKind = JsonKind.Absent;
let lastEscaped = false;
/** The number just scanned, when `exactDecimal` gives it (NaN: parse its text); a string's value when it is digits. */
let lastNum = NaN;
/** The value just scanned is an integer of up to 15 digits, written without fraction or exponent. */
let lastPlain = false;

const INT64_TEXT = /^-?[0-9]+$/;

/** Keys are matched in objects of up to this many members by their expected order; later ones are looked up. */
const MAX_MEMBERS = 64;
/** How many keys besides the wanted ones a scanner learns, and how long they may be. */
const LEARNED = 64;
const MAX_LEARNED_LENGTH = 64;

/** 1 for the bytes that may appear unescaped in a string other than `"` and `\`. */
const PLAIN = new Uint8Array(256);
for (let c = 32; c < 256; c++) PLAIN[c] = c === 34 || c === 92 ? 0 : 1;

function fail(message: string): number {
  scanError = message;
  return -1;
}

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

/** At `"`: the position after the string; `lastEscaped` says whether it holds escapes. */
function skipString(buf: Buffer, i: number, end: number): number {
  lastEscaped = false;
  for (i++; i < end; i++) {
    const c = buf[i] as number;
    if (PLAIN[c] === 1) continue;
    if (c === 34) return i + 1;
    if (c < 32) return fail('control character in a string');
    // c is a backslash
    lastEscaped = true;
    const d = buf[++i];
    if (d === 117 /* u */) {
      if (!(isHex(buf[i + 1]) && isHex(buf[i + 2]) && isHex(buf[i + 3]) && isHex(buf[i + 4]))) return fail('invalid \\u escape');
      i += 4;
    } else if (!(d === 34 || d === 92 || d === 47 || d === 98 || d === 102 || d === 110 || d === 114 || d === 116)) return fail('invalid escape in a string');
  }
  return fail('unterminated string');
}

/**
 * At `"`: a string value. When it is an optionally signed run of digits, up to 15 characters
 * (BigQuery's int64), `lastNum` is its value and `lastPlain` is set.
 */
function scanString(buf: Buffer, i: number, end: number): number {
  let j = i + 1;
  const negative = buf[j] === 45;
  if (negative) j++;
  const ds = j;
  let v = 0;
  let c = 0;
  while (j < end && (c = (buf[j] as number) - 48) >= 0 && c <= 9) {
    v = v * 10 + c;
    j++;
  }
  if (j < end && c === 34 - 48 && j > ds && j - i - 1 <= 15) {
    lastEscaped = false;
    lastNum = negative ? -v : v;
    lastPlain = true;
    return j + 1;
  }
  lastNum = NaN;
  lastPlain = false;
  return skipString(buf, i, end);
}

/**
 * JSON number grammar: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?. Reads the value as it goes, by the
 * rule of `parseDecimal` (`exactDecimal`: NaN when that needs the text), into `lastNum`.
 */
function scanNumber(buf: Buffer, i: number, end: number): number {
  const negative = buf[i] === 45;
  if (negative) i++;
  if (i >= end) return fail('invalid number');
  let c = (buf[i] as number) - 48;
  let mantissa = 0;
  let digits = 0; // significant
  let scale = 0;
  if (c === 0) i++;
  else if (c >= 1 && c <= 9) {
    mantissa = c;
    digits = 1;
    i++;
    while (i < end && (c = (buf[i] as number) - 48) >= 0 && c <= 9) {
      mantissa = mantissa * 10 + c;
      digits++;
      i++;
    }
  } else return fail('invalid number');
  let plain = digits <= 15;
  if (i < end && buf[i] === 46) {
    plain = false;
    const d = ++i;
    while (i < end && (c = (buf[i] as number) - 48) >= 0 && c <= 9) {
      if (digits > 0 || c !== 0) digits++;
      mantissa = mantissa * 10 + c;
      i++;
    }
    if (i === d) return fail('invalid number');
    scale = d - i;
  }
  if (i < end && (buf[i] === 101 || buf[i] === 69)) {
    plain = false;
    i++;
    let expNegative = false;
    if (i < end && (buf[i] === 43 || buf[i] === 45)) expNegative = buf[i++] === 45;
    const d = i;
    let e = 0;
    while (i < end && (c = (buf[i] as number) - 48) >= 0 && c <= 9) {
      if (e < 10_000) e = e * 10 + c;
      i++;
    }
    if (i === d) return fail('invalid number');
    scale += expNegative ? -e : e;
  }
  lastPlain = plain;
  lastNum = exactDecimal(mantissa, digits, scale, negative);
  return i;
}

function literal(buf: Buffer, i: number, end: number, word: string): number {
  if (i + word.length > end) return -1;
  for (let j = 0; j < word.length; j++) if (buf[i + j] !== word.charCodeAt(j)) return -1;
  return i + word.length;
}

/** The position after one value (its kind in `lastKind`), or -1. */
function skipValue(buf: Buffer, i: number, end: number, depth: number): number {
  if (depth > 512) return fail('nested too deeply');
  if (i >= end) return fail('expected a value');
  const c = buf[i] as number;
  if (c === 34) {
    lastKind = JsonKind.String;
    return skipString(buf, i, end);
  }
  if (c === 45 || (c >= 48 && c <= 57)) {
    lastKind = JsonKind.Number;
    return scanNumber(buf, i, end);
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
        if (i >= end || buf[i] !== 34) return fail('expected a "key"');
        i = skipString(buf, i, end);
        if (i < 0) return -1;
        i = skipWs(buf, i, end);
        if (i >= end || buf[i] !== 58) return fail('expected ":" after a key');
        i = skipWs(buf, i + 1, end);
      }
      i = skipValue(buf, i, end, depth + 1);
      if (i < 0) return -1;
      i = skipWs(buf, i, end);
      if (i >= end) return fail('unterminated object or array');
      const d = buf[i++];
      if (d === 44) continue;
      if (d === close) {
        lastKind = object ? JsonKind.Object : JsonKind.Array;
        return i;
      }
      return fail('expected "," or a closing bracket');
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
  return fail(`unexpected character "${String.fromCharCode(c)}"`);
}
