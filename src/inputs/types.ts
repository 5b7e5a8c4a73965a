import type { Issue } from '../errors.js';
import type { DistributionSpec } from '../random/distributions.js';
import type { HostGroupSpec, Scenario, WorkloadSpec } from '../scenario/schema.js';

/** A key in a path through plain data: an object key or an array index. @example `['spec', 'containers', 0]` */
export type PathKey = string | number;

/**
 * Finds the 1-based line of the value at a path inside one parsed document, or of its closest
 * ancestor that exists; `undefined` when unknown.
 *
 * @example
 * ```ts
 * const line = locate(['spec', 'replicas']); // 12
 * ```
 */
export type Locate = (path: readonly PathKey[]) => number | undefined;

/**
 * Where an imported value came from, so that problems found later still name the file and line.
 *
 * @example
 * ```ts
 * const o: Origin = { file: 'app.yaml', path: ['items', 2], label: 'Deployment "web"' };
 * ```
 */
export interface Origin {
  /** The file, when the value was read from one. */
  readonly file?: string | undefined;
  /** The line locator for that file's document. */
  readonly locate?: Locate | undefined;
  /** The value's path inside the document. */
  readonly path: readonly PathKey[];
  /** For values converted from another format (a manifest object), what they came from: `Deployment "web"`. */
  readonly label?: string | undefined;
  /**
   * For converted values, where each field that was copied as it was sits in the source, relative to
   * {@link Origin.path}: `{ tolerations: ['spec', 'template', 'spec', 'tolerations'] }`. An issue about
   * such a field (or anything inside it) then names its own line and path in the source file.
   */
  readonly fields?: Readonly<Record<string, readonly PathKey[]>> | undefined;
}

/** A priority class as the scenario keeps it. @example `{ name: 'high', value: 1000 }` */
export type PriorityClassSpec = NonNullable<Scenario['priorityClasses']>[number];

/** A pod disruption budget as the scenario keeps it. @example `{ name: 'web-pdb', selector: { matchLabels: { app: 'web' } }, minAvailable: 2 }` */
export type PodDisruptionBudgetSpec = NonNullable<Scenario['podDisruptionBudgets']>[number];

