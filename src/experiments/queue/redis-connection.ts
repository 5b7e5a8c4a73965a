import { PodsimError, type Issue } from '../../errors.js';

/**
 * Where Redis is: a URL, `redis://[[user]:password@]host[:port][/db]` (`rediss://` for TLS), or
 * options. A password is never printed: every message names the server as `redis://:***@host:port/db`.
 *
 * @example
 * ```ts
 * const a: RedisConnection = 'redis://127.0.0.1:6379/0';
 * const b: RedisConnection = { url: 'rediss://redis.internal:6380/2', password: process.env.REDIS_PASSWORD };
 * ```
 */
export type RedisConnection = string | RedisConnectionOptions;

/**
 * Redis connection options; each field overrides the same part of `url`.
 *
 * @example
 * ```ts
 * const o: RedisConnectionOptions = { host: 'redis.internal', port: 6380, password: 's3cret', tls: { ca: caPem } };
 * ```
 */
export interface RedisConnectionOptions {
  /** `redis://[[user]:password@]host[:port][/db]`, or `rediss://…` for TLS. @defaultValue none */
  readonly url?: string;
  /** @defaultValue '127.0.0.1' (or the URL's host) */
  readonly host?: string;
  /** @defaultValue 6379 (or the URL's port) */
  readonly port?: number;
  /** The database number. @defaultValue 0 (or the URL's path) */
  readonly db?: number;
  /** The ACL user. @defaultValue none (Redis's `default` user) */
  readonly username?: string;
  /** The password; kept out of every message. @defaultValue none (or the URL's) */
  readonly password?: string;
  /** TLS: `true`, or Node's TLS options (`ca`, `cert`, `key`, `servername`, `rejectUnauthorized`). @defaultValue false (true for `rediss://`) */
  readonly tls?: boolean | Readonly<Record<string, unknown>>;
  /** Milliseconds the first connection may take before giving up (later reconnections retry without end). @defaultValue 10000 */
  readonly connectTimeout?: number;
}

/** A connection with its parts resolved. @internal */
export interface ResolvedConnection {
  readonly host: string;
  readonly port: number;
  readonly db: number;
  readonly username?: string;
  readonly password?: string;
  readonly tls?: Readonly<Record<string, unknown>>;
  readonly connectTimeout: number;
  /** The server as printed: `redis://:***@host:port/db`. */
  readonly label: string;
}

const MASK = '***';

/**
 * Hides secrets in any text: every password given, as written and URL-encoded, and the password
 * part of any URL (`redis://user:password@host`, or any other scheme someone typed by mistake).
 * @internal
 * @example
 * ```ts
 * redactText('cannot reach redis://:pw@h:6379 (pw)', ['pw']); // 'cannot reach redis://:***@h:6379 (***)'
 * ```
 */
