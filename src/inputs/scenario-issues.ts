import type { Issue } from '../errors.js';
import { pathToString } from '../errors.js';
import { validateScenario } from '../scenario/validate.js';
import { didYouMean } from './did-you-mean.js';
import { makeIssue } from './issue.js';
import { knownKeysAt } from './json-schema.js';
import type { Origin, PathKey } from './types.js';

/** The scenario lists whose items can come from different inputs. @example `LIST_KEYS.includes('hosts'); // true` */
export const LIST_KEYS = ['hosts', 'workloads', 'priorityClasses', 'podDisruptionBudgets', 'horizontalPodAutoscalers', 'namespaces', 'registries', 'images'] as const;

/**
 * Where each part of a merged scenario came from: one origin per list item, one per top-level setting.
 *
 * @example
 * ```ts
 * const o: MergeOrigins = { lists: { hosts: [origin] }, scalars: new Map([['seed', origin]]) };
 * ```
 */
export interface MergeOrigins {
  readonly lists: Partial<Record<string, Origin[]>>;
  readonly scalars: Map<string, Origin>;
}

import { parsePath } from '../errors.js';
export { parsePath };

function quotedKeys(message: string): string[] {
  const out: string[] = [];
  for (const m of message.matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
    try { out.push(JSON.parse(`"${m[1] ?? ''}"`) as string); } catch { /* not a key */ }
  }
  return out;
}

/** Re-homes an issue about the merged scenario onto the input it came from. */
function relocate(keys: readonly PathKey[], code: string, message: string, origins: MergeOrigins): Issue {
  const [first, second] = keys;
  let origin: Origin | undefined;
  let rest: readonly PathKey[] = [];
  if (typeof first === 'string' && typeof second === 'number' && origins.lists[first] !== undefined) {
    origin = origins.lists[first]?.[second];
    rest = keys.slice(2);
  } else if (typeof first === 'string') {
    origin = origins.scalars.get(first);
    rest = keys.slice(1);
    if (origin !== undefined) origin = { ...origin, path: [first] };
  }
  if (origin === undefined) return makeIssue(code, pathToString(keys), message);
  if (origin.label !== undefined) {
    // A converted object: a field copied as it was is found where it sits in the source; for anything
    // else the scenario path means nothing in the source file, so point at the object.
    const [field, ...inside] = rest;
    const at = typeof field === 'string' ? origin.fields?.[field] : undefined;
    if (at !== undefined) {
      const full = [...origin.path, ...at, ...inside];
      return makeIssue(code, pathToString(full), `${origin.label}: ${message}`, origin.file, origin.locate?.(full));
    }
    return makeIssue(code, pathToString(rest.length === 0 ? origin.path : keys), `${origin.label}: ${message}`, origin.file, origin.locate?.(origin.path));
  }
  const full = [...origin.path, ...rest];
  return makeIssue(code, pathToString(full), message, origin.file, origin.locate?.(full));
}

/**
 * Validates a merged scenario and returns every issue, each moved back to the file and line its
 * value came from, with one issue per unknown key and a "did you mean" where a known key is close;
 * for a valid scenario, its `not_modelled` warnings (`scenarioWarnings`), moved back the same way.
 *
 * @param scenario - The merged scenario.
 * @param origins - Where its parts came from.
 * @param warnings - Receives the warnings. @defaultValue none (dropped)
 * @example
 * ```ts
 * const { issues } = scenarioIssues(merged, origins);
 * // [{ code: 'unknown_key', path: 'hosts[0].capacty', message: 'unknown key "capacty"; did you mean "capacity"?', file: 's.yaml', line: 4 }]
 * ```
 */
export function scenarioIssues(scenario: unknown, origins: MergeOrigins): { issues: Issue[]; warnings: Issue[] } {
  const r = validateScenario(scenario);
  if (r.ok) return { issues: [], warnings: r.warnings.map((w) => relocate(parsePath(w.path), w.code, w.message, origins)) };
  const out: Issue[] = [];
  for (const i of r.issues) {
    const keys = parsePath(i.path);
    if (i.code === 'unknown_key') {
      const known = knownKeysAt(keys);
      for (const k of quotedKeys(i.message)) {
        out.push(relocate([...keys, k], 'unknown_key', `unknown key ${JSON.stringify(k)}${didYouMean(k, known)}`, origins));
      }
      continue;
    }
    out.push(relocate(keys, i.code, i.message, origins));
  }
  return { issues: out, warnings: [] };
}
