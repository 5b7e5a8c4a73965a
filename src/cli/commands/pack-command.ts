import { InvalidArgumentError, type Command } from 'commander';
import { formatIssue } from '../../errors.js';
import { PACK_ALGORITHMS, type PackAlgorithm, type PackHostType, type PackItem, type PackObjective, type PackResult } from '../../packing/types.js';
import { pack } from '../../packing/pack.js';
import { formatNumber, formatPercent } from '../../report/format.js';
import { formatQuantity } from '../../resources/quantity.js';
import { compileScenario } from '../../scenario/compile.js';
import type { CommandContext } from '../command-context.js';
import { loadInput } from '../load-input.js';
import { parseCount } from '../parse-values.js';
import { keyValueTable, textTable } from '../text-table.js';
import { UsageError } from '../usage-error.js';

interface PackFlags {
  objective: PackObjective;
  algorithm: PackAlgorithm;
  cost: Record<string, number>;
  fleet?: boolean;
  timeLimit: number;
  maxIterations?: number;
  seed?: number;
  list?: boolean;
  json?: boolean;
}

function parseCost(text: string, previous: Record<string, number>): Record<string, number> {
  const m = /^([^=]+)=(.+)$/.exec(text);
  const price = m ? Number(m[2]) : NaN;
  if (!m || !Number.isFinite(price) || price < 0) throw new InvalidArgumentError('expected GROUP=PRICE, such as node=0.096.');
  return { ...previous, [(m[1] as string).trim()]: price };
}

function oneOf<T extends string>(values: readonly T[]): (text: string) => T {
  return (text) => {
    if (!(values as readonly string[]).includes(text)) throw new InvalidArgumentError(`expected one of ${values.join(', ')}.`);
    return text as T;
  };
}

/**
 * Adds `podsim pack` to the program.
 * @internal
 * @example
 * ```ts
 * registerPack(program, ctx);
 * ```
 */
export function registerPack(program: Command, ctx: CommandContext): void {
  program
    .command('pack')
    .description("Find the fewest (or cheapest) hosts that hold every workload's containers at once: offline vector bin packing.")
    .argument('<files...>', 'scenario files, Kubernetes manifests, Compose files, or folders of them')
    .option('--objective <what>', 'minimise the number of hosts or their total cost (hosts, cost)', oneOf<PackObjective>(['hosts', 'cost']), 'hosts')
    .option('--algorithm <name>', `packing algorithm (${PACK_ALGORITHMS.join(', ')})`, oneOf(PACK_ALGORITHMS), 'pipeline')
    .option('--cost <group=price>', 'price of one host of a host group (repeatable; default 1)', parseCost, {})
    .option('--fleet', "open at most as many hosts of each group as the scenario's count")
    .option('--time-limit <ms>', 'wall-clock budget of the improvement search, milliseconds', (t: string) => parseCount(t, 0), 1000)
    .option('--max-iterations <n>', 'move budget of the improvement search (reproducible on every machine)', (t: string) => parseCount(t, 0))
    .option('--seed <n>', 'seed of the improvement search', (t: string) => parseCount(t, 0))
    .option('--list', 'list the hosts opened and what each holds (identical hosts on one line)')
    .option('--json', 'print the packing as JSON')
    .addHelpText('after', `
Items are the workloads' requests times their counts (DaemonSet workloads are taken off every host's
capacity instead); host types are the host groups.

Examples:
  $ podsim pack scenario.yaml
  $ podsim pack cluster.yaml deploy/ --list
  $ podsim pack scenario.yaml --objective cost --cost small=0.05 --cost large=0.19
  $ podsim pack scenario.yaml --algorithm ffd-dot --json`)
    .action((files: string[], flags: PackFlags) => {
      ctx.command = 'pack';
      packCommand(ctx, files, flags);
    });
}

