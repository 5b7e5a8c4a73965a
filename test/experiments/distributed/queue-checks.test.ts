import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { experiment, PodsimError } from '../../../src/index.js';
import { exactJson, parseExactJson, queueRunner, runWorker } from '../../../src/experiments/index.js';
import { checkQueueJob, checkSweepDefinition, jobCheckMemo, jobIdOf, stageOf } from '../../../src/experiments/queue/queue-job.js';
import { redactError, redactText, resolveConnection } from '../../../src/experiments/queue/redis-connection.js';
import { podsim, workspace } from '../../cli/cli-harness.js';
import { mmc, mmcYaml } from './fixtures.js';

// What the queue checks before touching Redis: connections, options, job payloads, sweep definitions.

describe('resolveConnection(url)', () => {
  it('reads host, port, database, user and password from redis:// and turns TLS on for rediss://', () => {
    const issues: never[] = [];
    expect(resolveConnection('redis://127.0.0.1:6380/2', 'c', issues)).toEqual({ host: '127.0.0.1', port: 6380, db: 2, connectTimeout: 10_000, label: 'redis://127.0.0.1:6380/2' });
    const tls = resolveConnection('rediss://alice:p%40ss@redis.internal/0', 'c', issues);
    expect(tls).toMatchObject({ host: 'redis.internal', port: 6379, db: 0, username: 'alice', password: 'p@ss', tls: {}, label: 'rediss://alice:***@redis.internal:6379/0' });
    // Options override the URL's parts; an explicit tls: false turns TLS off.
    expect(resolveConnection({ url: 'rediss://h:1/3', password: 'x', port: 2, tls: false }, 'c', issues)).toMatchObject({ port: 2, db: 3, password: 'x', label: 'redis://:***@h:2/3' });
    expect(issues).toEqual([]);
  });

  it('reports every problem, with the password hidden', () => {
    const issues: { path: string; message: string }[] = [];
    resolveConnection('http://:hunter2@host:6379/0', 'queue.connection', issues as never);
    resolveConnection('redis://:hunter2@host:6379/zero', 'queue.connection', issues as never);
    resolveConnection({ url: 'redis://h', port: 70000, db: -1, connectTimeout: 0 }, 'queue.connection', issues as never);
    resolveConnection(undefined, 'queue.connection', issues as never);
    expect(issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'queue.connection: "http://:***@host:6379/0" is not a Redis URL: expected redis://[[user]:password@]host[:port][/db] or rediss://… for TLS',
      'queue.connection: the database in "redis://:***@host:6379/zero" must be a number, such as /0',
      'queue.connection.port: must be a port number 1–65535, got 70000',
      'queue.connection.db: must be a database number ≥ 0, got -1',
      'queue.connection.connectTimeout: must be a number of milliseconds > 0, got 0',
      "queue.connection: is required: a Redis URL such as 'redis://127.0.0.1:6379/0', or { host, port, password, tls }",
    ]);
    expect(JSON.stringify(issues)).not.toContain('hunter2');
  });
});

describe('redactText(text, secrets)', () => {
  it('hides the password of any Redis URL and every secret, as written and URL-encoded, also in stacks', () => {
    expect(redactText('lost redis://:pw1@a:1/0 and rediss://bob:pw2@b:2 (pw3, p%20w), not http://u:pw4@c', ['pw3', 'p w'])).toBe('lost redis://:***@a:1/0 and rediss://bob:***@b:2 (***, ***), not http://u:***@c');
    const c = resolveConnection({ url: 'redis://h:1/0', password: 's3cret!' }, 'c', []);
    const e = redactError(c!, new Error('AUTH s3cret! failed'));
    expect(e.message).toBe('AUTH *** failed');
    expect(e.stack).not.toContain('s3cret!');
  });
});

