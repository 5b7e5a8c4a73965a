import type { Command } from 'commander';
import { estimateEnd } from '../../report/estimate-end.js';
import { formatNumber, formatSeconds } from '../../report/format.js';
import type { CommandContext } from '../command-context.js';
import { dockerBytes } from '../docker-bytes.js';
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
// A figure nothing gives: docker stats prints "--" for what it cannot read.
const UNKNOWN = '--';
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
Usage comes from what the scenario gives: a workload's usage: { cpu, memory } (CPU as a fraction of the
request, memory a quantity or profile), a service's load × cpuPerRequest, and the performance model
(CPU shares of work, memory profiles). What none of them gives is shown as --. A scenario with none of
them shows requests, and says so. With the performance model, NET I/O is received / sent
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
  const at = flags.at;
  const progress = new Progress(io, Math.min(at, estimateEnd(scenario)));
  try {
    run.run({ until: at, onProgress: (now, events) => progress.update(now, events) });
  } finally {
    progress.stop();
  }
  if (run.done && at > run.now) {
    throw new UsageError(`--at ${formatNumber(at)}: outside the simulated time 0 … ${formatNumber(run.now)} s (the run ends at ${formatSeconds(run.now)})`);
  }

  // Every event up to `at` has run and the clock stands at `at`: fluid progress (CPU work, bytes
  // sent) is read at that moment.
  const snap = run.snapshot();
  const cpu = cluster.dimensionIndex('cpu'), mem = cluster.dimensionIndex('memory'), D = cluster.D;
  const byName = new Map(run.scenario.workloads.map((w) => [w.name, w]));
  const counts = snap.counts;
  // Usage is known from the performance model (work, memory profiles) and from declared usage (usage.cpu,
  // a service's load). Without either, the table shows requests, and says so; with them, what nothing
  // gives is "--", never a made-up 0.
  const life = run.lifecycle !== undefined;
  const measured = life || (run.meters?.declaresUsage ?? false);
  const note = measured ? '' : ' (no usage model: usage shown is the request; declare usage: { cpu, memory } for real figures)';
  io.stdout.write(`at t = ${formatSeconds(at)}: ${formatNumber(counts.running)} containers running on ${formatNumber(cluster.hostsInUse)} of ${formatNumber(cluster.hostCount)} hosts, ${formatNumber(counts.pending)} pending${note}\n\n`);

  type Shown = (typeof snap.hosts)[number]['containers'][number];
  const usageOf = (c: Shown) => {
    const w = byName.get(c.workload) as (typeof run.scenario.workloads)[number];
    const cpuUse = measured ? c.usage?.cpu : w.request.cpu ?? 0;
    const memUse = measured ? c.usage?.memory : w.request.memory ?? 0;
    return { w, cpu: cpuUse, memory: memUse, netTx: c.usage?.netTx ?? 0, blockWrite: c.usage?.blockWrite ?? 0 };
  };
  const io2 = (bytes: number) => (life ? `0B / ${dockerBytes(bytes)}` : NO_IO);
  const shown = snap.hosts.filter((h) => hostFilter < 0 || h.index === hostFilter);
  if (flags.containers !== false) {
    const rows: string[][] = [];
    for (const h of shown) {
      for (const c of h.containers) {
        const u = usageOf(c);
        const memLimit = u.w.limit?.memory ?? (cluster.capacity[h.index * D + mem] as number);
        rows.push([
          c.name,
          h.name,
          u.cpu === undefined ? UNKNOWN : pct(u.cpu / 10),
          `${u.memory === undefined ? UNKNOWN : dockerBytes(u.memory)} / ${dockerBytes(memLimit)}`,
          u.memory === undefined ? UNKNOWN : pct(memLimit > 0 ? (100 * u.memory) / memLimit : 0),
          io2(u.netTx),
          io2(u.blockWrite),
        ]);
      }
    }
    io.stdout.write(textTable(['NAME', 'HOST', 'CPU %', 'MEM USAGE / LIMIT', 'MEM %', 'NET I/O', 'BLOCK I/O'], rows));
    io.stdout.write('\n');
  }
  // Per host: the sum of its containers' usage (their requests without a usage model); "--" when any of
  // its containers' usage is unknown.
  const hostRows: string[][] = [];
  for (const h of shown) {
    let useCpu: number | undefined = 0, useMem: number | undefined = 0, tx = 0, written = 0;
    for (const c of h.containers) {
      const u = usageOf(c);
      useCpu = useCpu === undefined || u.cpu === undefined ? undefined : useCpu + u.cpu;
      useMem = useMem === undefined || u.memory === undefined ? undefined : useMem + u.memory;
      tx += u.netTx;
      written += u.blockWrite;
    }
    const capCpu = cluster.capacity[h.index * D + cpu] as number, capMem = cluster.capacity[h.index * D + mem] as number;
    hostRows.push([
      h.name,
      String(h.containers.length),
      useCpu === undefined ? UNKNOWN : pct(capCpu > 0 ? (100 * useCpu) / capCpu : 0),
      `${useMem === undefined ? UNKNOWN : dockerBytes(useMem)} / ${dockerBytes(capMem)}`,
      useMem === undefined ? UNKNOWN : pct(capMem > 0 ? (100 * useMem) / capMem : 0),
      io2(tx),
      io2(written),
    ]);
  }
  io.stdout.write(textTable(['HOST', 'CONTAINERS', 'CPU %', 'MEM USAGE / LIMIT', 'MEM %', 'NET I/O', 'BLOCK I/O'], hostRows));
}

function describeNames(names: readonly string[]): string {
  return names.length <= 6 ? names.join(', ') : `${names.slice(0, 3).join(', ')}, … ${names[names.length - 1] as string}`;
}