/** A Kubernetes Namespace object, kept by the importer. @example `{ name: 'monitoring', labels: { team: 'sre' } }` */
export interface NamespaceSpec {
  /** The namespace's name. */
  readonly name: string;
  /** Its labels. */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * What an importer produced from one file or one set of objects: scenario parts, plus every
 * problem (`issues`) and every notice (`warnings`). Nothing is returned half-read: callers must
 * treat a non-empty `issues` as failure.
 *
 * @example
 * ```ts
 * const r: ImportResult = importKubernetes(objects);
 * if (r.issues.length === 0) console.log(r.workloads.length);
 * ```
 */
export interface ImportResult {
  /** Host groups (from Kubernetes Node objects). */
  readonly hosts: HostGroupSpec[];
  /** Workloads, one per workload object or Compose service. */
  readonly workloads: WorkloadSpec[];
  /** PriorityClass objects. */
  readonly priorityClasses: PriorityClassSpec[];
  /** PodDisruptionBudget objects. */
  readonly podDisruptionBudgets: PodDisruptionBudgetSpec[];
  /** HorizontalPodAutoscaler objects (apiVersion, kind, metadata, spec). */
  readonly horizontalPodAutoscalers: Record<string, unknown>[];
  /** Namespace objects. */
  readonly namespaces: NamespaceSpec[];
  /** Problems: the input must be fixed. */
  readonly issues: Issue[];
  /** Notices: parts that were ignored or assumed. */
  readonly warnings: Issue[];
}

/**
 * Options for importing manifests and Compose files.
 *
 * @example
 * ```ts
 * const options: ImportOptions = { horizon: 3600, jobDuration: { distribution: 'constant', value: 120 } };
 * ```
 */
export interface ImportOptions {
  /**
   * Seconds over which CronJob schedules become arrivals.
   * @defaultValue the scenario's `until` when a scenario file sets it, otherwise 86400 (one day)
   */
  readonly horizon?: number;
  /**
   * How long each pod of a Job, CronJob or Compose job runs when its object has no
   * `podsim.io/duration` annotation (or `x-podsim-duration`), in seconds.
   * @defaultValue `{ distribution: 'constant', value: 60 }`, with a warning naming the jobs that used it
   */
  readonly jobDuration?: DistributionSpec;
  /**
   * The wall-clock instant that simulation time 0 stands for, for cron schedules (ISO 8601 string,
   * epoch milliseconds, or a Date).
   * @defaultValue `'1970-01-01T00:00:00Z'`
   */
  readonly start?: string | number | Date;
  /**
   * The most arrivals one workload may get from replicas, completions or a schedule.
   * @defaultValue 1000000
   */
  readonly maxArrivals?: number;
  /**
   * Compose services that reserve nothing take their requests from their limits
   * (`deploy.resources.limits`, `cpus`, `mem_limit`), dimension by dimension; the CLI's
   * `--requests-from-limits`. Without it such services request 0, with a warning.
   * @defaultValue false
   */
  readonly requestsFromLimits?: boolean;
  /**
   * Multiplies the replicas of imported workloads (Deployments, StatefulSets, ReplicaSets, Jobs'
   * completions, Compose replicas), not DaemonSets, Compose global services or scenario-file
   * workloads: "the same app at 20× the replicas". The CLI's `--scale N`. A whole number of at least 1.
   * @defaultValue 1
   */
  readonly scale?: number;
}

/**
 * Options for {@link loadScenario} and {@link validateFiles}.
 *
 * @example
 * ```ts
 * loadScenario(['app.yaml'], { hosts: [{ name: 'node', count: 3, capacity: { cpu: 4, memory: '16Gi' } }] });
 * ```
 */
export interface LoadOptions extends ImportOptions {
  /**
   * Host groups added after those read from files; how manifests without Node objects get hosts.
   * @defaultValue none
   */
  readonly hosts?: readonly HostGroupSpec[];
  /**
   * The largest file read, in bytes.
   * @defaultValue 67108864 (64 MiB)
   */
  readonly maxBytes?: number;
  /**
   * The most YAML alias expansions allowed per document (the `yaml` package's `maxAliasCount`),
   * which stops "billion laughs" alias bombs.
   * @defaultValue 100
   */
  readonly maxAliasCount?: number;
}

/**
 * What {@link loadScenario} returns.
 *
 * @example
 * ```ts
 * const { scenario, warnings, sources } = loadScenario('cluster/');
 * ```
 */
export interface LoadResult {
  /** The merged, validated scenario: pass it to `simulate()`. */
  readonly scenario: Scenario;
  /** Notices about parts that were ignored or assumed (ignored kinds, defaults used, renames). */
  readonly warnings: Issue[];
  /** The files read, in the order they were merged. */
  readonly sources: string[];
  /** Kubernetes Namespace objects read (kept here until the scenario has a place for them). */
  readonly namespaces: NamespaceSpec[];
}

/**
 * The outcome of {@link validateFiles}: `ok` when the files load, with every issue and warning.
 *
 * @example
 * ```ts
 * const r: FilesValidation = validateFiles(['scenario.yaml']);
 * for (const i of r.issues) console.log(formatIssue(i));
 * ```
 */
export interface FilesValidation {
  /** Whether the files load into a valid scenario. */
  readonly ok: boolean;
  /** Every problem, each with file, line, path and reason. */
  readonly issues: readonly Issue[];
  /** Every notice. */
  readonly warnings: readonly Issue[];
}

/**
 * An input given as text rather than a path (for tests, browsers, or stdin).
 *
 * @example
 * ```ts
 * const input: TextInput = { file: 'inline.yaml', text: 'hosts: []\nworkloads: []\n' };
 * ```
 */
export interface TextInput {
  /** A name for messages; its extension `.json` selects strict JSON, anything else YAML. */
  readonly file: string;
  /** The content, as text or as raw bytes (checked to be UTF-8). */
  readonly text: string | Uint8Array;
}
