import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, parseDocument, type Document } from 'yaml';
import type { Issue } from '../errors.js';
import { pathToString } from '../errors.js';
import { makeIssue } from './issue.js';
import { checkPlainData } from './plain-data.js';
import type { Locate } from './types.js';

/**
 * One non-empty document of a parsed file: its data and a way to find lines in it.
 *
 * @example
 * ```ts
 * const doc: ParsedDocument = parsed.documents[0];
 * doc.locate(['hosts', 0, 'capacity']); // 4
 * ```
 */
export interface ParsedDocument {
  /** The document's position in the file (0-based, counting empty documents too). */
  readonly index: number;
  /** The document as plain data (checked by {@link checkPlainData}). */
  readonly data: unknown;
  /** The 1-based line where the document's content starts. */
  readonly line: number;
  /** Finds the line of a value inside this document. */
  readonly locate: Locate;
}

/**
 * Limits applied while parsing.
 *
 * @example
 * ```ts
 * const limits: ParseLimits = { maxBytes: 1 << 20, maxAliasCount: 100 };
 * ```
 */
export interface ParseLimits {
  /** Largest input in bytes. @defaultValue 67108864 */
  readonly maxBytes?: number | undefined;
  /** Most alias expansions per YAML document. @defaultValue 100 */
  readonly maxAliasCount?: number | undefined;
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/** The 1-based line of a byte offset in UTF-8 bytes. */
function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * The offset of the first byte that is not valid UTF-8, or -1 when all of it is valid.
 *
 * @example
 * ```ts
 * firstInvalidUtf8(new Uint8Array([0x61, 0xff])); // 1
 * ```
 */
export function firstInvalidUtf8(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i] as number;
    if (c < 0x80) { i++; continue; }
    let need: number, min: number;
    if (c >= 0xc2 && c <= 0xdf) { need = 1; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { need = 2; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { need = 3; min = 0x10000; }
    else return i;
    if (i + need >= n) return i;
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Turns raw input into text, refusing what is not text: more than `maxBytes`, NUL bytes, invalid UTF-8.
 * A leading byte-order mark is dropped.
 *
 * @param input - Text or bytes.
 * @param file - The file's name, for issues.
 * @param issues - Receives the problems.
 * @param maxBytes - The size limit. @defaultValue 67108864
 * @example
 * ```ts
 * const issues: Issue[] = [];
 * decodeText(new Uint8Array([0x68, 0x00]), 'x.yaml', issues); // undefined; issues[0].code === 'binary_file'
 * ```
 */
export function decodeText(input: string | Uint8Array, file: string, issues: Issue[], maxBytes = DEFAULT_MAX_BYTES): string | undefined {
  if (typeof input === 'string') {
    if (input.length > maxBytes) {
      issues.push(makeIssue('file_too_large', '', `is ${input.length} characters long; the limit is ${maxBytes} bytes`, file));
      return undefined;
    }
    const nul = input.indexOf('\0');
    if (nul >= 0) {
      issues.push(makeIssue('binary_file', '', 'contains a NUL character: this looks like a binary file, not YAML or JSON', file, countLines(input, nul)));
      return undefined;
    }
    return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  }
  if (input.length > maxBytes) {
    issues.push(makeIssue('file_too_large', '', `is ${input.length} bytes; the limit is ${maxBytes}`, file));
    return undefined;
  }
  const nul = input.indexOf(0);
  if (nul >= 0) {
    issues.push(makeIssue('binary_file', '', 'contains a NUL byte: this looks like a binary file, not YAML or JSON', file, lineOfByte(input, nul)));
    return undefined;
  }
  const bad = firstInvalidUtf8(input);
  if (bad >= 0) {
    issues.push(makeIssue('invalid_utf8', '', `is not valid UTF-8 text (byte 0x${(input[bad] as number).toString(16).padStart(2, '0')} at offset ${bad})`, file, lineOfByte(input, bad)));
    return undefined;
  }
  const text = new TextDecoder('utf-8').decode(input);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function countLines(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function keyText(k: unknown): string {
  return isScalar(k) ? String(k.value) : String(k);
}

/** A {@link Locate} over a `yaml` document. */
function yamlLocator(doc: Document.Parsed | Document, lc: LineCounter): Locate {
  const lineAt = (offset: number | undefined): number | undefined => (offset === undefined ? undefined : lc.linePos(offset).line);
  return (path) => {
    let node: unknown = doc.contents;
    let line = lineAt((node as { range?: [number, number, number] } | null)?.range?.[0]);
    for (const key of path) {
      if (isAlias(node)) node = node.resolve(doc as Document);
      if (isMap(node)) {
        const pair = node.items.find((p) => keyText(p.key) === String(key));
        if (pair === undefined) break;
        const kr = (pair.key as { range?: [number, number, number] } | null)?.range;
        const vr = (pair.value as { range?: [number, number, number] } | null)?.range;
        line = lineAt(kr?.[0] ?? vr?.[0]) ?? line;
        node = pair.value;
        if (node === null) break;
      } else if (isSeq(node) && typeof key === 'number') {
        const item = node.items[key] as { range?: [number, number, number] } | undefined;
        if (item === undefined) break;
        line = lineAt(item.range?.[0]) ?? line;
        node = item;
      } else {
        break;
      }
    }
    return line;
  };
}

function firstLine(message: string): string {
  const m = /^(.*?)(?: at line \d+, column \d+)?:?\n/.exec(message);
  return (m?.[1] ?? message.split('\n')[0] ?? message).trim();
}

/**
 * Parses text as YAML (every document of a multi-document stream) or, for `.json` files, as strict JSON,
 * and checks the result is plain data ({@link checkPlainData}). Any problem, anywhere, yields issues with
 * the file, the line and the reason, and no documents: input is never half-read.
 *
 * @param text - The decoded text.
 * @param file - Its name; a `.json` extension selects strict JSON.
 * @param issues - Receives the problems.
 * @param warnings - Receives notices (such as unresolved YAML tags).
 * @param limits - Size and alias limits.
 * @example
 * ```ts
 * const issues: Issue[] = [];
 * const docs = parseDocuments('a: 1\n---\nb: 2\n', 'x.yaml', issues, []);
 * docs?.length; // 2
 * ```
 */
export function parseDocuments(text: string, file: string, issues: Issue[], warnings: Issue[], limits: ParseLimits = {}): ParsedDocument[] | undefined {
  const before = issues.length;
  const docs = /\.json$/i.test(file) ? parseJson(text, file, issues) : parseYaml(text, file, issues, warnings, limits.maxAliasCount ?? 100);
  if (docs === undefined) return undefined;
  for (const d of docs) {
    for (const p of checkPlainData(d.data)) issues.push(makeIssue(p.code, pathToString(p.path), p.message, file, d.locate(p.path)));
  }
  return issues.length > before ? undefined : docs;
}

function parseJson(text: string, file: string, issues: Issue[]): ParsedDocument[] | undefined {
  let lazy: Locate | undefined;
  const locate: Locate = (path) => {
    if (lazy === undefined) {
      const lc = new LineCounter();
      try {
        lazy = yamlLocator(parseDocument(text, { lineCounter: lc, uniqueKeys: false }), lc);
      } catch {
        lazy = () => undefined;
      }
    }
    return lazy(path);
  };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    let line: number | undefined;
    const pos = /position (\d+)/.exec(msg);
    const ln = /line (\d+)/.exec(msg);
    if (pos !== null) line = countLines(text, Number(pos[1]));
    else if (ln !== null) line = Number(ln[1]);
    else {
      try {
        const lc = new LineCounter();
        const d = parseDocument(text, { lineCounter: lc });
        line = d.errors[0]?.linePos?.[0].line;
      } catch { /* no line then */ }
    }
    issues.push(makeIssue('invalid_json', '', `is not valid JSON: ${msg.split('\n')[0] ?? msg}`, file, line));
    return undefined;
  }
  if (data === null) return [];
  return [{ index: 0, data, line: locate([]) ?? 1, locate }];
}

function parseYaml(text: string, file: string, issues: Issue[], warnings: Issue[], maxAliasCount: number): ParsedDocument[] | undefined {
  const lc = new LineCounter();
  const before = issues.length;
  let docs: Document.Parsed[];
  try {
    const parsed = parseAllDocuments(text, { lineCounter: lc, uniqueKeys: true, merge: true, prettyErrors: false });
    docs = Array.from(parsed) as Document.Parsed[];
    const streamErrors = (parsed as { errors?: unknown }).errors;
    if (Array.isArray(streamErrors)) {
      for (const e of streamErrors as { message: string; linePos?: [{ line: number }] }[]) issues.push(makeIssue('invalid_yaml', '', `is not valid YAML: ${firstLine(e.message)}`, file, e.linePos?.[0].line));
    }
  } catch (e) {
    issues.push(makeIssue('invalid_yaml', '', `could not be parsed as YAML (${e instanceof RangeError ? 'it nests too deeply' : e instanceof Error ? e.message : String(e)})`, file));
    return undefined;
  }
  let bad = issues.length > before;
  for (const d of docs) {
    for (const e of d.errors) {
      issues.push(makeIssue('invalid_yaml', '', `is not valid YAML: ${firstLine(e.message)}`, file, e.linePos?.[0].line ?? (e.pos[0] >= 0 ? lc.linePos(e.pos[0]).line : undefined)));
      bad = true;
    }
    for (const w of d.warnings) warnings.push(makeIssue('yaml_warning', '', firstLine(w.message), file, w.linePos?.[0].line));
  }
  if (bad) return undefined;
  const out: ParsedDocument[] = [];
  docs.forEach((d, index) => {
    const locate = yamlLocator(d, lc);
    const line = locate([]) ?? 1;
    let data: unknown;
    try {
      data = d.toJS({ maxAliasCount });
    } catch (e) {
      if (e instanceof ReferenceError && /alias/i.test(e.message)) {
        issues.push(makeIssue('alias_limit', '', `document ${index + 1} expands YAML aliases more than the limit allows (maxAliasCount ${maxAliasCount}); this looks like an alias bomb`, file, line));
      } else {
        issues.push(makeIssue('invalid_yaml', '', `document ${index + 1} could not be read: ${e instanceof RangeError ? 'it nests too deeply' : e instanceof Error ? firstLine(e.message) : String(e)}`, file, line));
      }
      bad = true;
      return;
    }
    if (data !== null && data !== undefined) out.push({ index, data, line, locate });
  });
  return bad ? undefined : out;
}
