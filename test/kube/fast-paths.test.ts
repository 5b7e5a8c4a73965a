// The cycle's fast paths against the slow ones they stand for: NodeResourcesFit's batch filter against
// its per-host filter, the totals schedule() adds up (scoreAdd, PodTopologySpread's SCORE_SPARSE)
// against the recorded per-plugin scores of an explanation, and trace replays under every kube preset
// against the placements of the code before the fast paths (hashes recorded from main at bd772d3).
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClusterState } from '../../src/cluster/cluster-state.js';
import type { Cycle } from '../../src/kube/schedule-cycle.js';
import { SCORE_SKIP } from '../../src/kube/plugin.js';
import type { ProfileFramework } from '../../src/kube/framework.js';
import { KubeScheduler } from '../../src/kube/kube-scheduler.js';
import type { KubePreset } from '../../src/kube/resolve-profile.js';
import { createRng } from '../../src/random/streams.js';
import { generateTrace, readTrace, replaySimulation, traceToScenario } from '../../src/traces/index.js';

const Gi = 2 ** 30;

const stateShape = {
  hosts: fc.array(fc.record({ cpu: fc.integer({ min: 0, max: 8 }), mem: fc.integer({ min: 0, max: 8 }), maxPods: fc.integer({ min: 0, max: 6 }) }), { minLength: 1, maxLength: 30 }),
  pods: fc.array(fc.record({ cpu: fc.integer({ min: 0, max: 3 }), mem: fc.integer({ min: 0, max: 3 }), owner: fc.integer({ min: 0, max: 3 }) }), { minLength: 1, maxLength: 80 }),
  seed: fc.integer({ min: 0, max: 1000 }),
};
const stateArb = fc.record(stateShape);

type State = { hosts: Array<{ cpu: number; mem: number; maxPods: number }>; pods: Array<{ cpu: number; mem: number; owner: number }>; seed: number };

// Binds the pods in turn where schedule() puts them; the last one is left pending.
function build(st: State, profile: KubePreset, watchCluster = true): { s: KubeScheduler; last: number } {
  const cluster = new ClusterState(['cpu', 'memory'], st.hosts.map((h, i) => ({ name: `n${i}`, group: i, capacity: { cpu: h.cpu * 1000, memory: h.mem * Gi } })));
  const s = new KubeScheduler({ cluster, rng: createRng(st.seed, 'fast-paths'), profiles: [profile], nodeFieldsByGroup: st.hosts.map((h) => ({ maxPods: h.maxPods })), watchCluster });
  let last = -1;
  st.pods.forEach((p, i) => {
    const request: Record<string, number> = {};
    if (p.cpu > 0) request.cpu = p.cpu * 500;
    if (p.mem > 0) request.memory = (p.mem * Gi) / 2;
    last = s.addPod({ request, owner: `o${p.owner}` });
    if (i === st.pods.length - 1) return;
    const h = s.schedule(last);
    if (h >= 0 && cluster.allocate(h, s.demand, s.demandOffset(last))) s.bind(last, h);
    else s.removePod(last);
  });
  return { s, last };
}

