// planScaleUp (core/scaleup/orchestrator) and a hand-timed scale-up/scale-down cycle composed from the pure parts.
import { describe, expect, it } from 'vitest';
import { resolveAutoscalerOptions } from '../../src/dynamics/autoscaler-options.js';
import { findUnneededNodes, type ScaleDownHost } from '../../src/dynamics/find-unneeded-nodes.js';
import type { ScaleDownPod } from '../../src/dynamics/drainability.js';
import { planScaleUp, type ScaleUpGroup } from '../../src/dynamics/plan-scale-up.js';
import { ScaleDownTracker } from '../../src/dynamics/scale-down-tracker.js';
import { createRng } from '../../src/random/streams.js';

const G = 2 ** 30;
const small: ScaleUpGroup = { name: 'small', template: { allocatable: [2000, 4 * G], maxPods: 110 }, size: 1, min: 1, max: 10 };
const large: ScaleUpGroup = { name: 'large', template: { allocatable: [8000, 32 * G], maxPods: 110 }, size: 0, min: 0, max: 3 };
const burst = [{ request: [500, G], count: 12 }];
const rng = () => createRng(1, 'autoscaler/expander');

describe('planScaleUp(input, rng)', () => {
  it('binpacks the pending pods per group and lets least-waste choose: 3 small nodes (no waste) over 1 large (0.875)', () => {
    const d = planScaleUp({ groups: [small, large], pending: burst }, rng());
    expect(d?.group).toBe(0);
    expect(d?.nodes).toBe(3);
    expect([...(d?.scheduled ?? [])]).toEqual([12]);
    expect(d?.options.map((o) => [o.group, o.nodeCount, o.podCount])).toEqual([['small', 3, 12], ['large', 1, 12]]);
  });
  it('caps the estimate at the group\'s room, skips full, backed-off and unfit groups, and respects maxNodesTotal', () => {
    expect(planScaleUp({ groups: [{ ...small, size: 9 }], pending: burst }, rng())?.nodes).toBe(1);
    expect(planScaleUp({ groups: [{ ...small, size: 10 }, large], pending: burst }, rng())?.group).toBe(1);
    expect(planScaleUp({ groups: [{ ...small, backedOff: true }], pending: burst }, rng())).toBeUndefined();
    expect(planScaleUp({ groups: [small], pending: [{ request: [3000, G], count: 1 }] }, rng())).toBeUndefined();
    expect(planScaleUp({ groups: [small], pending: burst, fitsTemplate: () => false }, rng())).toBeUndefined();
    expect(planScaleUp({ groups: [small], pending: burst, options: { maxNodesTotal: 3 } }, rng())?.nodes).toBe(2);
    expect(planScaleUp({ groups: [small], pending: burst, options: { maxNodesTotal: 1 } }, rng())).toBeUndefined();
  });
  it('uses the expanders given, in order', () => {
    const d = planScaleUp({ groups: [small, { ...large, price: 0.01 }], pending: burst, options: { expander: ['price'] } }, rng());
    expect(d?.group).toBe(1); // the large node at 0.01/h is far cheaper than 3 small ones at the linear price
  });
});

// A burst of 12 pods of 500m/1Gi arrives at t=0 on a cluster of one busy small node. Scan every 10 s.
//   t=0     scale-up: +3 nodes (the estimate); lastScaleUp = 0.
//   t=60    the nodes register (provisioning delay 60 s); the pods run until t=100.
//   t=100   the 3 nodes are empty: unneeded since 100 (the busy node stays needed: 75 % > 50 %).
//   t≤600   scale-down is in cooldown (scaleDownDelayAfterAdd 600 s after t=0).
//   t=710   the first scan with since + 600 < t: all 3 empty nodes are deleted at once (maxScaleDownParallelism 10).
describe('a scale-up and scale-down cycle, timed by hand', () => {
  it('adds the estimated nodes, and removes them at the first scan after the unneeded time', () => {
    const o = resolveAutoscalerOptions({});
    const tracker = new ScaleDownTracker(4);
    const events: string[] = [];
    let size = 1;
    const hosts: ScaleDownHost[] = [{ allocatable: [2000, 4 * G], group: 0 }];
    const busy: ScaleDownPod = { host: 0, request: [1500, G] };
    for (let t = 0; t <= 800; t += o.scanInterval) {
      const pending = t === 0 ? burst : [];
      const d = planScaleUp({ groups: [{ ...small, size }], pending }, rng());
      if (d !== undefined) {
        size += d.nodes;
        tracker.lastScaleUp = t;
        events.push(`${t}: +${d.nodes}`);
        continue; // no scale-down in a loop that scaled up
      }
      if (t >= 60 && hosts.length === 1) for (let i = 0; i < 3; i++) hosts.push({ allocatable: [2000, 4 * G], group: 0 });
      const pods: ScaleDownPod[] = [busy];
      if (t >= 60 && t < 100) for (let i = 0; i < 12; i++) pods.push({ host: 1 + (i % 3), request: [500, G] });
      const live = hosts.map((h, i) => ({ h, i })).filter((x) => x.h.group >= 0);
      const r = findUnneededNodes({ hosts, pods, candidates: live.map((x) => x.i), destinations: live.map((x) => x.i) });
      tracker.update(t, r.unneeded);
      if (tracker.inCooldown(t, o)) continue;
      const del = tracker.nodesToDelete(t, r.unneeded, r.empty, hosts.map((h) => Math.max(h.group, 0)), undefined, { size: [size], min: [1] }, o);
      if (del.empty.length + del.drain.length > 0) {
        events.push(`${t}: -${del.empty.join(',')}`);
        for (const h of [...del.empty, ...del.drain]) hosts[h] = { ...(hosts[h] as ScaleDownHost), group: -1 };
        size -= del.empty.length + del.drain.length;
        tracker.lastScaleDownDelete = t;
      }
    }
    expect(events).toEqual(['0: +3', '710: -1,2,3']);
    expect(size).toBe(1);
  });
});
