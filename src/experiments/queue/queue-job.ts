import { formatIssue } from '../../errors.js';
import type { Scenario } from '../../scenario/schema.js';
import { validateScenario } from '../../scenario/validate.js';
import { runKey, type RunSettings, type RunTask } from '../run-task.js';
import { pathKeys } from '../set-path.js';
import { canonicalJson, sweepHash } from '../sweep-hash.js';

/**
 * What the coordinator stores once per sweep for its workers: the base scenario, the podsim version
 * that must run it (results are byte-identical only within one version of the model) and the hash.
 * @internal
 */
export interface SweepDefinition {
  readonly format: 'podsim-sweep/1';
  readonly podsim: string;
  readonly hash: string;
  readonly scenario: Scenario;
}

/**
 * The data of one job: a (point, replication) of a sweep, with the stage's settings. Jobs refer to
 * the sweep's scenario by the sweep's hash rather than carrying it, so a large scenario is stored
 * once and not once per run.
 * @internal
 */
export interface QueueJob {
  readonly format: 'podsim-run/1';
  readonly podsim: string;
  readonly sweep: string;
  /** The digest of the settings: runs of one sweep with other settings (a warm-up pilot) are other runs. */
  readonly stage: string;
  readonly settings: RunSettings;
  readonly task: RunTask;
  /** Milliseconds the run may take. */
  readonly runTimeout: number;
  /** Seconds the stored result lives. */
  readonly ttl: number;
}

/**
 * The digest naming a stage's settings (16 hex digits of SHA-256).
 * @internal
 * @example
 * ```ts
 * stageOf({ metrics: ['wait.p99'], warmup: 0, keepResults: false }); // '5e0f…'
 * ```
 */
export function stageOf(settings: RunSettings): string {
  return sweepHash({ settings }).slice(0, 16);
}

/**
 * The job id of a run, which is also the field of its stored result: `<stage>-p<point>r<replication>`.
 * Adding a job whose id exists does nothing, so a run is never queued twice.
 * @internal
 */
export function jobIdOf(stage: string, task: { readonly point: number; readonly replication: number }): string {
  return `${stage}-${runKey(task)}`;
}

const isWhole = (x: unknown, min: number): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= min;
const isPlain = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Whether `v` is JSON data: what a varied value may be. */
function isJsonValue(v: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every((x) => isJsonValue(x, depth + 1));
  if (isPlain(v)) return Object.values(v).every((x) => isJsonValue(x, depth + 1));
  return false;
}

/**
 * What a worker has checked already, so that the jobs of a sweep after the first cost no digest
 * and no path parsing: the settings of each stage whose digest matched (a job's settings must equal
 * them, field by field, to skip the digest) and the varied paths found well formed. At most
 * {@link MEMO_LIMIT} of each; beyond that, jobs are checked in full.
 * @internal
 */
export interface JobCheckMemo {
  readonly stages: Map<string, RunSettings>;
  readonly paths: Set<string>;
}

const MEMO_LIMIT = 1000;

/** A fresh {@link JobCheckMemo}. @internal */
export function jobCheckMemo(): JobCheckMemo {
  return { stages: new Map(), paths: new Set() };
}

/** Whether settings read from a job are, field by field, the settings of a stage checked before. */
function sameSettings(s: Record<string, unknown>, known: RunSettings | undefined): boolean {
  if (known === undefined) return false;
  const keys = Object.keys(s);
  if (keys.length !== Object.keys(known).length) return false;
  for (const k of keys) if (!Object.hasOwn(known, k)) return false;
  const m = s.metrics;
  if (!Array.isArray(m) || m.length !== known.metrics.length) return false;
  for (let i = 0; i < m.length; i++) if (m[i] !== known.metrics[i]) return false;
  return s.warmup === known.warmup && s.keepResults === known.keepResults && s.series === known.series;
}

/**
 * Checks a job taken from the queue before anything runs: its shape, its sweep and the settings'
 * digest. A worker refuses a job that fails (it is not retried: it would fail the same way). With a
 * `memo` (one per sweep a worker serves), what was checked for an earlier job is not checked again.
 * @internal
 * @returns the job, or every problem found.
 */
