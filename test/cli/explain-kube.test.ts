import { describe, expect, it } from 'vitest';
import { podsim, workspace } from './cli-harness.js';

const dir = workspace({
  'tainted.yaml': `seed: 2
hosts:
  - name: gpu
    count: 1
    capacity: { cpu: 8, memory: 32Gi }
    taints: [{ key: dedicated, value: gpu, effect: NoSchedule }]
  - name: node
    count: 3
    capacity: { cpu: 2, memory: 4Gi }
workloads:
  - name: web
    count: 12
    arrival: { process: interval, every: 1 }
    duration: { distribution: constant, value: 30 }
    request: { cpu: 500m, memory: 512Mi }
    labels: { app: web }
`,
});

interface KubeJson {
  hosts: { host: string; chosen: boolean; feasible: boolean; reasons: string[] }[];
  kube: { profile: string; simulated: boolean; best: number; hosts: { name: string; feasible: boolean; total: number; rejections: { plugin: string; reasons: string[] }[]; scores: { plugin: string }[] }[] };
}

describe('podsim explain --kube', () => {
  it('adds kube-scheduler filters and plugin scores at the moment of placement', async () => {
    const r = await podsim(['explain', 'tainted.yaml', '-c', 'web-5', '--kube'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^kube-scheduler \(profile default\) at the same moment, had it been the scheduler: \d\/4 hosts feasible/m);
    expect(r.stdout).toMatch(/^HOST +KUBE +TT +NA +NRF/m);
    expect(r.stdout).toContain('NRF = NodeResourcesFit (weight 1)');
  });

  it('filters the tainted host by TaintToleration even where the bin-packing policy would use it', async () => {
    const r = await podsim(['explain', 'tainted.yaml', '-c', 'web-0', '--kube', '--json'], dir);
    expect(r.code).toBe(0);
    const e = JSON.parse(r.stdout) as KubeJson;
    // first-fit ignores taints and takes gpu-0; kube-scheduler would not.
    expect(e.hosts.find((h) => h.host === 'gpu-0')?.feasible).toBe(true);
    const gpu = e.kube.hosts.find((h) => h.name === 'gpu-0');
    expect(gpu?.feasible).toBe(false);
    expect(gpu?.rejections.map((x) => x.plugin)).toContain('TaintToleration');
    expect(e.kube.hosts[e.kube.best]?.name).toMatch(/^node-/);
    for (const h of e.kube.hosts) if (h.feasible) expect(h.scores.map((s) => s.plugin)).toContain('NodeResourcesFit');
  });

  it('agrees with the resource filter of the policy on untainted hosts', async () => {
    const r = await podsim(['explain', 'tainted.yaml', '-c', 'web-11', '--kube', 'binpack', '--json'], dir);
    const e = JSON.parse(r.stdout) as KubeJson;
    expect(e.kube.profile).toBe('binpack');
    for (const h of e.hosts.filter((x) => x.host.startsWith('node-'))) {
      expect(e.kube.hosts.find((k) => k.name === h.host)?.feasible).toBe(h.feasible);
    }
  });

  it('under a kube policy shows the simulated scheduler\'s own filters and scores for the host it chose', async () => {
    const r = await podsim(['explain', 'tainted.yaml', '-c', 'web-6', '--policy', 'kube'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^web-6 \(workload web\) was placed on node-\d at t = 6 s by kube$/m);
    expect(r.stdout).toMatch(/^kube-scheduler \(profile kube\) as the simulated scheduler computed it: 3\/4 hosts feasible/m);
    const json = JSON.parse((await podsim(['explain', 'tainted.yaml', '-c', 'web-6', '--policy', 'kube', '--json'], dir)).stdout) as KubeJson;
    expect(json.kube.simulated).toBe(true);
    const chosen = json.hosts.find((h) => h.chosen)?.host;
    const totals = json.kube.hosts.filter((h) => h.feasible).map((h) => h.total);
    expect(json.kube.hosts.find((h) => h.name === chosen)?.total).toBe(Math.max(...totals));
    expect(json.hosts.find((h) => h.host === 'gpu-0')?.reasons[0]).toMatch(/^TaintToleration: /);
  });

  it('names the presets when given an unknown profile', async () => {
    const r = await podsim(['explain', 'tainted.yaml', '-c', 'web-0', '--kube', 'fastest'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/expected one of default, tetris, spread, binpack/);
  });
});
