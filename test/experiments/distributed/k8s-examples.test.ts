import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { CommandContext } from '../../../src/cli/command-context.js';
import { createProgram } from '../../../src/cli/program.js';
import { podsim, workspace } from '../../cli/cli-harness.js';

// examples/k8s: the manifests parse, every container runs the published package at this version,
// and its command line is one the CLI's own parser accepts (the real program, with its actions
// replaced by a recorder). The Indexed Job is then run shard by shard on this machine, with the
// ConfigMap's scenario and its paths mapped to a temporary folder, and merged by the merge Job's
// command: the result is the same bytes as the coordinator Job's sweep run locally.

const root = resolve(import.meta.dirname, '../../..');
const k8s = join(root, 'examples/k8s');
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

interface Manifest { kind: string; metadata: { name: string }; [k: string]: unknown }
const manifests = new Map<string, Manifest[]>();
for (const f of readdirSync(k8s).filter((n) => n.endsWith('.yaml')).sort()) {
  const docs = parseAllDocuments(readFileSync(join(k8s, f), 'utf8'));
  for (const d of docs) if (d.errors.length > 0) throw new Error(`${f}: ${d.errors.map((e) => e.message).join('; ')}`);
  manifests.set(f, docs.map((d) => d.toJS() as Manifest));
}

interface Container { name: string; image: string; command: string[]; env?: { name: string; value?: string }[]; volumeMounts?: { mountPath: string }[] }
interface PodSpec { containers: Container[] }
const podSpec = (m: Manifest) => (m as unknown as { spec: { template: { spec: PodSpec } } }).spec.template.spec;
const find = (file: string, kind: string) => {
  const m = manifests.get(file)?.find((x) => x.kind === kind);
  if (m === undefined) throw new Error(`${file} has no ${kind}`);
  return m;
};
const podsimArgs = (m: Manifest) => {
  const [c] = podSpec(m).containers;
  return (c as Container).command.slice(3);
};

/** What the CLI's parser makes of `argv`: the command, its arguments and options, or the parse error. */
async function parseCli(argv: readonly string[]): Promise<{ command: string; args: string[]; options: Record<string, unknown> }> {
  let stderr = '';
  const ctx: CommandContext = { io: { stdout: { write: () => true }, stderr: { write: (s: string) => { stderr += s; return true; } }, env: {} }, cwd: root, command: '', exitCode: 0 };
  const program = createProgram(ctx);
  let parsed: { command: string; args: string[]; options: Record<string, unknown> } | undefined;
  for (const sub of program.commands) sub.action(() => { parsed = { command: sub.name(), args: [...sub.args], options: sub.opts() }; });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    throw new Error(`podsim ${argv.join(' ')}: ${stderr || String(e)}`);
  }
  if (parsed === undefined) throw new Error(`podsim ${argv.join(' ')}: no command ran`);
  return { ...parsed, options: { ...parsed.options } };
}