describe('the queue options of experiment()', () => {
  it('are checked with the others, every problem at once, before anything connects', async () => {
    const bad = experiment({ scenario: mmc(10), replications: 2, queue: { connection: 'redis://:topsecret@h:99999/0', attempts: 0, runTimeout: -1, prefix: 'a:b', resume: true, fresh: true, retries: 2 } as never });
    await expect(bad).rejects.toThrow(PodsimError);
    const issues = await bad.catch((e: PodsimError) => e.issues.map((i) => i.path));
    expect(issues).toEqual(['queue.retries', 'queue.connection', 'queue.fresh', 'queue.attempts', 'queue.runTimeout', 'queue.prefix']);
    expect(await bad.catch((e: Error) => e.message)).not.toContain('topsecret');
    await expect(experiment({ scenario: mmc(10), replications: 2, runner: queueRunner({ connection: 'redis://h' }), queue: { connection: 'redis://h' } })).rejects.toThrow(/queue: cannot be combined with runner/);
    await expect(runWorker({ connection: 'redis://h', concurrency: 0, sweeps: ['xyz'] })).rejects.toThrow(/concurrency: must be a whole number of threads ≥ 1[\s\S]*sweeps: must be a list of sweep hashes/);
  });

  it('fail fast, password hidden, when Redis cannot be reached', async () => {
    const r = experiment({ scenario: mmc(10), replications: 2, queue: { connection: { url: 'redis://:topsecret@127.0.0.1:1/0', connectTimeout: 300 } } });
    await expect(r).rejects.toThrow(/cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1\/0 within 300 ms/);
    expect(await r.catch((e: Error) => `${e.message}${e.stack}`)).not.toContain('topsecret');
  });
});

describe('podsim sweep --queue (flags)', () => {
  it('refuses queue-only flags without --queue and --workers with it, in one line, and keeps the password out', async () => {
    const dir = workspace({ 's.yaml': mmcYaml(10) });
    for (const [argv, message] of [
      [['--resume'], 'podsim sweep: --resume applies to a sweep on a queue: add --queue redis://host:6379/0'],
      [['--run-timeout', '5s'], 'podsim sweep: --run-timeout applies to a sweep on a queue: add --queue redis://host:6379/0'],
      [['--queue', 'redis://:topsecret@h/0', '--workers', '2'], 'podsim sweep: --workers sets threads on this machine; with --queue the runs execute on the workers (podsim worker --queue … --concurrency N)'],
      [['--queue', 'redis://:topsecret@h/0', '--shard', '0/2', '--out', 'o'], 'podsim sweep: --shard and --queue are two ways to spread a sweep: choose one'],
      [['--queue', 'http://:topsecret@h/0'], 'podsim sweep: queue.connection: "http://:***@h/0" is not a Redis URL: expected redis://[[user]:password@]host[:port][/db] or rediss://… for TLS'],
    ] as const) {
      const r = await podsim(['sweep', 's.yaml', '--reps', '2', ...argv], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`${message}\n`);
    }
  });
});

