import type { LabelSelector, NodeSelectorTerm, SelectorRequirement, Toleration } from './pod-fields-schema.js';
import type { Taint } from './node-fields-schema.js';

const IN = 0, NOT_IN = 1, EXISTS = 2, NOT_EXISTS = 3, GT = 4, LT = 5, BAD = 6;
const OPS: Readonly<Record<string, number>> = { In: IN, NotIn: NOT_IN, Exists: EXISTS, DoesNotExist: NOT_EXISTS, Gt: GT, Lt: LT };

/**
 * One compiled requirement of a selector: the key, the operator as a small integer, the values,
 * and the integer bound of `Gt`/`Lt`.
 *
 * @example
 * ```ts
 * const s = compileLabelSelector({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe'] }] });
 * s?.requirements[0]?.key; // 'tier'
 * ```
 */
export interface Requirement {
  readonly key: string;
  readonly op: number;
  readonly values: ReadonlySet<string>;
  readonly bound: number;
}

/**
 * A compiled Kubernetes label selector: `matchLabels` pairs and requirements, ANDed.
 *
 * @example
 * ```ts
 * const s = compileLabelSelector({ matchLabels: { app: 'web' } });
 * s !== null && matchesLabels(s, { app: 'web', tier: 'fe' }); // true
 * ```
 */
export interface CompiledLabelSelector {
  readonly pairs: ReadonlyArray<readonly [string, string]>;
  readonly requirements: readonly Requirement[];
  /** A canonical text form, equal for equal selectors. */
  readonly key: string;
}

const INT = /^[+-]?\d+$/;

function compileRequirement(r: SelectorRequirement): Requirement {
  const op = OPS[r.operator] ?? BAD;
  const values = new Set(r.values ?? []);
  const first = r.values?.[0];
  const bound = (op === GT || op === LT) && r.values?.length === 1 && first !== undefined && INT.test(first) ? Number(first) : NaN;
  return { key: r.key, op: op === GT || op === LT ? (Number.isNaN(bound) ? BAD : op) : op, values, bound };
}

function requirementKey(r: Requirement): string {
  return `${r.key}\u0001${r.op}\u0001${[...r.values].sort().join('\u0002')}`;
}

/**
 * Compiles a label selector. `undefined` (no selector) gives `null`, which selects nothing; `{}` selects everything.
 *
 * @example
 * ```ts
 * compileLabelSelector(undefined); // null
 * compileLabelSelector({})?.requirements.length; // 0
 * ```
 */
