import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ClusterState } from '../../src/cluster/cluster-state.js';
import { Simulation } from '../../src/simulation/simulation.js';
import { bestFit, firstFit, remainingAfter, worstFit } from '../../src/scheduling/policies.js';
import { KubeScheduler } from '../../src/kube/kube-scheduler.js';
import { createRng } from '../../src/random/streams.js';
import { HostSampler } from '../../src/report/host-sampler.js';
import { DominantResourceFairness } from '../../src/kube/dominant-resource-fairness.js';

// Issue 15 §2: host capacity updates (ClusterState.setCapacity, Simulation.setHostCapacity).

const GiB = 2 ** 30;

// Never overcommitted, and totalCapacity = Σ capacity.
function check(c: ClusterState): void {
  const D = c.D;
  const tot = new Float64Array(D);
  for (let h = 0; h < c.hostCount; h++) {
    for (let d = 0; d < D; d++) {
      if ((c.allocated[h * D + d] as number) > (c.capacity[h * D + d] as number)) expect.fail(`host ${h} overcommitted in dimension ${d}`);
      tot[d] = (tot[d] as number) + (c.capacity[h * D + d] as number);
    }
  }
  expect(Array.from(c.totalCapacity)).toEqual(Array.from(tot));
}

describe('ClusterState.setCapacity', () => {
  it('a growth applies at once; a shrink below what is allocated steps down as containers release, never below allocated, until it reaches the target', () => {
    const c = new ClusterState(['cpu', 'memory'], [{ name: 'n0', capacity: { cpu: 4000, memory: 8 * GiB } }, { name: 'n1', capacity: { cpu: 4000, memory: 8 * GiB } }]);
    const heard: string[] = [];
    c.onCapacity((h) => heard.push(`${h}:${c.capacity[h * 2]}`));
    const one = c.demandOf({ cpu: 1000, memory: GiB });
    for (let k = 0; k < 3; k++) expect(c.allocate(0, one, 0)).toBe(true);
    // Shrink to 2000 m with 3000 m held: capacity 3000 m, no room, memory untouched.
    expect(c.setCapacity(0, { cpu: 2000 })).toBe(true);
    expect(c.capacityOf(0)).toEqual({ cpu: 3000, memory: 8 * GiB });
    expect(c.free(0, 0)).toBe(0);
    expect(c.fits(0, one, 0)).toBe(false);
    expect(c.totalCapacity[0]).toBe(7000);
    expect(c.pendingShrinks).toBe(1);
    expect(c.shrinkPending(0)).toBe(true);
    expect(c.targetCapacity(0, 0)).toBe(2000);
    // Empty, the host would have its target: a 2500 m demand never fits it.
    expect(c.fitsEmpty(0, c.demandOf({ cpu: 2500 }), 0)).toBe(false);
    expect(c.fitsSomeEmpty(c.demandOf({ cpu: 2500 }), 0)).toBe(true); // n1
    check(c);
    c.release(0, one, 0); // 2000 held: at the target
    expect(c.capacityOf(0).cpu).toBe(2000);
    expect(c.pendingShrinks).toBe(0);
    expect(c.fits(0, one, 0)).toBe(false);
    c.release(0, one, 0); // 1000 held: the capacity stays at 2000
    expect(c.capacityOf(0).cpu).toBe(2000);
    expect(c.free(0, 0)).toBe(1000);
    expect(c.totalCapacity[0]).toBe(6000);
    // Growth: at once.
    expect(c.setCapacity(0, { cpu: 6000, memory: 16 * GiB })).toBe(true);
    expect(c.capacityOf(0)).toEqual({ cpu: 6000, memory: 16 * GiB });
    expect(Array.from(c.totalCapacity)).toEqual([10000, 24 * GiB]);
    expect(c.setCapacity(0, { cpu: 6000 })).toBe(false); // no change
    expect(heard).toEqual(['0:3000', '0:2000', '0:6000']);
    check(c);
  });

  it('a new target while a shrink waits replaces the old one; a growth back above what is held ends the shrink', () => {
    const c = new ClusterState(['cpu'], [{ name: 'n0', capacity: { cpu: 4000 } }]);
    const d = c.demandOf({ cpu: 3000 });
    c.allocate(0, d, 0);
    c.setCapacity(0, { cpu: 1000 });
    expect(c.capacityOf(0).cpu).toBe(3000);
    c.setCapacity(0, { cpu: 500 });
    expect([c.capacityOf(0).cpu, c.targetCapacity(0, 0), c.pendingShrinks]).toEqual([3000, 500, 1]);
    c.setCapacity(0, { cpu: 3500 });
    expect([c.capacityOf(0).cpu, c.pendingShrinks, c.shrinkPending(0)]).toEqual([3500, 0, false]);
    c.release(0, d, 0);
    expect(c.capacityOf(0).cpu).toBe(3500);
  });

  it('dominant resource fairness takes shares of the capacity now', () => {
    const c = new ClusterState(['cpu', 'memory'], [{ name: 'n0', capacity: { cpu: 4000, memory: 8 * GiB } }]);
    const drf = new DominantResourceFairness(c.totalCapacity);
    c.onCapacity(() => drf.setTotal(c.totalCapacity));
    drf.allocate('a', c.demandOf({ cpu: 1000, memory: GiB }));
    expect(drf.weightedShare('a')).toBe(0.25);
    c.setCapacity(0, { cpu: 2000 });
    expect(drf.weightedShare('a')).toBe(0.5);
  });

  it('rejects a dimension it does not track and a negative or non-finite value', () => {
    const c = new ClusterState(['cpu'], [{ name: 'n0', capacity: { cpu: 4000 } }]);
    expect(() => c.setCapacity(0, { gpu: 1 })).toThrow(/dimension "gpu"/);
    expect(() => c.setCapacity(0, { cpu: -1 })).toThrow(/finite number ≥ 0/);
    expect(() => c.setCapacity(0, { cpu: Infinity })).toThrow(/finite number ≥ 0/);
  });
});

