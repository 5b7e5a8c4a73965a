import type { Issue } from '../../errors.js';
import { resolveConnection, type RedisConnection, type ResolvedConnection } from './redis-connection.js';

/**
 * Where and how a sweep runs on a Redis job queue (BullMQ): `experiment({ …, queue: { connection } })`.
 * The calling process becomes the coordinator: it enqueues one job per (point, replication) on a
 * queue named after the sweep's hash, waits for workers (`podsim worker`, {@link runWorker}) to
 * run them, and computes the same result as a local sweep.
 *
 * @example
 * ```ts
 * const queue: QueueOptions = { connection: 'redis://127.0.0.1:6379/0', resume: true, attempts: 3 };
 * const ex = await experiment({ scenario, vary: { 'hosts[0].count': [8, 10] }, queue });
 * ```
 */
export interface QueueOptions {
  /** Where Redis is: a URL (`redis://…`, `rediss://…` for TLS) or options with the password and TLS settings. */
  readonly connection: RedisConnection;
  /**
   * Use the results already stored for this sweep (a coordinator restarted after it stopped) instead
   * of refusing to start; runs that failed are tried again. @defaultValue false
   */
  readonly resume?: boolean;
  /** Delete whatever is stored for this sweep (results, queued and failed runs) before starting. @defaultValue false */
  readonly fresh?: boolean;
  /** Attempts per run: a run that times out or whose worker fails is tried again, up to this many times in all. @defaultValue 3 */
  readonly attempts?: number;
  /** Milliseconds before the first retry of a failed attempt; each later retry waits twice as long. @defaultValue 1000 */
  readonly backoff?: number;
  /** Milliseconds one run may take on a worker before it is stopped and the attempt counts as failed. @defaultValue 600000 (10 minutes) */
  readonly runTimeout?: number;
  /** Seconds the sweep's definition and results stay in Redis after the coordinator last touched them. @defaultValue 604800 (7 days) */
  readonly ttl?: number;
  /** The prefix of every Redis key podsim writes. @defaultValue 'podsim' */
  readonly prefix?: string;
  /** Milliseconds between the coordinator's checks of stored results and failed runs (which catch anything a lost event missed). @defaultValue 1000 */
  readonly checkInterval?: number;
  /** Receives one line at each step worth telling (runs enqueued, resumed, a Redis reconnection); never a password. @defaultValue none */
  readonly log?: (line: string) => void;
  /**
   * Stops coordinating when aborted (what `podsim sweep --queue` does on SIGINT or SIGTERM): the
   * experiment rejects with a `queue_stopped` error, the runs already queued stay in Redis and
   * workers go on with them, and a coordinator started again with `resume` collects them. @defaultValue none
   */
  readonly signal?: AbortSignal;
}

/** {@link QueueOptions} checked, with defaults. @internal */
export interface ResolvedQueueOptions {
  readonly connection: ResolvedConnection;
  readonly resume: boolean;
  readonly fresh: boolean;
  readonly attempts: number;
  readonly backoff: number;
  readonly runTimeout: number;
  readonly ttl: number;
  readonly prefix: string;
  readonly checkInterval: number;
  readonly log: (line: string) => void;
  readonly signal?: AbortSignal;
}

/** The defaults {@link QueueOptions} documents. @internal */
export const QUEUE_DEFAULTS = { attempts: 3, backoff: 1000, runTimeout: 600_000, ttl: 604_800, prefix: 'podsim', checkInterval: 1000 } as const;

const KNOWN = ['connection', 'resume', 'fresh', 'attempts', 'backoff', 'runTimeout', 'ttl', 'prefix', 'checkInterval', 'log', 'signal'];

/**
 * A key prefix Redis and BullMQ both accept: letters, digits, `-`, `_` and `.` (no `:`, which separates key parts).
 * @internal
 */
export function checkPrefix(prefix: unknown, path: string, issues: Issue[]): void {
  if (typeof prefix !== 'string' || !/^[A-Za-z0-9_.-]{1,64}$/.test(prefix)) issues.push({ code: 'invalid_value', path, message: `must be 1–64 letters, digits, '-', '_' or '.', got ${JSON.stringify(prefix)}` });
}

/**
 * A whole number of at least `min`, or an issue.
 * @internal
 */
export function checkWhole(value: unknown, min: number, path: string, unit: string, issues: Issue[]): void {
  if (!(typeof value === 'number' && Number.isInteger(value) && value >= min)) issues.push({ code: 'invalid_value', path, message: `must be a whole number of ${unit} ≥ ${min}, got ${JSON.stringify(value)}` });
}

/**
 * Checks the `queue` option of `experiment()` and `findCapacity()`, adding every problem to `issues`.
 * @internal
 */
export function resolveQueueOptions(q: QueueOptions, issues: Issue[]): ResolvedQueueOptions | undefined {
  if (typeof q !== 'object' || q === null) {
    issues.push({ code: 'invalid_value', path: 'queue', message: "must be { connection: 'redis://host:6379/0', … }" });
    return undefined;
  }
  const before = issues.length;
  for (const k of Object.keys(q)) if (!KNOWN.includes(k)) issues.push({ code: 'unknown_option', path: `queue.${k}`, message: `unknown option ${JSON.stringify(k)} (known: ${KNOWN.join(', ')})` });
  const connection = resolveConnection(q.connection, 'queue.connection', issues);
  const o = {
    resume: q.resume ?? false, fresh: q.fresh ?? false,
    attempts: q.attempts ?? QUEUE_DEFAULTS.attempts, backoff: q.backoff ?? QUEUE_DEFAULTS.backoff,
    runTimeout: q.runTimeout ?? QUEUE_DEFAULTS.runTimeout, ttl: q.ttl ?? QUEUE_DEFAULTS.ttl,
    prefix: q.prefix ?? QUEUE_DEFAULTS.prefix, checkInterval: q.checkInterval ?? QUEUE_DEFAULTS.checkInterval,
  };
  for (const k of ['resume', 'fresh'] as const) if (typeof o[k] !== 'boolean') issues.push({ code: 'invalid_value', path: `queue.${k}`, message: 'must be true or false' });
  if (o.resume && o.fresh) issues.push({ code: 'invalid_value', path: 'queue.fresh', message: 'cannot be combined with resume: fresh discards what resume would use' });
  checkWhole(o.attempts, 1, 'queue.attempts', 'attempts', issues);
  checkWhole(o.backoff, 0, 'queue.backoff', 'milliseconds', issues);
  checkWhole(o.runTimeout, 1, 'queue.runTimeout', 'milliseconds', issues);
  checkWhole(o.ttl, 1, 'queue.ttl', 'seconds', issues);
  checkWhole(o.checkInterval, 10, 'queue.checkInterval', 'milliseconds', issues);
  checkPrefix(o.prefix, 'queue.prefix', issues);
  if (q.log !== undefined && typeof q.log !== 'function') issues.push({ code: 'invalid_value', path: 'queue.log', message: 'must be a function (line) => void' });
  if (q.signal !== undefined && !(q.signal instanceof AbortSignal)) issues.push({ code: 'invalid_value', path: 'queue.signal', message: 'must be an AbortSignal' });
  if (issues.length > before || connection === undefined) return undefined;
  return { ...o, connection, log: q.log ?? (() => undefined), ...(q.signal !== undefined ? { signal: q.signal } : {}) };
}
