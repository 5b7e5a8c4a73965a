import type { Command } from 'commander';
import { estimateEnd } from '../../report/estimate-end.js';
import { formatNumber, formatSeconds } from '../../report/format.js';
import type { CommandContext } from '../command-context.js';
import { ContainerTracker } from '../container-tracker.js';
import { dockerBytes } from '../docker-bytes.js';
import { driveSimulation } from '../drive-simulation.js';
import { addOverrideOptions, prepareRun } from '../prepare-run.js';
import { parseDuration } from '../parse-values.js';
import { Progress } from '../progress.js';
import { textTable } from '../text-table.js';
import { UsageError } from '../usage-error.js';

interface StatsFlags {
  at: number;
  seed?: number | string;
  until?: number;
  policy?: string;
  host?: string;
  containers?: boolean;
}

const NO_IO = '0B / 0B';
const pct = (x: number) => `${x.toFixed(2)}%`;

/**
 * Adds `podsim stats` to the program.
 * @internal
 * @example
 * ```ts
 * registerStats(program, ctx);
 * ```
 */
export function registerStats(program: Command, ctx: CommandContext): void {
  const command = program
    .command('stats')
    .description('Show a `docker stats`-style table of every container and host at simulated time T.')
    .argument('<files...>', 'scenario files, Kubernetes manifests, Compose files, or folders of them')
    .requiredOption('--at <time>', 'the simulated time to look at (seconds, or 90s, 15m, 2h, 1d)', parseDuration)
    .option('--host <name>', 'show only the containers on this host')
    .option('--no-containers', 'show only the hosts table');
  addOverrideOptions(command)
    .addHelpText('after', `
CPU % of a container is docker's: 100% is one core. CPU % of a host is the share of its capacity.
Usage is live from the performance model when the scenario has one (work, images, start-up,
readiness or memory); otherwise it is the request. With the performance model, NET I/O is received / sent
(the container's data transfer so far) and BLOCK I/O read / written (image layers its pull wrote to disk);
without it they are 0B / 0B.

Examples:
  $ podsim stats scenario.yaml --at 600
  $ podsim stats scenario.yaml --at 1h --host node-3
  $ podsim stats scenario.yaml --at 90s --no-containers`)
    .action((files: string[], flags: StatsFlags) => {
      ctx.command = 'stats';
      statsCommand(ctx, files, flags);
    });
}

function statsCommand(ctx: CommandContext, files: string[], flags: StatsFlags): void {
  const { io } = ctx;
  const { scenario, run } = prepareRun(ctx, files, flags);
  const cluster = run.cluster;
  let hostFilter = -1;
  if (flags.host !== undefined) {
    hostFilter = cluster.hostNames.indexOf(flags.host);
    if (hostFilter < 0) throw new UsageError(`--host ${JSON.stringify(flags.host)}: no such host; hosts are ${describeNames(cluster.hostNames)}`);
  }
  const tracker = new ContainerTracker(run);
  const at = flags.at;
  const open = driveSimulation(run, { stopAt: at, progress: new Progress(io, Math.min(at, estimateEnd(scenario))) });
  if (!open && at > run.now) {
    throw new UsageError(`--at ${formatNumber(at)}: outside the simulated time 0 … ${formatNumber(run.now)} s (the run ends at ${formatSeconds(run.now)})`);
  }
  // Every event up to `at` has run; move the clock to `at` itself, so that fluid progress (CPU
  // work, bytes sent) is read at that moment rather than at the last event before it.
  if (open && run.now < at) run.sim.run({ until: at });

  const cpu = cluster.dimensionIndex('cpu'), mem = cluster.dimensionIndex('memory'), D = cluster.D;
  const workloads = run.scenario.workloads;
  const counts = run.counts;
  const life = run.lifecycle;
  io.stdout.write(`at t = ${formatSeconds(at)}: ${formatNumber(counts.running)} containers running on ${formatNumber(cluster.hostsInUse)} of ${formatNumber(cluster.hostCount)} hosts, ${formatNumber(counts.pending)} pending${life === undefined ? ' (no performance model: usage shown is the request)' : ''}\n\n`);

  if (flags.containers !== false) {
    const rows: string[][] = [];
    for (const c of tracker.running()) {
      if (hostFilter >= 0 && c.host !== hostFilter) continue;
      const w = workloads[c.workload] as (typeof workloads)[number];
      // Live usage from the performance model when the scenario has one; otherwise the request.
      const live = life?.liveUsage(c.slot);
      const cpuUse = live?.cpu ?? w.request.cpu ?? 0;
      const memUse = live?.memory ?? w.request.memory ?? 0;
      const memLimit = w.limit?.memory ?? (cluster.capacity[c.host * D + mem] as number);
      rows.push([
        c.name,
        cluster.hostNames[c.host] as string,
        pct(cpuUse / 10),
        `${dockerBytes(memUse)} / ${dockerBytes(memLimit)}`,
        pct(memLimit > 0 ? (100 * memUse) / memLimit : 0),
        live === undefined ? NO_IO : `0B / ${dockerBytes(live.netTx)}`,
        live === undefined ? NO_IO : `0B / ${dockerBytes(live.blockWrite)}`,
      ]);
    }
    io.stdout.write(textTable(['NAME', 'HOST', 'CPU %', 'MEM USAGE / LIMIT', 'MEM %', 'NET I/O', 'BLOCK I/O'], rows));
    io.stdout.write('\n');
  }
  // Per host: the sum of its containers' usage (their requests without a performance model).
  const hostCpu = new Float64Array(cluster.hostCount), hostMem = new Float64Array(cluster.hostCount);
  const hostTx = new Float64Array(cluster.hostCount), hostWrite = new Float64Array(cluster.hostCount);
  for (const c of tracker.running()) {
    const w = workloads[c.workload] as (typeof workloads)[number];
    const live = life?.liveUsage(c.slot);
    hostCpu[c.host] = (hostCpu[c.host] as number) + (live?.cpu ?? w.request.cpu ?? 0);
    hostMem[c.host] = (hostMem[c.host] as number) + (live?.memory ?? w.request.memory ?? 0);
    hostTx[c.host] = (hostTx[c.host] as number) + (live?.netTx ?? 0);
    hostWrite[c.host] = (hostWrite[c.host] as number) + (live?.blockWrite ?? 0);
  }
  const hostRows: string[][] = [];
  for (let h = 0; h < cluster.hostCount; h++) {
    if (hostFilter >= 0 && h !== hostFilter) continue;
    const capCpu = cluster.capacity[h * D + cpu] as number, useCpu = hostCpu[h] as number;
    const capMem = cluster.capacity[h * D + mem] as number, useMem = hostMem[h] as number;
    hostRows.push([
      cluster.hostNames[h] as string,
      String(cluster.containers[h]),
      pct(capCpu > 0 ? (100 * useCpu) / capCpu : 0),
      `${dockerBytes(useMem)} / ${dockerBytes(capMem)}`,
      pct(capMem > 0 ? (100 * useMem) / capMem : 0),
      life === undefined ? NO_IO : `0B / ${dockerBytes(hostTx[h] as number)}`,
      life === undefined ? NO_IO : `0B / ${dockerBytes(hostWrite[h] as number)}`,
    ]);
  }
  io.stdout.write(textTable(['HOST', 'CONTAINERS', 'CPU %', 'MEM USAGE / LIMIT', 'MEM %', 'NET I/O', 'BLOCK I/O'], hostRows));
}

function describeNames(names: readonly string[]): string {
  return names.length <= 6 ? names.join(', ') : `${names.slice(0, 3).join(', ')}, … ${names[names.length - 1] as string}`;
}