export function compileLabelSelector(s: LabelSelector | undefined): CompiledLabelSelector | null {
  if (s === undefined) return null;
  const pairs = Object.entries(s.matchLabels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const requirements = (s.matchExpressions ?? []).map(compileRequirement);
  const key = `${pairs.map(([k, v]) => `${k}=${v}`).join(',')}|${requirements.map(requirementKey).sort().join(',')}`;
  return { pairs, requirements, key };
}

/**
 * Adds `key In (value)` (or `NotIn` when `negate`) requirements for each of `keys` the pod has,
 * as `matchLabelKeys` / `mismatchLabelKeys` do.
 *
 * @example
 * ```ts
 * const s = withLabelKeys(compileLabelSelector({}), ['version'], { version: 'v2' }, false);
 * ```
 */
export function withLabelKeys(s: CompiledLabelSelector | null, keys: readonly string[] | undefined, labels: Readonly<Record<string, string>>, negate: boolean): CompiledLabelSelector | null {
  if (s === null || keys === undefined || keys.length === 0) return s;
  const extra: Requirement[] = [];
  for (const k of keys) {
    const v = labels[k];
    if (v !== undefined) extra.push({ key: k, op: negate ? NOT_IN : IN, values: new Set([v]), bound: NaN });
  }
  if (extra.length === 0) return s;
  const requirements = [...s.requirements, ...extra];
  return { pairs: s.pairs, requirements, key: `${s.pairs.map(([k, v]) => `${k}=${v}`).join(',')}|${requirements.map(requirementKey).sort().join(',')}` };
}

function matchRequirement(r: Requirement, v: string | undefined): boolean {
  switch (r.op) {
    case IN: return v !== undefined && r.values.has(v);
    case NOT_IN: return v === undefined || !r.values.has(v);
    case EXISTS: return v !== undefined;
    case NOT_EXISTS: return v === undefined;
    case GT: return v !== undefined && INT.test(v) && Number(v) > r.bound;
    case LT: return v !== undefined && INT.test(v) && Number(v) < r.bound;
    default: return false;
  }
}

/**
 * A label pair every label set the selector selects must have (its first `matchLabels` pair, or a
 * single-valued `In`), or `undefined` when there is none: the key to index selectors by.
 *
 * @example
 * ```ts
 * requiredLabelPair(compileLabelSelector({ matchLabels: { app: 'web' } })!); // ['app', 'web']
 * requiredLabelPair(compileLabelSelector({})!); // undefined
 * ```
 */
export function requiredLabelPair(s: CompiledLabelSelector): readonly [string, string] | undefined {
  const first = s.pairs[0];
  if (first !== undefined) return first;
  for (const r of s.requirements) if (r.op === IN && r.values.size === 1) return [r.key, [...r.values][0] as string];
  return undefined;
}

/**
 * Whether a compiled selector selects a label set (`null` selects nothing).
 *
 * @example
 * ```ts
 * matchesLabels(compileLabelSelector({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] }), {}); // true
 * ```
 */
export function matchesLabels(s: CompiledLabelSelector | null, labels: Readonly<Record<string, string>>): boolean {
  if (s === null) return false;
  for (const [k, v] of s.pairs) if (labels[k] !== v) return false;
  for (const r of s.requirements) if (!matchRequirement(r, Object.prototype.hasOwnProperty.call(labels, r.key) ? labels[r.key] : undefined)) return false;
  return true;
}

const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/**
 * Why a label key is invalid, or `undefined`: a qualified name, an optional DNS-subdomain prefix and
 * `/`, then a name of at most 63 alphanumerics, `-`, `_` or `.` that starts and ends alphanumeric
 * (upstream apimachinery validation.IsQualifiedName).
 *
 * @example
 * ```ts
 * labelKeyError('topology.kubernetes.io/zone'); // undefined
 * labelKeyError('invalid key'); // 'name part must consist of alphanumeric characters, …'
 * ```
 */
export function labelKeyError(key: string): string | undefined {
  const parts = key.split('/');
  let name = key;
  if (parts.length === 2) {
    const prefix = parts[0] as string;
    name = parts[1] as string;
    if (prefix.length === 0) return 'prefix part must be non-empty';
    if (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)) return 'prefix part must be a lowercase DNS subdomain (at most 253 characters)';
  } else if (parts.length > 2) return 'a qualified name must have at most one "/"';
  if (name.length === 0) return 'name part must be non-empty';
  if (name.length > 63) return 'name part must be no more than 63 characters';
  if (!NAME_PART.test(name)) return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  return undefined;
}

/**
 * Why a label value is invalid, or `undefined`: at most 63 alphanumerics, `-`, `_` or `.`, starting and
 * ending alphanumeric, or empty (upstream apimachinery validation.IsValidLabelValue).
 *
 * @example
 * ```ts
 * labelValueError('ssd'); // undefined
 * labelValueError('a b'); // "a valid label must be …"
 * ```
 */
export function labelValueError(value: string): string | undefined {
  if (value.length > 63) return 'must be no more than 63 characters';
  if (!LABEL_VALUE.test(value)) return "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  return undefined;
}

/**
 * Whether a node selector requirement would fail to parse in kube-scheduler: an unknown operator, an
 * invalid key, values not allowed for the operator (none for Exists/DoesNotExist, at least one for
 * In/NotIn, exactly one integer for Gt/Lt) or an invalid label value
 * (upstream apimachinery labels.NewRequirement, as component-helpers nodeaffinity parses terms).
 *
 * @example
 * ```ts
 * nodeRequirementInvalid({ key: 'zone', operator: 'In', values: ['a b'] }); // true
 * ```
 */
export function nodeRequirementInvalid(r: SelectorRequirement): boolean {
  const op = OPS[r.operator];
  if (op === undefined || labelKeyError(r.key) !== undefined) return true;
  const values = r.values ?? [];
  if ((op === IN || op === NOT_IN) && values.length === 0) return true;
  if ((op === EXISTS || op === NOT_EXISTS) && values.length > 0) return true;
  if ((op === GT || op === LT) && (values.length !== 1 || !INT.test(values[0] as string))) return true;
  for (const v of values) if (labelValueError(v) !== undefined) return true;
  return false;
}

