import { InvalidArgumentError, type Command } from 'commander';
import { formatIssue, PodsimError, type Issue } from '../../errors.js';
import type { KubePodFields } from '../../kube/pod-fields-schema.js';
import type { KubeNodeFields } from '../../kube/node-fields-schema.js';
import type { Scenario } from '../../scenario/schema.js';
import { Simulation } from '../../simulation/simulation.js';
import { DEFAULT_MAX_PODS } from '../../kube/node-table.js';
import { PODS_DIMENSION } from '../../packing/kube-pack.js';
import { addInputOptions, loadOptionsOf, type InputFlags } from '../input-flags.js';
import { unfitWorkloads } from '../unfit-workloads.js';
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

interface PackFlags extends InputFlags {
  peak?: boolean;
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
  const command = program
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
    .option('--peak', 'pack the most containers that ran at once in a simulated run of the scenario, not every container of count')
    .option('--list', 'list the hosts opened and what each holds (identical hosts on one line)')
    .option('--json', 'print the packing as JSON');
  addInputOptions(command)
    .addHelpText('after', `
Items are the workloads' requests times their counts, all at once (DaemonSet workloads are taken off
every host's capacity instead); with --peak, the containers running at the busiest moment of a
simulated run. Host types are the host groups. Every host passes kube-scheduler's filters: node
selectors and affinity, taints and tolerations, pod (anti-)affinity, topology spread, and the pod
limit maxPods (default 110).

Examples:
  $ podsim pack scenario.yaml
  $ podsim pack cluster.yaml deploy/ --list
  $ podsim pack scenario.yaml --objective cost --cost small=0.05 --cost large=0.19
  $ podsim pack scenario.yaml --algorithm ffd-dot --json
  $ podsim pack scenario.yaml --peak
  $ podsim pack online-boutique.yaml --hosts node=1x8/32Gi --scale 20`)
    .action((files: string[], flags: PackFlags) => {
      ctx.command = 'pack';
      packCommand(ctx, files, flags);
    });
}

