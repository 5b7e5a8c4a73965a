import type { Issue } from '../errors.js';

/**
 * One of N deterministic slices of a sweep's runs: shard `index` (0 … count − 1) of `count`.
 *
 * @example
 * ```ts
 * const s: ShardSpec = { index: 2, count: 4 }; // `--shard 2/4`
 * ```
 */
export interface ShardSpec {
  /** Which slice, from 0 (as Kubernetes' `JOB_COMPLETION_INDEX` counts). */
  readonly index: number;
  /** How many slices the sweep is cut into. */
  readonly count: number;
}

const whole = (t: string | undefined) => (t !== undefined && /^\s*\d+\s*$/.test(t) ? Number(t) : undefined);

/**
 * Reads `i/N` (shard i of N, i from 0).
 *
 * @returns the shard, or why the text is not one.
 * @example
 * ```ts
 * parseShard('2/4'); // { ok: true, shard: { index: 2, count: 4 } }
 * parseShard('4/4'); // { ok: false, reason: 'shard 4 of 4 does not exist: shards are numbered 0 to 3' }
 * ```
 */
export function parseShard(text: string): { ok: true; shard: ShardSpec } | { ok: false; reason: string } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (m === null) return { ok: false, reason: `${JSON.stringify(text)} is not i/N, such as 0/4 (shards are numbered from 0)` };
  return checkShard(Number(m[1]), Number(m[2]));
}

function checkShard(index: number, count: number): { ok: true; shard: ShardSpec } | { ok: false; reason: string } {
  if (!(Number.isSafeInteger(count) && count >= 1)) return { ok: false, reason: `the number of shards must be at least 1, got ${count}` };
  if (!(Number.isSafeInteger(index) && index >= 0 && index < count)) return { ok: false, reason: `shard ${index} of ${count} does not exist: shards are numbered 0 to ${count - 1}` };
  return { ok: true, shard: { index, count } };
}

/**
 * The shard a batch scheduler assigned this process, from its environment: Kubernetes Indexed Jobs
 * set `JOB_COMPLETION_INDEX` (0 … completions − 1); Slurm job arrays set `SLURM_ARRAY_TASK_ID`
 * (counted from `SLURM_ARRAY_TASK_MIN`, so `--array=1-8` gives shards 0 … 7). The number of shards
 * is `count` when given, else `PODSIM_SHARD_COUNT`, else `SLURM_ARRAY_TASK_COUNT`.
 *
 * @returns the shard, or the issues naming the variables to set.
 * @example
 * ```ts
 * shardFromEnv({ JOB_COMPLETION_INDEX: '3' }, 8); // { ok: true, shard: { index: 3, count: 8 } }
 * shardFromEnv({ SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '8' }); // shard 4 of 8
 * ```
 */
export function shardFromEnv(env: Readonly<Record<string, string | undefined>>, count?: number): { ok: true; shard: ShardSpec; source: string } | { ok: false; issues: Issue[] } {
  const issues: Issue[] = [];
  let index: number | undefined;
  let source = '';
  if (env.JOB_COMPLETION_INDEX !== undefined) {
    index = whole(env.JOB_COMPLETION_INDEX);
    source = 'JOB_COMPLETION_INDEX';
    if (index === undefined) issues.push({ code: 'invalid_value', path: 'JOB_COMPLETION_INDEX', message: `must be a whole number, got ${JSON.stringify(env.JOB_COMPLETION_INDEX)}` });
  } else if (env.SLURM_ARRAY_TASK_ID !== undefined) {
    const id = whole(env.SLURM_ARRAY_TASK_ID);
    const min = env.SLURM_ARRAY_TASK_MIN === undefined ? 0 : whole(env.SLURM_ARRAY_TASK_MIN);
    source = 'SLURM_ARRAY_TASK_ID';
    if (id === undefined) issues.push({ code: 'invalid_value', path: 'SLURM_ARRAY_TASK_ID', message: `must be a whole number, got ${JSON.stringify(env.SLURM_ARRAY_TASK_ID)}` });
    else if (min === undefined) issues.push({ code: 'invalid_value', path: 'SLURM_ARRAY_TASK_MIN', message: `must be a whole number, got ${JSON.stringify(env.SLURM_ARRAY_TASK_MIN)}` });
    else index = id - min;
  } else {
    issues.push({ code: 'missing_value', path: 'JOB_COMPLETION_INDEX', message: 'is not set, nor is SLURM_ARRAY_TASK_ID: --shard-from-env runs inside a Kubernetes Indexed Job or a Slurm job array (elsewhere, give --shard i/N)' });
  }
  let n = count;
  if (n === undefined) {
    if (env.PODSIM_SHARD_COUNT !== undefined) {
      n = whole(env.PODSIM_SHARD_COUNT);
      if (n === undefined) issues.push({ code: 'invalid_value', path: 'PODSIM_SHARD_COUNT', message: `must be a whole number, got ${JSON.stringify(env.PODSIM_SHARD_COUNT)}` });
    } else if (env.SLURM_ARRAY_TASK_COUNT !== undefined) {
      n = whole(env.SLURM_ARRAY_TASK_COUNT);
      if (n === undefined) issues.push({ code: 'invalid_value', path: 'SLURM_ARRAY_TASK_COUNT', message: `must be a whole number, got ${JSON.stringify(env.SLURM_ARRAY_TASK_COUNT)}` });
    } else {
      issues.push({ code: 'missing_value', path: 'PODSIM_SHARD_COUNT', message: 'the number of shards is unknown: give --shard-count N (the Job\'s completions) or set PODSIM_SHARD_COUNT' });
    }
  }
  if (issues.length > 0 || index === undefined || n === undefined) return { ok: false, issues };
  const c = checkShard(index, n);
  if (!c.ok) return { ok: false, issues: [{ code: 'invalid_value', path: source, message: c.reason }] };
  return { ok: true, shard: c.shard, source };
}

/**
 * Whether run number `k` of a sweep's list belongs to `shard`: runs are dealt round-robin, so every
 * shard gets a mix of points (and about the same work) whatever the grid's shape.
 * @internal
 * @example
 * ```ts
 * inShard(5, { index: 1, count: 4 }); // true
 * ```
 */
export function inShard(k: number, shard: ShardSpec): boolean {
  return k % shard.count === shard.index;
}

/**
 * The file name a shard's output gets: `shard-<index>-of-<count>.json`, so that every shard of a
 * sweep can write into one folder.
 * @internal
 */
export function shardFileName(shard: ShardSpec): string {
  return `shard-${shard.index}-of-${shard.count}.json`;
}