describe('Simulation.setHostCapacity', () => {
  const job = (name: string, times: number[], seconds: number, cpu: number) => ({ name, count: times.length, arrival: { process: 'explicit' as const, times }, duration: { distribution: 'constant' as const, value: seconds }, request: { cpu } });

  it('a growth places a waiting container at once; utilisation is measured against capacity over time', () => {
    // One host of 2 CPUs, three 10 s containers of 1 CPU at t = 0: the third waits.
    const run = new Simulation({ seed: 1, hosts: [{ name: 'n', capacity: { cpu: 2 } }], workloads: [job('w', [0, 0, 0], 10, 1)] });
    run.run({ until: 5 });
    expect(run.counts.pending).toBe(1);
    run.setHostCapacity(0, { cpu: 3000 });
    expect(run.counts.pending).toBe(0); // placed at 5
    const r = run.run().result();
    expect(r.simulatedTime).toBe(15);
    expect(r.wait.max).toBe(5);
    // ∫ allocated = 2000·5 + 3000·5 + 1000·5 = 30,000 m·s; ∫ capacity = 2000·5 + 3000·10 = 40,000 m·s.
    expect(r.utilization.cpu).toBeCloseTo(30000 / 40000, 12);
  });

  it('under the performance model, a change of a host\'s CPU is reported not_modelled (its CPU sharing keeps the first capacity); memory changes and runs without the model are not', () => {
    const modelled = { name: 'm', count: 2, arrival: { process: 'explicit' as const, times: [0, 0] }, work: { cpu: { distribution: 'constant' as const, value: 10 } }, request: { cpu: 1, memory: '1Gi' } };
    const run = new Simulation({ seed: 1, hosts: [{ name: 'n', capacity: { cpu: 2, memory: '8Gi' } }], workloads: [modelled] });
    run.run({ until: 1 });
    run.setHostCapacity(0, { memory: 2 ** 34 });
    expect(run.run({ until: 2 }) && run.result().warnings?.find((w) => w.path === 'setHostCapacity.cpu')).toBeUndefined();
    run.setHostCapacity(0, { cpu: 4000 });
    run.setHostCapacity(0, { cpu: 4000 }); // no change
    expect(run.run().result().warnings?.filter((w) => w.path === 'setHostCapacity.cpu')).toEqual([{ code: 'not_modelled', path: 'setHostCapacity.cpu', message: "1 change(s) of a host's CPU capacity: placement follows them, but the performance model's CPU sharing keeps each host's first CPU capacity" }]);
    const plain = new Simulation({ seed: 1, hosts: [{ name: 'n', capacity: { cpu: 2 } }], workloads: [job('w', [0], 10, 1)] });
    plain.setHostCapacity(0, { cpu: 4000 });
    expect(plain.run().result().warnings).toBeUndefined();
  });

  it('a shrink below what runs: nothing is evicted, no new placement, capacity steps down as containers end, reaches the target', () => {
    // One host of 4 CPUs full of 1-CPU containers ending at 10, 20, 30 and 40; shrunk to 2 CPUs at 1; a 10 s container arrives at 2.
    const run = new Simulation({
      seed: 1,
      hosts: [{ name: 'n', capacity: { cpu: 4 } }],
      workloads: [job('a', [0], 10, 1), job('b', [0], 20, 1), job('c', [0], 30, 1), job('d', [0], 40, 1), job('late', [2], 10, 1)],
    });
    run.run({ until: 1 });
    run.setHostCapacity(0, { cpu: 2000 });
    const c = run.cluster, seen: Array<[number, number]> = [];
    let placedAt = -1;
    run.observe((e) => { if (e.kind === 'placed' && e.workload === 4) placedAt = e.time; });
    while (run.step()) {
      expect(c.allocated[0]).toBeLessThanOrEqual(c.capacity[0] as number);
      const last = seen[seen.length - 1];
      if (last === undefined || last[1] !== c.capacity[0]) seen.push([run.now, c.capacity[0] as number]);
    }
    expect(seen).toEqual([[2, 4000], [10, 3000], [20, 2000]]);
    expect(placedAt).toBe(30); // only when d alone runs is there room under 2 CPUs
    const r = run.result();
    expect(r.containers.lost).toBeUndefined();
    expect(r.containers.completed).toBe(5);
    expect(r.wait.max).toBe(28);
    // ∫ capacity = 4000·10 + 3000·10 + 2000·20 = 110,000 = ∫ allocated: the host is full throughout.
    expect(r.utilization.cpu).toBeCloseTo(1, 12);
  });

  it('under kube-scheduler: a growth places a waiting pod when its back-off ends, on the grown node; a shrinking node takes none', () => {
    const run = new Simulation({ seed: 1, scheduler: { policy: 'kube' }, hosts: [{ name: 'n', count: 3, capacity: { cpu: 2, memory: '4Gi' } }], workloads: [{ ...job('w', [0, 0, 0, 0, 0, 0, 0], 100, 1), request: { cpu: 1, memory: '1Gi' } }] });
    const placed: string[] = [];
    run.observe((e) => { if (e.kind === 'placed' && e.time > 0) placed.push(`${run.cluster.hostNames[e.host]}@${e.time}`); });
    run.run({ until: 5 });
    expect(run.counts.pending).toBe(1);
    run.setHostCapacity(0, { cpu: 1000 }); // n-0 holds 2 CPUs: no room there until it is under 1
    run.setHostCapacity(2, { cpu: 4000 });
    expect(run.cluster.capacityOf(0).cpu).toBe(2000);
    run.run({ until: 50 });
    // Tried at 0, 1 and 3 (back-off 1 s doubling), the pod backs off until 7: as upstream, a node
    // update moves it to the active queue only once its back-off is over.
    expect(placed).toEqual(['n-2@7']);
    expect(run.counts.pending).toBe(0);
  });

  it('the time series and the report\'s per-host heatmap divide by the capacity at each sample', () => {
    const run = new Simulation({ seed: 1, timeseries: { interval: 10 }, hosts: [{ name: 'n', count: 2, capacity: { cpu: 2 } }], workloads: [job('w', [0], 30, 1)] });
    const hosts = HostSampler.follow(run, { maxRows: 1 });
    run.run({ until: 15 });
    run.setHostCapacity(0, { cpu: 6000 });
    const r = run.run().result();
    expect(r.timeseries?.time).toEqual([0, 10, 20, 30]);
    expect(r.timeseries?.utilization['cpu']).toEqual([1000 / 4000, 1000 / 4000, 1000 / 8000, 0]);
    expect(hosts.build().utilization['cpu']?.map((row) => row[0])).toEqual([1000 / 4000, 1000 / 4000, 1000 / 8000, 0]);
  });

  it('a container that fits no host is rejected, until a growth makes one fit it', () => {
    const run = new Simulation({ seed: 1, hosts: [{ name: 'n', capacity: { cpu: 1 } }], workloads: [job('big', [0, 10], 1, 2)] });
    run.run({ until: 5 });
    run.setHostCapacity(0, { cpu: 2000 });
    const r = run.run().result();
    expect(r.containers).toMatchObject({ submitted: 2, rejected: 1, completed: 1 });
  });
});

