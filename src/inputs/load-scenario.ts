import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Issue } from '../errors.js';
import { PodsimError } from '../errors.js';
import type { Scenario, WorkloadSpec } from '../scenario/schema.js';
import { convertCompose, isComposeData } from './compose/convert-compose.js';
import { didYouMean } from './did-you-mean.js';
import { IssueSink, makeIssue } from './issue.js';
import { convertKubernetes } from './kubernetes/convert-kubernetes.js';
import { decodeText, parseDocuments, type ParsedDocument } from './parse-source.js';
import { newParts, type ConvertedParts, type Imported } from './parts.js';
import { addNotices, resolveImportOptions } from './resolve-options.js';
import { describeType, isRecord } from './plain-data.js';
import { LIST_KEYS, scenarioIssues, type MergeOrigins } from './scenario-issues.js';
import type { FilesValidation, LoadOptions, LoadResult, NamespaceSpec, Origin, TextInput } from './types.js';

const EXTENSIONS = /\.(ya?ml|json)$/i;
const SCALAR_ORDER = ['$schema', 'seed', 'scheduler', 'until', 'record', 'timeseries'];

/** An input to read: a file's content (or the issue that it could not be read), and the folder it was found in. */
interface Input {
  readonly file: string;
  readonly text: string | Uint8Array;
  readonly folder?: string | undefined;
}

type Kind = 'scenario' | 'kubernetes' | 'compose';
interface Classified {
  readonly input: Input;
  readonly kind: Kind;
  readonly docs: ParsedDocument[];
}