describe('kube fast paths', () => {
  it('NodeResourcesFit filters a batch exactly as it filters host by host', () => {
    fc.assert(fc.property(stateArb, (st) => {
      const { s, last } = build(st, 'default');
      const internals = s as unknown as { cycle: Cycle; frameworks: ProfileFramework[]; prepare(p: number): void };
      internals.prepare(last);
      const fit = internals.frameworks[0]!.filters.find((f) => f.name === 'NodeResourcesFit')!.inst;
      const H = st.hosts.length;
      const hosts = Int32Array.from({ length: H }, (_, h) => h);
      const m = fit.filterAll!(internals.cycle, hosts, H);
      const byHost = [];
      for (let h = 0; h < H; h++) if (fit.filter!(internals.cycle, h) === 0) byHost.push(h);
      expect([...hosts.subarray(0, m)]).toEqual(byHost);
    }), { numRuns: 200 });
  });

  it('NodeResourcesFit with BalancedAllocation in one pass adds the same totals as the two plugins apart', () => {
    // Memoised or not (watchCluster), LeastAllocated (default, spread) or MostAllocated (binpack); hosts
    // without cpu or memory take the plugins' general per-host path, best-effort pods skip BalancedAllocation.
    for (const profile of ['default', 'spread', 'binpack'] as const) {
      for (const watch of [true, false]) {
        fc.assert(fc.property(stateArb, (st) => {
          const { s, last } = build(st, profile, watch);
          const internals = s as unknown as { cycle: Cycle; frameworks: ProfileFramework[]; prepare(p: number): void };
          internals.prepare(last);
          const c = internals.cycle, fw = internals.frameworks[0]!;
          const fitK = fw.scores.findIndex((x) => x.name === 'NodeResourcesFit');
          const balK = fw.scores.findIndex((x) => x.name === 'NodeResourcesBalancedAllocation');
          expect(fw.scores[fitK]!.pair).toBe(balK);
          expect(fw.scores[balK]!.paired).toBe(true);
          const fit = fw.scores[fitK]!, bal = fw.scores[balK]!;
          const n = c.findFeasible();
          const fused = new Float64Array(n).fill(7), apart = new Float64Array(n).fill(7);
          fit.inst.pairAdd!(c, c.feas, n, fused, fit.weight, bal.inst, bal.weight);
          fit.inst.scoreAdd!(c, c.feas, n, apart, fit.weight);
          bal.inst.scoreAdd!(c, c.feas, n, apart, bal.weight);
          expect([...fused]).toEqual([...apart]);
          // And the plugins' score() (no weights, no pairing) gives the same.
          const a = new Float64Array(n), b = new Float64Array(n);
          fit.inst.score!(c, c.feas, n, a);
          const skipped = bal.inst.score!(c, c.feas, n, b) === SCORE_SKIP;
          for (let i = 0; i < n; i++) expect(fused[i]).toBe(7 + fit.weight * a[i]! + (skipped ? 0 : bal.weight * b[i]!));
        }), { numRuns: 80 });
      }
    }
  });

  it('the host schedule() picks has the highest total of the recorded scores, for every preset', () => {
    // Under 100 hosts every feasible host is scored, as in scoreHosts(). Past 64 hosts an owner's counts
    // per host are sparse, so PodTopologySpread scores by SCORE_SPARSE in schedule() (dense when recording).
    const wide = fc.record({ ...stateShape, hosts: fc.array(fc.record({ cpu: fc.integer({ min: 1, max: 8 }), mem: fc.integer({ min: 1, max: 8 }), maxPods: fc.integer({ min: 1, max: 6 }) }), { minLength: 65, maxLength: 99 }) });
    for (const profile of ['default', 'tetris', 'spread', 'binpack'] as const) {
      fc.assert(fc.property(fc.oneof(stateArb, wide), (st) => {
        const { s, last } = build(st, profile);
        const e = s.scoreHosts(last);
        const h = s.schedule(last);
        if (e.feasibleCount === 0) {
          expect(h).toBe(-1);
          return;
        }
        const best = Math.max(...e.hosts.filter((x) => x.feasible).map((x) => x.total));
        expect(e.hosts[h]?.feasible).toBe(true);
        expect(e.hosts[h]?.total).toBe(best);
        // Every scored host's total differs from the recorded one by the same amount (the scores every
        // host shares, which schedule() leaves out).
        const c = (s as unknown as { cycle: Cycle }).cycle;
        if (e.feasibleCount > 1) {
          const shift = (e.hosts[c.feas[0]!]!.total) - c.total[0]!;
          for (let i = 0; i < e.feasibleCount; i++) expect(e.hosts[c.feas[i]!]!.total - c.total[i]!).toBe(shift);
        }
      }), { numRuns: 60 });
    }
  });

  it('replays a generated trace with the same placements as before the fast paths, under every kube preset', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podsim-kube-fast-'));
    try {
      await generateTrace({ format: 'google2011', machines: 1000, tasks: 6000, seed: 11, dir, realFeatures: false, tasksPerMachine: 4 });
      const shape = { cpu: 64_000, memory: 256 * 2 ** 30 };
      // Recorded from the code before the fast paths (9e742da: the plan's ties already in submission order,
      // each task with its own request), by the same loop; the fast paths' code gives the same.
      const before: Record<string, string> = { kube: '84aa4ccc7a293c96', tetris: 'b1fd589785959156', spread: '9632df7a1c5032ab', binpack: 'ad59d0fe237e1cb4' };
      for (const policy of Object.keys(before)) {
        const plan = await traceToScenario(readTrace({ format: 'google2011', dir }, { shape }));
        const run = replaySimulation(plan, { scheduler: { policy } });
        const hash = createHash('sha256');
        const buf = new Float64Array(3);
        let placed = 0;
        run.observe((e) => {
          if (e.kind !== 'placed') return;
          placed++;
          buf[0] = e.time;
          buf[1] = e.container;
          buf[2] = e.host;
          hash.update(new Uint8Array(buf.buffer));
        });
        run.run();
        expect({ policy, placed, hash: hash.digest('hex').slice(0, 16) }).toEqual({ policy, placed: 6062, hash: before[policy] });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
