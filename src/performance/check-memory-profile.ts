import { joinPath, type Issue } from '../errors.js';

/**
 * Checks a memory profile (see {@link MemoryProfile}), appending one issue per problem:
 * a negative, fractional or non-finite byte count (`negative_memory` / `invalid_memory` at
 * `path` or `path[i].bytes`), a non-finite or negative time, or times not strictly increasing
 * (`invalid_profile_time` at `path[i].t`), and an empty list (`empty_profile` at `path`).
 *
 * @param profile - The profile as written (constant bytes, or `[{ t, bytes }]`), after quantity parsing.
 * @param path - Its path, such as `workloads[0].memory.usage`.
 * @param issues - Receives the problems.
 * @example
 * ```ts
 * const issues: Issue[] = [];
 * checkMemoryProfile([{ t: 0, bytes: 10 }, { t: 5, bytes: -1 }], 'workloads[0].memory.usage', issues);
 * // issues[0]: { code: 'negative_memory', path: 'workloads[0].memory.usage[1].bytes', … }
 * ```
 */
export function checkMemoryProfile(profile: unknown, path: string, issues: Issue[]): void {
  if (typeof profile === 'number') {
    checkBytes(profile, path, issues);
    return;
  }
  if (!Array.isArray(profile)) {
    issues.push({ code: 'invalid_type', path, message: 'expected a number of bytes or a list of { t, bytes } points' });
    return;
  }
  if (profile.length === 0) {
    issues.push({ code: 'empty_profile', path, message: 'a memory profile needs at least one point' });
    return;
  }
  let prev = -Infinity;
  profile.forEach((pt: unknown, i) => {
    const p = joinPath(path, i);
    if (pt === null || typeof pt !== 'object') {
      issues.push({ code: 'invalid_type', path: p, message: 'expected a point { t, bytes }' });
      return;
    }
    const { t, bytes } = pt as { t?: unknown; bytes?: unknown };
    if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) {
      issues.push({ code: 'invalid_profile_time', path: joinPath(p, 't'), message: `must be a finite number of seconds, at least 0; got ${JSON.stringify(t)}` });
    } else {
      if (t <= prev) issues.push({ code: 'invalid_profile_time', path: joinPath(p, 't'), message: `must be after the previous point's time (${prev})` });
      prev = t;
    }
    checkBytes(bytes, joinPath(p, 'bytes'), issues);
  });
}

function checkBytes(v: unknown, path: string, issues: Issue[]): void {
  if (typeof v !== 'number' || !Number.isFinite(v)) issues.push({ code: 'invalid_memory', path, message: `must be a finite number of bytes; got ${JSON.stringify(v)}` });
  else if (v < 0) issues.push({ code: 'negative_memory', path, message: `memory usage cannot be negative (${v} bytes)` });
  else if (!Number.isInteger(v)) issues.push({ code: 'invalid_memory', path, message: `must be a whole number of bytes; got ${v}` });
}