describe('examples/k8s', () => {
  it('has the Indexed Job, the merge Job, the worker Deployment and the coordinator Job', () => {
    expect([...manifests].map(([f, ms]) => [f, ms.map((m) => `${m.kind}/${m.metadata.name}`)])).toEqual([
      ['coordinator-job.yaml', ['Job/podsim-coordinator']],
      ['merge-job.yaml', ['Job/podsim-merge']],
      ['sweep-indexed-job.yaml', ['ConfigMap/podsim-scenario', 'PersistentVolumeClaim/podsim-results', 'Job/podsim-sweep']],
      ['worker-deployment.yaml', ['Deployment/podsim-worker']],
    ]);
  });

  it('runs the published package at this version, with command lines the CLI parses', async () => {
    const seen: string[] = [];
    for (const [file, ms] of manifests) {
      for (const m of ms.filter((x) => x.kind === 'Job' || x.kind === 'Deployment')) {
        for (const c of podSpec(m).containers) {
          expect(c.command.slice(0, 3), `${file}: ${c.name}`).toEqual(['npx', '--yes', `podsim@${version}`]);
          expect(c.image).toMatch(/^node:20(-|$)/);
          const p = await parseCli(c.command.slice(3));
          seen.push(`${file}: ${p.command}`);
          // A password never sits in a manifest: it comes from a Secret through PODSIM_REDIS_PASSWORD.
          const queue = p.options.queue;
          if (typeof queue === 'string') {
            expect(new URL(queue).password).toBe('');
            expect(c.env?.map((e) => e.name)).toContain('PODSIM_REDIS_PASSWORD');
          }
        }
      }
    }
    expect(seen).toEqual(['coordinator-job.yaml: sweep', 'merge-job.yaml: merge', 'sweep-indexed-job.yaml: sweep', 'worker-deployment.yaml: worker']);
    // The parser does refuse what is wrong.
    await expect(parseCli(['sweep', 's.yaml', '--shard', '4/4'])).rejects.toThrow(/shard 4 of 4 does not exist/);
    await expect(parseCli(['worker'])).rejects.toThrow(/required option '--queue <url>' not specified/);
  });

  it('the Indexed Job shards its sweep by JOB_COMPLETION_INDEX, one shard per completion, and the queue workers wait for sweeps', async () => {
    const job = find('sweep-indexed-job.yaml', 'Job') as unknown as { spec: { completionMode: string; completions: number; parallelism: number } };
    expect(job.spec.completionMode).toBe('Indexed');
    const p = await parseCli(podsimArgs(job as unknown as Manifest));
    expect(p.options).toMatchObject({ shardFromEnv: true, shardCount: job.spec.completions, out: '/results/shards' });
    expect(job.spec.parallelism).toBeLessThanOrEqual(job.spec.completions);
    const merge = await parseCli(podsimArgs(find('merge-job.yaml', 'Job')));
    expect(merge.args).toEqual(['/results/shards']);
    const worker = await parseCli(podsimArgs(find('worker-deployment.yaml', 'Deployment')));
    expect(worker.options).toMatchObject({ queue: 'redis://redis:6379/0', concurrency: 2 });
    const coordinator = await parseCli(podsimArgs(find('coordinator-job.yaml', 'Job')));
    expect(coordinator.options).toMatchObject({ queue: worker.options.queue, resume: true });
  });

  const dir = workspace({});
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('run here, the Indexed Job\'s shards merged by the merge Job give the bytes of the coordinator Job\'s sweep run locally', async () => {
    const config = find('sweep-indexed-job.yaml', 'ConfigMap') as unknown as { data: Record<string, string> };
    mkdirSync(join(dir, 'config'));
    for (const [name, text] of Object.entries(config.data)) writeFileSync(join(dir, 'config', name), text);
    // The pods' mounts, /config and /results, become folders here.
    const local = (args: readonly string[]) => args.map((a) => a.replace(/^\/(config|results)\//, `${dir}/$1/`).replace(/^\/results$/, `${dir}/results`));
    const job = find('sweep-indexed-job.yaml', 'Job') as unknown as { spec: { completions: number } };
    for (let i = 0; i < job.spec.completions; i++) {
      // One thread (a later --workers wins): threads started from the TypeScript source take seconds,
      // and the bytes are the same for any number of them.
      const r = await podsim([...local(podsimArgs(job as unknown as Manifest)), '--workers', '1'], dir, { env: { JOB_COMPLETION_INDEX: String(i) } });
      expect([r.code, r.stderr]).toEqual([0, '']);
      expect(r.stdout).toContain(`shard ${i} of ${job.spec.completions} of sweep`);
    }
    const merged = await podsim(local(podsimArgs(find('merge-job.yaml', 'Job'))), dir);
    expect([merged.code, merged.stderr]).toEqual([0, '']);
    // The coordinator Job's sweep, without the queue: the same definition, so the same bytes.
    const coordinator = podsimArgs(find('coordinator-job.yaml', 'Job'));
    const q = coordinator.indexOf('--queue');
    const plain = [...coordinator.slice(0, q), ...coordinator.slice(q + 2).filter((a) => a !== '--resume')];
    expect((await podsim([...local(plain), '--workers', '1'], dir)).code).toBe(0);
    for (const f of ['points.csv', 'points.json']) expect(readFileSync(join(dir, 'results/sweep', f), 'utf8')).toBe(readFileSync(join(dir, 'results/queue', f), 'utf8'));
    expect(readFileSync(join(dir, 'results/sweep.html'), 'utf8')).toMatch(/^<!doctype html>/i);
  }, 60_000);
});