describe('checkQueueJob(data, sweep)', () => {
  const settings = { metrics: ['wait.mean'], warmup: 0, keepResults: false };
  const good = { format: 'podsim-run/1', podsim: '0.1.0', sweep: 'a'.repeat(64), stage: stageOf(settings), settings, task: { point: 1, values: { 'hosts[0].count': 4 }, replication: 2 }, runTimeout: 1000, ttl: 60 };

  it('accepts a job the coordinator makes, whose id is its stage and key', () => {
    expect(checkQueueJob(good, 'a'.repeat(64))).toEqual({ ok: true, job: good });
    expect(jobIdOf(good.stage, good.task)).toBe(`${good.stage}-p1r2`);
  });

  it('refuses a job of another sweep, with settings that do not match its stage, or with malformed fields, listing every problem', () => {
    const r = checkQueueJob({ ...good, sweep: 'b'.repeat(64), settings: { ...settings, warmup: -1, extra: 1 }, task: { point: -1, values: { 'not a path': () => 1 }, replication: 0.5 }, runTimeout: 0 }, 'a'.repeat(64));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems).toEqual([
      `it names sweep "${'b'.repeat(64)}" but sits on the queue of ${'a'.repeat(64)}`,
      'settings.extra is not a setting',
      'settings.warmup must be a number of seconds ≥ 0',
      'task.point must be a whole number ≥ 0',
      'task.replication must be a whole number ≥ 0',
      'task.values has "not a path", which is not a dotted path',
      'task.values["not a path"] is not JSON data',
      'runTimeout must be a whole number of milliseconds ≥ 1',
    ]);
    const tampered = checkQueueJob({ ...good, settings: { ...settings, warmup: 5 } }, 'a'.repeat(64));
    expect(!tampered.ok && tampered.problems).toEqual([`stage "${good.stage}" is not the digest of its settings`]);
    expect(checkQueueJob('rm -rf /', 'a'.repeat(64))).toEqual({ ok: false, problems: ['the job data is not an object'] });
  });

  it('with a memo, checks a stage\'s settings and a varied path once, and still refuses a job whose settings differ from its stage\'s', () => {
    const memo = jobCheckMemo();
    expect(checkQueueJob(good, 'a'.repeat(64), memo)).toEqual({ ok: true, job: good });
    expect([...memo.stages.keys()]).toEqual([good.stage]);
    expect([...memo.paths]).toEqual(['hosts[0].count']);
    const later = JSON.parse(JSON.stringify({ ...good, task: { point: 2, values: { 'hosts[0].count': 5 }, replication: 0 } }));
    expect(checkQueueJob(later, 'a'.repeat(64), memo)).toEqual({ ok: true, job: later });
    // Settings under a stage checked before, but not its settings: checked in full, and refused.
    for (const tampered of [{ ...settings, warmup: 5 }, { ...settings, metrics: ['wait.p99'] }, { ...settings, extra: 1 }, { ...settings, series: 2 }]) {
      const r = checkQueueJob({ ...good, settings: tampered }, 'a'.repeat(64), memo);
      expect(r.ok).toBe(false);
    }
    expect(checkQueueJob({ ...good, task: { ...good.task, values: { 'not a path': 1 } } }, 'a'.repeat(64), memo)).toEqual({ ok: false, problems: ['task.values has "not a path", which is not a dotted path'] });
    expect(checkQueueJob({ ...good, sweep: 'b'.repeat(64) }, 'a'.repeat(64), memo).ok).toBe(false);
    expect(memo.stages.size).toBe(1);
  });
});

describe('checkSweepDefinition(data, hash, version)', () => {
  it('refuses an invalid scenario with its issues, and another version as such', () => {
    const hash = 'c'.repeat(64);
    expect(checkSweepDefinition({ format: 'podsim-sweep/1', podsim: '0.1.0', hash, scenario: mmc(5) }, hash, '0.1.0').ok).toBe(true);
    expect(checkSweepDefinition({ format: 'podsim-sweep/1', podsim: '0.1.0', hash, scenario: { hosts: [], workloads: 3 } }, hash, '0.1.0')).toMatchObject({ ok: false, reason: expect.stringMatching(/^its scenario is invalid: /) });
    expect(checkSweepDefinition({ format: 'podsim-sweep/1', podsim: '9.9.9', hash, scenario: mmc(5) }, hash, '0.1.0')).toEqual({ ok: false, wrongVersion: true, reason: 'it needs podsim 9.9.9 and this worker runs 0.1.0 (results are byte-identical only within one version)' });
    expect(checkSweepDefinition({ format: 'podsim-sweep/1', podsim: '0.1.0', hash: 'd'.repeat(64), scenario: mmc(5) }, hash, '0.1.0')).toMatchObject({ ok: false });
  });
});

describe('exactJson(value) and parseExactJson(text)', () => {
  it('bring back NaN, ±Infinity and −0, which JSON.stringify loses', () => {
    const o = { point: 0, replication: 1, metrics: [NaN, Infinity, -Infinity, -0, 0, 1.5e-300] };
    const back = parseExactJson(exactJson(o)) as typeof o;
    expect(back.metrics.map((x) => Object.is(x, -0) ? '-0' : String(x))).toEqual(['NaN', 'Infinity', '-Infinity', '-0', '0', '1.5e-300']);
  });

  it('round-trips any JSON-like data with any doubles, byte for byte once stringified again', () => {
    const data = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.double(), fc.integer(), fc.string(), fc.boolean(), fc.constant(null), fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(fc.string().filter((k) => k !== '$num' && k !== '__proto__'), tie('value'), { maxKeys: 4, noNullPrototype: true })),
    })).value;
    fc.assert(fc.property(data, (v) => {
      const back = parseExactJson(exactJson(v));
      expect(exactJson(back)).toBe(exactJson(v));
      expect(back).toStrictEqual(v);
    }));
  });
});