// Random clusters (above the index's 64 hosts), random capacity updates, placements and releases:
// never overcommitted, and every policy's choice is the brute-force one.
const ops = fc.array(fc.oneof(
  fc.record({ op: fc.constant('place' as const), cpu: fc.integer({ min: 1, max: 8 }), mem: fc.integer({ min: 0, max: 8 }) }),
  fc.record({ op: fc.constant('release' as const), k: fc.nat() }),
  fc.record({ op: fc.constant('update' as const), h: fc.nat(), cpu: fc.integer({ min: 0, max: 16 }), mem: fc.integer({ min: 0, max: 16 }) }),
), { minLength: 20, maxLength: 300 });

function bruteFirst(c: ClusterState, d: Float64Array): number {
  for (let h = 0; h < c.hostCount; h++) if (c.fits(h, d, 0)) return h;
  return -1;
}
function bruteScore(c: ClusterState, d: Float64Array, sign: 1 | -1): number {
  let best = -1, score = Infinity;
  for (let h = 0; h < c.hostCount; h++) {
    if (!c.fits(h, d, 0)) continue;
    const s = sign * remainingAfter(c, h, d, 0);
    if (s < score) { score = s; best = h; }
  }
  return best;
}

describe('placement after capacity changes (property)', () => {
  it('first-fit, best-fit and worst-fit (indexed) choose the brute-force host; nothing is overcommitted', () => {
    fc.assert(fc.property(fc.integer({ min: 64, max: 90 }), ops, (H, list) => {
      const hosts = Array.from({ length: H }, (_, h) => ({ name: `n${h}`, capacity: { cpu: (4 + (h % 3) * 4) * 1000, memory: (4 + (h % 2) * 4) * GiB } }));
      const policies = [firstFit(), bestFit(), worstFit()];
      const brute = [(c: ClusterState, d: Float64Array) => bruteFirst(c, d), (c: ClusterState, d: Float64Array) => bruteScore(c, d, 1), (c: ClusterState, d: Float64Array) => bruteScore(c, d, -1)];
      // One cluster per policy, driven alike, each placing with its own policy.
      for (let p = 0; p < 3; p++) {
        const c = new ClusterState(['cpu', 'memory'], hosts);
        const live: Array<{ h: number; d: Float64Array }> = [];
        const req = { container: 0, workload: 0, demand: new Float64Array(2) as Float64Array, offset: 0, attempts: 0 };
        for (const o of list) {
          if (o.op === 'place') {
            const d = c.demandOf({ cpu: o.cpu * 500, memory: o.mem * (GiB / 2) });
            req.demand = d;
            const h = policies[p]!.select(req, c);
            const want = brute[p]!(c, d);
            if (h !== want) expect.fail(`${policies[p]!.name} chose ${h}, brute force ${want}`);
            if (h >= 0) { expect(c.allocate(h, d, 0)).toBe(true); live.push({ h, d }); }
          } else if (o.op === 'release') {
            if (live.length === 0) continue;
            const [x] = live.splice(o.k % live.length, 1);
            c.release(x!.h, x!.d, 0);
          } else c.setCapacity(o.h % H, { cpu: o.cpu * 1000, memory: o.mem * GiB });
          check(c);
        }
      }
    }), { numRuns: 25 });
  });

  it('kube-scheduler: feasible exactly where the demand fits, and the same scores as a scheduler built fresh on the changed cluster', () => {
    fc.assert(fc.property(ops, (list) => {
      const hosts = Array.from({ length: 6 }, (_, h) => ({ name: `n${h}`, capacity: { cpu: (4 + (h % 3) * 4) * 1000, memory: (4 + (h % 2) * 4) * GiB } }));
      const c = new ClusterState(['cpu', 'memory'], hosts);
      const s = new KubeScheduler({ cluster: c, rng: createRng(1, 'kube') });
      const live: Array<{ pod: number; h: number }> = [];
      for (const o of list) {
        if (o.op === 'place') {
          const pod = s.addPod({ request: { cpu: o.cpu * 500, memory: o.mem * (GiB / 2) + 1 } });
          const d = s.demand, off = s.demandOffset(pod);
          const any = Array.from({ length: c.hostCount }, (_, h) => c.fits(h, d, off));
          const e = s.scoreHosts(pod);
          expect(e.hosts.map((x) => x.feasible)).toEqual(any);
          const fresh = new KubeScheduler({ cluster: c, rng: createRng(1, 'kube'), watchCluster: false });
          const pf = fresh.addPod({ request: { cpu: o.cpu * 500, memory: o.mem * (GiB / 2) + 1 } });
          expect(e.hosts.map((x) => x.total)).toEqual(fresh.scoreHosts(pf).hosts.map((x) => x.total));
          const h = s.schedule(pod);
          if (h < 0) { expect(any.some(Boolean)).toBe(false); s.removePod(pod); continue; }
          expect(any[h]).toBe(true);
          expect(c.allocate(h, d, off)).toBe(true);
          s.bind(pod, h, 0);
          live.push({ pod, h });
        } else if (o.op === 'release') {
          if (live.length === 0) continue;
          const [x] = live.splice(o.k % live.length, 1);
          c.release(x!.h, s.demand, s.demandOffset(x!.pod));
          s.removePod(x!.pod);
        } else c.setCapacity(o.h % c.hostCount, { cpu: o.cpu * 1000, memory: o.mem * GiB });
        check(c);
      }
    }), { numRuns: 25 });
  });
});
