import { suggest } from '../did-you-mean.js';
import type { IssueSink } from '../issue.js';
import type { ConvertContext, ConvertedParts, ResolvedImportOptions } from '../parts.js';
import { describeType, isRecord } from '../plain-data.js';
import { checkKeys } from '../read-helpers.js';
import type { Origin } from '../types.js';
import { convertHpa } from './convert-hpa.js';
import { convertNode } from './convert-node.js';
import { convertPdb } from './convert-pdb.js';
import { convertPriorityClass } from './convert-priority-class.js';
import { convertWorkload } from './convert-workload.js';
import { KNOWN_IGNORED_KINDS, OBJECT_FIELDS, PRIORITY_CLASS_FIELDS, SUPPORTED_KINDS } from './known-fields.js';
import { NOT_MODELLED_KINDS } from './not-modelled.js';
import { readObjectMeta } from './object-meta.js';

/**
 * One Kubernetes object to convert, with where it sits in its file.
 *
 * @example
 * ```ts
 * const input: KubeObjectInput = { data: { apiVersion: 'v1', kind: 'Pod', ... }, origin: { file: 'a.yaml', path: [] } };
 * ```
 */
export interface KubeObjectInput {
  readonly data: unknown;
  readonly origin: Origin;
}

const KIND_CANDIDATES = [...SUPPORTED_KINDS, ...KNOWN_IGNORED_KINDS];

/**
 * Converts Kubernetes objects (already parsed, `List`s included) into scenario parts, reporting
 * every problem with its file, line and path. See `docs/inputs.md` for the mapping.
 *
 * @param objects - The objects, each with its origin.
 * @param options - Resolved import options.
 * @param sink - Receives problems and notices.
 * @param parts - Receives the converted parts.
 * @example
 * ```ts
 * const sink = new IssueSink(); const parts = newParts();
 * convertKubernetes([{ data: deployment, origin: { path: [] } }], options, sink, parts);
 * ```
 */
export function convertKubernetes(objects: readonly KubeObjectInput[], options: ResolvedImportOptions, sink: IssueSink, parts: ConvertedParts): void {
  const ctx: ConvertContext = { sink, options, parts };
  for (const o of objects) convertObject(o.data, o.origin, ctx, 0);
}

function convertObject(obj: unknown, at: Origin, ctx: ConvertContext, depth: number): void {
  const { sink } = ctx;
  if (!isRecord(obj)) {
    sink.error(at, [], 'invalid_type', `expected a Kubernetes object (a mapping with apiVersion and kind), got ${describeType(obj)}`);
    return;
  }
  const kind = obj['kind'];
  const apiVersion = obj['apiVersion'];
  if (typeof kind !== 'string' || kind === '') {
    sink.error(at, kind === undefined ? [] : ['kind'], 'missing_kind', kind === undefined ? 'has no kind' : `kind must be a non-empty string, got ${describeType(kind)}`);
    return;
  }
  if (typeof apiVersion !== 'string' || apiVersion === '') {
    sink.error(at, apiVersion === undefined ? [] : ['apiVersion'], 'missing_api_version', apiVersion === undefined ? `${kind} has no apiVersion` : `apiVersion must be a non-empty string, got ${describeType(apiVersion)}`);
    return;
  }
  if (kind === 'List' || (kind.endsWith('List') && Array.isArray(obj['items']))) {
    const items = obj['items'];
    if (items === undefined || items === null) return;
    if (!Array.isArray(items)) {
      sink.error(at, ['items'], 'invalid_type', `expected a list of objects, got ${describeType(items)}`);
      return;
    }
    if (depth > 8) {
      sink.error(at, ['items'], 'too_deep', 'Lists nest more than 8 levels deep');
      return;
    }
    items.forEach((item, i) => convertObject(item, { ...at, path: [...at.path, 'items', i] }, ctx, depth + 1));
    return;
  }
  const supported = (SUPPORTED_KINDS as readonly string[]).includes(kind);
  if (!supported) {
    const hint = KNOWN_IGNORED_KINDS.has(kind) ? undefined : suggest(kind, KIND_CANDIDATES);
    if (hint !== undefined) {
      sink.error(at, ['kind'], 'unknown_kind', `unknown kind ${JSON.stringify(kind)}; did you mean ${JSON.stringify(hint)}?`);
      return;
    }
    const name = isRecord(obj['metadata']) && typeof obj['metadata']['name'] === 'string' ? obj['metadata']['name'] : '(unnamed)';
    const notModelled = NOT_MODELLED_KINDS[kind];
    if (notModelled !== undefined) {
      sink.warn({ ...at, label: `${kind} ${JSON.stringify(name)}` }, [], 'not_modelled', notModelled);
      return;
    }
    const list = ctx.parts.ignored.get(kind) ?? [];
    list.push(name);
    ctx.parts.ignored.set(kind, list);
    return;
  }
  const meta = readObjectMeta(obj, kind, at, sink);
  if (meta === undefined) return;
  const origin: Origin = { ...at, label: `${kind} ${JSON.stringify(meta.name)}` };
  checkKeys(obj, kind === 'PriorityClass' ? PRIORITY_CLASS_FIELDS : OBJECT_FIELDS, origin, [], sink, kind);
  switch (kind) {
    case 'Node': convertNode(obj, meta, origin, ctx); break;
    case 'PriorityClass': convertPriorityClass(obj, meta, origin, ctx); break;
    case 'Namespace': ctx.parts.namespaces.push({ value: meta.labels === undefined ? { name: meta.name } : { name: meta.name, labels: meta.labels }, origin, names: [meta.name] }); break;
    case 'PodDisruptionBudget': convertPdb(obj, meta, origin, ctx); break;
    case 'HorizontalPodAutoscaler': convertHpa(obj, meta, origin, ctx); break;
    default: convertWorkload(kind, obj, meta, origin, ctx);
  }
}
