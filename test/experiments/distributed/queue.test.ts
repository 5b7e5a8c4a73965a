import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { experiment, findCapacity, PodsimError, type ExperimentOptions } from '../../../src/index.js';
import { runWorker, type QueueWorker } from '../../../src/experiments/index.js';
import { jobIdOf, stageOf } from '../../../src/experiments/queue/queue-job.js';
import { sweepKeys } from '../../../src/experiments/queue/sweep-keys.js';
import { podsim, workspace } from '../../cli/cli-harness.js';
import { describeRequiring, REDIS } from '../../helpers/requires.js';
import { startRedis, type RedisServer } from '../../helpers/redis-server.js';
import { mmc, mmcYaml } from './fixtures.js';

// experiment() and findCapacity() on a real Redis, with workers in this process (runWorker): the
// same bytes as a local sweep for every kind of experiment, resume, clean-up and expiry, failures,
// refusals, passwords and TLS. The tests with worker processes are in processes.test.ts.

const plain = { scenario: mmc(150), replications: 4, metrics: ['wait.mean', 'wait.p99'] };
const base: ExperimentOptions = { ...plain, vary: { 'hosts[0].count': [9, 10, 11], 'scheduler.policy': ['first-fit', 'kube'] }, baseline: { 'scheduler.policy': 'first-fit' } };

