import { InvalidArgumentError, type Command } from 'commander';
import { KUBE_PRESETS, type KubePreset } from '../../kube/resolve-profile.js';
import { KubeWhatIf } from '../../kube/sim/kube-what-if.js';
import { estimateEnd } from '../../report/estimate-end.js';
import { formatNumber, formatSeconds } from '../../report/format.js';
import { formatQuantity } from '../../resources/quantity.js';
import type { SchedulerExplanation } from '../../scheduling/scheduler.js';
import type { ExplainRecord } from '../../simulation/result.js';
import type { CommandContext } from '../command-context.js';
import { addOverrideOptions, prepareRun } from '../prepare-run.js';
import { explanationOf, kubeView, pluginAlias, type KubeView, type PlacementExplanation } from '../placement-explanation.js';
import { Progress } from '../progress.js';
import { textTable } from '../text-table.js';
import { UsageError } from '../usage-error.js';

interface ExplainFlags {
  container: string;
  kube?: KubePreset | true;
  seed?: number | string;
  until?: number;
  policy?: string;
  json?: boolean;
}

/**
 * Adds `podsim explain` to the program.
 * @internal
 * @example
 * ```ts
 * registerExplain(program, ctx);
 * ```
 */
export function registerExplain(program: Command, ctx: CommandContext): void {
  const command = program
    .command('explain')
    .description('Show, for every host, why the scheduler could or could not place a container there, and how it scored, as the simulated scheduler saw it when it placed the container.')
    .argument('<files...>', 'scenario files, Kubernetes manifests, Compose files, or folders of them')
    .requiredOption('-c, --container <name>', 'the container: <workload>-<n>, the n-th of its workload to be submitted, from 0');
  addOverrideOptions(command)
    .option('--kube [profile]', "under a bin-packing policy, also show what kube-scheduler would have made of it at that moment (profile: default, tetris, spread, binpack)", oneOfPreset)
    .option('--json', 'print the explanation as JSON')
    .addHelpText('after', `
Examples:
  $ podsim explain scenario.yaml --container web-0
  $ podsim explain scenario.yaml --container batch-12 --policy best-fit
  $ podsim explain scenario.yaml -c web-3 --policy kube
  $ podsim explain scenario.yaml -c web-3 --kube binpack --json`)
    .action((files: string[], flags: ExplainFlags) => {
      ctx.command = 'explain';
      explainCommand(ctx, files, flags);
    });
}

function explainCommand(ctx: CommandContext, files: string[], flags: ExplainFlags): void {
  const { io } = ctx;
  const { scenario, run } = prepareRun(ctx, files, flags);
  const target = flags.container;
  const workloads = run.scenario.workloads;
  const workload = workloads.find((w) => target.startsWith(`${w.name}-`) && /^\d+$/.test(target.slice(w.name.length + 1)));
  if (workload === undefined) {
    throw new UsageError(`--container ${JSON.stringify(target)}: no such container; containers are named <workload>-<n> (n from 0, in submission order), and the workloads are ${workloads.map((w) => w.name).join(', ')}`);
  }
  const ordinal = Number(target.slice(workload.name.length + 1));
  // The simulated scheduler's own explanation, recorded at each of the container's scheduling
  // attempts; the run stops once it is placed. Under a bin-packing policy --kube adds what a
  // kube-scheduler following the same run would have made of that moment.
  const ownKube = run.scheduler.preempts === true;
  const whatIfProfile: KubePreset | undefined = ownKube || flags.kube === undefined ? undefined : flags.kube === true ? 'default' : flags.kube;
  const whatIf = whatIfProfile === undefined ? undefined : KubeWhatIf.follow(run, whatIfProfile);
  run.explain(target);
  let placed: { host: number; free: Float64Array } | undefined;
  let submitted = 0;
  run.observe((e) => {
    if (e.workload !== workload.index) return;
    if (e.kind === 'submitted') submitted++;
    if (e.kind !== 'placed' || e.ordinal !== ordinal) return;
    // Free capacity as the scheduler saw it: before this container's allocation.
    const c = run.cluster, D = c.D, free = new Float64Array(c.hostCount * D), demand = c.demandOf(workload.request);
    for (let h = 0; h < c.hostCount; h++) for (let d = 0; d < D; d++) free[h * D + d] = c.free(h, d) + (h === e.host ? (demand[d] as number) : 0);
    placed = { host: e.host, free };
    run.stop();
  });
  const progress = new Progress(io, estimateEnd(scenario));
  try {
    run.run({ onProgress: (now, events) => progress.update(now, events) });
  } finally {
    progress.stop();
  }
  const record = [...run.explanations].reverse().find((r) => r.container === target && r.host !== null);
  if (placed === undefined || record === undefined) {
    const n = submitted;
    throw new UsageError(`--container ${JSON.stringify(target)}: ${placed !== undefined ? 'it was placed on the host it is pinned to (a DaemonSet or a recorded trace host), without a scheduling decision' : `no such container was placed; ${n === 0 ? `no ${workload.name} container was submitted` : `${workload.name} containers run from ${workload.name}-0 to ${workload.name}-${n - 1}`}`}`);
  }
  const found = explanationOf(record, run, workload, placed.host, placed.free);
  const kube: KubeView | undefined = ownKube
    ? kubeView(record, run.scheduler.name, true)
    : whatIfProfile === undefined ? undefined : kubeView(whatIf?.explanations.get(target) as SchedulerExplanation, whatIfProfile, false);
  if (flags.json) {
    io.stdout.write(JSON.stringify(kube === undefined ? found : { ...found, kube }, null, 2) + '\n');
    return;
  }
  io.stdout.write(render(found, record));
  if (kube !== undefined) io.stdout.write('\n' + renderKube(kube));
}

