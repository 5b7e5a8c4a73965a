import type { Issue } from '../errors.js';
import { pathToString } from '../errors.js';
import type { Origin, PathKey } from './types.js';

/**
 * Builds an {@link Issue}, leaving out `file` and `line` when they are unknown.
 *
 * @example
 * ```ts
 * makeIssue('invalid_yaml', '', 'unexpected end of input', 'a.yaml', 3);
 * ```
 */
export function makeIssue(code: string, path: string, message: string, file?: string, line?: number): Issue {
  const issue: { code: string; path: string; message: string; file?: string; line?: number } = { code, path, message };
  if (file !== undefined) issue.file = file;
  if (line !== undefined) issue.line = line;
  return issue;
}

/**
 * An issue about a value at `rel` below an {@link Origin}: the path is the origin's path followed
 * by `rel`, the line is looked up in the origin's document, and a converted value's label
 * (`Deployment "web"`) starts the message.
 *
 * @example
 * ```ts
 * issueAt(origin, ['spec', 'replicas'], 'invalid_value', 'must be a whole number');
 * ```
 */
export function issueAt(origin: Origin, rel: readonly PathKey[], code: string, message: string): Issue {
  const full = [...origin.path, ...rel];
  const line = origin.locate?.(full);
  const text = origin.label === undefined ? message : `${origin.label}: ${message}`;
  return makeIssue(code, pathToString(full), text, origin.file, line);
}

/**
 * Collects problems and notices while reading one input.
 *
 * @example
 * ```ts
 * const sink = new IssueSink();
 * sink.error(origin, ['spec'], 'invalid_type', 'expected a mapping');
 * sink.issues.length; // 1
 * ```
 */
export class IssueSink {
  /** Problems. */
  readonly issues: Issue[] = [];
  /** Notices. */
  readonly warnings: Issue[] = [];

  /** Records a problem at `rel` below `origin`. */
  error(origin: Origin, rel: readonly PathKey[], code: string, message: string): void {
    this.issues.push(issueAt(origin, rel, code, message));
  }

  /** Records a notice at `rel` below `origin`. */
  warn(origin: Origin, rel: readonly PathKey[], code: string, message: string): void {
    this.warnings.push(issueAt(origin, rel, code, message));
  }
}
