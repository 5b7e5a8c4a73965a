import { Redis } from 'ioredis';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { podsim, workspace } from '../../cli/cli-harness.js';
import { describeRequiring, REDIS } from '../../helpers/requires.js';
import { startRedis, type RedisServer } from '../../helpers/redis-server.js';
import { finished, mmcYaml, startPodsim, type PodsimProcess } from './fixtures.js';

// The whole thing with real processes: podsim worker processes on a real Redis (with AOF), podsim
// sweep as the coordinator, shards merged, and the faults the issue names: a worker SIGKILLed
// mid-sweep, a point that fails on every attempt, Redis killed and restarted, the coordinator
// stopped and resumed. Each sweep's points.csv and points.json are compared byte for byte with a
// local sweep's.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeRequiring(REDIS, 'podsim sweep --queue with podsim worker processes, shards and faults', () => {
  let redis: RedisServer;
  let client: Redis;
  let dir: string;
  const workers: PodsimProcess[] = [];
  // Short locks and stall checks, so that a killed worker's runs move on within seconds; generous
  // stall counts, so that a slow shared machine cannot fail a run by stalling it twice.
  const startWorker = () => startPodsim(['worker', '--queue', redis.url, '--concurrency', '1', '--lock-duration', '2s', '--stalled-interval', '1s', '--max-stalled', '5'], dir);
  const files = (out: string) => ['points.csv', 'points.json'].map((f) => readFileSync(join(dir, out, f), 'utf8'));

  /** A pattern matching the results hash of the sweep whose coordinator printed its short hash. */
  async function resultsKey(coordinator: PodsimProcess): Promise<string> {
    await coordinator.waitFor(/runs of sweep [0-9a-f]{12} queued/, 120_000);
    const short = /runs of sweep ([0-9a-f]{12}) queued/.exec(coordinator.stderr())?.[1] as string;
    return `podsim:${short}*:results`;
  }
  async function stored(pattern: string): Promise<number> {
    const [key] = await client.keys(pattern);
    return key === undefined ? 0 : client.hlen(key);
  }
  async function until(what: string, ms: number, test: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + ms;
    while (!(await test())) {
      if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
      await sleep(50);
    }
  }

  beforeAll(async () => {
    redis = await startRedis({ aof: true });
    client = new Redis(redis.url, { maxRetriesPerRequest: null });
    client.on('error', () => undefined);
    dir = workspace({ 'light.yaml': mmcYaml(150), 'heavy.yaml': mmcYaml(40_000), 'heavier.yaml': mmcYaml(40_001) });
    for (let i = 0; i < 3; i++) workers.push(startWorker());
    await Promise.all(workers.map((w) => w.waitFor(/waiting for sweeps on redis:\/\/127\.0\.0\.1:\d+\/0 with 1 thread/, 150_000)));
  }, 180_000);

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => finished(w, 15_000).catch(() => undefined)));
    client?.disconnect();
    await redis?.stop();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('local sweep = queue sweep on 3 worker processes = 4 shards merged, byte for byte', async () => {
    const sweep = ['sweep', 'light.yaml', '--vary', 'hosts[0].count=9,10,11', '--vary', 'scheduler.policy=first-fit,kube', '--baseline', 'scheduler.policy=first-fit', '--reps', '4', '--metric', 'wait.mean,wait.p99'];
    expect((await podsim([...sweep, '--workers', '1', '--out', 'local'], dir)).code).toBe(0);
    const queued = await podsim([...sweep, '--queue', redis.url, '--out', 'queue'], dir);
    expect([queued.code, queued.stderr]).toEqual([0, expect.stringMatching(/^queue: 23 runs of sweep [0-9a-f]{12} queued on redis:\/\/127\.0\.0\.1:\d+\/0; workers run them/m)]);
    for (let i = 0; i < 4; i++) {
      const r = i === 2
        ? await podsim([...sweep, '--shard-from-env', '--shard-count', '4', '--out', 'shards'], dir, { env: { JOB_COMPLETION_INDEX: '2' } })
        : await podsim([...sweep, '--shard', `${i}/4`, '--out', 'shards'], dir);
      expect([r.code, r.stderr]).toEqual([0, '']);
    }
    expect((await podsim(['merge', 'shards', '--out', 'merged'], dir)).code).toBe(0);
    const local = files('local');
    expect(files('queue')).toEqual(local);
    expect(files('merged')).toEqual(local);
    // Every worker process took the sweep up.
    const short = /sweep ([0-9a-f]{12})/.exec(queued.stderr)?.[1] as string;
    for (const w of workers) expect(w.stderr()).toContain(`sweep ${short}: serving`);
  }, 300_000);

  it('a worker SIGKILLed mid-sweep loses nothing: its runs stall, run again elsewhere, and the result is the same bytes', async () => {
    const sweep = ['sweep', 'heavy.yaml', '--vary', 'hosts[0].count=9,10,11,12', '--reps', '10', '--metric', 'wait.mean,wait.p99'];
    const coordinator = startPodsim([...sweep, '--queue', redis.url, '--out', 'killed'], dir);
    const key = await resultsKey(coordinator);
    // Once runs come back, every worker holds runs (each takes four at a time): kill one.
    await until('the first results', 120_000, async () => (await stored(key)) >= 2);
    const victim = workers.shift() as PodsimProcess;
    victim.child.kill('SIGKILL');
    expect(await victim.exit).toBe('SIGKILL');
    expect(await finished(coordinator, 180_000)).toBe(0);
    expect((await podsim([...sweep, '--workers', '1', '--out', 'local-heavy'], dir)).code).toBe(0);
    expect(files('killed')).toEqual(files('local-heavy'));
    // Every replication is there once: 4 points × 10, one (the probe) run by the coordinator.
    expect(await stored(key)).toBe(39);
    const points = JSON.parse(files('killed')[1] as string) as { points: { replications: number; samples: Record<string, number[]> }[] };
    expect(points.points.map((p) => [p.replications, p.samples['wait.mean']?.length])).toEqual([[10, 10], [10, 10], [10, 10], [10, 10]]);
    // The killed worker held runs: the survivors saw them stall and ran them.
    expect(workers.map((w) => w.stderr()).join('')).toMatch(/run [a-z0-9]+-p\d+r\d+ stalled \(its worker stopped or lost Redis\); it runs again/);
    workers.push(startWorker());
  }, 300_000);

  it('a point that fails on every attempt is reported failed with its reason, and the other points complete', async () => {
    const poisoned = ['sweep', 'light.yaml', '--vary', 'workloads[0].count=150,3000000,160', '--reps', '2', '--metric', 'wait.mean'];
    const r = await podsim([...poisoned, '--queue', redis.url, '--attempts', '2', '--run-timeout', '1s', '--out', 'poisoned'], dir);
    expect(r.stderr).toMatch(/^podsim sweep: point \{"workloads\[0\]\.count":3000000\} failed: replication [01] failed on the queue: the run took longer than the run time-out of 1000 ms \(attempt 2 of 2\)$/m);
    const healthy = await podsim(['sweep', 'light.yaml', '--vary', 'workloads[0].count=150,160', '--reps', '2', '--metric', 'wait.mean', '--workers', '1', '--json'], dir);
    const got = JSON.parse(readFileSync(join(dir, 'poisoned', 'points.json'), 'utf8')) as { points: { stopped: string }[] };
    const want = JSON.parse(healthy.stdout) as { points: unknown[] };
    expect(got.points.map((p) => p.stopped)).toEqual(['fixed', 'failed', 'fixed']);
    expect([got.points[0], got.points[2]]).toEqual(want.points);
  }, 300_000);

  it('survives Redis killed and restarted (AOF) mid-sweep, and a coordinator stopped and started again with --resume reruns nothing stored', async () => {
    const sweep = ['sweep', 'heavier.yaml', '--vary', 'hosts[0].count=9,10,11,12', '--reps', '12', '--metric', 'wait.mean'];
    const first = startPodsim([...sweep, '--queue', redis.url, '--out', 'resumed'], dir);
    const key = await resultsKey(first);
    await until('the first results', 120_000, async () => (await stored(key)) >= 3);
    await redis.kill();
    await sleep(300);
    await redis.restart();
    const before = await stored(key);
    expect(before).toBeGreaterThanOrEqual(3); // what was stored before the crash is still there
    await first.waitFor(/reconnected to Redis/, 60_000);
    // The sweep goes on after the restart; then the coordinator is stopped (SIGTERM).
    await until('results after the restart', 120_000, async () => (await stored(key)) > before);
    first.child.kill('SIGTERM');
    expect(await finished(first, 60_000)).toBe(2);
    expect(first.stderr()).toMatch(/lost the connection to Redis; reconnecting/);
    expect(first.stderr()).toMatch(/^podsim sweep: queue: stopped coordinating sweep [0-9a-f]{12} with \d+ runs? not yet back; its queued runs stay on redis:\/\/127\.0\.0\.1:\d+\/0 and workers go on with them: start again with resume \(--resume\) to collect them$/m);
    const kept = await stored(key);
    const second = startPodsim([...sweep, '--queue', redis.url, '--resume', '--out', 'resumed'], dir);
    expect(await finished(second, 180_000)).toBe(0);
    const reused = Number(/queue: (\d+) of 47 runs of sweep [0-9a-f]{12} were stored already; not running them again/.exec(second.stderr())?.[1]);
    expect(reused).toBeGreaterThanOrEqual(kept);
    expect((await podsim([...sweep, '--workers', '1', '--out', 'local-heavier'], dir)).code).toBe(0);
    expect(files('resumed')).toEqual(files('local-heavier'));
    expect(await stored(key)).toBe(47);
  }, 300_000);

  it('workers stop on SIGTERM once their runs are done, exit 0 and say what they did', async () => {
    // All running, the one started after the kill included.
    await Promise.all(workers.map((w) => w.waitFor(/waiting for sweeps/, 150_000)));
    for (const w of workers) w.child.kill('SIGTERM');
    const codes = await Promise.all(workers.map((w) => finished(w, 60_000)));
    expect(codes).toEqual(workers.map(() => 0));
    // 'exit' may come before the last of stderr is read: wait for the stream to close.
    for (const w of workers) if (w.child.stderr !== null && !w.child.stderr.closed) await new Promise((r) => w.child.stderr?.once('close', r));
    // (Lines about sweeps it stops serving may come between.)
    for (const w of workers) expect(w.stderr()).toMatch(/^podsim worker: SIGTERM: finishing the runs in progress, then stopping\n(?:podsim worker: sweep [0-9a-f]{12}: .*\n)*podsim worker: stopped after \d+ runs? of \d+ sweeps?(?:, \d+ failed attempts?)?(?:, \d+ refused)?\n$/m);
  }, 300_000);
});
