// A throw-away Redis for tests: Debian's redis-server on a free localhost port, in a temporary
// folder, optionally with a password, append-only persistence (AOF) or TLS; stopped (and the folder
// removed) by stop(). Every wait is bounded, and a failure says what Redis logged.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REDIS } from './requires.js';

/** How to start the server. */
export interface RedisServerOptions {
  /** Append-only file with `appendfsync everysec`, so that a restart keeps the data. @defaultValue false */
  readonly aof?: boolean;
  /** `requirepass`. @defaultValue none */
  readonly password?: string;
  /** Serve TLS only, with a self-signed certificate for 127.0.0.1 (needs openssl). @defaultValue false */
  readonly tls?: boolean;
}

/** A running test server. */
export interface RedisServer {
  /** `redis://[:password@]127.0.0.1:<port>/0` (`rediss://` with TLS). */
  readonly url: string;
  readonly port: number;
  /** Its working folder (the AOF lives here). */
  readonly dir: string;
  /** The self-signed certificate (PEM) with `tls`. */
  readonly ca?: string;
  /** Kills it at once (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  /** Starts it again on the same port and folder (with AOF, it reloads its data). */
  restart(): Promise<void>;
  /** Stops it and removes its folder. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Whether the server answers PING (or says it wants a password), within `ms`. */
async function answers(port: number, tls: boolean, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tls ? tlsConnect({ host: '127.0.0.1', port, rejectUnauthorized: false }) : connect({ host: '127.0.0.1', port });
    const timer = setTimeout(() => { socket.destroy(); resolve(false); }, ms);
    let text = '';
    socket.once(tls ? 'secureConnect' : 'connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => {
      text += d.toString();
      if (/^(\+PONG|-NOAUTH|-LOADING)/.test(text)) {
        clearTimeout(timer);
        socket.destroy();
        resolve(!text.startsWith('-LOADING'));
      }
    });
    socket.once('error', () => { clearTimeout(timer); resolve(false); });
  });
}

async function exited(p: ChildProcess, ms: number): Promise<boolean> {
  if (p.exitCode !== null || p.signalCode !== null) return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    p.once('exit', () => { clearTimeout(timer); resolve(true); });
  });
}

/**
 * Starts redis-server (REDIS.path) on a free port. Throws, with Redis's log, when it does not answer
 * within 10 s.
 */
export async function startRedis(options: RedisServerOptions = {}): Promise<RedisServer> {
  const bin = REDIS.path;
  if (bin === undefined) throw new Error(`redis-server is not available: ${REDIS.install}`);
  const dir = mkdtempSync(join(tmpdir(), 'podsim-redis-'));
  let ca: string | undefined;
  if (options.tls === true) {
    const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { encoding: 'utf8', timeout: 30_000 });
    if (r.status !== 0) throw new Error(`openssl could not make a test certificate: ${r.stderr}`);
    ca = readFileSync(join(dir, 'cert.pem'), 'utf8');
  }
  const port = await freePort();
  const args = [
    '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--daemonize', 'no', '--logfile', join(dir, 'redis.log'),
    '--appendonly', options.aof === true ? 'yes' : 'no', '--appendfsync', 'everysec',
    ...(options.password !== undefined ? ['--requirepass', options.password] : []),
    ...(options.tls === true
      ? ['--port', '0', '--tls-port', String(port), '--tls-cert-file', join(dir, 'cert.pem'), '--tls-key-file', join(dir, 'key.pem'), '--tls-ca-cert-file', join(dir, 'cert.pem'), '--tls-auth-clients', 'no']
      : ['--port', String(port)]),
  ];
  let proc: ChildProcess | undefined;
  const log = () => { try { return readFileSync(join(dir, 'redis.log'), 'utf8').split('\n').slice(-15).join('\n'); } catch { return '(no log)'; } };
  async function start(): Promise<void> {
    const p = spawn(bin as string, args, { stdio: 'ignore' });
    proc = p;
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (p.exitCode !== null) break;
      if (await answers(port, options.tls === true, 500)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    p.kill('SIGKILL');
    throw new Error(`redis-server did not answer on port ${port} within 10 s; its log:\n${log()}`);
  }
  async function kill(): Promise<void> {
    if (proc === undefined) return;
    proc.kill('SIGKILL');
    await exited(proc, 5000);
  }
  await start();
  const auth = options.password !== undefined ? `:${encodeURIComponent(options.password)}@` : '';
  return {
    url: `${options.tls === true ? 'rediss' : 'redis'}://${auth}127.0.0.1:${port}/0`,
    port, dir, ...(ca !== undefined ? { ca } : {}),
    kill,
    restart: start,
    async stop() {
      if (proc !== undefined) {
        proc.kill('SIGTERM');
        if (!(await exited(proc, 5000))) await kill();
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