function packCommand(ctx: CommandContext, files: string[], flags: PackFlags): void {
  const { io } = ctx;
  const loaded = loadInput(files, ctx.cwd, loadOptionsOf(flags));
  for (const w of loaded.warnings) io.stderr.write(`warning: ${formatIssue(w)}\n`);
  const raw = loaded.scenario;
  const compiled = compileScenario(raw);
  const daemon = new Set<number>();
  (raw.workloads ?? []).forEach((w, i) => { if (w.daemonSet === true) daemon.add(i); });
  const unfit = unfitWorkloads(compiled);
  if (unfit.length > 0) throw new UsageError(`${unfit.join('; ')}: no host can hold one of its containers, so there is nothing to pack`);

  const peak = flags.peak ? peakSet(raw, daemon) : undefined;
  const items: PackItem[] = [];
  const spread: string[] = [];
  for (const w of compiled.workloads) {
    if (daemon.has(w.index)) continue;
    const fields = kubeFieldsOf(raw.workloads[w.index] as KubePodFields);
    if (peak !== undefined) {
      const n = peak.counts[w.index] ?? 0;
      if (n > 0) items.push({ name: w.name, request: w.request, replicas: n, ...(fields === undefined ? {} : { kube: fields }) });
      continue;
    }
    if (!Number.isFinite(w.count)) throw new UsageError(`workload ${JSON.stringify(w.name)} has no count (it arrives without bound), so pack cannot know how many containers to place; give it a count, or pass --peak to pack the most that run at once in a simulated run`);
    if (w.duration !== undefined && !(w.arrival.kind === 'explicit' && w.arrival.times.every((t) => t === 0))) spread.push(w.name);
    if (w.count > 0) items.push({ name: w.name, request: w.request, replicas: w.count, ...(fields === undefined ? {} : { kube: fields }) });
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
    const node = nodeFieldsOf(g);
    // DaemonSet pods take pod slots too (kube-scheduler's pod limit, NodeResourcesFit's `pods`)
    if (daemon.size > 0) capacity[PODS_DIMENSION] = Math.max(0, (node?.maxPods ?? DEFAULT_MAX_PODS) - daemon.size);
    return {
      name: g.name,
      capacity,
      ...(host !== undefined && Object.keys(host.labels).length > 0 ? { labels: host.labels } : {}),
      ...(node === undefined ? {} : { kube: node }),
      ...(flags.cost[g.name] === undefined ? {} : { cost: flags.cost[g.name] as number }),
      ...(flags.fleet ? { max: g.count ?? 1 } : {}),
    };
  });
  const result = packForCli(flags, {
    items,
    hostTypes,
    kube: raw.scheduler?.profiles === undefined ? true : { profiles: raw.scheduler.profiles },
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
  io.stdout.write(`podsim pack: ${loaded.sources.join(', ')}\n\n${keyValueTable(packSummary(result, items, peak, spread))}\n`);
  io.stdout.write(typeTable(result, hostTypes));
  if (flags.list) io.stdout.write('\n' + hostList(result, hostTypes));
}

function packSummary(r: PackResult, items: readonly PackItem[], peak: Peak | undefined, spread: readonly string[]): [string, string][] {
  const containers = items.reduce((a, i) => a + (i.replicas ?? 1), 0);
  const bound = `lower bound ${formatNumber(r.lowerBound.hosts)}${r.provenOptimal ? ': optimal' : `, gap ${r.gap.hosts} (${formatPercent(r.gap.relative)})`}`;
  const packed: [string, string][] = peak !== undefined
    ? [['packed', `the ${formatNumber(containers)} containers running at t = ${formatNumber(peak.time)} s, the busiest moment of a simulated run${peak.waited ? ' (containers waited in that run: its peak is held down by the scenario\'s hosts)' : ''}`]]
    : spread.length > 0
      ? [['packed', `every container of count at once; ${spread.join(', ')} arrive${spread.length === 1 ? 's' : ''} over time and finish${spread.length === 1 ? 'es' : ''}, so fewer run at once: --peak packs the most that ran at once in a simulated run`]]
      : [];
  return [
    ['containers', `${formatNumber(containers)} from ${items.length} workload${items.length === 1 ? '' : 's'}`],
    ...packed,
    ['hosts needed', `${formatNumber(r.hostCount)} (${bound})`],
    ...(r.lowerBound.note === undefined ? [] : [['bound', r.lowerBound.note] as [string, string]]),
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

/** The kube fields of a scenario workload, when it sets any that constrain placement. */
function kubeFieldsOf(w: KubePodFields): KubePodFields | undefined {
  const { namespace, labels, priorityClassName, priority, preemptionPolicy, schedulerName, nodeSelector, affinity, tolerations, topologySpreadConstraints, ports, nodeName } = w;
  const f: KubePodFields = {
    ...(namespace === undefined ? {} : { namespace }), ...(labels === undefined ? {} : { labels }),
    ...(priorityClassName === undefined ? {} : { priorityClassName }), ...(priority === undefined ? {} : { priority }),
    ...(preemptionPolicy === undefined ? {} : { preemptionPolicy }), ...(schedulerName === undefined ? {} : { schedulerName }),
    ...(nodeSelector === undefined ? {} : { nodeSelector }), ...(affinity === undefined ? {} : { affinity }),
    ...(tolerations === undefined ? {} : { tolerations }), ...(topologySpreadConstraints === undefined ? {} : { topologySpreadConstraints }),
    ...(ports === undefined ? {} : { ports }), ...(nodeName === undefined ? {} : { nodeName }),
  };
  return Object.keys(f).length === 0 ? undefined : f;
}

/** The kube node fields of a host group, when it sets any. */
function nodeFieldsOf(g: NonNullable<Scenario['hosts']>[number]): KubeNodeFields | undefined {
  const { taints, unschedulable, maxPods } = g as KubeNodeFields;
  const f: KubeNodeFields = { ...(taints === undefined ? {} : { taints }), ...(unschedulable === undefined ? {} : { unschedulable }), ...(maxPods === undefined ? {} : { maxPods }) };
  return Object.keys(f).length === 0 ? undefined : f;
}

interface Peak {
  /** Containers running at the peak, per workload index. */
  readonly counts: number[];
  readonly time: number;
  /** Whether any container waited or was left pending in the run. */
  readonly waited: boolean;
}

/**
 * The most containers (DaemonSets aside) that ran at once in a simulated run of the scenario, per
 * workload, at the first moment that total was reached.
 */
function peakSet(scenario: Scenario, daemon: ReadonlySet<number>): Peak {
  const run = new Simulation(scenario);
  const now: number[] = scenario.workloads.map(() => 0);
  let total = 0;
  let best: Peak = { counts: [...now], time: 0, waited: false };
  run.observe((e) => {
    if (daemon.has(e.workload)) return;
    if (e.kind === 'placed') {
      now[e.workload] = (now[e.workload] as number) + 1;
      total++;
      if (total > best.counts.reduce((a, b) => a + b, 0)) best = { counts: [...now], time: e.time, waited: false };
    } else if (e.kind === 'finished' || e.kind === 'failed' || e.kind === 'evicted' || e.kind === 'preempted') {
      now[e.workload] = (now[e.workload] as number) - 1;
      total--;
    }
  });
  run.run();
  const r = run.result();
  return { ...best, waited: r.wait.max > 0 || r.containers.pending > 0 };
}

/** Translates pack()'s paths into the CLI's names: workloads, host groups and flags. */
function packForCli(flags: PackFlags, input: Parameters<typeof pack>[0]): PackResult {
  try {
    return pack(input);
  } catch (e) {
    if (!(e instanceof PodsimError)) throw e;
    const name = (path: string): string => path
      .replace(/^items\[(\d+)\](\.request)?/, (_m, i: string) => `workload ${JSON.stringify(input.items[Number(i)]?.name)}`)
      .replace(/^hostTypes(\[(\d+)\])?/, (_m, _a, i: string | undefined) => (i === undefined ? (flags.fleet ? 'host groups (--fleet)' : 'host groups') : `host group ${JSON.stringify(input.hostTypes[Number(i)]?.name)}`));
    const issues: Issue[] = e.issues.map((i) => ({ ...i, path: name(i.path), message: i.message.replace(/the host types' max counts/, flags.fleet ? "with --fleet, the host groups' counts" : "the host groups' counts").replace(/the items request/, 'the workloads request') }));
    throw new PodsimError(issues, 'pack could not place every container');
  }
}

