import type { PathKey } from './types.js';

/** Keys refused anywhere in input, because assigning them can change an object's prototype. @example `FORBIDDEN_KEYS.has('__proto__'); // true` */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** How deeply input may nest before it is refused. @example `MAX_DEPTH; // 200` */
export const MAX_DEPTH = 200;

/**
 * One problem with the shape of parsed data, before any meaning is given to it.
 *
 * @example
 * ```ts
 * const p: PlainDataProblem = { path: ['a', 0], code: 'non_finite_number', message: 'is not a finite number (Infinity)' };
 * ```
 */
export interface PlainDataProblem {
  /** Where the value is. */
  readonly path: PathKey[];
  /** `forbidden_key`, `non_finite_number`, `unsupported_value` or `too_deep`. */
  readonly code: string;
  /** Why. */
  readonly message: string;
}

function isPlainObject(v: object): boolean {
  const p = Object.getPrototypeOf(v) as unknown;
  return p === Object.prototype || p === null;
}

/**
 * Checks that parsed data is plain JSON-like data that is safe to use: only null, booleans,
 * finite numbers, strings, arrays and plain objects; no `__proto__`, `constructor` or `prototype`
 * keys (so nothing can reach a prototype); nesting at most {@link MAX_DEPTH}. Lists every problem.
 *
 * @param value - Data from `JSON.parse` or the `yaml` package.
 * @example
 * ```ts
 * checkPlainData(JSON.parse('{"__proto__": {"x": 1}, "n": 1}'));
 * // [{ path: ['__proto__'], code: 'forbidden_key', message: ... }]
 * ```
 */
export function checkPlainData(value: unknown): PlainDataProblem[] {
  const out: PlainDataProblem[] = [];
  const path: PathKey[] = [];
  let deep = false;
  const visit = (v: unknown, depth: number): void => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) out.push({ path: [...path], code: 'non_finite_number', message: `is not a finite number (${String(v)})` });
      return;
    }
    if (typeof v !== 'object') {
      out.push({ path: [...path], code: 'unsupported_value', message: `holds a ${typeof v}, which is not plain data` });
      return;
    }
    if (depth >= MAX_DEPTH) {
      if (!deep) out.push({ path: [...path], code: 'too_deep', message: `nests more than ${MAX_DEPTH} levels deep` });
      deep = true;
      return;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        visit(v[i], depth + 1);
        path.pop();
      }
      return;
    }
    if (!isPlainObject(v)) {
      const what = v instanceof Uint8Array ? 'binary data (!!binary)' : v instanceof Map ? 'an ordered map (!!omap or !!pairs)' : v instanceof Set ? 'a set (!!set)' : v instanceof Date ? 'a timestamp' : 'a value of an unsupported type';
      out.push({ path: [...path], code: 'unsupported_value', message: `holds ${what}; use plain mappings, lists, strings and numbers` });
      return;
    }
    for (const key of Object.keys(v)) {
      path.push(key);
      if (FORBIDDEN_KEYS.has(key)) {
        out.push({ path: [...path], code: 'forbidden_key', message: `the key ${JSON.stringify(key)} is not allowed (it could alter object prototypes)` });
      } else {
        visit((v as Record<string, unknown>)[key], depth + 1);
      }
      path.pop();
    }
  };
  visit(value, 0);
  return out;
}

/**
 * Whether a value is a plain (non-array) object.
 *
 * @example
 * ```ts
 * isRecord({ a: 1 }); // true
 * isRecord([1]);      // false
 * ```
 */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Describes a value's type for messages: `a string`, `a list`, `null` …
 *
 * @example
 * ```ts
 * describeType([1, 2]); // 'a list'
 * ```
 */
export function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `${typeof v === 'number' ? 'the number' : typeof v === 'boolean' ? 'the boolean' : typeof v} ${String(v)}`;
}