export function redactText(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text.replace(/([a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:)[^\s@/]+@/gi, `$1${MASK}@`);
  for (const s of secrets) {
    if (s === undefined || s === '') continue;
    for (const form of new Set([s, encodeURIComponent(s)])) out = out.split(form).join(MASK);
  }
  return out;
}

/**
 * Checks a connection and resolves its parts, adding every problem to `issues` under `path`. The
 * messages never contain the password.
 * @internal
 * @example
 * ```ts
 * resolveConnection('redis://:pw@127.0.0.1:6380/1', 'queue.connection', issues); // { host: '127.0.0.1', port: 6380, db: 1, password: 'pw', label: 'redis://:***@127.0.0.1:6380/1', … }
 * ```
 */
export function resolveConnection(connection: RedisConnection | undefined, path: string, issues: Issue[]): ResolvedConnection | undefined {
  const before = issues.length;
  const o: RedisConnectionOptions | undefined = typeof connection === 'string' ? { url: connection } : connection;
  if (typeof o !== 'object' || o === null) {
    issues.push({ code: 'invalid_value', path, message: "is required: a Redis URL such as 'redis://127.0.0.1:6379/0', or { host, port, password, tls }" });
    return undefined;
  }
  let host = '127.0.0.1', port = 6379, db = 0, tls = false;
  let username: string | undefined, password: string | undefined;
  if (o.url !== undefined) {
    let u: URL | undefined;
    try {
      u = new URL(o.url);
    } catch {
      u = undefined;
    }
    if (u === undefined || (u.protocol !== 'redis:' && u.protocol !== 'rediss:')) {
      issues.push({ code: 'invalid_value', path, message: `${JSON.stringify(redactText(o.url, [o.password]))} is not a Redis URL: expected redis://[[user]:password@]host[:port][/db] or rediss://… for TLS` });
    } else {
      if (u.hostname !== '') host = u.hostname.replace(/^\[(.*)\]$/, '$1');
      if (u.port !== '') port = Number(u.port);
      if (u.username !== '') username = decodeURIComponent(u.username);
      if (u.password !== '') password = decodeURIComponent(u.password);
      const dbText = u.pathname.replace(/^\//, '');
      if (dbText !== '') {
        if (/^\d+$/.test(dbText)) db = Number(dbText);
        else issues.push({ code: 'invalid_value', path, message: `the database in ${JSON.stringify(redactText(o.url, [password, o.password]))} must be a number, such as /0` });
      }
      tls = u.protocol === 'rediss:';
      if (u.search !== '' || u.hash !== '') issues.push({ code: 'invalid_value', path, message: `${JSON.stringify(redactText(o.url, [password, o.password]))}: query parameters are not read; give options as { host, port, db, username, password, tls }` });
    }
  }
  host = o.host ?? host;
  port = o.port ?? port;
  db = o.db ?? db;
  username = o.username ?? username;
  password = o.password ?? password;
  if (typeof host !== 'string' || host === '') issues.push({ code: 'invalid_value', path: `${path}.host`, message: 'must be a host name' });
  if (!(Number.isInteger(port) && port > 0 && port < 65536)) issues.push({ code: 'invalid_value', path: `${path}.port`, message: `must be a port number 1–65535, got ${JSON.stringify(port)}` });
  if (!(Number.isInteger(db) && db >= 0)) issues.push({ code: 'invalid_value', path: `${path}.db`, message: `must be a database number ≥ 0, got ${JSON.stringify(db)}` });
  if (username !== undefined && typeof username !== 'string') issues.push({ code: 'invalid_value', path: `${path}.username`, message: 'must be text' });
  if (password !== undefined && typeof password !== 'string') issues.push({ code: 'invalid_value', path: `${path}.password`, message: 'must be text' });
  const connectTimeout = o.connectTimeout ?? 10_000;
  if (!(typeof connectTimeout === 'number' && connectTimeout > 0 && Number.isFinite(connectTimeout))) issues.push({ code: 'invalid_value', path: `${path}.connectTimeout`, message: `must be a number of milliseconds > 0, got ${JSON.stringify(connectTimeout)}` });
  let tlsOptions: Readonly<Record<string, unknown>> | undefined;
  if (o.tls !== undefined && typeof o.tls !== 'boolean' && (typeof o.tls !== 'object' || o.tls === null)) issues.push({ code: 'invalid_value', path: `${path}.tls`, message: 'must be true, false or TLS options such as { ca }' });
  else if (o.tls === true || (o.tls === undefined && tls)) tlsOptions = {};
  else if (typeof o.tls === 'object' && o.tls !== null) tlsOptions = o.tls;
  if (issues.length > before) return undefined;
  const scheme = tlsOptions !== undefined ? 'rediss' : 'redis';
  const auth = password !== undefined ? `${username ?? ''}:${MASK}@` : username !== undefined ? `${username}@` : '';
  const label = `${scheme}://${auth}${host.includes(':') ? `[${host}]` : host}:${port}/${db}`;
  return {
    host, port, db, connectTimeout, label,
    ...(username !== undefined ? { username } : {}),
    ...(password !== undefined ? { password } : {}),
    ...(tlsOptions !== undefined ? { tls: tlsOptions } : {}),
  };
}

/**
 * Hides the connection's password in `text`.
 * @internal
 */
export function redactFor(c: ResolvedConnection, text: string): string {
  return redactText(text, [c.password]);
}

/**
 * An error whose message (and stack) have the connection's secrets hidden.
 * @internal
 */
export function redactError(c: ResolvedConnection, e: unknown): Error {
  if (e instanceof PodsimError) return new PodsimError(e.issues.map((i) => ({ ...i, message: redactFor(c, i.message) })), redactFor(c, e.message.split('\n')[0]?.replace(/:$/, '') ?? 'queue'));
  const err = e instanceof Error ? e : new Error(String(e));
  const out = new Error(redactFor(c, err.message));
  if (err.stack !== undefined) out.stack = redactFor(c, err.stack);
  return out;
}

