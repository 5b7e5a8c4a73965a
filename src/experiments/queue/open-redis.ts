// Opening a Redis client, apart from the connection types: the declaration files of the public
// types (redis-connection.d.ts) then never import ioredis, whose own types need more than a user's
// project may have (skipLibCheck off).
import type { Redis } from 'ioredis';
import { PodsimError } from '../../errors.js';
import { redactFor, type ResolvedConnection } from './redis-connection.js';

const AUTH_FAILURE = /WRONGPASS|NOAUTH|invalid password|invalid username-password/i;

/**
 * Opens a client and waits for its first connection, at most `connectTimeout` ms (at once on a
 * refused password). Later, it reconnects on its own, without end, as a long sweep needs when Redis
 * restarts; commands wait meanwhile. ioredis is loaded here, on first use.
 * @internal
 * @example
 * ```ts
 * const client = await openRedis(resolved, 'podsim-coordinator');
 * ```
 */
export async function openRedis(c: ResolvedConnection, name: string): Promise<Redis> {
  const { Redis } = await import('ioredis');
  const client = new Redis({
    host: c.host, port: c.port, db: c.db,
    ...(c.username !== undefined ? { username: c.username } : {}),
    ...(c.password !== undefined ? { password: c.password } : {}),
    ...(c.tls !== undefined ? { tls: { ...(c.tls as object) } } : {}),
    connectionName: name,
    lazyConnect: true,
    // BullMQ's blocking commands need requests to wait for a reconnection rather than fail.
    maxRetriesPerRequest: null,
    retryStrategy: (times: number) => Math.min(50 * 2 ** Math.min(times, 10), 2000),
  });
  let lastError: Error | undefined;
  const onError = (e: Error) => { lastError = e; };
  client.on('error', onError);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(lastError?.message ?? 'timed out')), c.connectTimeout);
      const fail = (e: Error) => { if (AUTH_FAILURE.test(e.message)) { clearTimeout(timer); reject(e); } };
      client.on('error', fail);
      client.once('ready', () => { clearTimeout(timer); client.off('error', fail); resolve(); });
      client.connect().catch(() => undefined);
    });
  } catch (e) {
    client.disconnect();
    const why = e instanceof Error ? e.message : String(e);
    const refused = AUTH_FAILURE.test(why);
    throw new PodsimError([{
      code: 'queue_unreachable', path: 'queue.connection',
      message: redactFor(c, refused ? `Redis at ${c.label} refused the credentials (${why.trim()})` : `cannot reach Redis at ${c.label} within ${c.connectTimeout} ms (${why.trim()})`),
    }], 'queue: cannot connect');
  }
  // Errors while reconnecting are expected (Redis restarting); whoever needs them listens itself.
  return client;
}