function listFolder(dir: string, out: string[], issues: Issue[], depth: number, seen: Set<string>): void {
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    return;
  }
  if (seen.has(real)) return; // a link back to a folder already searched
  seen.add(real);
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch (e) {
    issues.push(makeIssue('unreadable', '', `could not be read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, dir));
    return;
  }
  for (const name of entries) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const p = join(dir, name);
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      continue; // a dangling link: not ours to read
    }
    if (isDir) {
      if (depth < 16) listFolder(p, out, issues, depth + 1, seen);
    } else if (EXTENSIONS.test(name)) {
      out.push(p);
    }
  }
}

function readInputs(paths: readonly string[], maxBytes: number, issues: Issue[], warnings: Issue[]): Input[] {
  const inputs: Input[] = [];
  const read = new Set<string>();
  const readOne = (file: string, folder: string | undefined) => {
    try {
      const real = realpathSync(file);
      if (read.has(real)) {
        warnings.push(makeIssue('duplicate_input', '', 'was already read (given twice, or also found in a folder); read once', file));
        return;
      }
      read.add(real);
      const st = statSync(file);
      if (st.size > maxBytes) {
        issues.push(makeIssue('file_too_large', '', `is ${st.size} bytes; the limit is ${maxBytes}`, file));
        return;
      }
      inputs.push({ file, text: readFileSync(file), folder });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      issues.push(makeIssue(code === 'ENOENT' ? 'file_not_found' : 'unreadable', '', code === 'ENOENT' ? 'no such file or folder' : `could not be read (${code ?? String(e)})`, file));
    }
  };
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      issues.push(makeIssue(code === 'ENOENT' ? 'file_not_found' : 'unreadable', '', code === 'ENOENT' ? 'no such file or folder' : `could not be read (${code ?? String(e)})`, p));
      continue;
    }
    if (!isDir) {
      readOne(p, undefined);
      continue;
    }
    const files: string[] = [];
    listFolder(p, files, issues, 0, new Set());
    if (files.length === 0) {
      issues.push(makeIssue('empty_folder', '', 'holds no .yaml, .yml or .json files (no scenario, manifest or Compose file)', p));
      continue;
    }
    for (const f of files) readOne(f, p);
  }
  return inputs;
}

function classify(input: Input, docs: ParsedDocument[], sink: IssueSink): Kind | undefined {
  const at = (d: ParsedDocument | undefined): Origin => ({ file: input.file, locate: d?.locate, path: [] });
  if (docs.length === 0) {
    if (input.folder === undefined) sink.error(at(undefined), [], 'empty_file', 'is empty');
    else sink.warn(at(undefined), [], 'skipped_file', 'is empty; skipped');
    return undefined;
  }
  const isObject = (d: ParsedDocument) => isRecord(d.data) && ('kind' in d.data || 'apiVersion' in d.data);
  if (docs.some(isObject)) {
    let ok = true;
    for (const d of docs) {
      if (!isObject(d)) {
        sink.error(at(d), [], 'not_a_manifest', `document ${d.index + 1} is not a Kubernetes object: it has no apiVersion and kind, while other documents of this file do`);
        ok = false;
      }
    }
    return ok ? 'kubernetes' : undefined;
  }
  if (docs.length > 1) {
    sink.error(at(docs[1]), [], 'multiple_documents', `holds ${docs.length} YAML documents without apiVersion/kind; a scenario or Compose file is a single document`);
    return undefined;
  }
  const d = docs[0] as ParsedDocument;
  if (!isRecord(d.data)) {
    sink.error(at(d), [], 'invalid_type', `expected a mapping at the top of the file, got ${describeType(d.data)}`);
    return undefined;
  }
  if ('hosts' in d.data || 'workloads' in d.data) return 'scenario';
  if (isComposeData(d.data)) return 'compose';
  const hints = Object.keys(d.data).map((k) => didYouMean(k, ['hosts', 'workloads', 'services', 'apiVersion', 'kind'])).filter((h) => h !== '');
  const message = `is not a podsim scenario (hosts, workloads), a Kubernetes manifest (apiVersion, kind) or a Compose file (services)${hints[0] ?? ''}`;
  if (input.folder !== undefined && hints.length === 0) sink.warn(at(d), [], 'skipped_file', `${message}; skipped`);
  else sink.error(at(d), [], 'unrecognized_file', message);
  return undefined;
}

/** Gives every item a unique name, preferring the names it asks for; returns notices for renames. */
function assignNames<T>(items: readonly { value: T; origin: Origin; names: readonly string[] | undefined }[], what: string, warnings: Issue[]): T[] {
  const taken = new Set<string>();
  for (const it of items) if (it.names === undefined && isRecord(it.value) && typeof it.value['name'] === 'string') taken.add(it.value['name']);
  return items.map((it) => {
    if (it.names === undefined) return it.value;
    let chosen = it.names.find((n) => !taken.has(n));
    for (let k = 2; chosen === undefined; k++) if (!taken.has(`${it.names[0]}-${k}`)) chosen = `${it.names[0]}-${k}`;
    taken.add(chosen);
    if (chosen === it.names[0]) return it.value;
    warnings.push(makeIssue('renamed', '', `${it.origin.label ?? 'an item'} is named ${JSON.stringify(chosen)} in the scenario: the ${what} name ${JSON.stringify(it.names[0])} is taken`, it.origin.file, it.origin.locate?.(it.origin.path)));
    return { ...(it.value as object), name: chosen } as T;
  });
}

/**
 * Multiplies imported workloads from `start` on by `scale`, DaemonSets excepted: the `scale` load
 * option. A service (a Deployment, ReplicaSet …) gets `scale` times its `replicas`; a workload of
 * explicit arrivals (bare pods, StatefulSets, Compose services) each arrival time `scale` times.
 */
function scaleWorkloads(workloads: Imported<WorkloadSpec>[], start: number, scale: number): void {
  for (let i = start; i < workloads.length; i++) {
    const it = workloads[i] as Imported<WorkloadSpec>;
    const w = it.value as unknown as Record<string, unknown>;
    const arrival = w['arrival'] as { process?: string; times?: number[] } | undefined;
    if (w['daemonSet'] === true) continue;
    if (typeof w['replicas'] === 'number') {
      workloads[i] = { ...it, value: { ...w, replicas: w['replicas'] * scale } as unknown as WorkloadSpec };
      continue;
    }
    if (arrival?.process !== 'explicit' || !Array.isArray(arrival.times)) continue;
    const times = arrival.times.flatMap((t) => new Array<number>(scale).fill(t));
    workloads[i] = { ...it, value: { ...w, arrival: { ...arrival, times } } as unknown as WorkloadSpec };
  }
}

interface Entry { value: unknown; origin: Origin; names: readonly string[] | undefined }

/**
 * Issues in reading order: by file (in the order the inputs were given; issues without a file
 * first), then line, each reported once.
 */
function inReadingOrder(issues: readonly Issue[], inputs: readonly Input[]): Issue[] {
  const rank = new Map<string, number>();
  inputs.forEach((x, i) => { if (!rank.has(x.file)) rank.set(x.file, i); });
  const seen = new Set<string>();
  const unique = issues.filter((i) => {
    const key = `${i.file ?? ''}\n${i.line ?? ''}\n${i.path}\n${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const fileRank = (i: Issue) => (i.file === undefined ? -1 : rank.get(i.file) ?? inputs.length);
  return unique
    .map((issue, n) => ({ issue, n }))
    .sort((a, b) => fileRank(a.issue) - fileRank(b.issue) || (a.issue.file ?? '').localeCompare(b.issue.file ?? '') || (a.issue.line ?? 0) - (b.issue.line ?? 0) || a.n - b.n)
    .map((x) => x.issue);
}

function load(inputs: readonly Input[], options: LoadOptions, preIssues: readonly Issue[], preWarnings: readonly Issue[] = []): { result?: LoadResult; issues: Issue[]; warnings: Issue[] } {
  const r = loadUnordered(inputs, options, preIssues, preWarnings);
  return { ...r, issues: inReadingOrder(r.issues, inputs) };
}

function loadUnordered(inputs: readonly Input[], options: LoadOptions, preIssues: readonly Issue[], preWarnings: readonly Issue[] = []): { result?: LoadResult; issues: Issue[]; warnings: Issue[] } {
  const sink = new IssueSink();
  sink.issues.push(...preIssues);
  sink.warnings.push(...preWarnings);
  const limits = { maxBytes: options.maxBytes, maxAliasCount: options.maxAliasCount };

  // 1. Parse and classify every input; nothing is converted until all of them parse.
  const classified: Classified[] = [];
  const folderHits = new Map<string, number>();
  for (const input of inputs) {
    if (input.folder !== undefined && !folderHits.has(input.folder)) folderHits.set(input.folder, 0);
    const text = decodeText(input.text, input.file, sink.issues, options.maxBytes);
    if (text === undefined) continue;
    const docs = parseDocuments(text, input.file, sink.issues, sink.warnings, limits);
    if (docs === undefined) continue;
    const kind = classify(input, docs, sink);
    if (kind === undefined) continue;
    classified.push({ input, kind, docs });
    if (input.folder !== undefined) folderHits.set(input.folder, (folderHits.get(input.folder) ?? 0) + 1);
  }
  for (const [folder, n] of folderHits) {
    if (n === 0) sink.issues.push(makeIssue('empty_folder', '', 'holds no scenario, Kubernetes manifest or Compose file', folder));
  }

  // 2. Scenario files: top-level settings (the last file to set one wins) and list items.
  const scalars = new Map<string, { value: unknown; origin: Origin }>();
  for (const c of classified) {
    if (c.kind !== 'scenario') continue;
    const d = c.docs[0] as ParsedDocument;
    for (const [k, v] of Object.entries(d.data as Record<string, unknown>)) {
      if ((LIST_KEYS as readonly string[]).includes(k)) continue;
      const origin: Origin = { file: c.input.file, locate: d.locate, path: [k] };
      const prev = scalars.get(k);
      if (prev !== undefined && k !== '$schema' && JSON.stringify(prev.value) !== JSON.stringify(v)) {
        sink.warnings.push(makeIssue('setting_overridden', k, `is set in ${prev.origin.file ?? 'an earlier input'} and again here; this file's value wins`, c.input.file, d.locate([k])));
      }
      scalars.set(k, { value: v, origin });
    }
  }
  const resolved = resolveImportOptions(options, scalars.get('until')?.value, sink);
  if (resolved === undefined) return { issues: sink.issues, warnings: sink.warnings };

  // 3. Lists, in input order: scenario items as written, manifests and Compose files converted.
  const lists = new Map<string, Entry[]>(LIST_KEYS.map((k) => [k, []]));
  const push = (k: string, e: Entry) => (lists.get(k) as Entry[]).push(e);
  const parts: ConvertedParts = newParts();
  const drain = (from: number[]) => {
    const [h, w, p, a, b, n] = from as [number, number, number, number, number, number];
    const take = <T>(key: string, arr: Imported<T>[], start: number) => { for (let i = start; i < arr.length; i++) { const it = arr[i] as Imported<T>; push(key, { value: it.value, origin: it.origin, names: it.names }); } };
    take('hosts', parts.hosts, h);
    take('workloads', parts.workloads, w);
    take('priorityClasses', parts.priorityClasses, p);
    take('horizontalPodAutoscalers', parts.horizontalPodAutoscalers, a);
    take('podDisruptionBudgets', parts.podDisruptionBudgets, b);
    take('namespaces', parts.namespaces, n);
  };
  for (const c of classified) {
    const counts = [parts.hosts.length, parts.workloads.length, parts.priorityClasses.length, parts.horizontalPodAutoscalers.length, parts.podDisruptionBudgets.length, parts.namespaces.length];
    if (c.kind === 'scenario') {
      const d = c.docs[0] as ParsedDocument;
      const data = d.data as Record<string, unknown>;
      for (const k of LIST_KEYS) {
        const v = data[k];
        if (v === undefined || v === null) continue;
        if (!Array.isArray(v)) {
          sink.issues.push(makeIssue('invalid_type', k, `must be a list, got ${describeType(v)}`, c.input.file, d.locate([k])));
          continue;
        }
        v.forEach((item, i) => push(k, { value: item, origin: { file: c.input.file, locate: d.locate, path: [k, i] }, names: undefined }));
      }
    } else if (c.kind === 'kubernetes') {
      convertKubernetes(c.docs.map((d) => ({ data: d.data, origin: { file: c.input.file, locate: d.locate, path: [] } })), resolved, sink, parts);
    } else {
      const d = c.docs[0] as ParsedDocument;
      convertCompose(d.data, { file: c.input.file, locate: d.locate, path: [] }, resolved, sink, parts);
    }
    if (c.kind !== 'scenario' && resolved.scale !== 1) scaleWorkloads(parts.workloads, counts[1] as number, resolved.scale);
    drain(counts);
  }
  (options.hosts ?? []).forEach((h, i) => push('hosts', { value: h, origin: { path: ['options', 'hosts', i] }, names: undefined }));

  // 4. One notice per kind of thing ignored or assumed.
  addNotices(parts, (lists.get('workloads') as Entry[]).map((e) => e.value), sink);

  // 5. Assemble, with unique names, and validate the whole.
  const scenario: Record<string, unknown> = {};
  const origins: MergeOrigins = { lists: {}, scalars: new Map() };
  for (const k of SCALAR_ORDER) {
    const s = scalars.get(k);
    if (s !== undefined) { scenario[k] = s.value; origins.scalars.set(k, s.origin); }
  }
  for (const k of LIST_KEYS) {
    const entries = lists.get(k) as Entry[];
    if (entries.length === 0 && k !== 'hosts' && k !== 'workloads') continue;
    scenario[k] = k === 'hosts' || k === 'workloads' ? assignNames(entries, k === 'hosts' ? 'host group' : 'workload', sink.warnings) : entries.map((e) => e.value);
    origins.lists[k] = entries.map((e) => e.origin);
  }
  for (const [k, s] of scalars) {
    if (!(k in scenario)) { scenario[k] = s.value; origins.scalars.set(k, s.origin); }
  }
  const hpaTargets = new Set((scenario['workloads'] as unknown[]).map((w) => (isRecord(w) ? w['name'] : undefined)));
  for (const e of lists.get('horizontalPodAutoscalers') as Entry[]) {
    const ref = isRecord(e.value) && isRecord(e.value['spec']) ? e.value['spec']['scaleTargetRef'] : undefined;
    const target = isRecord(ref) ? ref['name'] : undefined;
    if (typeof target === 'string' && !hpaTargets.has(target)) {
      sink.warnings.push(makeIssue('hpa_target_missing', '', `${e.origin.label ?? 'a HorizontalPodAutoscaler'} scales ${JSON.stringify(target)}, which is not among the workloads`, e.origin.file, e.origin.locate?.(e.origin.path)));
    }
  }
  if (sink.issues.length > 0) return { issues: sink.issues, warnings: sink.warnings };
  const noHosts = (scenario['hosts'] as unknown[]).length === 0;
  if (noHosts) {
    const files = classified.map((c) => c.input.file);
    const where = files.length === 0 ? '' : ` in ${files.join(', ')}`;
    sink.issues.push(makeIssue('no_hosts', 'hosts', `no hosts${where}: add Node objects or a scenario file with hosts, or pass hosts in the load options (options.hosts)`, files.length === 1 ? files[0] : undefined));
  }
  const checked = scenarioIssues(scenario, origins);
  for (const i of checked.issues) {
    if (noHosts && i.path === 'hosts' && i.file === undefined) continue;
    sink.issues.push(i);
  }
  sink.warnings.push(...checked.warnings);
  if (sink.issues.length > 0) return { issues: sink.issues, warnings: sink.warnings };
  const namespaces: NamespaceSpec[] = parts.namespaces.map((n) => n.value);
  return {
    result: { scenario: scenario as unknown as Scenario, warnings: sink.warnings, sources: classified.map((c) => c.input.file), namespaces },
    issues: [],
    warnings: sink.warnings,
  };
}

function asList<T>(x: T | readonly T[]): readonly T[] {
  return Array.isArray(x) ? (x as readonly T[]) : [x as T];
}

/**
 * Reads a scenario from files and folders: podsim scenario files (YAML or JSON), Kubernetes
 * manifests and Compose files, mixed, each recognised by its content. Folders are searched
 * (recursively, in name order) for `.yaml`, `.yml` and `.json` files. Host groups, workloads,
 * priority classes and autoscalers from all inputs are concatenated in the order given; top-level
 * settings (`seed`, `until`, `scheduler`, …) come from scenario files, the last one given winning.
 * The merged scenario is validated as a whole. Synchronous.
 *
 * Nothing is half-read: any problem in any input throws a {@link PodsimError} listing every problem,
 * each with its file, line, path and reason. What is deliberately ignored or assumed (Services,
 * default job durations, renames …) is listed in `warnings`.
 *
 * @param paths - A path or a list of paths to files and folders.
 * @param options - Horizon, extra hosts, job durations and limits; see {@link LoadOptions}.
 * @throws PodsimError when any input is missing, malformed or invalid.
 * @example
 * ```ts
 * import { loadScenario, simulate } from 'podsim';
 * const { scenario, warnings } = loadScenario(['cluster.yaml', 'k8s/']);
 * for (const w of warnings) console.warn(formatIssue(w));
 * const result = simulate(scenario);
 * ```
 */
export function loadScenario(paths: string | readonly string[], options: LoadOptions = {}): LoadResult {
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  const inputs = readInputs(asList(paths), options.maxBytes ?? 64 * 1024 * 1024, issues, warnings);
  const r = load(inputs, options, issues, warnings);
  if (r.result === undefined) throw new PodsimError(r.issues, 'could not load the scenario');
  return r.result;
}

/**
 * Like {@link loadScenario}, but from text already in memory (tests, browsers, standard input).
 * Each input's `file` names it in messages; a `.json` extension selects strict JSON.
 *
 * @throws PodsimError when any input is malformed or invalid.
 * @example
 * ```ts
 * const { scenario } = loadScenarioFromText({ file: 'app.yaml', text: manifestText }, { hosts });
 * ```
 */
export function loadScenarioFromText(inputs: TextInput | readonly TextInput[], options: LoadOptions = {}): LoadResult {
  const r = load(asList(inputs).map((t) => ({ file: t.file, text: t.text })), options, []);
  if (r.result === undefined) throw new PodsimError(r.issues, 'could not load the scenario');
  return r.result;
}

/**
 * Checks files and folders as {@link loadScenario} would read them, without throwing for problems
 * in them: `ok` when they load, with every issue (file, line, path, reason) and every warning.
 *
 * @example
 * ```ts
 * const r = validateFiles(['scenario.yaml']);
 * if (!r.ok) for (const i of r.issues) console.error(formatIssue(i));
 * ```
 */
export function validateFiles(paths: string | readonly string[], options: LoadOptions = {}): FilesValidation {
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  const inputs = readInputs(asList(paths), options.maxBytes ?? 64 * 1024 * 1024, issues, warnings);
  const r = load(inputs, options, issues, warnings);
  return { ok: r.result !== undefined, issues: r.issues, warnings: r.warnings };
}

/**
 * Like {@link validateFiles}, for text in memory.
 *
 * @example
 * ```ts
 * validateText({ file: 's.yaml', text: 'hosts: []\nworkloads: []\n' }).ok; // false
 * ```
 */
export function validateText(inputs: TextInput | readonly TextInput[], options: LoadOptions = {}): FilesValidation {
  const r = load(asList(inputs).map((t) => ({ file: t.file, text: t.text })), options, []);
  return { ok: r.result !== undefined, issues: r.issues, warnings: r.warnings };
}
