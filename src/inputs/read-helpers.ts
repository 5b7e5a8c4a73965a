import type { IssueSink } from './issue.js';
import { didYouMean } from './did-you-mean.js';
import { describeType, isRecord } from './plain-data.js';
import type { Origin, PathKey } from './types.js';

/**
 * Reads a mapping of strings to strings (labels, nodeSelector); a non-string value is a problem,
 * as in Kubernetes, where label values must be quoted when they look like numbers.
 *
 * @example
 * ```ts
 * readStringMap({ app: 'web' }, origin, ['metadata', 'labels'], sink); // { app: 'web' }
 * ```
 */
export function readStringMap(v: unknown, origin: Origin, rel: readonly PathKey[], sink: IssueSink): Record<string, string> | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isRecord(v)) {
    sink.error(origin, rel, 'invalid_type', `expected a mapping of strings, got ${describeType(v)}`);
    return undefined;
  }
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === 'string') out[k] = x;
    else sink.error(origin, [...rel, k], 'invalid_type', `expected a string, got ${describeType(x)}${typeof x === 'number' || typeof x === 'boolean' ? ' (quote it)' : ''}`);
  }
  return out;
}

/**
 * Reads an optional string.
 *
 * @example
 * ```ts
 * readString('web', origin, ['metadata', 'name'], sink); // 'web'
 * ```
 */
export function readString(v: unknown, origin: Origin, rel: readonly PathKey[], sink: IssueSink): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  sink.error(origin, rel, 'invalid_type', `expected a string, got ${describeType(v)}`);
  return undefined;
}

/**
 * Reads an optional list of mappings (tolerations, topology spread constraints).
 *
 * @example
 * ```ts
 * readRecordList([{ key: 'gpu', operator: 'Exists' }], origin, ['spec', 'tolerations'], sink);
 * ```
 */
export function readRecordList(v: unknown, origin: Origin, rel: readonly PathKey[], sink: IssueSink): Record<string, unknown>[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) {
    sink.error(origin, rel, 'invalid_type', `expected a list, got ${describeType(v)}`);
    return undefined;
  }
  const out: Record<string, unknown>[] = [];
  v.forEach((x, i) => {
    if (isRecord(x)) out.push(x);
    else sink.error(origin, [...rel, i], 'invalid_type', `expected a mapping, got ${describeType(x)}`);
  });
  return out;
}

/**
 * Reads an optional whole number in `[min, max]`, returning `fallback` when absent. Numeric strings
 * (as Compose files allow) are accepted.
 *
 * @example
 * ```ts
 * readCount(3, origin, ['spec', 'replicas'], sink, 1, 0, 1e6); // 3
 * ```
 */
export function readCount(v: unknown, origin: Origin, rel: readonly PathKey[], sink: IssueSink, fallback: number, min: number, max: number): number | undefined {
  if (v === undefined || v === null) return fallback;
  const n = typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    sink.error(origin, rel, 'invalid_value', `expected a whole number, got ${describeType(v)}`);
    return undefined;
  }
  if (n < min || n > max) {
    sink.error(origin, rel, 'invalid_value', `must be between ${min} and ${max}, got ${n}`);
    return undefined;
  }
  return n;
}

/**
 * Checks a mapping's keys against the known ones: an unknown key close to a known one is a problem
 * with a "did you mean"; any other unknown key is a notice that it is ignored. Keys starting with
 * `x-` (Compose extensions) are always allowed.
 *
 * @returns Whether no key was a likely typo.
 * @example
 * ```ts
 * checkKeys({ replica: 2 }, KNOWN, origin, ['spec'], sink, 'Deployment spec'); // false: did you mean "replicas"?
 * ```
 */
export function checkKeys(obj: Record<string, unknown>, known: ReadonlySet<string>, origin: Origin, rel: readonly PathKey[], sink: IssueSink, what: string): boolean {
  let ok = true;
  for (const k of Object.keys(obj)) {
    if (known.has(k) || k.startsWith('x-')) continue;
    const hint = didYouMean(k, known);
    if (hint !== '') {
      sink.error(origin, [...rel, k], 'unknown_field', `unknown field ${JSON.stringify(k)} in ${what}${hint}`);
      ok = false;
    } else {
      sink.warn(origin, [...rel, k], 'unknown_field', `unknown field ${JSON.stringify(k)} in ${what}, ignored`);
    }
  }
  return ok;
}

/**
 * Reads a mapping that must be there: a missing one is `missing_field` ("has no spec"), another
 * value `invalid_type`.
 *
 * @example
 * ```ts
 * const spec = requireRecord(obj['spec'], origin, ['spec'], sink, 'spec');
 * ```
 */
export function requireRecord(v: unknown, origin: Origin, rel: readonly PathKey[], sink: IssueSink, what: string): Record<string, unknown> | undefined {
  if (isRecord(v)) return v;
  sink.error(origin, rel, v === undefined || v === null ? 'missing_field' : 'invalid_type', v === undefined || v === null ? `has no ${what}` : `${what} must be a mapping, got ${describeType(v)}`);
  return undefined;
}

/**
 * Reads one of a few allowed strings; anything else is `invalid_value` listing them
 * ("must be Always, OnFailure or Never, got 5"). Absent (undefined or null) gives undefined.
 *
 * @example
 * ```ts
 * readOneOf(spec['restartPolicy'], ['Always', 'OnFailure', 'Never'], origin, ['spec', 'restartPolicy'], sink); // 'Always'
 * ```
 */
export function readOneOf<T extends string>(v: unknown, allowed: readonly T[], origin: Origin, rel: readonly PathKey[], sink: IssueSink): T | undefined {
  if (v === undefined || v === null) return undefined;
  if ((allowed as readonly unknown[]).includes(v)) return v as T;
  const list = allowed.length > 1 ? `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1] as string}` : (allowed[0] ?? '');
  sink.error(origin, rel, 'invalid_value', `must be ${list}, got ${describeType(v)}`);
  return undefined;
}

/**
 * Reads `true` or `false`; anything else is `invalid_type`. Absent (undefined or null) gives undefined.
 *
 * @example
 * ```ts
 * readBoolean(spec['unschedulable'], origin, ['spec', 'unschedulable'], sink); // true
 * ```
 */
export function readBoolean(v: unknown, origin: Origin, rel: readonly PathKey[], sink: IssueSink): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  sink.error(origin, rel, 'invalid_type', `expected true or false, got ${describeType(v)}`);
  return undefined;
}