describeRequiring(REDIS, 'experiment({ queue }) on Redis with in-process workers', () => {
  let redis: RedisServer;
  let client: Redis;
  let workers: QueueWorker[] = [];
  let logs: string[] = [];
  const queue = (extra: object = {}) => ({ connection: redis.url, checkInterval: 200, log: (l: string) => logs.push(l), ...extra });

  beforeAll(async () => {
    redis = await startRedis();
    client = new Redis(redis.url);
    workers = [await runWorker({ connection: redis.url, concurrency: 1, pollInterval: 200, log: (l) => logs.push(l) }), await runWorker({ connection: redis.url, concurrency: 1, pollInterval: 200, log: (l) => logs.push(l) })];
  }, 60_000);
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    client?.disconnect();
    await redis?.stop();
  }, 60_000);

  it('gives the bytes of a local sweep: fixed replications with a baseline, sequential replications, warm-up auto, and findCapacity', async () => {
    const cases: ExperimentOptions[] = [
      base,
      { ...base, replications: { min: 3, max: 12, relativeHalfWidth: 0.2 }, metrics: ['wait.mean'] },
      { ...plain, vary: { 'hosts[0].count': [10, 11] }, warmup: 'auto' },
    ];
    for (const o of cases) {
      const local = JSON.stringify(await experiment({ ...o, workers: 1 }));
      expect(JSON.stringify(await experiment({ ...o, queue: queue() }))).toBe(local);
    }
    const plan = { scenario: mmc(300), vary: 'hosts[0].count', range: [1, 30] as [number, number], slo: { 'wait.mean': { max: 0.2 } }, replications: { min: 3, max: 12 } };
    expect(JSON.stringify(await findCapacity({ ...plan, queue: queue() }))).toBe(JSON.stringify(await findCapacity({ ...plan, workers: 1 })));
    expect(workers.every((w) => w.stats().runs > 0)).toBe(true);
  }, 120_000);

  it('leaves only the definition and the results, expiring after ttl, once a sweep is done; resume reuses them, and a second start without resume or fresh is refused', async () => {
    const o = { ...base, scenario: mmc(151) };
    const first = await experiment({ ...o, queue: queue({ ttl: 3600 }) });
    // The sweep's keys are named after the first 16 hex digits of its hash.
    const p = 'podsim:' + first.hash.slice(0, 16);
    expect(sweepKeys('podsim', first.hash).results).toBe(`${p}:results`);
    // Once both workers have let the sweep go, what is left is its definition and its results, and
    // at most a few BullMQ keys a worker wrote after the queue was deleted, expiring with them.
    const done = `sweep ${first.hash.slice(0, 12)}: done (closed by its coordinator)`;
    for (let t = Date.now(); logs.filter((l) => l === done).length < 2 && Date.now() - t < 10_000;) await new Promise((r) => setTimeout(r, 20));
    expect(logs.filter((l) => l === done)).toHaveLength(2);
    const left = await client.keys(`${p}:*`);
    expect(left).toEqual(expect.arrayContaining([`${p}:definition`, `${p}:results`]));
    for (const k of left) expect([k, await client.ttl(k)]).toEqual([k, expect.toSatisfy((t: number) => t > 3500 && t <= 3600)]);
    expect(left.filter((k) => !/:(definition|results|meta|stalled-check|events|marker|id)$/.test(k))).toEqual([]);
    // Nothing podsim wrote lives for ever (this and the earlier sweeps).
    for (const k of await client.keys('podsim:*')) expect([k, await client.ttl(k)]).toEqual([k, expect.toSatisfy((t: number) => t > 0)]);
    expect(await client.zscore('podsim:sweeps', first.hash)).toBeNull();
    expect(await client.hlen(`${p}:results`)).toBe(6 * 4 - 1); // all but the probe, run here

    const again = experiment({ ...o, queue: queue() });
    await expect(again).rejects.toThrow(PodsimError);
    expect(await again.catch((e: PodsimError) => e.issues[0]?.message)).toMatch(/^sweep [0-9a-f]{12} already has 23 stored results on redis:\/\/127\.0\.0\.1:\d+\/0 \(left by an earlier coordinator, finished or stopped\): pass resume \(--resume\) to use them, or fresh \(--fresh\) to discard them$/);

    const before = workers.reduce((n, w) => n + w.stats().runs, 0);
    logs = [];
    expect(JSON.stringify(await experiment({ ...o, queue: queue({ resume: true }) }))).toBe(JSON.stringify(first));
    expect(workers.reduce((n, w) => n + w.stats().runs, 0)).toBe(before);
    expect(logs).toContain(`queue: 23 of 23 runs of sweep ${first.hash.slice(0, 12)} were stored already; not running them again`);

    expect(JSON.stringify(await experiment({ ...o, queue: queue({ fresh: true }) }))).toBe(JSON.stringify(first));
    expect(workers.reduce((n, w) => n + w.stats().runs, 0)).toBe(before + 23);
  }, 120_000);

  it('one-thread workers run a point\'s later replications in their own thread once its runs have shown they are short, with the bytes of a local sweep', async () => {
    const o: ExperimentOptions = { ...plain, scenario: mmc(152), vary: { 'hosts[0].count': [10, 11] }, replications: 30 };
    const stats = () => workers.map((w) => w.stats()).reduce((a, b) => ({ runs: a.runs + b.runs, inline: a.inline + b.inline }), { runs: 0, inline: 0 });
    const before = stats();
    expect(JSON.stringify(await experiment({ ...o, queue: queue() }))).toBe(JSON.stringify(await experiment({ ...o, workers: 1 })));
    const after = stats();
    expect(after.runs - before.runs).toBe(2 * 30 - 1);
    // Each worker sends a point's runs to its thread only until one has come back from there (a
    // few are taken at once): at most 4 per point and worker, so at least 59 - 16 run inline.
    expect(after.inline - before.inline).toBeGreaterThanOrEqual(59 - 16);
  }, 120_000);

  it('brings whole results back with the bytes of a local sweep, those too large to ride on the completion stored by the worker itself', async () => {
    // 80 workloads: a replication's whole result is about 21 KB, over the 16 KB a completion carries.
    const job = mmc(2).workloads[0] as NonNullable<ReturnType<typeof mmc>["workloads"][number]>;
    const o: ExperimentOptions = { scenario: { ...mmc(2), workloads: Array.from({ length: 80 }, (_, i) => ({ ...job, name: `job${i}` })) }, vary: { 'hosts[0].count': [9, 10] }, replications: 2, metrics: ['wait.mean'], keepResults: true };
    const ex = await experiment({ ...o, queue: queue() });
    expect(JSON.stringify(ex.points[1]?.results?.[1]).length).toBeGreaterThan(16_384);
    expect(JSON.stringify(ex)).toBe(JSON.stringify(await experiment({ ...o, workers: 1 })));
  }, 120_000);

  it('reports a run that outlasts the run time-out as failed after its attempts, with the reason, and completes the other points', async () => {
    const o: ExperimentOptions = { scenario: mmc(150), vary: { 'workloads[0].count': [150, 3_000_000, 160] }, replications: 2, metrics: ['wait.mean'] };
    const ex = await experiment({ ...o, queue: queue({ runTimeout: 400, attempts: 2, backoff: 10 }) });
    const [a, poisoned, c] = ex.points;
    expect(poisoned?.stopped).toBe('failed');
    expect(poisoned?.issues).toEqual([{ code: 'run_failed', path: '', message: 'replication 0 failed on the queue: the run took longer than the run time-out of 400 ms (attempt 2 of 2)' }]);
    const healthy = await experiment({ ...o, vary: { 'workloads[0].count': [150, 160] }, workers: 1 });
    expect(JSON.stringify([a, c])).toBe(JSON.stringify(healthy.points));
  }, 120_000);

  it('completes with the same bytes when Redis restarts mid-sweep without persistence: the definition is written again and the runs not back are queued again', async () => {
    // The first point's runs are short and the second's long (300,000 jobs each), in the order they
    // are queued: Redis goes away once a few runs are back and while the long ones are running. (With
    // runs all alike, a one-thread worker running them in this thread could finish the sweep before
    // the test got to kill Redis.)
    const o: ExperimentOptions = { ...plain, scenario: mmc(3000), vary: { 'workloads[0].count': [3000, 300_000] }, replications: 8 };
    logs = [];
    await client.set('marker', '1');
    const running = experiment({ ...o, queue: queue() });
    const deadline = Date.now() + 30_000;
    let key: string | undefined;
    while (Date.now() < deadline) {
      const short = logs.map((l) => /runs of sweep ([0-9a-f]{12}) queued/.exec(l)?.[1]).find((h) => h !== undefined);
      key ??= short === undefined ? undefined : (await client.keys(`podsim:${short}*:results`))[0];
      if (key !== undefined && (await client.hlen(key)) >= 3) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(key).toBeDefined();
    await redis.kill();
    await redis.restart();
    expect(await client.exists('marker')).toBe(0); // nothing survived
    const result = await running;
    const again = logs.map((l) => /^queue: queued again the (\d+) runs not yet back/.exec(l)?.[1]).find((n) => n !== undefined);
    expect(Number(again)).toBeGreaterThanOrEqual(1);
    // The definition is there again, for workers that join later (and after the sweep, for its ttl).
    expect(await client.exists((key as string).replace(/:results$/, ':definition'))).toBe(1);
    expect(JSON.stringify(result)).toBe(JSON.stringify(await experiment({ ...o, workers: 1 })));
  }, 120_000);

  it('workers refuse jobs whose payload or sweep fails validation, without retrying them', async () => {
    const add = async (hash: string, scenario: unknown, data: (stage: string) => object) => {
      await client.set(sweepKeys('podsim', hash).definition, JSON.stringify({ format: 'podsim-sweep/1', podsim: '0.1.0', hash, scenario }));
      await client.zadd('podsim:sweeps', Date.now() + 60_000, hash);
      await client.publish('podsim:sweeps:events', `open ${hash}`);
      const qc = new Redis(redis.url, { maxRetriesPerRequest: null });
      const q = new Queue(sweepKeys('podsim', hash).queue, { connection: qc, prefix: 'podsim' });
      const settings = { metrics: ['wait.mean'], warmup: 0, keepResults: false };
      const stage = stageOf(settings);
      const job = await q.add('run', data(stage), { jobId: jobIdOf(stage, { point: 0, replication: 0 }), attempts: 3 });
      const deadline = Date.now() + 20_000;
      while ((await job.getState()) !== 'failed' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const failed = await q.getJob(job.id as string);
      await q.obliterate({ force: true });
      await q.close();
      qc.disconnect();
      await client.zrem('podsim:sweeps', hash);
      return { reason: failed?.failedReason, attempts: failed?.attemptsMade };
    };
    const settings = { metrics: ['wait.mean'], warmup: 0, keepResults: false };
    const job = (hash: string) => (stage: string) => ({ format: 'podsim-run/1', podsim: '0.1.0', sweep: hash, stage, settings, task: { point: 0, values: {}, replication: 0 }, runTimeout: 10_000, ttl: 60 });
    const h1 = 'e'.repeat(64), h2 = 'f'.repeat(64);
    expect(await add(h1, { hosts: [{ name: 'a', count: -1, capacity: { cpu: 1 } }], workloads: [] }, job(h1))).toEqual({ reason: expect.stringMatching(/^refused by the worker: its scenario is invalid: hosts\[0\]\.count: /), attempts: 1 });
    expect(await add(h2, mmc(10), (stage) => ({ ...job(h2)(stage), task: { point: 0, values: { 'hosts[0].count': { $where: 'sleep(1)' }, 'a b': 1 }, replication: 0 } }))).toEqual({ reason: 'refused by the worker: task.values has "a b", which is not a dotted path', attempts: 1 });
    expect(logs.some((l) => l.includes(`sweep ${h1.slice(0, 12)}: refusing its runs: its scenario is invalid`))).toBe(true);
  }, 60_000);
});

