import type { IssueSink } from '../issue.js';
import { describeType, isRecord } from '../plain-data.js';
import { checkKeys, readString, readStringMap } from '../read-helpers.js';
import type { Origin } from '../types.js';
import { METADATA_FIELDS } from './known-fields.js';

/**
 * The metadata podsim reads from a Kubernetes object.
 *
 * @example
 * ```ts
 * const meta: ObjectMeta = { name: 'web', namespace: 'shop', labels: { app: 'web' }, annotations: undefined };
 * ```
 */
export interface ObjectMeta {
  readonly name: string;
  readonly namespace: string | undefined;
  readonly labels: Record<string, string> | undefined;
  readonly annotations: Record<string, string> | undefined;
}

/**
 * Reads an object's metadata: a name (or `generateName` + "0") is required; namespace, labels and
 * annotations are checked. Returns undefined, with the problems reported, when any is wrong.
 *
 * @example
 * ```ts
 * readObjectMeta({ kind: 'Pod', metadata: { name: 'web' } }, 'Pod', origin, sink)?.name; // 'web'
 * ```
 */
export function readObjectMeta(obj: Record<string, unknown>, kind: string, at: Origin, sink: IssueSink): ObjectMeta | undefined {
  const m = obj['metadata'];
  if (!isRecord(m)) {
    sink.error(at, m === undefined ? [] : ['metadata'], 'missing_metadata', m === undefined ? `${kind} has no metadata (it needs at least a name)` : `metadata must be a mapping, got ${describeType(m)}`);
    return undefined;
  }
  const before = sink.issues.length;
  const origin: Origin = { ...at, label: kind };
  checkKeys(m, METADATA_FIELDS, origin, ['metadata'], sink, 'metadata');
  let name = readString(m['name'], origin, ['metadata', 'name'], sink);
  if (name === undefined || name === '') {
    const gen = readString(m['generateName'], origin, ['metadata', 'generateName'], sink);
    if (gen !== undefined && gen !== '') name = `${gen}0`;
  }
  if (name === undefined || name === '') {
    if (sink.issues.length === before) sink.error(origin, ['metadata'], 'missing_name', `${kind} has no metadata.name`);
    return undefined;
  }
  const namespace = readString(m['namespace'], origin, ['metadata', 'namespace'], sink);
  const labels = readStringMap(m['labels'], origin, ['metadata', 'labels'], sink);
  const annotations = readStringMap(m['annotations'], origin, ['metadata', 'annotations'], sink);
  if (sink.issues.length > before) return undefined;
  return { name, namespace: namespace === '' ? undefined : namespace, labels, annotations };
}
