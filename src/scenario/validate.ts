import { z } from 'zod';
import { pathToString, type Issue } from '../errors.js';
import { crossCheck, scenarioSchema, type Scenario } from './schema.js';
import { validateKubeConfig } from '../kube/validate-kube-config.js';
import { scenarioWarnings } from './warnings.js';
import { neverPulledWarnings } from './never-pulled-warnings.js';

/**
 * The outcome of {@link validateScenario}: `ok` with the parsed scenario and its `not_modelled`
 * warnings (see {@link scenarioWarnings}) and the warnings for what is valid but likely not
 * what was meant (such as `image_never_pulled`: an image with pull policy `Never` pre-pulled on no
 * host the workload may run on), or every issue found.
 *
 * @example
 * ```ts
 * const r: ValidationResult = validateScenario(data);
 * if (!r.ok) console.log(r.issues.length);
 * else for (const w of r.warnings) console.warn(formatIssue(w));
 * ```
 */
export type ValidationResult =
  | { readonly ok: true; readonly issues: readonly []; readonly warnings: readonly Issue[]; readonly scenario: z.output<typeof scenarioSchema> }
  | { readonly ok: false; readonly issues: readonly Issue[]; readonly warnings: readonly Issue[] };

function toIssue(i: z.core.$ZodIssue): Issue {
  const path = pathToString(i.path as PropertyKey[]);
  const params = (i as { params?: { podsimCode?: string } }).params;
  if (params?.podsimCode !== undefined) return { code: params.podsimCode, path, message: i.message };
  if (i.code === 'unrecognized_keys') {
    return { code: 'unknown_key', path, message: `unknown key${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => JSON.stringify(k)).join(', ')}` };
  }
  if (i.code === 'invalid_type') {
    const m = /expected (\w+), received (\w+)/.exec(i.message);
    return { code: 'invalid_type', path, message: m ? (m[2] === 'undefined' ? `is required (${m[1]})` : `expected ${m[1]}, got ${m[2]}`) : i.message };
  }
  if (i.code === 'too_small' || i.code === 'too_big') {
    const bound = i.code === 'too_small' ? i.minimum : i.maximum;
    const what = i.origin === 'array' ? (bound === 1 ? ' item' : ' items') : i.origin === 'string' ? (bound === 1 ? ' character' : ' characters') : '';
    const op = i.code === 'too_small' ? (i.inclusive ? 'at least' : 'more than') : i.inclusive ? 'at most' : 'less than';
    return { code: i.code, path, message: i.message.startsWith('Too') ? `must be ${op} ${String(bound)}${what}` : i.message };
  }
  return { code: i.code === 'custom' ? 'invalid_value' : i.code, path, message: i.message.replace(/^Invalid input: /, '') };
}

/**
 * Checks a scenario and lists **every** problem, each with its path and reason, such as
 * `hosts[0].capacity.cpu: "-1" is not a valid CPU quantity: it is negative`. A valid scenario
 * comes with its `warnings`: what it asks for that podsim does not model ({@link scenarioWarnings}).
 *
 * @param data - A scenario as plain data (from code, JSON or YAML).
 * @example
 * ```ts
 * const r = validateScenario({ hosts: [], workloads: [] });
 * r.ok;                  // false
 * r.issues[0].path;      // 'hosts'
 * ```
 */
export function validateScenario(data: unknown): ValidationResult {
  const r = scenarioSchema.safeParse(data);
  if (r.success) {
    const d = r.data;
    const kubeIssues = validateKubeConfig({
      profiles: d.scheduler?.profiles,
      priorityClasses: d.priorityClasses,
      podDisruptionBudgets: d.podDisruptionBudgets,
      pods: d.workloads.map((w, i) => ({ path: `workloads[${i}]`, fields: w })),
      hostGroups: d.hosts.map((h, i) => ({ path: `hosts[${i}]`, labels: h.labels, fields: h })),
    });
    if (kubeIssues.length === 0) return { ok: true, issues: [], warnings: validationWarnings(d), scenario: d };
    return { ok: false, issues: kubeIssues, warnings: [] };
  }
  const issues = r.error.issues.map(toIssue);
  // zod skips the scenario-wide checks when any part is malformed; run them on the raw data too,
  // as far as its shape allows, so that those problems are listed with the rest.
  const seen = new Set(issues.map((i) => `${i.path}\n${i.message}`));
  try {
    crossCheck(data as Parameters<typeof crossCheck>[0], (i) => {
      const issue: Issue = { code: 'invalid_value', path: pathToString(i.path), message: i.message };
      if (!seen.has(`${issue.path}\n${issue.message}`)) issues.push(issue);
    });
  } catch {
    // The data is too malformed for these checks; the structural issues above already say why.
  }
  return { ok: false, issues, warnings: [] };
}

/**
 * Validates and returns the parsed scenario, or throws a {@link PodsimError} listing every issue.
 *
 * @example
 * ```ts
 * const s = parseScenario(JSON.parse(text));
 * ```
 */
export function parseScenario(data: unknown): z.output<typeof scenarioSchema> {
  const r = validateScenario(data);
  if (!r.ok) throw new PodsimError(r.issues, 'invalid scenario');
  return r.scenario;
}

import { PodsimError } from '../errors.js';

/** Re-exported for typing results of {@link parseScenario}. @example `const s: ParsedScenario = parseScenario(x);` */
export type ParsedScenario = z.output<typeof scenarioSchema>;
export type { Scenario };

/**
 * @internal The warnings of a valid scenario, as {@link validateScenario} gives them and a run's
 * `result.warnings` repeats them: `not_modelled` ({@link scenarioWarnings}), then what is valid but
 * likely not meant (`image_never_pulled`).
 * @example `validationWarnings(parseScenario(data))`
 */
export function validationWarnings(d: ParsedScenario): Issue[] {
  return [...scenarioWarnings(d), ...neverPulledWarnings(d)];
}