function fieldRequirementInvalid(r: SelectorRequirement): boolean {
  return (r.operator !== 'In' && r.operator !== 'NotIn') || (r.values ?? []).length !== 1;
}

/**
 * A compiled node selector term: label requirements (including Gt/Lt) and `metadata.name` field requirements.
 *
 * @example
 * ```ts
 * const t = compileNodeSelectorTerm({ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['8'] }] });
 * matchesNodeSelectorTerm(t, { cores: '16' }, 'node-1'); // true
 * ```
 */
export interface CompiledNodeSelectorTerm {
  readonly expressions: readonly Requirement[];
  readonly fields: readonly Requirement[];
  /** An empty term matches no node, as in Kubernetes. */
  readonly empty: boolean;
  /** A term with a requirement kube-scheduler cannot parse matches no node either. */
  readonly invalid: boolean;
}

/**
 * Compiles a node selector term.
 *
 * @example
 * ```ts
 * compileNodeSelectorTerm({}).empty; // true
 * ```
 */
export function compileNodeSelectorTerm(t: NodeSelectorTerm): CompiledNodeSelectorTerm {
  const expressions = (t.matchExpressions ?? []).map(compileRequirement);
  const fields = (t.matchFields ?? []).map(compileRequirement);
  const invalid = (t.matchExpressions ?? []).some(nodeRequirementInvalid) || (t.matchFields ?? []).some(fieldRequirementInvalid);
  return { expressions, fields, empty: expressions.length === 0 && fields.length === 0, invalid };
}

/**
 * Whether a node (its labels and name) matches a term; all requirements must hold. An empty term, or one
 * kube-scheduler could not parse (an invalid key or label value, say), matches no node
 * (upstream component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go, nodeSelectorTerm.match).
 *
 * @example
 * ```ts
 * matchesNodeSelectorTerm(compileNodeSelectorTerm({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }), {}, 'n1'); // true
 * ```
 */
export function matchesNodeSelectorTerm(t: CompiledNodeSelectorTerm, labels: Readonly<Record<string, string>>, nodeName: string): boolean {
  if (t.empty || t.invalid) return false;
  for (const r of t.expressions) if (!matchRequirement(r, Object.prototype.hasOwnProperty.call(labels, r.key) ? labels[r.key] : undefined)) return false;
  // A node has one field, metadata.name; any other field reads as absent.
  for (const r of t.fields) if (!matchRequirement(r, r.key === 'metadata.name' ? nodeName : undefined)) return false;
  return true;
}

/**
 * Whether a toleration tolerates a taint: same effect (or none given), same key (or none given, with
 * Exists), and the value equal under `Equal` (upstream k8s.io/api core/v1 toleration.go, ToleratesTaint).
 *
 * @example
 * ```ts
 * tolerates({ key: 'gpu', operator: 'Exists' }, { key: 'gpu', value: 'a100', effect: 'NoSchedule' }); // true
 * ```
 */
export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect !== undefined && t.effect !== '' && t.effect !== taint.effect) return false;
  if (t.key !== undefined && t.key !== '' && t.key !== taint.key) return false;
  const op = t.operator ?? 'Equal';
  if (op === 'Exists') return true;
  return (t.value ?? '') === (taint.value ?? '');
}

/**
 * The first taint among `taints` with one of `effects` that no toleration tolerates, or `undefined`
 * (upstream component-helpers FindMatchingUntoleratedTaint).
 *
 * @example
 * ```ts
 * findUntoleratedTaint([{ key: 'a', effect: 'NoSchedule' }], [], ['NoSchedule', 'NoExecute'])?.key; // 'a'
 * ```
 */
export function findUntoleratedTaint(taints: readonly Taint[], tolerations: readonly Toleration[], effects: readonly string[]): Taint | undefined {
  for (const taint of taints) {
    if (!effects.includes(taint.effect)) continue;
    let ok = false;
    for (const t of tolerations) if (tolerates(t, taint)) { ok = true; break; }
    if (!ok) return taint;
  }
  return undefined;
}
