import fc from 'fast-check';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { experiment, PodsimError } from '../../../src/index.js';
import { exactJson, mergeShards, parseExactJson, parseShard, runShard, shardFromEnv, type ShardOutput } from '../../../src/experiments/index.js';
import { inShard } from '../../../src/experiments/shard-spec.js';
import { expectOneLineFailure, podsim, workspace } from '../../cli/cli-harness.js';
import { mmc, mmcYaml } from './fixtures.js';

const options = {
  scenario: mmc(200),
  vary: { 'hosts[0].count': [9, 10, 11], 'scheduler.policy': ['first-fit', 'kube'] },
  baseline: { 'scheduler.policy': 'first-fit' },
  replications: 5,
  metrics: ['wait.mean', 'wait.p99'],
  workers: 1,
};

describe('parseShard(text) and shardFromEnv(env, count)', () => {
  it('reads i/N from 0, and the shard a Kubernetes Indexed Job or a Slurm array assigns', () => {
    expect(parseShard('2/4')).toEqual({ ok: true, shard: { index: 2, count: 4 } });
    expect(parseShard('4/4')).toEqual({ ok: false, reason: 'shard 4 of 4 does not exist: shards are numbered 0 to 3' });
    expect(parseShard('1-4')).toEqual({ ok: false, reason: '"1-4" is not i/N, such as 0/4 (shards are numbered from 0)' });
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: '3' }, 8)).toEqual({ ok: true, shard: { index: 3, count: 8 }, source: 'JOB_COMPLETION_INDEX' });
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: '3', PODSIM_SHARD_COUNT: '4' })).toMatchObject({ ok: true, shard: { index: 3, count: 4 } });
    // Slurm arrays often count from 1: --array=1-8 gives shards 0 … 7.
    expect(shardFromEnv({ SLURM_ARRAY_TASK_ID: '8', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '8' })).toEqual({ ok: true, shard: { index: 7, count: 8 }, source: 'SLURM_ARRAY_TASK_ID' });
  });

  it('says which variable is missing or wrong', () => {
    const paths = (r: ReturnType<typeof shardFromEnv>) => (r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`));
    expect(paths(shardFromEnv({}))).toEqual([
      'JOB_COMPLETION_INDEX: is not set, nor is SLURM_ARRAY_TASK_ID: --shard-from-env runs inside a Kubernetes Indexed Job or a Slurm job array (elsewhere, give --shard i/N)',
      "PODSIM_SHARD_COUNT: the number of shards is unknown: give --shard-count N (the Job's completions) or set PODSIM_SHARD_COUNT",
    ]);
    expect(paths(shardFromEnv({ JOB_COMPLETION_INDEX: '8' }, 8))).toEqual(['JOB_COMPLETION_INDEX: shard 8 of 8 does not exist: shards are numbered 0 to 7']);
    expect(paths(shardFromEnv({ SLURM_ARRAY_TASK_ID: 'x', SLURM_ARRAY_TASK_COUNT: '2' }))).toEqual(['SLURM_ARRAY_TASK_ID: must be a whole number, got "x"']);
  });

  it('inShard(k, shard) puts every run in exactly one of N shards, and the shards differ in size by at most one', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 20 }), (runs, count) => {
      const sizes = Array.from({ length: count }, (_, index) => Array.from({ length: runs }, (_, k) => k).filter((k) => inShard(k, { index, count })).length);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(runs);
      for (let k = 0; k < runs; k++) expect(Array.from({ length: count }, (_, index) => inShard(k, { index, count })).filter(Boolean)).toHaveLength(1);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }));
  });
});

describe('runShard(options, shard) and mergeShards(shards)', () => {
  it('give byte for byte what experiment() gives, for any number of shards, through exactJson files', async () => {
    const local = JSON.stringify(await experiment(options));
    for (const count of [1, 4, 7]) {
      const shards = [];
      for (let index = count - 1; index >= 0; index--) {
        const out = await runShard(options, { index, count });
        shards.push({ source: `shard-${index}`, output: parseExactJson(exactJson(out)) as ShardOutput });
      }
      expect(shards.reduce((n, s) => n + s.output.outcomes.length, 0)).toBe(30);
      expect(JSON.stringify(await mergeShards(shards))).toBe(local);
    }
  });

  it('refuse sequential replications and warmup auto, which decide what to run from results, saying to use a queue', async () => {
    const r = runShard({ ...options, replications: { min: 3, max: 9, relativeHalfWidth: 0.1 }, warmup: 'auto' }, { index: 0, count: 2 });
    await expect(r).rejects.toThrow(PodsimError);
    const issues = await r.then(() => [], (e: PodsimError) => e.issues);
    expect(issues.map((i) => [i.code, i.path])).toEqual([['shard_unsupported', 'replications'], ['shard_unsupported', 'warmup']]);
    expect(issues[0]?.message).toMatch(/give a number of replications, or run the sweep on a queue/);
  });

  it('report missing, duplicated and foreign shards, listing them', async () => {
    const a = await runShard(options, { index: 0, count: 3 });
    const b = await runShard(options, { index: 1, count: 3 });
    const other = await runShard({ ...options, replications: 4 }, { index: 2, count: 3 });
    const messages = async (s: { source: string; output: ShardOutput }[]) => mergeShards(s).then(() => [], (e: PodsimError) => e.issues.map((i) => `${i.path}: ${i.message}`));
    const h = a.hash.slice(0, 12);
    expect(await messages([{ source: 'a', output: a }, { source: 'b1', output: b }, { source: 'b2', output: b }])).toEqual([`shards: missing shard 2; duplicated shard 1 (b1, b2), of 3 shards of sweep ${h}`]);
    expect(await messages([{ source: 'a', output: a }, { source: 'x', output: other }])).toEqual([`x: belongs to sweep ${other.hash.slice(0, 12)}, not ${h} (a)`]);
    const forged = { ...b, outcomes: b.outcomes.slice(1) };
    expect(await messages([{ source: 'a', output: a }, { source: 'b', output: forged }, { source: 'c', output: await runShard(options, { index: 2, count: 3 }) }])).toEqual([expect.stringMatching(/^b: holds 9 runs where shard 1 of 3 has 10 \(p0r1, p0r4, p1r2, …\)$/)]);
  });
});

describe('podsim sweep --shard and podsim merge', () => {
  const A = ['s.yaml', '--vary', 'hosts[0].count=9,10,11', '--vary', 'scheduler.policy=first-fit,kube', '--baseline', 'scheduler.policy=first-fit', '--reps', '5', '--metric', 'wait.mean,wait.p99', '--workers', '1'];

  it('4 shards (one from JOB_COMPLETION_INDEX) merge into the points.csv, points.json and report a single sweep writes', async () => {
    const dir = workspace({ 's.yaml': mmcYaml(200) });
    expect((await podsim(['sweep', ...A, '--out', 'local', '--report', 'local.html'], dir)).code).toBe(0);
    for (const i of [0, 1, 2]) {
      const r = await podsim(['sweep', ...A, '--shard', `${i}/4`, '--out', 'shards'], dir);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(new RegExp(`^podsim sweep: shard ${i} of 4 of sweep [0-9a-f]{12}: [78] of 30 runs\\nwrote shards/shard-${i}-of-4\\.json\\n$`));
    }
    const k8s = await podsim(['sweep', ...A, '--shard-from-env', '--shard-count', '4', '--out', 'shards'], dir, { env: { JOB_COMPLETION_INDEX: '3' } });
    expect(k8s.stdout).toContain('wrote shards/shard-3-of-4.json');
    const merged = await podsim(['merge', 'shards', '--out', 'merged', '--report', 'merged.html'], dir);
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
    expect(merged.stdout).toMatch(/^podsim merge: 4 shards of sweep [0-9a-f]{12} \(s\.yaml\)\n/);
    for (const f of ['points.csv', 'points.json']) expect(readFileSync(join(dir, 'merged', f), 'utf8')).toBe(readFileSync(join(dir, 'local', f), 'utf8'));
    expect(readFileSync(join(dir, 'merged.html'), 'utf8')).toBe(readFileSync(join(dir, 'local.html'), 'utf8'));
  });

  it('podsim merge exits 2 listing missing and duplicated shards; --shard refuses what it cannot do', async () => {
    const dir = workspace({ 's.yaml': mmcYaml(100) });
    for (const i of [0, 1, 3]) expect((await podsim(['sweep', ...A, '--shard', `${i}/4`, '--out', 'shards'], dir)).code).toBe(0);
    writeFileSync(join(dir, 'copy.json'), readFileSync(join(dir, 'shards/shard-1-of-4.json')));
    const line = expectOneLineFailure(await podsim(['merge', 'shards', 'copy.json'], dir));
    expect(line).toMatch(/^podsim merge: shards: missing shard 2; duplicated shard 1 \(shards\/shard-1-of-4\.json, copy\.json\), of 4 shards of sweep [0-9a-f]{12}$/);
    rmSync(join(dir, 'shards'), { recursive: true });
    expect(expectOneLineFailure(await podsim(['merge', 'nowhere'], dir))).toBe('podsim merge: nowhere: no such file or folder');
    expect(expectOneLineFailure(await podsim(['sweep', ...A, '--shard', '0/4'], dir))).toBe('podsim sweep: --shard needs --out DIR, where the shard writes shard-<i>-of-<N>.json for podsim merge');
    expect(expectOneLineFailure(await podsim(['sweep', ...A, '--shard', '4/4', '--out', 'o'], dir))).toMatch(/argument '4\/4' is invalid\. shard 4 of 4 does not exist: shards are numbered 0 to 3\./);
    expect(expectOneLineFailure(await podsim(['sweep', ...A, '--shard', '0/4', '--out', 'o', '--report', 'r.html'], dir))).toBe("podsim sweep: --report needs every shard's runs: give it to podsim merge");
    expect(expectOneLineFailure(await podsim(['sweep', ...A, '--shard-from-env', '--out', 'o'], dir))).toBe('podsim sweep: JOB_COMPLETION_INDEX: is not set, nor is SLURM_ARRAY_TASK_ID: --shard-from-env runs inside a Kubernetes Indexed Job or a Slurm job array (elsewhere, give --shard i/N) (and 1 more problem)');
    expect(expectOneLineFailure(await podsim(['sweep', 's.yaml', '--reps', '3..9', '--target', '0.1', '--shard', '0/2', '--out', 'o'], dir))).toMatch(/^podsim sweep: replications: shards run a fixed list of runs, and sequential replications/);
  });
});
