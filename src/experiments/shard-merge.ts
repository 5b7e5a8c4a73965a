import { PodsimError, type Issue } from '../errors.js';
import { experiment, planExperiment, type ExperimentResult } from './experiment.js';
import { runKey, type RunOutcome } from './run-task.js';
import type { ExperimentRunner } from './runner.js';
import { experimentOptionsOf, shardRunList, type ShardOutput } from './shard-run.js';
import { inShard } from './shard-spec.js';
import { canonicalJson } from './sweep-hash.js';

/**
 * A shard output to merge, with where it came from (for messages).
 *
 * @example
 * ```ts
 * const s: ShardSource = { source: 'out/shard-0-of-4.json', output: JSON.parse(text) };
 * ```
 */
export interface ShardSource {
  /** The file it was read from, or any name. */
  readonly source: string;
  readonly output: ShardOutput;
}

const list = (xs: readonly number[]) => xs.join(', ');

/**
 * Checks that `shards` are exactly the N shards of one sweep, each once, each holding its own slice
 * of the runs, all from one podsim version; returns every problem, the missing and duplicated
 * shards listed by number.
 * @internal
 */
export function shardProblems(shards: readonly ShardSource[]): Issue[] {
  const issues: Issue[] = [];
  if (shards.length === 0) return [{ code: 'shard_missing', path: 'shards', message: 'no shard outputs given (shard-<i>-of-<N>.json files, or folders holding them)' }];
  for (const { source, output } of shards) {
    if (typeof output !== 'object' || output === null || output.format !== 'podsim-shard/1') issues.push({ code: 'shard_invalid', path: source, message: 'is not a podsim shard output (format podsim-shard/1)' });
  }
  if (issues.length > 0) return issues;
  const first = shards[0] as ShardSource;
  for (const { source, output } of shards.slice(1)) {
    if (output.hash !== first.output.hash) issues.push({ code: 'shard_mismatch', path: source, message: `belongs to sweep ${output.hash.slice(0, 12)}, not ${first.output.hash.slice(0, 12)} (${first.source})` });
    else if (output.shard.count !== first.output.shard.count) issues.push({ code: 'shard_mismatch', path: source, message: `is one of ${output.shard.count} shards, not ${first.output.shard.count} (${first.source})` });
    else if (output.podsim !== first.output.podsim) issues.push({ code: 'shard_mismatch', path: source, message: `was run by podsim ${output.podsim}, ${first.source} by ${first.output.podsim}: results are byte-identical only within one version` });
  }
  if (issues.length > 0) return issues;
  const count = first.output.shard.count;
  const where = new Map<number, string[]>();
  for (const { source, output } of shards) where.set(output.shard.index, [...(where.get(output.shard.index) ?? []), source]);
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !where.has(i));
  const duplicated = [...where.entries()].filter(([, s]) => s.length > 1).sort(([a], [b]) => a - b);
  if (missing.length > 0 || duplicated.length > 0) {
    const parts = [
      missing.length > 0 ? `missing shard${missing.length === 1 ? '' : 's'} ${list(missing)}` : '',
      duplicated.length > 0 ? `duplicated shard${duplicated.length === 1 ? '' : 's'} ${duplicated.map(([i, s]) => `${i} (${s.join(', ')})`).join(', ')}` : '',
    ].filter((p) => p !== '');
    issues.push({ code: missing.length > 0 ? 'shard_missing' : 'shard_duplicated', path: 'shards', message: `${parts.join('; ')}, of ${count} shards of sweep ${first.output.hash.slice(0, 12)}` });
  }
  return issues;
}

/**
 * Combines the outputs of all N shards of a sweep into the result `experiment()` gives for it, byte
 * for byte: it checks the shards (each of 0 … N − 1 exactly once, one sweep, one podsim version,
 * each holding exactly its slice), then computes the experiment from their outcomes (only
 * replication 0 of the first point runs again, as `experiment()` always runs it first). Missing or
 * duplicated shards throw a {@link PodsimError} listing them.
 *
 * @example
 * ```ts
 * import { mergeShards, parseExactJson } from 'podsim/experiments';
 * const shards = files.map((f) => ({ source: f, output: parseExactJson(readFileSync(f, 'utf8')) as ShardOutput }));
 * const ex = await mergeShards(shards);
 * ```
 */
export async function mergeShards(shards: readonly ShardSource[]): Promise<ExperimentResult> {
  const problems = shardProblems(shards);
  if (problems.length > 0) throw new PodsimError(problems, 'mergeShards: the shards do not make one sweep');
  const first = (shards[0] as ShardSource).output;
  const options = experimentOptionsOf(first.experiment);
  const plan = planExperiment(options);
  if (plan.hash !== first.hash) throw new PodsimError([{ code: 'shard_invalid', path: (shards[0] as ShardSource).source, message: `its experiment hashes to ${plan.hash.slice(0, 12)}, not the ${first.hash.slice(0, 12)} it records (edited, or written by another podsim)` }], 'mergeShards: invalid shard');
  // Each shard must hold exactly its own slice of the run list.
  const runs = shardRunList(plan.live, first.experiment.replications);
  const byKey = new Map<string, RunOutcome>();
  const issues: Issue[] = [];
  for (const { source, output } of shards) {
    const want = runs.filter((_, k) => inShard(k, output.shard)).map(runKey);
    const got = output.outcomes.map(runKey);
    if (canonicalJson(want) !== canonicalJson(got)) issues.push({ code: 'shard_invalid', path: source, message: `holds ${got.length} runs where shard ${output.shard.index} of ${output.shard.count} has ${want.length} (${want.slice(0, 3).join(', ')}${want.length > 3 ? ', …' : ''})` });
    if (canonicalJson(output.settings) !== canonicalJson(first.settings)) issues.push({ code: 'shard_invalid', path: source, message: 'ran with other settings than the other shards' });
    for (const o of output.outcomes) byKey.set(runKey(o), o);
  }
  if (issues.length > 0) throw new PodsimError(issues, 'mergeShards: invalid shard');
  const replay = (): ExperimentRunner => ({
    async run(settings, tasks, onOutcome) {
      if (canonicalJson(settings) !== canonicalJson(first.settings)) throw new Error('podsim: the merge asked for runs with other settings than the shards ran');
      for (const t of tasks) {
        const o = byKey.get(runKey(t));
        if (o === undefined) throw new Error(`podsim: no shard holds run ${runKey(t)}`);
        onOutcome(o);
      }
    },
    async close() {},
  });
  return experiment({ ...options, workers: 1, runner: replay });
}