describeRequiring(REDIS, 'experiment({ queue }) with a password, and over TLS', () => {
  const password = 'p@ss w:rd/ü';
  let redis: RedisServer;
  beforeAll(async () => { redis = await startRedis({ password }); }, 30_000);
  afterAll(async () => { await redis?.stop(); });

  it('works with the password in the URL (encoded) or given apart, and never prints it', async () => {
    const lines: string[] = [];
    const log = (l: string) => lines.push(l);
    const url = redis.url;
    expect(url).toContain(encodeURIComponent(password));
    const worker = await runWorker({ connection: { url: `redis://127.0.0.1:${redis.port}/0`, password }, concurrency: 1, log });
    try {
      const o: ExperimentOptions = { ...plain, scenario: mmc(120), vary: { 'hosts[0].count': [10, 11] }, replications: 3 };
      expect(JSON.stringify(await experiment({ ...o, queue: { connection: url, log } }))).toBe(JSON.stringify(await experiment({ ...o, workers: 1 })));
      const wrong = experiment({ ...o, queue: { connection: `redis://:${encodeURIComponent('not-' + password)}@127.0.0.1:${redis.port}/0`, log } });
      const message = await wrong.then(() => '', (e: Error) => `${e.message}\n${e.stack}`);
      expect(message).toMatch(/Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0 refused the credentials \(WRONGPASS/);
      // The CLI, with the password in the URL or in PODSIM_REDIS_PASSWORD.
      const dir = workspace({ 's.yaml': mmcYaml(120) });
      // podsim worker too, with the password in the URL; it stops once idle.
      const cliWorker = podsim(['worker', '--queue', url, '--concurrency', '1', '--exit-when-idle', '1s'], dir);
      const cli = await podsim(['sweep', 's.yaml', '--reps', '2', '--metric', 'wait.mean', '--queue', url, '--out', 'o'], dir);
      expect(cli.code).toBe(0);
      const w = await cliWorker;
      expect([w.code, w.stderr]).toEqual([0, expect.stringMatching(/^podsim worker: waiting for sweeps on redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0 with 1 thread$/m)]);
      const wrongWorker = await podsim(['worker', '--queue', `redis://:wrong${encodeURIComponent(password)}@127.0.0.1:${redis.port}/0`], dir);
      expect(wrongWorker.code).toBe(2);
      expect(wrongWorker.stderr).toMatch(/^podsim worker: queue\.connection: Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0 refused the credentials/);
      const env = await podsim(['sweep', 's.yaml', '--reps', '2', '--metric', 'wait.mean', '--queue', `redis://127.0.0.1:${redis.port}/0`, '--resume'], dir, { env: { PODSIM_REDIS_PASSWORD: password } });
      expect(env.code).toBe(0);
      const bad = await podsim(['sweep', 's.yaml', '--reps', '2', '--queue', `redis://:wrong${encodeURIComponent(password)}@127.0.0.1:${redis.port}/0`], dir);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/^podsim sweep: queue\.connection: Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0 refused the credentials/);
      const everything = [...lines, message, cli.stdout, cli.stderr, env.stdout, env.stderr, bad.stderr, w.stderr, wrongWorker.stderr, wrongWorker.stdout].join('\n');
      expect(lines.length).toBeGreaterThan(3);
      for (const secret of [password, encodeURIComponent(password), 'wrong']) expect(everything).not.toContain(secret);
    } finally {
      await worker.close();
    }
  }, 120_000);

  const openssl = spawnSync('openssl', ['version']).status === 0;
  it.runIf(openssl)('works over rediss:// with a CA certificate and a password', async () => {
    const tls = await startRedis({ tls: true, password: 'tls-secret' });
    const connection = { url: tls.url, tls: { ca: tls.ca } };
    const worker = await runWorker({ connection, concurrency: 1 });
    try {
      const o = { scenario: mmc(100), replications: 3, metrics: ['wait.mean'] };
      expect(tls.url).toMatch(/^rediss:\/\//);
      expect(JSON.stringify(await experiment({ ...o, queue: { connection } }))).toBe(JSON.stringify(await experiment({ ...o, workers: 1 })));
      // Without the CA, the server's certificate is refused.
      await expect(experiment({ ...o, queue: { connection: { url: tls.url, connectTimeout: 1000 } } })).rejects.toThrow(/cannot reach Redis at rediss:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0 within 1000 ms \(self[- ]signed certificate/);
    } finally {
      await worker.close();
      await tls.stop();
    }
  }, 60_000);
  if (!openssl) it('SKIPPED: rediss:// needs openssl to make a test certificate', () => expect(openssl).toBe(false));
});