function packCommand(ctx: CommandContext, files: string[], flags: PackFlags): void {
  const { io } = ctx;
  const loaded = loadInput(files, ctx.cwd);
  for (const w of loaded.warnings) io.stderr.write(`warning: ${formatIssue(w)}\n`);
  const raw = loaded.scenario;
  const compiled = compileScenario(raw);
  const daemon = new Set<number>();
  (raw.workloads ?? []).forEach((w, i) => { if (w.daemonSet === true) daemon.add(i); });

  const items: PackItem[] = [];
  for (const w of compiled.workloads) {
    if (daemon.has(w.index)) continue;
    if (!Number.isFinite(w.count)) throw new UsageError(`workloads[${w.index}] (${w.name}): has no count (it arrives without bound), and pack needs to know how many containers to place`);
    if (w.count > 0) items.push({ name: w.name, request: w.request, replicas: w.count });
  }
  for (const g of Object.keys(flags.cost)) {
    if (!(raw.hosts ?? []).some((h) => h.name === g)) throw new UsageError(`--cost ${g}=${flags.cost[g]}: no host group is called "${g}"; groups are ${(raw.hosts ?? []).map((h) => h.name).join(', ')}`);
  }
  const hostTypes: PackHostType[] = (raw.hosts ?? []).map((g, gi) => {
    const host = compiled.hosts.find((h) => h.group === gi);
    const capacity: Record<string, number> = { ...(host?.capacity ?? {}) };
    for (const i of daemon) {
      for (const [k, v] of Object.entries((compiled.workloads[i] as (typeof compiled.workloads)[number]).request)) capacity[k] = Math.max(0, (capacity[k] ?? 0) - v);
    }
    return {
      name: g.name,
      capacity,
      ...(flags.cost[g.name] === undefined ? {} : { cost: flags.cost[g.name] as number }),
      ...(flags.fleet ? { max: g.count ?? 1 } : {}),
    };
  });
  const result = pack({
    items,
    hostTypes,
    objective: flags.objective,
    algorithm: flags.algorithm,
    timeLimitMs: flags.timeLimit,
    ...(flags.maxIterations === undefined ? {} : { maxIterations: flags.maxIterations }),
    ...(flags.seed === undefined ? {} : { seed: flags.seed }),
  });
  if (flags.json) {
    io.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return;
  }
  io.stdout.write(`podsim pack: ${loaded.sources.join(', ')}\n\n${keyValueTable(packSummary(result, items))}\n`);
  io.stdout.write(typeTable(result, hostTypes));
  if (flags.list) io.stdout.write('\n' + hostList(result, hostTypes));
}

function packSummary(r: PackResult, items: readonly PackItem[]): [string, string][] {
  const containers = items.reduce((a, i) => a + (i.replicas ?? 1), 0);
  const bound = `lower bound ${formatNumber(r.lowerBound.hosts)}${r.provenOptimal ? ': optimal' : `, gap ${r.gap.hosts} (${formatPercent(r.gap.relative)})`}`;
  return [
    ['containers', `${formatNumber(containers)} from ${items.length} workload${items.length === 1 ? '' : 's'}`],
    ['hosts needed', `${formatNumber(r.hostCount)} (${bound})`],
    ...(r.objective === 'cost' ? [['cost', `${Number(r.cost.toFixed(6))} (lower bound ${Number(r.lowerBound.cost.toFixed(6))})`] as [string, string]] : []),
    ['algorithm', `${r.algorithm} (started from ${r.stats.construction}, ${r.stats.iterations} moves, stopped by ${r.stats.stoppedBy})`],
  ];
}

function dimsOf(types: readonly PackHostType[]): string[] {
  const dims = ['cpu', 'memory'];
  for (const t of types) for (const k of Object.keys(t.capacity)) if (!dims.includes(k)) dims.push(k);
  return dims.filter((d) => types.some((t) => (t.capacity[d] ?? 0) > 0));
}

function typeTable(r: PackResult, types: readonly PackHostType[]): string {
  const dims = dimsOf(types);
  const rows = types.map((t, ti) => {
    const hosts = r.hosts.filter((h) => h.typeIndex === ti);
    return [t.name, String(hosts.length), ...dims.map((d) => {
      const cap = (t.capacity[d] ?? 0) * hosts.length;
      const used = hosts.reduce((a, h) => a + (h.used[d] ?? 0), 0);
      return cap > 0 ? formatPercent(used / cap) : '—';
    })];
  });
  return textTable(['HOST TYPE', 'HOSTS', ...dims.map((d) => `${d.toUpperCase()} USED`)], rows);
}

function hostList(r: PackResult, types: readonly PackHostType[]): string {
  const dims = dimsOf(types);
  // Identical hosts (same type, same containers) share one line, with how many there are.
  const groups = new Map<string, { cells: string[]; n: number }>();
  for (const h of r.hosts) {
    const counts = new Map<string, number>();
    for (const rep of h.replicas) counts.set(rep.name, (counts.get(rep.name) ?? 0) + 1);
    const t = types[h.typeIndex] as PackHostType;
    const cells = [
      h.type,
      ...dims.map((d) => `${formatQuantity(h.used[d] ?? 0, d)} / ${formatQuantity(t.capacity[d] ?? 0, d)}`),
      [...counts].map(([n, c]) => `${n}×${c}`).join(' '),
    ];
    const key = cells.join('\u0000');
    const g = groups.get(key);
    if (g === undefined) groups.set(key, { cells, n: 1 });
    else g.n++;
  }
  const rows = [...groups.values()].map((g) => [String(g.n), ...g.cells]);
  return textTable(['HOSTS', 'TYPE', ...dims.map((d) => d.toUpperCase()), 'CONTAINERS'], rows);
}
