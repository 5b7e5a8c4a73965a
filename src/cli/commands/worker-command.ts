import type { Command } from 'commander';
import { runWorker, type WorkerOptions } from '../../experiments/queue/run-worker.js';
import type { CommandContext } from '../command-context.js';
import { parseCount, parsePositiveDuration } from '../parse-values.js';

interface WorkerFlags {
  queue: string;
  concurrency?: number;
  sweep?: string[];
  lockDuration?: number;
  stalledInterval?: number;
  maxStalled?: number;
  exitWhenIdle?: number;
  prefix?: string;
}

const ms = (seconds: number) => Math.max(1, Math.round(seconds * 1000));

/**
 * Adds `podsim worker` to the program.
 * @internal
 * @example
 * ```ts
 * registerWorker(program, ctx);
 * ```
 */
export function registerWorker(program: Command, ctx: CommandContext): void {
  program
    .command('worker')
    .description('Run the sweeps that coordinators (podsim sweep --queue) put on a Redis queue, until stopped.')
    .requiredOption('--queue <url>', 'the Redis server, redis://[:password@]host:port/db or rediss:// for TLS (password also from PODSIM_REDIS_PASSWORD)')
    .option('--concurrency <n>', 'worker threads: runs at once (default: the cores available)', (t: string) => parseCount(t, 1))
    .option('--sweep <hash>', 'serve only this sweep (its hash, or 12+ leading hex digits); repeatable (default: every open sweep)', (t: string, p: string[] = []) => [...p, t.trim()])
    .option('--lock-duration <duration>', 'how long a run stays locked without renewal; a stopped worker\'s runs go to others after it (default 30s)', parsePositiveDuration)
    .option('--stalled-interval <duration>', 'how often to look for runs whose worker stopped (default 30s)', parsePositiveDuration)
    .option('--max-stalled <n>', 'stalls a run may have before it fails (default 2)', (t: string) => parseCount(t, 0))
    .option('--exit-when-idle <duration>', 'stop after this long without a run (default: run until SIGTERM or SIGINT)', parsePositiveDuration)
    .option('--prefix <prefix>', 'the prefix of podsim\'s Redis keys (default podsim)')
    .addHelpText('after', `
Start any number of workers, on any machines that reach Redis. Each runs every open sweep (or those
named with --sweep) on its threads and stores each run's result in Redis; the coordinator collects
them. SIGTERM or SIGINT stops it after the runs in progress; a worker killed outright loses nothing
(its runs go to other workers once their locks expire). See docs/distributed.md.

Examples:
  $ podsim worker --queue redis://redis.internal:6379/0
  $ PODSIM_REDIS_PASSWORD=… podsim worker --queue rediss://redis.internal:6380/0 --concurrency 8
  $ podsim worker --queue redis://127.0.0.1:6379/0 --exit-when-idle 5m`)
    .action(async (flags: WorkerFlags) => {
      ctx.command = 'worker';
      await workerCommand(ctx, flags);
    });
}

async function workerCommand(ctx: CommandContext, flags: WorkerFlags): Promise<void> {
  const { io } = ctx;
  const password = (io.env ?? process.env).PODSIM_REDIS_PASSWORD;
  const options: WorkerOptions = {
    connection: password !== undefined && password !== '' ? { url: flags.queue, password } : flags.queue,
    ...(flags.concurrency !== undefined ? { concurrency: flags.concurrency } : {}),
    ...(flags.sweep !== undefined ? { sweeps: flags.sweep } : {}),
    ...(flags.lockDuration !== undefined ? { lockDuration: ms(flags.lockDuration) } : {}),
    ...(flags.stalledInterval !== undefined ? { stalledInterval: ms(flags.stalledInterval) } : {}),
    ...(flags.maxStalled !== undefined ? { maxStalledCount: flags.maxStalled } : {}),
    ...(flags.exitWhenIdle !== undefined ? { exitWhenIdle: ms(flags.exitWhenIdle) } : {}),
    ...(flags.prefix !== undefined ? { prefix: flags.prefix } : {}),
    log: (line: string) => { io.stderr.write(`podsim worker: ${line}\n`); },
  };
  // SIGTERM (Kubernetes, systemd) and SIGINT (Ctrl-C) finish the runs in progress, then stop. The
  // handlers go in before the worker starts: a signal while it connects stops it as soon as it exists.
  let worker: Awaited<ReturnType<typeof runWorker>> | undefined;
  let stopping = false;
  const stop = (signal: string) => () => {
    io.stderr.write(`podsim worker: ${signal}: finishing the runs in progress, then stopping\n`);
    stopping = true;
    if (worker !== undefined) void worker.close();
  };
  const onTerm = stop('SIGTERM'), onInt = stop('SIGINT');
  process.once('SIGTERM', onTerm);
  process.once('SIGINT', onInt);
  try {
    worker = await runWorker(options);
    if (stopping) void worker.close();
    await worker.closed;
  } finally {
    process.off('SIGTERM', onTerm);
    process.off('SIGINT', onInt);
  }
  const s = worker.stats();
  io.stderr.write(`podsim worker: stopped after ${s.runs} run${s.runs === 1 ? '' : 's'} of ${s.sweeps} sweep${s.sweeps === 1 ? '' : 's'}${s.failedAttempts > 0 ? `, ${s.failedAttempts} failed attempts` : ''}${s.refused > 0 ? `, ${s.refused} refused` : ''}\n`);
}
