import { mkdir } from 'node:fs/promises';
import seedrandom from 'seedrandom';
import { PodsimError, type Issue } from '../errors.js';
import { generateAlibaba } from './generate/generate-alibaba.js';
import { generateGoogle } from './generate/generate-google.js';
import type { GeneratedTrace, GenerateTraceOptions } from './generate/generate-types.js';
import type { Rng } from './generate/random-helpers.js';

export type {
  TraceFormat,
  GenerateTraceOptions,
  GeneratedTrace,
  GeneratedTask,
  GeneratedOutcome,
  GeneratedMachine,
  GeneratedMachineEvent,
} from './generate/generate-types.js';

function validate(o: GenerateTraceOptions): void {
  const issues: Issue[] = [];
  if (!['google2011', 'google2019', 'alibaba2018'].includes(o.format)) issues.push({ code: 'invalid_format', path: 'format', message: `"${String(o.format)}" is not google2011, google2019 or alibaba2018` });
  if (!Number.isSafeInteger(o.machines) || o.machines < 1) issues.push({ code: 'invalid_count', path: 'machines', message: `${String(o.machines)} is not a positive integer` });
  if (!Number.isSafeInteger(o.tasks) || o.tasks < 0) issues.push({ code: 'invalid_count', path: 'tasks', message: `${String(o.tasks)} is not a non-negative integer` });
  if (typeof o.seed !== 'number' && typeof o.seed !== 'string') issues.push({ code: 'invalid_seed', path: 'seed', message: 'the seed must be a number or a string' });
  if (typeof o.dir !== 'string' || o.dir === '') issues.push({ code: 'required', path: 'dir', message: 'a folder to write into is needed' });
  if (o.meanDuration !== undefined && !(o.meanDuration > 0)) issues.push({ code: 'invalid_duration', path: 'meanDuration', message: `${String(o.meanDuration)} is not a positive number of seconds` });
  if (o.tasksPerMachine !== undefined && !(o.tasksPerMachine > 0)) issues.push({ code: 'invalid_count', path: 'tasksPerMachine', message: `${String(o.tasksPerMachine)} is not a positive number` });
  if (o.containers !== undefined && (!Number.isSafeInteger(o.containers) || o.containers < 0)) issues.push({ code: 'invalid_count', path: 'containers', message: `${String(o.containers)} is not a non-negative integer` });
  if (issues.length > 0) throw new PodsimError(issues, 'invalid generateTrace options');
}

/**
 * Writes a synthetic cluster trace that follows a published schema, for tests, examples and
 * benchmarks, without any download. Deterministic for a given seed. Google traces are written in
 * time order with jobs of several tasks, a few failures, kills, evictions (followed by a second
 * run), tasks killed while pending and request updates; Alibaba traces have batch tasks with
 * instances and online containers. By default it also writes what real traces have and readers
 * must cope with ({@link GenerateTraceOptions.realFeatures}): machine removals, returns and
 * capacity updates (Alibaba: machines set up before they serve, one never in service), end rows at
 * 2⁶³−1, figures in exponent notation, BigQuery-style int64 strings and alloc sets (Google 2019),
 * starts of 0, ends before starts and several rows per container (Alibaba). Memory stays small
 * however many tasks are written (unless `truth` is asked for).
 *
 * Layout: Google 2011 `task_events/part-00000-of-00001.csv` and `machine_events/…`; Google 2019
 * `instance_events-000000000000.json`, `machine_events-…`, `collection_events-…`; Alibaba
 * `batch_task.csv`, `batch_instance.csv`, `container_meta.csv`, `machine_meta.csv` (plus `.gz`
 * when `gzip`).
 *
 * @example
 * ```ts
 * const trace = await generateTrace({ format: 'google2011', machines: 10, tasks: 200, seed: 42, dir: '/tmp/t', gzip: true });
 * const tasks = await readTrace({ format: 'google2011', dir: trace.dir }, { shape }).tasks.toArray();
 * ```
 */
export async function generateTrace(options: GenerateTraceOptions): Promise<GeneratedTrace> {
  validate(options);
  await mkdir(options.dir, { recursive: true });
  const rng: Rng = seedrandom.xor4096(String(options.seed));
  if (options.format === 'alibaba2018') return generateAlibaba(options, rng);
  return generateGoogle(options, rng);
}
