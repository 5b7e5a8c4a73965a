import { describe, expect, it } from 'vitest';
import { simulate, validateScenario, type Scenario } from '../../src/index.js';
import { loadScenarioFromText } from '../../src/inputs/index.js';

// One host (NIC 1 Gbit/s); one registry at 800 Mbit/s = 100 MB/s per pull, 0.5 s per round trip;
// an image of two layers, 100 MB + 50 MB.
const registries = [{ name: 'hub', bandwidth: '800M', latency: 0.5 }];
const images = [{ name: 'web', layers: [{ digest: 'base', size: '100M' }, { digest: 'app', size: '50M' }] }];
const host = { name: 'h', capacity: { cpu: 4, memory: '4Gi', network: '1G' } };

function scenario(policy: 'IfNotPresent' | 'Always' | 'Never', prePulled: boolean, extra: Partial<Scenario> = {}): Scenario {
  return {
    record: 'containers',
    registries,
    images,
    hosts: [{ ...host, ...(prePulled ? { prePulled: ['web'] } : {}) }],
    workloads: [{ name: 'w', image: 'web', imagePullPolicy: policy, arrival: { process: 'explicit', times: [0] }, duration: { distribution: 'constant', value: 10 }, request: { cpu: 1 } }],
    ...extra,
  };
}

describe('imagePullPolicy, as planPull plans it', () => {
  it('Always with the image cached: one registry round trip (0.5 s) and no bytes', () => {
    const p = simulate(scenario('Always', true)).performance;
    const r = p?.records?.[0];
    expect(r?.pulled).toBe(0.5);
    expect(r?.ready).toBe(0.5);
    expect(r?.finished).toBe(10.5);
    expect(p?.imageBytesPulled).toBe(0);
    expect(p?.layerCacheHitRatio).toBe(1); // 150 MB looked up, 150 MB found
  });

  it('Always with nothing cached: the round trip, then 150 MB at 100 MB/s (2.0 s)', () => {
    const p = simulate(scenario('Always', false)).performance;
    expect(p?.records?.[0]?.pulled).toBeCloseTo(2, 12);
    expect(p?.imageBytesPulled).toBe(150e6);
    expect(p?.layerCacheHitRatio).toBe(0);
  });

  it('IfNotPresent with the image cached: no registry contact, ready at once', () => {
    const p = simulate(scenario('IfNotPresent', true)).performance;
    expect(p?.records?.[0]?.pulled).toBe(0);
    expect(p?.imageBytesPulled).toBe(0);
  });

  it('Never with the image cached runs it', () => {
    const r = simulate(scenario('Never', true));
    expect(r.containers).toMatchObject({ completed: 1, failed: 0 });
    expect(r.performance?.records?.[0]?.state).toBe('succeeded');
  });

  it('Never with the image absent: ErrImageNeverPull, the container never starts and counts as failed', () => {
    const r = simulate(scenario('Never', false));
    expect(r.containers).toMatchObject({ submitted: 1, placed: 1, completed: 0, failed: 1, running: 0 });
    const rec = r.performance?.records?.[0];
    expect(rec?.state).toBe('err-image-never-pull');
    expect(rec?.pulled).toBeNaN();
    expect(rec?.started).toBeNaN();
    expect(rec?.ready).toBeNaN();
    expect(rec?.finished).toBe(0);
    expect(r.performance?.imageBytesPulled).toBe(0);
    expect(r.performance?.run.max).toBe(0); // no run finished
    expect(r.performance?.startup.max).toBe(0); // nor became ready
  });

  it('Never with the image absent frees the host under kube-scheduler too, container after container', () => {
    // The host has room for one container at a time: each fails at once and the next takes its place.
    const s = scenario('Never', false, { scheduler: { policy: 'binpack' } });
    const w = { ...s.workloads[0]!, arrival: { process: 'explicit' as const, times: [0, 0, 0] }, request: { cpu: 3 } };
    const r = simulate({ ...s, workloads: [w] });
    expect(r.containers).toMatchObject({ submitted: 3, placed: 3, failed: 3, running: 0, pending: 0 });
    expect(r.performance?.records?.map((x) => x.state)).toEqual(['err-image-never-pull', 'err-image-never-pull', 'err-image-never-pull']);
  });

  it('a container that needs a layer another pull is fetching waits for that pull, and downloads nothing', () => {
    // Both arrive at 0: the first pays the round trip and fetches 150 MB (ready at 2.0 s); the
    // second finds both layers in flight, joins, and is ready when they land, also at 2.0 s.
    const s = scenario('IfNotPresent', false);
    const r = simulate({ ...s, workloads: [{ ...s.workloads[0]!, arrival: { process: 'explicit', times: [0, 0] } }] });
    expect(r.performance?.records?.map((x) => x.ready)).toEqual([expect.closeTo(2, 12), expect.closeTo(2, 12)]);
    expect(r.performance?.imageBytesPulled).toBe(150e6);
    expect(r.performance?.layerCacheHitRatio).toBeCloseTo(0.5, 12); // 150 MB of 300 MB joined a download
  });
});

