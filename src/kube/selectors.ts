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
  return { expressions, fields, empty: expressions.length === 0 && fields.length === 0 };
}

/**
 * Whether a node (its labels and name) matches a term; all requirements must hold.
 *
 * @example
 * ```ts
 * matchesNodeSelectorTerm(compileNodeSelectorTerm({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }), {}, 'n1'); // true
 * ```
 */
export function matchesNodeSelectorTerm(t: CompiledNodeSelectorTerm, labels: Readonly<Record<string, string>>, nodeName: string): boolean {
  if (t.empty) return false;
  for (const r of t.expressions) if (!matchRequirement(r, Object.prototype.hasOwnProperty.call(labels, r.key) ? labels[r.key] : undefined)) return false;
  for (const r of t.fields) if (r.key !== 'metadata.name' || !matchRequirement(r, nodeName)) return false;
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
