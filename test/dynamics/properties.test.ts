// Property tests of the dynamics models: no overcommit in the estimator and the scale-down simulation, the HPA
// within its bounds and rate limits, exact meters, deterministic draws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateNodes } from '../../src/dynamics/binpacking-estimator.js';
import { findUnneededNodes, type ScaleDownHost } from '../../src/dynamics/find-unneeded-nodes.js';
import type { ScaleDownPod } from '../../src/dynamics/drainability.js';
import { HpaController } from '../../src/dynamics/hpa-controller.js';
import { HpaPods, POD_RUNNING, READY_TRUE } from '../../src/dynamics/hpa-pods.js';
import { HostMeter } from '../../src/dynamics/host-meter.js';
import { compileFailureModel, failureTimeline } from '../../src/dynamics/failure-model.js';
import { createRng } from '../../src/random/streams.js';

const groupArb = fc.record({ cpu: fc.integer({ min: 1, max: 1000 }), mem: fc.integer({ min: 0, max: 1000 }), count: fc.integer({ min: 0, max: 40 }) });

describe('estimateNodes properties', () => {
  it('never overcommits a node, places every pod that fits a template node, and needs at least the volume lower bound', () => {
    fc.assert(fc.property(fc.array(groupArb, { maxLength: 6 }), fc.integer({ min: 1000, max: 4000 }), fc.integer({ min: 1000, max: 4000 }), fc.integer({ min: 1, max: 30 }), (gs, cpu, mem, maxPods) => {
      const groups = gs.map((g) => ({ request: [g.cpu, g.mem], count: g.count }));
      const e = estimateNodes(groups, { allocatable: [cpu, mem], maxPods });
      const used = new Map<number, number[]>();
      let k = 0;
      for (const g of e.order) for (let i = 0; i < (e.scheduled[g] as number); i++) {
        const n = e.placements[k++] as number;
        const u = used.get(n) ?? [0, 0, 0];
        const r = (groups[g] as { request: number[] }).request;
        used.set(n, [(u[0] as number) + (r[0] as number), (u[1] as number) + (r[1] as number), (u[2] as number) + 1]);
      }
      for (const [c, m, p] of used.values()) expect((c as number) <= cpu && (m as number) <= mem && (p as number) <= maxPods).toBe(true);
      expect(e.scheduledTotal).toBe(gs.reduce((s, g) => s + g.count, 0));
      const need = Math.max(Math.ceil(gs.reduce((s, g) => s + g.cpu * g.count, 0) / cpu), Math.ceil(gs.reduce((s, g) => s + g.mem * g.count, 0) / mem), Math.ceil(e.scheduledTotal / maxPods));
      expect(e.nodes).toBeGreaterThanOrEqual(need);
    }), { numRuns: 300 });
  });
});

describe('findUnneededNodes properties', () => {
  it('moves pods only to hosts that stay, never beyond their room', () => {
    fc.assert(fc.property(fc.array(fc.array(fc.integer({ min: 1, max: 600 }), { maxLength: 5 }), { minLength: 1, maxLength: 8 }), (perHost) => {
      const hosts: ScaleDownHost[] = perHost.map(() => ({ allocatable: [2000, 1000], maxPods: 4, group: 0 }));
      const pods: ScaleDownPod[] = [];
      perHost.forEach((cpus, h) => { for (const c of cpus.slice(0, 4)) if (pods.filter((p) => p.host === h).reduce((s, p) => s + (p.request[0] as number), 0) + c <= 2000) pods.push({ host: h, request: [c, 0] }); });
      const r = findUnneededNodes({ hosts, pods });
      const removed = new Set(r.unneeded);
      const load = new Map<number, [number, number]>();
      pods.forEach((p, i) => {
        const d = r.destination[i] as number;
        const at = d >= 0 ? d : p.host;
        if (removed.has(p.host)) expect(d >= 0 && !removed.has(d)).toBe(true);
        if (!removed.has(at)) { const l = load.get(at) ?? [0, 0]; load.set(at, [l[0] + (p.request[0] as number), l[1] + 1]); }
      });
      for (const [c, n] of load.values()) expect(c <= 2000 && n <= 4).toBe(true);
    }), { numRuns: 300 });
  });
});

describe('HpaController properties', () => {
  it('keeps a count within [min, max] starting inside it, and without behavior never more than doubles it (or reaches 4) per sync', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 10, max: 150 }), fc.array(fc.integer({ min: 0, max: 4000 }), { minLength: 1, maxLength: 30 }), (min, extra, target, loads) => {
      const max = min + extra;
      const hpa = new HpaController({ minReplicas: min, maxReplicas: max, targetCPUUtilization: target });
      const pods = new HpaPods();
      let replicas = min;
      loads.forEach((load, k) => {
        pods.clear();
        for (let i = 0; i < replicas; i++) pods.push(POD_RUNNING, READY_TRUE, -1e6, -1e6, Math.trunc(load / replicas), k * 15, 30, 1000);
        const next = hpa.sync(k * 15, replicas, pods);
        expect(next >= min && next <= max).toBe(true);
        expect(next).toBeLessThanOrEqual(Math.max(2 * replicas, 4));
        replicas = next;
      });
    }), { numRuns: 300 });
  });
});

describe('HostMeter and failure draws', () => {
  it('integrates dyadic rates over dyadic times exactly, whatever the order of hosts', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 64 })), { maxLength: 60 }), (steps) => {
      const m = new HostMeter(1);
      const last = [0, 0, 0, 0], rate = [0, 0, 0, 0], exact = [0, 0, 0, 0];
      let t = 0;
      for (const [h, dt, r] of steps) {
        t += dt / 8;
        exact[h] = (exact[h] as number) + (rate[h] as number) * (t - (last[h] as number));
        last[h] = t; rate[h] = r / 4;
        m.set(h, t, r / 4);
      }
      for (let h = 0; h < 4; h++) expect(m.total(h, t + 1)).toBe((exact[h] as number) + (rate[h] as number) * (t + 1 - (last[h] as number)));
    }), { numRuns: 300 });
  });
  it('draws the same failure history for the same seed and host, a different one for another host', () => {
    const m = compileFailureModel({ mtbf: 3600, mttr: 300 });
    const a = new Float64Array(50), b = new Float64Array(50), c = new Float64Array(50);
    const na = failureTimeline(m, createRng(9, 'failures/web-0'), 1e6, a);
    expect(failureTimeline(m, createRng(9, 'failures/web-0'), 1e6, b)).toBe(na);
    expect([...b]).toEqual([...a]);
    failureTimeline(m, createRng(9, 'failures/web-1'), 1e6, c);
    expect([...c]).not.toEqual([...a]);
  });
});