function oneOfPreset(text: string): KubePreset {
  if (!(Object.keys(KUBE_PRESETS) as string[]).includes(text)) throw new InvalidArgumentError(`expected one of ${Object.keys(KUBE_PRESETS).join(', ')}.`);
  return text as KubePreset;
}

function renderKube(k: KubeView): string {
  const plugins: { name: string; weight: number }[] = [];
  for (const h of k.hosts) for (const s of h.scores) if (!plugins.some((p) => p.name === s.plugin)) plugins.push({ name: s.plugin, weight: s.weight });
  const rows = k.hosts.map((h, i) => [
    h.name,
    h.feasible ? (i === k.best ? 'best' : 'feasible') : 'filtered',
    ...plugins.map((p) => {
      const s = h.scores.find((x) => x.plugin === p.name) as { normalized: number; skipped?: boolean } | undefined;
      return s === undefined || s.skipped === true ? '' : String(s.normalized);
    }),
    h.feasible ? formatNumber(h.total) : '',
    h.rejections.map((r) => `${r.plugin}: ${r.reasons.join(', ')}`).join('; '),
  ]);
  const when = k.simulated ? 'as the simulated scheduler computed it' : 'at the same moment, had it been the scheduler';
  return [
    `kube-scheduler (profile ${k.profile}) ${when}: ${k.feasibleCount}/${k.hosts.length} hosts feasible${k.best >= 0 ? `, best ${k.hosts[k.best]?.name ?? '?'}` : `: ${k.message ?? ''}`}`,
    '',
    textTable(['HOST', 'KUBE', ...plugins.map((p) => pluginAlias(p.name)), 'TOTAL', 'FILTERS'], rows).trimEnd(),
    '',
    `scores are normalised 0–100; TOTAL = Σ weight × score. ${plugins.map((p) => `${pluginAlias(p.name)} = ${p.name} (weight ${p.weight})`).join(', ')}.`,
    k.simulated
      ? 'These are the filters and scores of the run\'s own scheduler, with the scenario\'s profile and the pods already running; scores are normalised over every feasible host.'
      : 'A second kube-scheduler followed the run (the same pods on the same hosts) without placing anything.',
    '',
  ].join('\n');
}

function render(e: PlacementExplanation, record: ExplainRecord): string {
  const chosen = e.hosts.find((h) => h.chosen);
  const req = Object.entries(e.request).map(([k, v]) => `${k} ${formatQuantity(v, k)}`).join(', ');
  const dims = Object.keys(e.request).length > 0 ? Object.keys(e.request) : ['cpu', 'memory'];
  const scoreKeys = [...new Set(e.hosts.flatMap((h) => Object.keys(h.scores)))];
  const rows = e.hosts.map((h) => [
    h.host,
    h.chosen ? 'chosen' : h.feasible ? 'feasible' : 'filtered',
    ...dims.map((d) => formatQuantity(h.free[d] ?? 0, d)),
    ...scoreKeys.map((k) => (h.scores[k] === undefined ? '' : formatNumber(h.scores[k] as number))),
    h.reasons.join('; '),
  ]);
  const filtered = e.hosts.filter((h) => !h.feasible);
  const byReason = new Map<string, number>();
  for (const h of filtered) for (const r of h.reasons) { const k = r.replace(/ \(.*\)$/, ''); byReason.set(k, (byReason.get(k) ?? 0) + 1); }
  return [
    `${e.container} (workload ${e.workload}) was placed on ${chosen?.host ?? '?'} at t = ${formatSeconds(e.time)} by ${e.policy}`,
    `request: ${req === '' ? 'nothing' : req}`,
    `${record.feasible}/${e.hosts.length} hosts were feasible${byReason.size > 0 ? `; filtered: ${[...byReason].map(([r, n]) => `${n} ${r}`).join(', ')}` : ''}`,
    '',
    textTable(['HOST', 'RESULT', ...dims.map((d) => `FREE ${d.toUpperCase()}`), ...scoreKeys.map((k) => `SCORE ${k.toUpperCase()}`), 'REASONS'], rows).trimEnd(),
    '',
    `scores: ${e.scoreNote}`,
    '',
  ].join('\n');
}
