import { describe, expect, it } from 'vitest';
import { Simulation, simulate } from '../../src/index.js';
import { Outcome, OUTCOME_NAMES } from '../../src/simulation/index.js';

describe('Lifecycle observer hooks', () => {
  it('started(slot) and ready(slot) are called when the process starts and when readiness passes, again after each restart', () => {
    // Start takes 2 s; the app answers 4 s after start; probes at +3, +13: ready at 15, as in the
    // readiness test. Usage crosses the 1Gi limit 20 s after each start (OOM), restart after 10 s.
    const sim = new Simulation({
      until: 60,
      hosts: [{ name: 'h', capacity: { cpu: 1, memory: '4Gi' } }],
      workloads: [{
        name: 's', arrival: { process: 'explicit', times: [0] }, duration: { distribution: 'constant', value: 100 },
        startup: { distribution: 'constant', value: 2 },
        readiness: { initialDelaySeconds: 3, periodSeconds: 10, ready: { distribution: 'constant', value: 4 } },
        request: { cpu: 1, memory: '1Gi' }, limit: { memory: '1Gi' },
        memory: { usage: [{ t: 0, bytes: '512Mi' }, { t: 20, bytes: '1Gi' }, { t: 21, bytes: '2Gi' }] },
      }],
    });
    const seen: string[] = [];
    const life = sim.lifecycle!;
    life.started = (slot) => seen.push(`started ${slot} @${sim.now}`);
    life.ready = (slot) => seen.push(`ready ${slot} @${sim.now}`);
    sim.run();
    // Kill at 2 + 20 = 22; back-off 10 s: restart at 32, started at 34, ready at 47; kill at 54.
    expect(seen).toEqual(['started 0 @2', 'ready 0 @15', 'started 0 @34', 'ready 0 @47']);
    expect(sim.result().performance?.oomKills).toBe(2);
  });

  it('Outcome names each way a run ends, with the record state for each', () => {
    expect(Outcome).toEqual({ Succeeded: 0, OomKilled: 1, Evicted: 2, Failed: 3, ErrImageNeverPull: 4 });
    expect(Object.values(Outcome).map((o) => OUTCOME_NAMES[o])).toEqual(['succeeded', 'oom-killed', 'evicted', 'failed', 'err-image-never-pull']);
  });
});

describe('Lifecycle tables', () => {
  it('grow past the room made up front: 3000 containers at once, with images, memory and records', () => {
    const r = simulate({
      record: 'containers',
      registries: [{ name: 'hub', bandwidth: '1G' }],
      images: [{ name: 'x', layers: [{ digest: 'l', size: '1M' }] }],
      hosts: [{ name: 'h', capacity: { cpu: 64, memory: '64Gi' } }],
      workloads: [{ name: 'w', image: 'x', arrival: { process: 'explicit', times: new Array<number>(3000).fill(0) }, work: { cpu: { distribution: 'constant', value: 1 } }, request: { cpu: '10m', memory: '1Mi' }, memory: { usage: '1Mi' } }],
    });
    expect(r.containers).toMatchObject({ submitted: 3000, completed: 3000, failed: 0 });
    expect(r.performance?.records?.length).toBe(3000);
    // One pull of 1 MB (8 Mbit at 1 Gbit/s: 8 ms), joined by the 2999 others; 3000 CPU-s on 64 cores.
    expect(r.performance?.imageBytesPulled).toBe(1e6);
    expect(Math.max(...(r.performance?.records ?? []).map((x) => x.finished))).toBeCloseTo(0.008 + 3000 / 64, 6);
  });
});
