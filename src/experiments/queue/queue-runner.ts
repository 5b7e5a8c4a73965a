import { randomUUID } from 'node:crypto';
import type { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { VERSION } from '../../cli/version.js';
import { PodsimError, type Issue } from '../../errors.js';
import type { Scenario } from '../../scenario/schema.js';
import { parseExactJson } from '../exact-json.js';
import type { ExperimentRunner, RunnerFactory } from '../runner.js';
import type { RunOutcome, RunSettings, RunTask } from '../run-task.js';
import { jobIdOf, stageOf, type QueueJob, type SweepDefinition } from './queue-job.js';
import { resolveQueueOptions, type QueueOptions, type ResolvedQueueOptions } from './queue-options.js';
import { redactError, redactFor } from './redis-connection.js';
import { openRedis } from './open-redis.js';
import { registryKeys, sweepKeys } from './sweep-keys.js';

/** Runs still to come back from one call of `run`. */
interface Stage {
  readonly pending: Map<string, RunTask>;
  readonly onOutcome: (o: RunOutcome) => void;
  readonly resolve: () => void;
  readonly reject: (e: unknown) => void;
}

interface Connected {
  readonly client: HarvestingRedis;
  readonly queue: Queue;
  readonly token: string;
}

const CHUNK = 500;
/** Runs in the first chunk queued: enough to keep a few workers busy while the next is encoded. */
const FIRST_CHUNK = 16;
/** Milliseconds between the coordinator's harvests of completed runs while they come; it waits up to {@link SLOWEST} when none do. */
const FASTEST = 10;
const SLOWEST = 250;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Moves up to ARGV[2] completed jobs' outcomes into the results hash, in one step: for each job in
 * the completed set (KEYS[1]), its return value (a JSON string holding the outcome's exact JSON) is
 * stored under its id in the results (KEYS[2]); a job that returned null had its outcome stored by
 * the worker (a large one), which is read instead. The job then goes, as BullMQ's own
 * `removeOnComplete` would remove it (its keys as in bullmq's commands/includes/removeJobKeys.lua).
 * Returns [id, outcome or false, …]. ARGV[1] is the prefix of job keys, ARGV[3] the results' ttl.
 */
const HARVEST = `local ids = redis.call('zrange', KEYS[1], 0, tonumber(ARGV[2]) - 1)
local out = {}
for _, id in ipairs(ids) do
  local jobKey = ARGV[1] .. id
  local text = false
  local rv = redis.call('hget', jobKey, 'returnvalue')
  if rv then
    local ok, v = pcall(cjson.decode, rv)
    if ok and type(v) == 'string' then
      text = v
      redis.call('hset', KEYS[2], id, v)
    end
  end
  if not text then text = redis.call('hget', KEYS[2], id) end
  redis.call('zrem', KEYS[1], id)
  redis.call('del', jobKey, jobKey .. ':logs', jobKey .. ':dependencies', jobKey .. ':processed', jobKey .. ':failed', jobKey .. ':unsuccessful')
  out[#out + 1] = id
  out[#out + 1] = text
end
if #ids > 0 then redis.call('expire', KEYS[2], ARGV[3]) end
return out`;

/** A client with {@link HARVEST} defined on it. */
type HarvestingRedis = Redis & { podsimHarvest(completed: string, results: string, jobPrefix: string, limit: number, ttl: number): Promise<(string | null)[]> };
const short = (hash: string) => hash.slice(0, 12);

/**
 * The coordinator's side of a sweep on a Redis job queue: a runner that puts each (point,
 * replication) on the sweep's BullMQ queue as one job and reports each outcome as workers store it.
 *
 * - The queue is named after the sweep's hash (its first 16 hex digits); a job's id is
 *   `<stage>-p<point>r<replication>`, so a run is never queued twice, and its outcome is stored in
 *   the hash `<prefix>:<id>:results` under the same id. A run that executes twice (its worker stalled) stores the same bytes.
 * - A worker returns a run's outcome as its job's return value, which BullMQ stores as it completes
 *   the job (the same step that hands the worker its next job). The coordinator harvests completed
 *   jobs every few milliseconds while runs come back (every 250 ms at most when none do): one
 *   script moves their outcomes into the results hash and removes the jobs. It does not read
 *   BullMQ's event stream (capped at about 100 events). Every `checkInterval` it also reads the
 *   stored results and failed jobs directly, so nothing is missed (Redis restarting). After Redis
 *   reconnects it queues again whatever has not come back (a no-op for jobs Redis still has).
 * - A run whose job fails after its attempts comes back as a failed replication with the reason.
 * - `resume` reuses stored results; without it a sweep with stored state is refused, and with
 *   `fresh` that state is deleted first. One coordinator at a time holds a sweep (a lease key).
 *
 * @example
 * ```ts
 * const ex = await experiment({ scenario, vary, replications: 10, runner: queueRunner({ connection: 'redis://127.0.0.1:6379/0' }) });
 * // the same as experiment({ …, queue: { connection: 'redis://127.0.0.1:6379/0' } })
 * ```
 */
export function queueRunner(options: QueueOptions): RunnerFactory {
  const issues: Issue[] = [];
  const q = resolveQueueOptions(options, issues);
  if (q === undefined) throw new PodsimError(issues, 'queueRunner: invalid options');
  return coordinatorFactory(q);
}

/**
 * The runner factory for options already checked.
 * @internal
 */
export function coordinatorFactory(q: ResolvedQueueOptions): RunnerFactory {
  return (scenario, hash) => new QueueCoordinator(q, scenario, hash);
}

class QueueCoordinator implements ExperimentRunner {
  private readonly keys;
  private readonly registry;
  private readonly leaseMs: number;
  private connected: Promise<Connected> | undefined;
  private readonly byId = new Map<string, { stage: Stage; task: RunTask; stageId: string; settings: RunSettings }>();
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  private reconnected = false;
  private failedSeen = 0;
  private closed = false;
  private stopped: PodsimError | undefined;

  constructor(private readonly q: ResolvedQueueOptions, private readonly scenario: Scenario, private readonly hash: string) {
    this.keys = sweepKeys(q.prefix, hash);
    this.registry = registryKeys(q.prefix);
    this.leaseMs = Math.max(5 * q.checkInterval, 3000);
    if (q.signal?.aborted === true) this.stop();
    else q.signal?.addEventListener('abort', () => this.stop(), { once: true });
  }

  /** Stops waiting (the signal was aborted): every pending stage rejects, and close() leaves the queued runs in Redis. */
  private stop(): void {
    if (this.stopped !== undefined) return;
    const n = this.byId.size;
    this.stopped = new PodsimError([{
      code: 'queue_stopped', path: 'queue',
      message: `stopped coordinating sweep ${short(this.hash)}${n > 0 ? ` with ${n} run${n === 1 ? '' : 's'} not yet back` : ''}; its queued runs stay on ${this.q.connection.label} and workers go on with them: start again with resume (--resume) to collect them`,
    }], 'queue: stopped');
    for (const { stage } of this.byId.values()) stage.reject(this.stopped);
  }

  private log(line: string): void {
    this.q.log(redactFor(this.q.connection, `queue: ${line}`));
  }

  private connect(): Promise<Connected> {
    this.connected ??= this.open().catch((e: unknown) => { throw redactError(this.q.connection, e); });
    return this.connected;
  }

  private async open(): Promise<Connected> {
    const c = this.q.connection;
    const client = await openRedis(c, 'podsim-coordinator') as HarvestingRedis;
    client.defineCommand('podsimHarvest', { numberOfKeys: 2, lua: HARVEST });
    try {
      const token = randomUUID();
      await this.takeLease(client, token);
      const { Queue } = await import('bullmq');
      // Nobody reads the queue's event stream: keep it short.
      const queue = new Queue(this.keys.queue, { connection: client, prefix: this.q.prefix, streams: { events: { maxLen: 100 } } });
      queue.on('error', () => undefined);
      if (this.q.fresh) await this.deleteStored(client, queue);
      else if (!this.q.resume) await this.refuseIfStored(client, queue);
      await client.set(this.keys.definition, this.definition(), 'EX', this.q.ttl);
      let wasReady = true;
      client.on('close', () => { if (wasReady && !this.closed) this.log('lost the connection to Redis; reconnecting'); wasReady = false; });
      client.on('ready', () => { if (!wasReady && !this.closed) { this.reconnected = true; this.log('reconnected to Redis'); } wasReady = true; });
      await this.announce(client);
      this.timer = setInterval(() => { void this.tick(); }, this.q.checkInterval);
      this.timer.unref();
      const connected = { client, queue, token };
      void this.listen(connected);
      return connected;
    } catch (e) {
      client.disconnect();
      throw e;
    }
  }

  /** Becomes the sweep's only coordinator, waiting out the lease of one that stopped without releasing it. */
  private async takeLease(client: Redis, token: string): Promise<void> {
    const deadline = Date.now() + this.leaseMs + 1000;
    let told = false;
    for (;;) {
      if ((await client.set(this.keys.coordinator, token, 'PX', this.leaseMs, 'NX')) === 'OK') return;
      if (Date.now() > deadline) {
        throw new PodsimError([{ code: 'queue_busy', path: 'queue', message: `another coordinator is running sweep ${short(this.hash)} on ${this.q.connection.label}; wait for it to finish, or stop it and start again with resume (--resume)` }], 'queue: sweep busy');
      }
      if (!told) this.log(`sweep ${short(this.hash)} is held by another coordinator; waiting up to ${Math.ceil(this.leaseMs / 1000)} s for its lease to expire`);
      told = true;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  private async storedCount(client: Redis, queue: Queue): Promise<{ results: number; jobs: number }> {
    const results = await client.hlen(this.keys.results);
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed');
    return { results, jobs: Object.values(counts).reduce((a, b) => a + b, 0) };
  }

  private async refuseIfStored(client: Redis, queue: Queue): Promise<void> {
    const { results, jobs } = await this.storedCount(client, queue);
    if (results === 0 && jobs === 0) return;
    await client.del(this.keys.coordinator);
    const what = [results > 0 ? `${results} stored result${results === 1 ? '' : 's'}` : '', jobs > 0 ? `${jobs} queued or failed job${jobs === 1 ? '' : 's'}` : ''].filter((s) => s !== '').join(' and ');
    throw new PodsimError([{ code: 'queue_sweep_exists', path: 'queue', message: `sweep ${short(this.hash)} already has ${what} on ${this.q.connection.label} (left by an earlier coordinator, finished or stopped): pass resume (--resume) to use them, or fresh (--fresh) to discard them` }], 'queue: sweep exists');
  }

  private async deleteStored(client: Redis, queue: Queue): Promise<void> {
    await queue.obliterate({ force: true });
    let cursor = '0';
    do {
      const [next, found] = await client.scan(cursor, 'MATCH', this.keys.pattern, 'COUNT', 1000);
      cursor = next;
      const doomed = found.filter((k) => k !== this.keys.coordinator);
      if (doomed.length > 0) await client.unlink(...doomed);
    } while (cursor !== '0');
    this.log(`deleted what Redis held for sweep ${short(this.hash)} (fresh)`);
  }

  private definition(): string {
    const definition: SweepDefinition = { format: 'podsim-sweep/1', podsim: VERSION, hash: this.hash, scenario: this.scenario };
    return JSON.stringify(definition);
  }

  /**
   * Lists the sweep for workers, with its expiry, and tells the ones listening. The definition is
   * written again if it is gone (a Redis restarted without persistence lost it).
   */
  private async announce(client: Redis): Promise<void> {
    await client.multi()
      .set(this.keys.definition, this.definition(), 'EX', this.q.ttl, 'NX')
      .zadd(this.registry.sweeps, Date.now() + this.q.ttl * 1000, this.hash)
      .expire(this.keys.definition, this.q.ttl)
      .expire(this.keys.results, this.q.ttl)
      .publish(this.registry.channel, `open ${this.hash}`)
      .exec();
  }

  async run(settings: RunSettings, tasks: readonly RunTask[], onOutcome: (o: RunOutcome) => void): Promise<void> {
    if (tasks.length === 0) return;
    if (this.stopped !== undefined) throw this.stopped;
    const c = await this.connect();
    const stage = stageOf(settings);
    const ids = new Map<string, RunTask>();
    for (const t of tasks) ids.set(jobIdOf(stage, t), t);
    let finish!: () => void, fail!: (e: unknown) => void;
    const done = new Promise<void>((resolve, reject) => { finish = resolve; fail = reject; });
    // It may reject (stopped, or another coordinator took over) before it is awaited below.
    done.catch(() => undefined);
    const record: Stage = { pending: ids, onOutcome, resolve: finish, reject: fail };
    for (const [id, task] of ids) this.byId.set(id, { stage: record, task, stageId: stage, settings });
    if (this.stopped !== undefined) fail(this.stopped);
    try {
      // Results stored already (a resumed sweep, or an earlier stage asked for the same run).
      const stored = await this.collect(c.client, [...ids.keys()]);
      if (stored > 0) this.log(`${stored} of ${tasks.length} runs of sweep ${short(this.hash)} were stored already; not running them again`);
      if (ids.size > 0) {
        await this.retryFailed(c.queue, ids);
        const queued = ids.size;
        await this.enqueue(c.queue, stage, settings, [...ids.keys()]);
        this.log(`${queued} runs of sweep ${short(this.hash)} queued on ${this.q.connection.label}; workers run them: podsim worker --queue ${this.q.connection.label}`);
      } else finish();
    } catch (e) {
      for (const id of ids.keys()) this.byId.delete(id);
      throw redactError(this.q.connection, e);
    }
    try {
      await done;
    } finally {
      for (const id of ids.keys()) this.byId.delete(id);
    }
  }

  private report(id: string, outcome: RunOutcome): void {
    const entry = this.byId.get(id);
    if (entry === undefined) return;
    const { stage, task } = entry;
    this.byId.delete(id);
    stage.pending.delete(id);
    try {
      if (outcome.point !== task.point || outcome.replication !== task.replication) throw new Error(`podsim: the result stored as ${id} is for point ${outcome.point}, replication ${outcome.replication}`);
      stage.onOutcome(outcome);
    } catch (e) {
      stage.reject(e);
      return;
    }
    if (stage.pending.size === 0) stage.resolve();
  }

  /** Reads the stored results of `ids`, reports each found, and returns how many. */
  private async collect(client: Redis, ids: readonly string[]): Promise<number> {
    let found = 0;
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const values = await client.hmget(this.keys.results, ...chunk);
      chunk.forEach((id, k) => {
        const v = values[k];
        if (v === null || v === undefined || !this.byId.has(id)) return;
        found++;
        this.report(id, parseExactJson(v) as RunOutcome);
      });
    }
    return found;
  }

  /** Removes failed jobs of these runs left by an earlier coordinator, so that they run again. */
  private async retryFailed(queue: Queue, ids: Map<string, RunTask>): Promise<void> {
    if ((await queue.getFailedCount()) === 0) return;
    for (const job of await this.failedJobs(queue)) if (job.id !== undefined && ids.has(job.id)) await job.remove();
    this.failedSeen = -1;
  }

  private async failedJobs(queue: Queue): Promise<Job[]> {
    const all: Job[] = [];
    for (let start = 0; ; start += 1000) {
      const page = await queue.getFailed(start, start + 999);
      all.push(...page.filter((j): j is Job => j !== undefined && j !== null));
      if (page.length < 1000) return all;
    }
  }

  /**
   * Queues the runs in chunks that grow from {@link FIRST_CHUNK}, so that workers start on the first
   * runs while the coordinator encodes the rest, and no CPU idles at the start of a sweep.
   */
  private async enqueue(queue: Queue, stage: string, settings: RunSettings, ids: readonly string[]): Promise<void> {
    for (let i = 0, size = FIRST_CHUNK; i < ids.length; i += size, size = Math.min(CHUNK, 4 * size)) {
      const jobs = ids.slice(i, i + size).flatMap((id) => {
        const task = this.byId.get(id)?.task;
        if (task === undefined) return [];
        const data: QueueJob = { format: 'podsim-run/1', podsim: VERSION, sweep: this.hash, stage, settings, task, runTimeout: this.q.runTimeout, ttl: this.q.ttl };
        return [{ name: 'run', data, opts: { jobId: id, attempts: this.q.attempts, backoff: { type: 'exponential', delay: this.q.backoff } } }];
      });
      if (jobs.length > 0) await queue.addBulk(jobs);
    }
  }

  /** Harvests completed runs until closed: often while they come, less often while none do. */
  private async listen(c: Connected): Promise<void> {
    let wait = FASTEST;
    while (!this.closed) {
      await sleep(wait);
      if (this.closed) return;
      try {
        wait = (await this.harvest(c)) > 0 ? FASTEST : Math.min(SLOWEST, 2 * wait);
      } catch {
        // Redis is away: the periodic check catches up once it is back.
        wait = SLOWEST;
      }
    }
  }

  /**
   * Moves the outcomes of completed jobs to the results and reports those this coordinator waits
   * for (others were stored before a resume, or belong to no stage now: they stay stored). A
   * completed job without an outcome (none can be found) is queued again. Returns how many came.
   */
  private async harvest(c: Connected): Promise<number> {
    let n = 0;
    for (;;) {
      const flat = await c.client.podsimHarvest(this.keys.completed, this.keys.results, this.keys.jobPrefix, CHUNK, this.q.ttl);
      const lost: string[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const id = flat[i] as string, text = flat[i + 1];
        n++;
        if (!this.byId.has(id)) continue;
        if (typeof text === 'string') this.report(id, parseExactJson(text) as RunOutcome);
        else lost.push(id);
      }
      if (lost.length > 0) {
        this.log(`${lost.length} run${lost.length === 1 ? '' : 's'} of sweep ${short(this.hash)} completed without an outcome; queued again`);
        for (const [stage, g] of this.pendingByStage(lost)) await this.enqueue(c.queue, stage, g.settings, g.ids);
      }
      if (flat.length < 2 * CHUNK) return n;
    }
  }

  /** Pending runs (all, or these) grouped by stage, with the stage's settings. */
  private pendingByStage(ids: Iterable<string> = this.byId.keys()): Map<string, { settings: RunSettings; ids: string[] }> {
    const byStage = new Map<string, { settings: RunSettings; ids: string[] }>();
    for (const id of ids) {
      const e = this.byId.get(id);
      if (e === undefined) continue;
      const g = byStage.get(e.stageId) ?? { settings: e.settings, ids: [] };
      g.ids.push(id);
      byStage.set(e.stageId, g);
    }
    return byStage;
  }

  private async failed(jobId: string, reason: string): Promise<void> {
    const entry = this.byId.get(jobId);
    if (entry === undefined) return;
    try {
      const c = await this.connect();
      // A run that failed once but stored its result on another attempt counts as stored.
      if ((await this.collect(c.client, [jobId])) > 0) return;
    } catch {
      return;
    }
    const { task } = entry;
    this.report(jobId, { point: task.point, replication: task.replication, issues: [{ code: 'run_failed', path: '', message: `replication ${task.replication} failed on the queue: ${redactFor(this.q.connection, reason)}` }] });
  }

  /** The periodic check: the lease, the sweep's expiry, and whatever an event may have missed. */
  private async tick(): Promise<void> {
    if (this.ticking || this.closed || this.connected === undefined) return;
    this.ticking = true;
    try {
      const c = await this.connected;
      const renewed = await c.client.eval("if redis.call('get', KEYS[1]) == ARGV[1] or redis.call('set', KEYS[1], ARGV[1], 'NX') then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end", 1, this.keys.coordinator, c.token, this.leaseMs);
      if (renewed !== 1) {
        const e = new PodsimError([{ code: 'queue_busy', path: 'queue', message: `another coordinator took over sweep ${short(this.hash)}` }], 'queue: sweep busy');
        for (const { stage } of this.byId.values()) stage.reject(e);
        return;
      }
      const pending = [...this.byId.keys()];
      if (this.reconnected) {
        this.reconnected = false;
        await this.announce(c.client);
        await this.collect(c.client, pending);
        for (const [stage, g] of this.pendingByStage()) await this.enqueue(c.queue, stage, g.settings, g.ids);
        const left = this.byId;
        if (left.size > 0) this.log(`queued again the ${left.size} runs not yet back (jobs Redis still had are left as they are)`);
      } else {
        await c.client.multi().zadd(this.registry.sweeps, Date.now() + this.q.ttl * 1000, this.hash).expire(this.keys.definition, this.q.ttl).expire(this.keys.results, this.q.ttl).exec();
        await this.collect(c.client, pending);
      }
      const failedCount = await c.queue.getFailedCount();
      if (failedCount !== this.failedSeen) {
        this.failedSeen = failedCount;
        for (const job of await this.failedJobs(c.queue)) if (job.id !== undefined && this.byId.has(job.id)) await this.failed(job.id, job.failedReason);
      }
    } catch {
      // Redis is away; the next tick tries again.
    } finally {
      this.ticking = false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    if (this.connected === undefined) return;
    let c: Connected;
    try {
      c = await this.connected;
    } catch {
      return;
    }
    try {
      if (this.byId.size === 0 && this.stopped === undefined) {
        // Done: workers stop serving the sweep, its queue goes, and its results stay for `ttl`.
        await c.client.multi().zrem(this.registry.sweeps, this.hash).publish(this.registry.channel, `close ${this.hash}`).exec();
        await c.queue.obliterate({ force: true });
        await c.client.multi().expire(this.keys.definition, this.q.ttl).expire(this.keys.results, this.q.ttl).exec();
      }
      // Stopped early: the queued runs stay, workers go on with them, and resume picks them up.
      await c.client.eval("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end", 1, this.keys.coordinator, c.token);
    } catch (e) {
      throw redactError(this.q.connection, e);
    } finally {
      await c.queue.close().catch(() => undefined);
      c.client.disconnect();
    }
  }
}