export function checkQueueJob(data: unknown, sweep: string, memo?: JobCheckMemo): { ok: true; job: QueueJob } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  if (!isPlain(data)) return { ok: false, problems: ['the job data is not an object'] };
  if (data.format !== 'podsim-run/1') problems.push(`format is ${JSON.stringify(data.format)}, expected "podsim-run/1"`);
  if (data.sweep !== sweep) problems.push(`it names sweep ${JSON.stringify(data.sweep)} but sits on the queue of ${sweep}`);
  if (typeof data.podsim !== 'string') problems.push('podsim (the version) is missing');
  const s = data.settings;
  if (!isPlain(s)) problems.push('settings is not an object');
  else if (memo !== undefined && typeof data.stage === 'string' && sameSettings(s, memo.stages.get(data.stage))) {
    // The settings of a stage checked already: every job of a stage carries the same.
  } else {
    for (const k of Object.keys(s)) if (!['metrics', 'warmup', 'keepResults', 'series'].includes(k)) problems.push(`settings.${k} is not a setting`);
    if (!Array.isArray(s.metrics) || s.metrics.length > 1000 || !s.metrics.every((m) => typeof m === 'string' && pathKeys(m).ok)) problems.push('settings.metrics must be a list of dotted paths');
    if (!(typeof s.warmup === 'number' && Number.isFinite(s.warmup) && s.warmup >= 0)) problems.push('settings.warmup must be a number of seconds ≥ 0');
    if (typeof s.keepResults !== 'boolean') problems.push('settings.keepResults must be true or false');
    if (s.series !== undefined && !(typeof s.series === 'number' && s.series > 0 && Number.isFinite(s.series))) problems.push('settings.series must be a number of seconds > 0');
    if (problems.length === 0 && data.stage !== stageOf(s as unknown as RunSettings)) problems.push(`stage ${JSON.stringify(data.stage)} is not the digest of its settings`);
    if (problems.length === 0 && memo !== undefined && memo.stages.size < MEMO_LIMIT) memo.stages.set(data.stage as string, s as unknown as RunSettings);
  }
  const t = data.task;
  if (!isPlain(t)) problems.push('task is not an object');
  else {
    if (!isWhole(t.point, 0)) problems.push('task.point must be a whole number ≥ 0');
    if (!isWhole(t.replication, 0)) problems.push('task.replication must be a whole number ≥ 0');
    if (!isPlain(t.values)) problems.push('task.values must map dotted paths to values');
    else {
      for (const [path, v] of Object.entries(t.values)) {
        if (memo?.paths.has(path) === true) {
          // A varied path checked already.
        } else if (!pathKeys(path).ok) problems.push(`task.values has ${JSON.stringify(path)}, which is not a dotted path`);
        else if (memo !== undefined && memo.paths.size < MEMO_LIMIT) memo.paths.add(path);
        if (!isJsonValue(v)) problems.push(`task.values[${JSON.stringify(path)}] is not JSON data`);
      }
    }
  }
  if (!isWhole(data.runTimeout, 1)) problems.push('runTimeout must be a whole number of milliseconds ≥ 1');
  if (!isWhole(data.ttl, 1)) problems.push('ttl must be a whole number of seconds ≥ 1');
  return problems.length > 0 ? { ok: false, problems } : { ok: true, job: data as unknown as QueueJob };
}

/**
 * Checks a sweep's stored definition: its format, hash, version (this worker's `version`) and
 * scenario (validated as `simulate()` would). A worker serves no sweep whose definition fails.
 * @internal
 * @returns the definition, or why it is refused; `wrongVersion` when only the version differs
 * (another worker may serve it).
 */
export function checkSweepDefinition(data: unknown, hash: string, version: string): { ok: true; definition: SweepDefinition } | { ok: false; reason: string; wrongVersion?: boolean } {
  if (!isPlain(data) || data.format !== 'podsim-sweep/1') return { ok: false, reason: 'its definition is not a podsim sweep (format podsim-sweep/1)' };
  if (data.hash !== hash) return { ok: false, reason: `its definition names sweep ${JSON.stringify(data.hash)}` };
  if (data.podsim !== version) return { ok: false, reason: `it needs podsim ${String(data.podsim)} and this worker runs ${version} (results are byte-identical only within one version)`, wrongVersion: true };
  const v = validateScenario(data.scenario);
  if (!v.ok) return { ok: false, reason: `its scenario is invalid: ${v.issues.slice(0, 3).map(formatIssue).join('; ')}${v.issues.length > 3 ? ` (and ${v.issues.length - 3} more)` : ''}` };
  return { ok: true, definition: data as unknown as SweepDefinition };
}

/** Canonical JSON of settings, for comparing stages. @internal */
export function settingsText(settings: RunSettings): string {
  return canonicalJson(settings);
}
