import { z } from 'zod';
import { parsePath, pathToString, type Issue } from '../errors.js';
import { didYouMean } from '../inputs/did-you-mean.js';
import { quantityHint } from '../inputs/quantity-hint.js';
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

// What zod's type names mean to someone writing YAML.
const TYPE_WORDS: Readonly<Record<string, string>> = {
  number: 'a number', string: 'a string', boolean: 'true or false', object: 'a mapping', record: 'a mapping',
  array: 'a list', null: 'null', undefined: 'nothing', int: 'a whole number', bigint: 'a whole number',
};
const typeWords = (t: string | undefined): string => (t === undefined ? 'a value' : TYPE_WORDS[t] ?? t);

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/**
 * Puts a schema issue in a user's words: types as YAML people name them, enum values listed with
 * a did-you-mean, quantities with a did-you-mean for their unit suffix (`500mi` → `500Mi`).
 */
function humanize(issue: Issue, raw: z.core.$ZodIssue | undefined, data: unknown): Issue {
  let message = issue.message;
  if (raw !== undefined && raw.code === 'invalid_value' && Array.isArray((raw as { values?: unknown[] }).values)) {
    const values = ((raw as { values: unknown[] }).values).map((v) => String(v));
    const got = valueAt(data, raw.path as PropertyKey[]);
    message = `must be one of ${values.join(', ')}, got ${JSON.stringify(got)}${typeof got === 'string' ? didYouMean(got, values) : ''}`;
  }
  const union = /^unknown (arrival process|distribution) "((?:[^"\\]|\\.)*)"; expected one of (.*)$/.exec(message);
  if (union !== null) {
    const values = (union[3] as string).split(', ');
    const hint = didYouMean(union[2] as string, values);
    if (hint !== '') message = `unknown ${union[1]} "${union[2]}"${hint} Expected one of ${union[3]}`;
  }
  const q = /^"((?:[^"\\]|\\.)*)" is not a valid (\w+) quantity: /.exec(message);
  if (q !== null && !message.includes('did you mean')) {
    const path = parsePath(issue.path);
    const dim = String(path[path.length - 1] ?? (q[2] as string).toLowerCase());
    message += quantityHint(JSON.parse(`"${q[1] as string}"`) as string, dim === 'CPU' ? 'cpu' : dim);
  }
  return message === issue.message ? issue : { ...issue, message };
}

function toIssue(i: z.core.$ZodIssue): Issue {
  const path = pathToString(i.path as PropertyKey[]);
  const params = (i as { params?: { podsimCode?: string } }).params;
  if (params?.podsimCode !== undefined) return { code: params.podsimCode, path, message: i.message };
  if (i.code === 'unrecognized_keys') {
    return { code: 'unknown_key', path, message: `unknown key${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => JSON.stringify(k)).join(', ')}` };
  }
  if (i.code === 'invalid_type') {
    const m = /expected (\w+), received (\w+)/.exec(i.message);
    return { code: 'invalid_type', path, message: m ? (m[2] === 'undefined' ? `is required: give ${typeWords(m[1])}` : `expected ${typeWords(m[1])}, got ${typeWords(m[2])}`) : i.message };
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
  const issues = r.error.issues.map((i) => humanize(toIssue(i), i, data));
  // zod skips the scenario-wide checks when any part is malformed; run them on the raw data too,
  // as far as its shape allows, so that those problems are listed with the rest.
  const seen = new Set(issues.map((i) => `${i.path}\n${i.message}`));
  try {
    crossCheck(data as Parameters<typeof crossCheck>[0], (i) => {
      const issue: Issue = humanize({ code: 'invalid_value', path: pathToString(i.path), message: i.message }, undefined, data);
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
