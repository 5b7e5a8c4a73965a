import { InvalidArgumentError, type Command } from 'commander';
import type { KubeExplain } from '../../kube/kube-scheduler.js';
import { KUBE_PRESETS, type KubePreset } from '../../kube/resolve-profile.js';
import { estimateEnd } from '../../report/estimate-end.js';
import { formatNumber, formatSeconds } from '../../report/format.js';
import { formatQuantity } from '../../resources/quantity.js';
import { KUBE_POLICY_PRESETS } from '../../scheduling/policy-names.js';
import type { CommandContext } from '../command-context.js';
import { ContainerTracker } from '../container-tracker.js';
import { driveSimulation } from '../drive-simulation.js';
import { addOverrideOptions, prepareRun } from '../prepare-run.js';
import { kubeView, pluginAlias } from '../kube-view.js';
import { explainBuiltin, type PlacementExplanation } from '../placement-explanation.js';
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
    .description('Show, for every host, why the scheduler could or could not place a container there, and how it scored, at the moment the container was placed.')
    .argument('<files...>', 'scenario files, Kubernetes manifests, Compose files, or folders of them')
    .requiredOption('-c, --container <name>', 'the container: <workload>-<k>, the k-th of its workload to be placed, from 0');
  addOverrideOptions(command)
    .option('--kube [profile]', "also show kube-scheduler's filters and plugin scores at that moment (profile: default, tetris, spread, binpack)", oneOfPreset)
    .option('--json', 'print the explanation as JSON')
    .addHelpText('after', `
Examples:
  $ podsim explain scenario.yaml --container web-0
  $ podsim explain scenario.yaml --container batch-12 --policy best-fit
  $ podsim explain scenario.yaml -c web-3 --kube
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
    throw new UsageError(`--container ${JSON.stringify(target)}: no such container; containers are named <workload>-<k> (k from 0), and the workloads are ${workloads.map((w) => w.name).join(', ')}`);
  }
  const tracker = new ContainerTracker(run);
  let found: PlacementExplanation | undefined;
  let kube: KubeExplain | string | undefined;
  // Under a kube-scheduler policy its view is the explanation, so it is shown without --kube.
  const own = (KUBE_POLICY_PRESETS as Readonly<Record<string, KubePreset>>)[run.policy.name];
  const profile: KubePreset | undefined = flags.kube === true ? own ?? 'default' : flags.kube ?? own;
  tracker.beforePlace = (name, req, h) => {
    if (name !== target) return;
    found = explainBuiltin(name, workload.name, run.now, run.policy.name, req, run.cluster, h);
    if (profile !== undefined) kube = kubeView(scenario, req.workload, req.demand.slice(req.offset, req.offset + run.cluster.D), run.cluster, profile);
  };
  driveSimulation(run, { stopWhen: () => found !== undefined, progress: new Progress(io, estimateEnd(scenario)) });
  if (found === undefined) {
    const placed = tracker.containers.filter((c) => c.workload === workload.index).length;
    throw new UsageError(`--container ${JSON.stringify(target)}: no such container was placed; ${placed === 0 ? `no ${workload.name} container was placed` : `${workload.name} containers run from ${workload.name}-0 to ${workload.name}-${placed - 1}`}`);
  }
  if (flags.json) {
    io.stdout.write(JSON.stringify(profile === undefined ? found : { ...found, kube: { profile, ...(typeof kube === 'string' ? { unavailable: kube } : kube) } }, null, 2) + '\n');
    return;
  }
  io.stdout.write(render(found));
  if (profile !== undefined && kube !== undefined) io.stdout.write('\n' + renderKube(kube, profile));
}

function oneOfPreset(text: string): KubePreset {
  if (!(Object.keys(KUBE_PRESETS) as string[]).includes(text)) throw new InvalidArgumentError(`expected one of ${Object.keys(KUBE_PRESETS).join(', ')}.`);
  return text as KubePreset;
}

function renderKube(k: KubeExplain | string, profile: KubePreset): string {
  if (typeof k === 'string') return `kube-scheduler (profile ${profile}): no explanation: ${k}\n`;
  const plugins: { name: string; weight: number }[] = [];
  for (const h of k.hosts) for (const s of h.scores) if (!plugins.some((p) => p.name === s.plugin)) plugins.push({ name: s.plugin, weight: s.weight });
  const rows = k.hosts.map((h) => [
    h.name,
    h.feasible ? (h.host === k.best ? 'best' : 'feasible') : 'filtered',
    ...plugins.map((p) => {
      const s = h.scores.find((x) => x.plugin === p.name);
      return s === undefined || s.skipped ? '' : String(s.normalized);
    }),
    h.feasible ? formatNumber(h.total) : '',
    h.rejections.map((r) => `${r.plugin}: ${r.reasons.join(', ')}`).join('; '),
  ]);
  return [
    `kube-scheduler (profile ${profile}) at the same moment: ${k.feasibleCount}/${k.hosts.length} hosts feasible${k.best >= 0 ? `, best ${k.hosts[k.best]?.name ?? '?'}` : `: ${k.message ?? ''}`}`,
    '',
    textTable(['HOST', 'KUBE', ...plugins.map((p) => pluginAlias(p.name)), 'TOTAL', 'FILTERS'], rows).trimEnd(),
    '',
    `scores are normalised 0–100; TOTAL = Σ weight × score. ${plugins.map((p) => `${pluginAlias(p.name)} = ${p.name} (weight ${p.weight})`).join(', ')}.`,
    'This standalone view sees allocations but not which pods hold them, so inter-pod affinity and topology spread see no existing pods.',
    '',
  ].join('\n');
}

function render(e: PlacementExplanation): string {
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
  const feasible = e.hosts.length - filtered.length;
  return [
    `${e.container} (workload ${e.workload}) was placed on ${chosen?.host ?? '?'} at t = ${formatSeconds(e.time)} by ${e.policy}`,
    `request: ${req === '' ? 'nothing' : req}`,
    `${feasible}/${e.hosts.length} hosts were feasible${byReason.size > 0 ? `; filtered: ${[...byReason].map(([r, n]) => `${n} ${r}`).join(', ')}` : ''}`,
    '',
    textTable(['HOST', 'RESULT', ...dims.map((d) => `FREE ${d.toUpperCase()}`), ...scoreKeys.map((k) => `SCORE ${k.toUpperCase()}`), 'REASONS'], rows).trimEnd(),
    '',
    `scores: ${e.scoreNote}`,
    '',
  ].join('\n');
}
