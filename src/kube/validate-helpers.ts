// Validation helpers shared by validateKubeConfig and the plugins' args checks (internal).
import type { z } from 'zod';
import { joinPath, pathToString, type Issue } from '../errors.js';
import type { LabelSelector, SelectorRequirement, TopologySpreadConstraint } from './pod-fields-schema.js';
import type { ResourceWeight } from './profile-schema.js';
import { labelKeyError, labelValueError } from './selectors.js';
import { didYouMean } from '../inputs/did-you-mean.js';

const NODE_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];
const LABEL_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** @internal */
export function zodIssues(result: z.ZodSafeParseResult<unknown>, path: string, out: Issue[]): void {
  if (result.success) return;
  for (const i of result.error.issues) {
    let p = path;
    const rest = pathToString(i.path);
    if (rest !== '') p = path === '' ? rest : rest.startsWith('[') ? `${path}${rest}` : `${path}.${rest}`;
    out.push({ code: i.code === 'unrecognized_keys' ? 'unknown_key' : 'invalid_args', path: p, message: i.message });
  }
}

/** @internal */
export function requirementIssues(r: SelectorRequirement, path: string, node: boolean, out: Issue[]): void {
  const ops = node ? NODE_OPERATORS : LABEL_OPERATORS;
  if (r.key === '') out.push({ code: 'invalid_key', path: joinPath(path, 'key'), message: 'must not be empty' });
  else {
    const e = labelKeyError(r.key);
    if (e !== undefined) out.push({ code: 'invalid_key', path: joinPath(path, 'key'), message: `${JSON.stringify(r.key)} is not a valid label key: ${e}` });
  }
  if (!ops.includes(r.operator)) {
    out.push({ code: 'bad_operator', path: joinPath(path, 'operator'), message: `${JSON.stringify(r.operator)} is not a valid operator here; expected one of ${ops.join(', ')}` });
    return;
  }
  const values = r.values ?? [];
  const vpath = joinPath(path, 'values');
  if ((r.operator === 'In' || r.operator === 'NotIn') && values.length === 0) {
    out.push({ code: 'invalid_values', path: vpath, message: `must have at least one value for ${r.operator}` });
  } else if ((r.operator === 'Exists' || r.operator === 'DoesNotExist') && values.length > 0) {
    out.push({ code: 'invalid_values', path: vpath, message: `must be empty for ${r.operator}` });
  } else if (r.operator === 'Gt' || r.operator === 'Lt') {
    if (values.length !== 1) out.push({ code: 'invalid_values', path: vpath, message: `must have exactly one value for ${r.operator}, got ${values.length}` });
    else if (!/^[+-]?\d+$/.test(values[0] as string)) {
      out.push({ code: 'invalid_values', path: joinPath(vpath, 0), message: `${JSON.stringify(values[0])} is not an integer; ${r.operator} compares integers` });
      return;
    }
  }
  // kube-scheduler cannot parse a term with an invalid label value, and such a term matches no node.
  values.forEach((v, i) => {
    const e = labelValueError(v);
    if (e !== undefined) out.push({ code: 'invalid_label_value', path: joinPath(vpath, i), message: `${JSON.stringify(v)} is not a valid label value (${e}); kube-scheduler matches no node with this term` });
  });
}

/** @internal */
export function labelSelectorIssues(s: LabelSelector | undefined, path: string, out: Issue[]): void {
  (s?.matchExpressions ?? []).forEach((r, i) => requirementIssues(r, joinPath(joinPath(path, 'matchExpressions'), i), false, out));
}

/** @internal */
export function topologyKeyIssues(key: string, path: string, ctx: { readonly hostKeys: ReadonlySet<string> | undefined }, out: Issue[]): void {
  if (key === '') {
    out.push({ code: 'invalid_topology_key', path, message: 'must not be empty' });
    return;
  }
  if (ctx.hostKeys !== undefined && !ctx.hostKeys.has(key)) {
    const hint = didYouMean(key, ctx.hostKeys);
    out.push({
      code: 'unknown_topology_key',
      path,
      message: `no host has the label ${JSON.stringify(key)}${hint}`,
    });
  }
}

/** @internal */
export function spreadIssues(list: readonly TopologySpreadConstraint[], path: string, ctx: { readonly hostKeys: ReadonlySet<string> | undefined }, out: Issue[], isDefault: boolean): void {
  const seen = new Map<string, number>();
  list.forEach((c, i) => {
    const p = joinPath(path, i);
    topologyKeyIssues(c.topologyKey, joinPath(p, 'topologyKey'), ctx, out);
    labelSelectorIssues(c.labelSelector, joinPath(p, 'labelSelector'), out);
    if (c.minDomains !== undefined && c.whenUnsatisfiable !== 'DoNotSchedule') {
      out.push({ code: 'invalid_min_domains', path: joinPath(p, 'minDomains'), message: 'can only be set when whenUnsatisfiable is DoNotSchedule' });
    }
    if (isDefault && c.labelSelector !== undefined) {
      out.push({ code: 'forbidden', path: joinPath(p, 'labelSelector'), message: 'must not be set in default constraints: the selector comes from the pod\'s owner' });
    }
    const k = `${c.topologyKey}\u0000${c.whenUnsatisfiable}`;
    const prev = seen.get(k);
    if (prev !== undefined) out.push({ code: 'duplicate_constraint', path: p, message: `duplicates ${path}[${prev}] (same topologyKey and whenUnsatisfiable)` });
    else seen.set(k, i);
  });
}

/** @internal */
export function weightIssues(resources: readonly ResourceWeight[] | undefined, path: string, out: Issue[], exactlyOne = false): void {
  const seen = new Set<string>();
  (resources ?? []).forEach((r, i) => {
    const p = joinPath(path, i);
    if (exactlyOne ? r.weight !== 1 : r.weight < 1 || r.weight > 100) {
      out.push({ code: 'weight_out_of_range', path: joinPath(p, 'weight'), message: exactlyOne ? `is ${r.weight}; resource weights of this plugin must be 1` : `is ${r.weight}; resource weights must be in [1, 100]` });
    }
    if (seen.has(r.name)) out.push({ code: 'duplicate_resource', path: joinPath(p, 'name'), message: `${JSON.stringify(r.name)} is listed twice` });
    seen.add(r.name);
  });
}