describe('validation of imagePullPolicy: Never', () => {
  it('warns, with the path, when the image is pre-pulled on no host the workload may run on', () => {
    const v = validateScenario(scenario('Never', false));
    expect(v.ok).toBe(true);
    expect(v.warnings).toEqual([expect.objectContaining({ code: 'image_never_pulled', path: 'workloads[0].imagePullPolicy' })]);
    expect(v.warnings[0]?.message).toContain('ErrImageNeverPull');
  });

  it('reaches a scenario file\'s reader, with the file and line', () => {
    const text = JSON.stringify(scenario('Never', false), null, 2);
    const { warnings } = loadScenarioFromText({ file: 'cluster.json', text });
    const w = warnings.find((x) => x.code === 'image_never_pulled');
    expect(w).toMatchObject({ path: 'workloads[0].imagePullPolicy', file: 'cluster.json' });
    expect(w?.line).toBe(text.split('\n').findIndex((l) => l.includes('"imagePullPolicy"')) + 1);
  });

  it('is quiet when the image is pre-pulled on a host the workload may run on', () => {
    expect(validateScenario(scenario('Never', true)).warnings).toEqual([]);
    expect(validateScenario(scenario('IfNotPresent', false)).warnings).toEqual([]);
  });

  it('counts only hosts the workload may run on: a tainted host with the image does not do', () => {
    const s = scenario('Never', false);
    const tainted = { ...host, name: 'gpu', prePulled: ['web'], taints: [{ key: 'gpu', effect: 'NoSchedule' as const }] };
    const v = validateScenario({ ...s, hosts: [...s.hosts, tainted] });
    expect(v.warnings.map((w) => w.code)).toEqual(['image_never_pulled']);
    const tolerant = { ...s.workloads[0]!, tolerations: [{ key: 'gpu', operator: 'Exists' as const }] };
    expect(validateScenario({ ...s, hosts: [...s.hosts, tainted], workloads: [tolerant] }).warnings).toEqual([]);
  });
});

describe('layer-cache hit ratio', () => {
  it('is by bytes, not by look-ups: one 1 MB layer found of 101 MB looked up is 1/101', () => {
    // The host holds "small" (pre-pulled with another image); the pull looks up big (100 MB, a
    // miss) and small (1 MB, a hit): one look-up in two, but 1 MB in 101.
    const r = simulate({
      registries,
      images: [
        { name: 'x', layers: [{ digest: 'big', size: '100M' }, { digest: 'small', size: '1M' }] },
        { name: 'y', layers: [{ digest: 'small', size: '1M' }] },
      ],
      hosts: [{ ...host, prePulled: ['y'] }],
      workloads: [{ name: 'w', image: 'x', arrival: { process: 'explicit', times: [0] }, duration: { distribution: 'constant', value: 1 }, request: { cpu: 1 } }],
    });
    expect(r.performance?.layerCacheHitRatio).toBeCloseTo(1 / 101, 12);
    expect(r.performance?.imageBytesPulled).toBe(100e6);
  });
});
