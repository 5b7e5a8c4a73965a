import { availableParallelism } from 'node:os';
import type { Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { VERSION } from '../../cli/version.js';
import { PodsimError, type Issue } from '../../errors.js';
import { exactJson } from '../exact-json.js';
import { ThreadPool } from '../pool-runner.js';
import { runTask, type RunOutcome } from '../run-task.js';
import { checkQueueJob, checkSweepDefinition, jobCheckMemo, jobIdOf } from './queue-job.js';
import { checkPrefix, checkWhole, QUEUE_DEFAULTS } from './queue-options.js';
import { redactFor, resolveConnection, type RedisConnection, type ResolvedConnection } from './redis-connection.js';
import { openRedis } from './open-redis.js';
import { registryKeys, sweepKeys } from './sweep-keys.js';

/**
 * Options of {@link runWorker}.
 *
 * @example
 * ```ts
 * const options: WorkerOptions = { connection: 'redis://127.0.0.1:6379/0', concurrency: 4 };
 * ```
 */
export interface WorkerOptions {
  /** Where Redis is: the same server (and `prefix`) as the coordinators'. */
  readonly connection: RedisConnection;
  /**
   * Worker threads: runs at once in this process. With 1, a point's later replications run in the
   * worker's own thread (no hand-off) once its runs have taken at most 1/20 of the run time-out and
   * of `lockDuration`; such a run is not stopped at the time-out. @defaultValue `os.availableParallelism()`
   */
  readonly concurrency?: number;
  /** The prefix of podsim's Redis keys. @defaultValue 'podsim' */
  readonly prefix?: string;
  /** Serve only these sweeps (hashes, or their first 12 or more hex digits). @defaultValue every sweep a coordinator opens */
  readonly sweeps?: readonly string[];
  /** Milliseconds a run's lock lasts; the worker renews it while the run goes on. A worker that stops renewing (killed, cut off) loses its runs to others once its locks expire. @defaultValue 30000 */
  readonly lockDuration?: number;
  /** Milliseconds between checks for runs whose worker stopped (stalled), which are then run again. @defaultValue 30000 */
  readonly stalledInterval?: number;
  /** How many times a run may stall before it fails. @defaultValue 2 */
  readonly maxStalledCount?: number;
  /** Milliseconds between looks at the list of open sweeps (besides the notices coordinators publish). @defaultValue 2000 */
  readonly pollInterval?: number;
  /** Stop after this many milliseconds without a run (for workers that should end, such as a Kubernetes Job). @defaultValue never */
  readonly exitWhenIdle?: number;
  /** Receives one line per event worth telling (a sweep served, a run stalled or refused, Redis lost); never a password. @defaultValue none */
  readonly log?: (line: string) => void;
}

/**
 * Counts of what a worker did.
 *
 * @example
 * ```ts
 * const s: WorkerStats = worker.stats(); // { runs: 120, inline: 100, failedAttempts: 0, refused: 0, sweeps: 1 }
 * ```
 */
export interface WorkerStats {
  /** Runs completed and stored. */
  readonly runs: number;
  /** Of those, the runs run in the worker's own thread rather than on a worker thread (one-thread workers, once a point has shown its runs are short; see {@link WorkerOptions.concurrency}). */
  readonly inline: number;
  /** Attempts that failed here (time-outs, errors); BullMQ retries them up to the sweep's `attempts`. */
  readonly failedAttempts: number;
  /** Jobs refused because their payload or their sweep's definition failed validation. */
  readonly refused: number;
  /** Sweeps served so far. */
  readonly sweeps: number;
}

/**
 * A running worker: {@link runWorker}'s handle.
 *
 * @example
 * ```ts
 * const worker = await runWorker({ connection: 'redis://127.0.0.1:6379/0' });
 * process.once('SIGTERM', () => void worker.close());
 * await worker.closed;
 * ```
 */
export interface QueueWorker {
  /** Resolves once the worker has stopped (after {@link QueueWorker.close}, or `exitWhenIdle`). */
  readonly closed: Promise<void>;
  /** What it has done so far. */
  stats(): WorkerStats;
  /** Stops taking runs, lets the runs in progress finish and store their results, and disconnects. */
  close(): Promise<void>;
}

interface Served {
  readonly worker: Worker;
  readonly client: Redis;
}

/** Options checked, with defaults. */
interface Resolved {
  readonly connection: ResolvedConnection;
  readonly concurrency: number;
  readonly prefix: string;
  readonly sweeps?: readonly string[];
  readonly lockDuration: number;
  readonly stalledInterval: number;
  readonly maxStalledCount: number;
  readonly pollInterval: number;
  readonly exitWhenIdle?: number;
  readonly log: (line: string) => void;
}

const KNOWN = ['connection', 'concurrency', 'prefix', 'sweeps', 'lockDuration', 'stalledInterval', 'maxStalledCount', 'pollInterval', 'exitWhenIdle', 'log'];

function resolveWorkerOptions(o: WorkerOptions): Resolved {
  const issues: Issue[] = [];
  if (typeof o !== 'object' || o === null) throw new PodsimError([{ code: 'invalid_value', path: '', message: "expected { connection: 'redis://host:6379/0', … }" }], 'runWorker: invalid options');
  for (const k of Object.keys(o)) if (!KNOWN.includes(k)) issues.push({ code: 'unknown_option', path: k, message: `unknown option ${JSON.stringify(k)} (known: ${KNOWN.join(', ')})` });
  const connection = resolveConnection(o.connection, 'connection', issues);
  const r = {
    concurrency: o.concurrency ?? availableParallelism(), prefix: o.prefix ?? QUEUE_DEFAULTS.prefix,
    lockDuration: o.lockDuration ?? 30_000, stalledInterval: o.stalledInterval ?? 30_000, maxStalledCount: o.maxStalledCount ?? 2, pollInterval: o.pollInterval ?? 2000,
  };
  checkWhole(r.concurrency, 1, 'concurrency', 'threads', issues);
  checkPrefix(r.prefix, 'prefix', issues);
  checkWhole(r.lockDuration, 100, 'lockDuration', 'milliseconds', issues);
  checkWhole(r.stalledInterval, 100, 'stalledInterval', 'milliseconds', issues);
  checkWhole(r.maxStalledCount, 0, 'maxStalledCount', 'stalls', issues);
  checkWhole(r.pollInterval, 10, 'pollInterval', 'milliseconds', issues);
  if (o.exitWhenIdle !== undefined) checkWhole(o.exitWhenIdle, 1, 'exitWhenIdle', 'milliseconds', issues);
  if (o.sweeps !== undefined && (!Array.isArray(o.sweeps) || !o.sweeps.every((h) => typeof h === 'string' && /^[0-9a-f]{12,64}$/.test(h)))) issues.push({ code: 'invalid_value', path: 'sweeps', message: 'must be a list of sweep hashes (12 to 64 hex digits)' });
  if (o.log !== undefined && typeof o.log !== 'function') issues.push({ code: 'invalid_value', path: 'log', message: 'must be a function (line) => void' });
  if (issues.length > 0 || connection === undefined) throw new PodsimError(issues, 'runWorker: invalid options');
  return {
    ...r, connection, log: o.log ?? (() => undefined),
    ...(o.sweeps !== undefined ? { sweeps: o.sweeps } : {}),
    ...(o.exitWhenIdle !== undefined ? { exitWhenIdle: o.exitWhenIdle } : {}),
  };
}

const short = (hash: string) => hash.slice(0, 12);

/**
 * An outcome up to this many characters is the job's return value, stored by BullMQ's completion
 * itself (no round trip of its own); the coordinator moves it to the results. A larger one (whole
 * results) is stored in the results by the worker, and the job returns null, so that BullMQ's event
 * stream (which copies return values, about 100 of them) stays small.
 */
const RETURN_LIMIT = 16_384;

/**
 * With one thread, a run goes to the thread only until its point has shown that it is short: the
 * later replications of a point whose runs took at most this fraction of the run time-out and of
 * the lock run in the worker's own thread, without the hand-off to a thread and back. Such a run
 * blocks the event loop (the lock's renewal, the time-out) for at most that fraction of either.
 */
const INLINE_FRACTION = 1 / 20;

/**
 * Runs the sweeps coordinators put on a Redis queue, on `concurrency` worker threads, until closed.
 * Start as many as you like, on any machines that reach Redis: each serves every open sweep (or the
 * ones named), takes one (point, replication) job at a time per thread, runs it with the same
 * `runTask` a local sweep uses, and completes the job with its outcome, which the coordinator
 * moves to the sweep's results under the run's key (idempotent: a run twice gives the same bytes). It checks every job
 * before running it (its shape, its sweep, the sweep's scenario validated as `simulate()` does) and
 * refuses one that fails. A run that exceeds the sweep's run time-out is stopped (on a thread; see
 * `concurrency` for the short runs a one-thread worker runs itself). On SIGKILL, nothing is lost: the runs it held stall, and another worker runs them again.
 *
 * @example
 * ```ts
 * import { runWorker } from 'podsim/experiments';
 *
 * const worker = await runWorker({ connection: 'redis://127.0.0.1:6379/0', concurrency: 2, log: console.error });
 * process.once('SIGTERM', () => void worker.close());
 * await worker.closed;
 * ```
 */
export async function runWorker(options: WorkerOptions): Promise<QueueWorker> {
  const o = resolveWorkerOptions(options);
  const c = o.connection;
  const log = (line: string) => o.log(redactFor(c, line));
  const registry = registryKeys(o.prefix);
  const client = await openRedis(c, 'podsim-worker');
  let subscriber: Redis;
  try {
    subscriber = await openRedis(c, 'podsim-worker-notices');
  } catch (e) {
    client.disconnect();
    throw e;
  }
  const { Worker, UnrecoverableError } = await import('bullmq');
  const pool = new ThreadPool(o.concurrency);
  const served = new Map<string, Served>();
  const skipped = new Set<string>();
  let runs = 0, inlineRuns = 0, failedAttempts = 0, refused = 0, busy = 0, lastBusy = Date.now();
  const sweeps = new Set<string>();
  let closing: Promise<void> | undefined;
  let markClosed!: () => void;
  const closed = new Promise<void>((r) => { markClosed = r; });

  const wanted = (hash: string) => o.sweeps === undefined || o.sweeps.some((h) => hash.startsWith(h));

  const refuse = (reason: string): never => {
    refused++;
    throw new UnrecoverableError(`refused by the worker: ${reason}`);
  };

  async function open(hash: string): Promise<void> {
    const keys = sweepKeys(o.prefix, hash);
    const text = await client.get(keys.definition);
    if (text === null) {
      if (!skipped.has(hash)) log(`sweep ${short(hash)}: no definition stored (expired or deleted); not served`);
      skipped.add(hash);
      return;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
    const checked = checkSweepDefinition(data, hash, VERSION);
    if (!checked.ok && checked.wrongVersion === true) {
      if (!skipped.has(hash)) log(`sweep ${short(hash)}: not served: ${checked.reason}`);
      skipped.add(hash);
      return;
    }
    if (served.has(hash) || closing !== undefined) return;
    // Every job of a sweep whose definition fails is refused, so that the coordinator hears why.
    const scenario = checked.ok ? checked.definition.scenario : undefined;
    // With one thread: the longest run seen so far of each point (ms), measured on the thread.
    const longest = new Map<number, number>();
    const inline = (point: number, runTimeout: number) => {
      const ms = longest.get(point);
      return o.concurrency === 1 && ms !== undefined && ms <= INLINE_FRACTION * Math.min(runTimeout, o.lockDuration);
    };
    if (!checked.ok) log(`sweep ${short(hash)}: refusing its runs: ${checked.reason}`);
    const reason = checked.ok ? undefined : checked.reason;
    const memo = jobCheckMemo();
    const processJob = async (job: Job): Promise<string | null> => {
      busy++;
      try {
        if (scenario === undefined) return refuse(reason as string);
        const j = checkQueueJob(job.data, hash, memo);
        if (!j.ok) return refuse(j.problems.join('; '));
        if (j.job.podsim !== VERSION) return refuse(`the job needs podsim ${j.job.podsim} and this worker runs ${VERSION}`);
        if (job.id !== jobIdOf(j.job.stage, j.job.task)) return refuse(`its id ${JSON.stringify(job.id)} is not its run's key`);
        const { settings, task, runTimeout, ttl } = j.job;
        // The time-out counts from when a thread starts the run, not while it waits its turn.
        const abort = new AbortController();
        let timer: NodeJS.Timeout | undefined;
        let outcome: RunOutcome | undefined;
        try {
          if (inline(task.point, runTimeout)) {
            outcome = runTask(scenario, settings, task);
            inlineRuns++;
          } else {
            // The run's time counts from when the thread starts it; when the thread's notice of the
            // start comes after its reply (a short run), from when the run was handed over, which
            // is longer (it includes the wait for the thread), so never too short.
            let t0 = performance.now();
            [outcome] = await pool.runBatch(hash, scenario, settings, [task], abort.signal, () => { t0 = performance.now(); timer = setTimeout(() => abort.abort(), runTimeout); });
            longest.set(task.point, Math.max(longest.get(task.point) ?? 0, performance.now() - t0));
          }
        } catch (e) {
          failedAttempts++;
          const attempt = `attempt ${job.attemptsMade + 1} of ${job.opts.attempts ?? 1}`;
          if (abort.signal.aborted) throw new Error(`the run took longer than the run time-out of ${runTimeout} ms (${attempt})`);
          throw new Error(`the run failed on the worker: ${e instanceof Error ? e.message : String(e)} (${attempt})`);
        } finally {
          clearTimeout(timer);
        }
        if (outcome === undefined) throw new Error('the thread pool returned no outcome');
        const text = exactJson(outcome);
        runs++;
        if (text.length <= RETURN_LIMIT) return text;
        await client.multi().hset(keys.results, job.id, text).expire(keys.results, ttl).exec();
        return null;
      } finally {
        busy--;
        lastBusy = Date.now();
      }
    };
    const wc = await openRedis(c, `podsim-worker-${short(hash)}`);
    // Up to four jobs per thread: one running, the others taken and waiting in the pool, so that no
    // thread idles while the next job comes from Redis.
    const worker = new Worker(keys.queue, processJob, {
      connection: wc, prefix: o.prefix, concurrency: 4 * o.concurrency, autorun: true,
      lockDuration: o.lockDuration, stalledInterval: o.stalledInterval, maxStalledCount: o.maxStalledCount,
    });
    let quiet = false;
    worker.on('error', (e) => { if (!quiet) log(`sweep ${short(hash)}: ${e.message}`); quiet = true; });
    wc.on('ready', () => { quiet = false; });
    worker.on('stalled', (jobId) => log(`sweep ${short(hash)}: run ${jobId} stalled (its worker stopped or lost Redis); it runs again`));
    worker.on('failed', (job, e) => { if (job !== undefined) log(`sweep ${short(hash)}: run ${job.id} failed: ${e.message}`); });
    served.set(hash, { worker, client: wc });
    sweeps.add(hash);
    log(`sweep ${short(hash)}: serving (podsim ${VERSION}, ${o.concurrency} thread${o.concurrency === 1 ? '' : 's'})`);
  }

  async function stop(hash: string, why: string, closedByCoordinator = false): Promise<void> {
    const s = served.get(hash);
    if (s === undefined) return;
    served.delete(hash);
    await s.worker.close().catch(() => undefined);
    s.client.disconnect();
    if (closedByCoordinator) await tidy(hash).catch(() => undefined);
    log(`sweep ${short(hash)}: ${why}`);
  }

  /**
   * After its coordinator has closed a sweep and deleted its queue, this worker's BullMQ may have
   * written a key or two of that queue again (its settings, its stall check) before it stopped:
   * such keys expire with the sweep's results instead of living for ever. Keys that already expire
   * are left alone, and nothing is deleted (a coordinator may be opening the sweep again).
   */
  async function tidy(hash: string): Promise<void> {
    const keys = sweepKeys(o.prefix, hash);
    const ttl = await client.pttl(keys.definition);
    const ms = ttl > 0 ? ttl : 60_000;
    let cursor = '0';
    do {
      const [next, found] = await client.scan(cursor, 'MATCH', keys.pattern, 'COUNT', 1000);
      cursor = next;
      for (const k of found) {
        if (k === keys.definition || k === keys.results || k === keys.coordinator) continue;
        await client.eval("if redis.call('pttl', KEYS[1]) == -1 then return redis.call('pexpire', KEYS[1], ARGV[1]) else return 0 end", 1, k, ms);
      }
    } while (cursor !== '0');
  }

  let discovering: Promise<void> | undefined;
  let again = false;
  async function discover(): Promise<void> {
    if (closing !== undefined) return;
    if (discovering !== undefined) {
      again = true;
      return discovering;
    }
    discovering = (async () => {
      do {
        again = false;
        try {
          const now = Date.now();
          await client.zremrangebyscore(registry.sweeps, '-inf', now);
          const open_ = new Set((await client.zrangebyscore(registry.sweeps, now, '+inf')).filter(wanted));
          for (const h of open_) if (!served.has(h)) await open(h);
          for (const h of [...served.keys()]) if (!open_.has(h)) await stop(h, 'done (closed by its coordinator)', true);
          for (const h of [...skipped]) if (!open_.has(h)) skipped.delete(h);
        } catch (e) {
          if (closing === undefined) log(`looking for sweeps: ${e instanceof Error ? e.message : String(e)}`);
        }
      } while (again && closing === undefined);
    })();
    try {
      await discovering;
    } finally {
      discovering = undefined;
    }
  }

  subscriber.on('message', () => { void discover(); });
  subscriber.on('error', () => undefined);
  client.on('error', () => undefined);
  await subscriber.subscribe(registry.channel);
  await discover();
  const poll = setInterval(() => {
    if (o.exitWhenIdle !== undefined && busy === 0 && Date.now() - lastBusy > o.exitWhenIdle) {
      log(`idle for ${o.exitWhenIdle} ms; stopping`);
      void handle.close();
      return;
    }
    void discover();
  }, o.pollInterval);

  const handle: QueueWorker = {
    closed,
    stats: () => ({ runs, inline: inlineRuns, failedAttempts, refused, sweeps: sweeps.size }),
    close() {
      closing ??= (async () => {
        clearInterval(poll);
        await discovering?.catch(() => undefined);
        await Promise.all([...served.keys()].map((h) => stop(h, 'stopped serving (the worker is stopping)')));
        await subscriber.quit().catch(() => undefined);
        subscriber.disconnect();
        await client.quit().catch(() => undefined);
        client.disconnect();
        await pool.destroy();
        markClosed();
      })();
      return closing;
    },
  };
  log(`waiting for sweeps on ${c.label} with ${o.concurrency} thread${o.concurrency === 1 ? '' : 's'}`);
  return handle;
}
