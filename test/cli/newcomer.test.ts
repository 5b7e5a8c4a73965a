import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectOneLineFailure, podsim, workspace } from './cli-harness.js';

// The real public files live beside the repository, in ../shared/data/manifests, or wherever
// PODSIM_SHARED_DATA points (as test/inputs/real-manifests.test.ts reads them).
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MANIFESTS = join(process.env.PODSIM_SHARED_DATA ?? join(repoRoot, '..', 'shared', 'data'), 'manifests');
const BOUTIQUE = join(MANIFESTS, 'online-boutique.yaml');
const MINECRAFT = join(MANIFESTS, 'minecraft-compose.yaml');
const haveBoutique = existsSync(BOUTIQUE);
const haveMinecraft = existsSync(MINECRAFT);
const SKIP = `SKIPPED (${MANIFESTS} is absent; set PODSIM_SHARED_DATA): `;

const dir = workspace({
  'pools.yaml': `hosts:
  - { name: small, count: 10, capacity: { cpu: 8, memory: 32Gi }, labels: { pool: small } }
  - { name: big, count: 10, capacity: { cpu: 4, memory: 16Gi }, labels: { pool: big } }
workloads:
  - { name: picky, count: 6, nodeSelector: { pool: big }, arrival: { process: explicit, times: [0, 0, 0, 0, 0, 0] }, request: { cpu: 1, memory: 1Gi } }
  - { name: easy, count: 4, arrival: { process: explicit, times: [0, 0, 0, 0] }, request: { cpu: 2, memory: 1Gi } }
until: 60
`,
  'anti.yaml': `hosts:
  - { name: node, count: 30, capacity: { cpu: 64, memory: 256Gi } }
workloads:
  - name: db
    count: 8
    labels: { app: db }
    affinity:
      podAntiAffinity:
        requiredDuringSchedulingIgnoredDuringExecution:
          - { topologyKey: kubernetes.io/hostname, labelSelector: { matchLabels: { app: db } } }
    arrival: { process: interval, every: 0.001 }
    request: { cpu: 100m, memory: 128Mi }
  - { name: tiny, count: 300, arrival: { process: interval, every: 0.001 }, request: { cpu: 1m, memory: 1Mi } }
until: 10
`,
  'stream.yaml': `seed: 5
hosts:
  - { name: node, count: 50, capacity: { cpu: 4, memory: 16Gi } }
workloads:
  - name: web
    count: 2500
    arrival: { process: poisson, rate: 4 }
    duration: { distribution: exponential, mean: 8 }
    request: { cpu: 500m, memory: 512Mi }
`,
  'huge.yaml': `hosts:
  - { name: node, count: 2, capacity: { cpu: 16, memory: 64Gi } }
workloads:
  - { name: huge, count: 2, arrival: { process: explicit, times: [0, 0] }, duration: { distribution: constant, value: 10 }, request: { cpu: 28, memory: 1Gi } }
`,
  'deploy.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: nginx
          resources: { requests: { cpu: 500m, memory: 256Mi } }
`,
});

function hostsNeeded(stdout: string): number {
  const m = /hosts needed\s+([\d,]+)/.exec(stdout);
  if (m === null) throw new Error(`no "hosts needed" in:\n${stdout}`);
  return Number((m[1] as string).replace(/,/g, ''));
}

describe('podsim pack respects what the scheduler respects', () => {
  it('pods selecting pool: big are never packed onto small hosts', async () => {
    const r = await podsim(['pack', 'pools.yaml', '--json'], dir);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { hosts: { type: string; replicas: { name: string }[] }[] };
    for (const h of result.hosts) if (h.replicas.some((x) => x.name === 'picky')) expect(h.type).toBe('big');
    expect(result.hosts.filter((h) => h.type === 'big').length).toBeGreaterThanOrEqual(2); // 6 cores of picky on 4-core hosts
  });

  it('8 pods with required hostname anti-affinity + 300 tiny pods: ≥ 8 hosts, none over 110 pods, no more than run --policy kube uses', async () => {
    const r = await podsim(['pack', 'anti.yaml', '--json'], dir);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { hostCount: number; hosts: { replicas: { name: string }[] }[]; lowerBound: { hosts: number; note?: string } };
    expect(result.hostCount).toBeGreaterThanOrEqual(8);
    expect(result.lowerBound.hosts).toBe(8);
    for (const h of result.hosts) {
      expect(h.replicas.length).toBeLessThanOrEqual(110);
      expect(h.replicas.filter((x) => x.name === 'db').length).toBeLessThanOrEqual(1);
    }
    const run = await podsim(['run', 'anti.yaml', '--policy', 'kube', '--json'], dir);
    expect(run.code).toBe(0);
    const sim = JSON.parse(run.stdout) as { hosts: { peakInUse: number }; containers: { pending: number } };
    expect(sim.containers.pending).toBe(0);
    // kube-scheduler spreads (LeastAllocated) and so uses more hosts; pack's hosts are all feasible for it
    expect(sim.hosts.peakInUse).toBeGreaterThanOrEqual(result.hostCount);
    const text = await podsim(['pack', 'anti.yaml'], dir);
    expect(text.stdout).toMatch(/bound\s+db: 8 replicas with required hostname anti-affinity, one per host/);
  });

  it('says what it packs for a stream with durations, and --peak packs the peak of a simulated run', async () => {
    const all = await podsim(['pack', 'stream.yaml'], dir);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/packed\s+every container of count at once; web arrives over time and finishes, so fewer run at once: --peak/);
    expect(hostsNeeded(all.stdout)).toBe(313); // 2500 × 0.5 cores / 4 cores
    const peak = await podsim(['pack', 'stream.yaml', '--peak', '--json'], dir);
    expect(peak.code).toBe(0);
    const p = JSON.parse(peak.stdout) as { hostCount: number; hosts: { replicas: unknown[] }[] };
    const running = p.hosts.reduce((a, h) => a + h.replicas.length, 0);
    // rate 4/s × mean 8 s ≈ 32 running on average; the peak is above the mean but far below 2500
    expect(running).toBeGreaterThan(32);
    expect(running).toBeLessThan(100);
    expect(p.hostCount).toBe(Math.ceil(running / 8));
    const text = await podsim(['pack', 'stream.yaml', '--peak'], dir);
    expect(text.stdout).toMatch(new RegExp(`packed\\s+the ${running} containers running at t = [\\d.,]+ s, the busiest moment of a simulated run`));
  });
});

describe("messages in the user's units and names", () => {
  it('pack names the workload and says cores, not a path in millicores', async () => {
    const line = expectOneLineFailure(await podsim(['pack', 'huge.yaml'], dir));
    expect(line).toContain('huge: each container requests 28 cores, more than any host offers (node: 16 cores)');
    expect(line).not.toMatch(/28000|items\[/);
  });

  it('pack --fleet names the flag when the groups run out', async () => {
    const line = expectOneLineFailure(await podsim(['pack', 'anti.yaml', '--fleet', '--hosts', 'extra=1x1/1Gi'], workspace({ 'anti.yaml': 'hosts: [{ name: node, count: 1, capacity: { cpu: 1, memory: 1Gi } }]\nworkloads: [{ name: w, count: 4, arrival: { process: explicit, times: [0, 0, 0, 0] }, request: { cpu: 1 } }]\n' })));
    expect(line).toContain("with --fleet, the host groups' counts offer 2 cores of cpu in total, but the workloads request 4 cores");
  });

  it('run warns, in cores, about a workload no host can hold', async () => {
    const r = await podsim(['run', 'huge.yaml'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: huge: each container requests 28 cores, more than any host offers (node: 16 cores): its containers are rejected');
  });
});

describe('--hosts, --scale and the no-hosts message', () => {
  it('no hosts: names the file and suggests --hosts', async () => {
    const line = expectOneLineFailure(await podsim(['run', 'deploy.yaml'], dir));
    expect(line).toContain('no hosts in deploy.yaml');
    expect(line).toContain('--hosts node=3x4/16Gi');
    expect(line).not.toContain('options.hosts');
  });

  it('--hosts name=COUNTxCPU/MEMORY works for run, pack, explain and stats', async () => {
    const run = await podsim(['run', 'deploy.yaml', '--hosts', 'node=3x4/16Gi', '--until', '60', '--json'], dir);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { hosts: { count: number } }).hosts.count).toBe(3);
    const packed = await podsim(['pack', 'deploy.yaml', '--hosts', 'node=1x1/1Gi'], dir);
    expect(hostsNeeded(packed.stdout)).toBe(2);
    expect((await podsim(['explain', 'deploy.yaml', '--hosts', 'node=2x4/16Gi', '--container', 'web-0', '--until', '60'], dir)).code).toBe(0);
    const stats = await podsim(['stats', 'deploy.yaml', '--hosts', 'node=2x4/16Gi', '--hosts', 'edge=1x2', '--at', '0', '--no-containers', '--until', '10'], dir);
    expect(stats.code).toBe(0);
    expect(stats.stdout).toContain('edge-0');
  });

  it('a bad --hosts value says what is expected, with a did-you-mean for the unit', async () => {
    expect(expectOneLineFailure(await podsim(['run', 'deploy.yaml', '--hosts', 'node3x4'], dir))).toContain('expected NAME=COUNTxCPU/MEMORY, such as node=3x4/16Gi');
    expect(expectOneLineFailure(await podsim(['run', 'deploy.yaml', '--hosts', 'node=3x4/16gb'], dir))).toContain('did you mean "16Gi"?');
  });

  it('--scale multiplies the replicas of imported workloads', async () => {
    const one = await podsim(['run', 'deploy.yaml', '--hosts', 'node=3x4/16Gi', '--until', '60', '--json'], dir);
    const twenty = await podsim(['run', 'deploy.yaml', '--hosts', 'node=3x4/16Gi', '--scale', '20', '--until', '60', '--json'], dir);
    expect((JSON.parse(one.stdout) as { containers: { submitted: number } }).containers.submitted).toBe(3);
    expect((JSON.parse(twenty.stdout) as { containers: { submitted: number } }).containers.submitted).toBe(60);
    const packed = await podsim(['pack', 'deploy.yaml', '--hosts', 'node=1x4/16Gi', '--scale', '20'], dir);
    expect(packed.stdout).toMatch(/containers\s+60 from 1 workload/);
    expect(hostsNeeded(packed.stdout)).toBe(8);
  });

  it(`${haveBoutique ? '' : SKIP}Online Boutique at 20× the replicas: pack needs no more hosts than run --policy kube places them on`, async () => {
    if (!haveBoutique) return;
    const packed = await podsim(['pack', BOUTIQUE, '--hosts', 'node=1x4/16Gi', '--scale', '20', '--json'], dir);
    expect(packed.code).toBe(0);
    const p = JSON.parse(packed.stdout) as { hostCount: number; lowerBound: { hosts: number }; hosts: { replicas: unknown[] }[] };
    expect(p.hosts.reduce((a, h) => a + h.replicas.length, 0)).toBe(12 * 20); // 12 Deployments of 1 replica each
    expect(p.hostCount).toBeGreaterThanOrEqual(p.lowerBound.hosts);
    const run = await podsim(['run', BOUTIQUE, '--hosts', 'node=20x4/16Gi', '--scale', '20', '--policy', 'kube', '--until', '60', '--json'], dir);
    expect(run.code).toBe(0);
    const sim = JSON.parse(run.stdout) as { hosts: { peakInUse: number }; containers: { pending: number } };
    expect(sim.containers.pending).toBe(0);
    expect(sim.hosts.peakInUse).toBeGreaterThanOrEqual(p.hostCount);
  });
});

describe('Compose files with only limits', () => {
  it(`${haveMinecraft ? '' : SKIP}warn that requests are 0, and --requests-from-limits takes them from the limits`, async () => {
    if (!haveMinecraft) return;
    const plain = await podsim(['run', MINECRAFT, '--hosts', 'node=1x4/16Gi', '--until', '60', '--json'], dir);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toMatch(/requests are 0 .*minecraft.*--requests-from-limits/);
    const fixed = await podsim(['pack', MINECRAFT, '--hosts', 'node=1x4/2Gi', '--requests-from-limits', '--json'], dir);
    expect(fixed.code).toBe(0);
    expect(fixed.stderr).toContain('requests taken from limits');
    const r = JSON.parse(fixed.stdout) as { hosts: { used: Record<string, number> }[] };
    expect(r.hosts[0]?.used['memory']).toBe(1.5 * 2 ** 30);
  });
});

describe('podsim validate takes the input flags too', () => {
  it('says how to add hosts, and accepts --hosts', async () => {
    const bad = await podsim(['validate', 'deploy.yaml'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toContain('no hosts in deploy.yaml');
    expect(bad.stdout).toContain('--hosts node=3x4/16Gi');
    const ok = await podsim(['validate', 'deploy.yaml', '--hosts', 'node=2x4/16Gi'], dir);
    expect(ok.code).toBe(0);
  });
});

describe('pack counts pod slots', () => {
  it("a host group's maxPods, less one slot per DaemonSet, limits the pods per host", async () => {
    const ws = workspace({ 'ds.yaml': `hosts:
  - { name: node, count: 3, capacity: { cpu: 64, memory: 256Gi }, maxPods: 12 }
workloads:
  - { name: agent, daemonSet: true, arrival: { process: explicit, times: [0] }, request: { cpu: 100m } }
  - { name: w, count: 34, arrival: { process: interval, every: 1 }, request: { cpu: 1m } }
` });
    const r = await podsim(['pack', 'ds.yaml', '--json'], ws);
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout) as { hostCount: number; hosts: { replicas: unknown[] }[] };
    expect(p.hostCount).toBe(4); // 11 slots per host: ⌈34 / 11⌉
    for (const h of p.hosts) expect(h.replicas.length).toBeLessThanOrEqual(11);
  });
});
