import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Simulation, simulate, validateScenario, type Scenario } from '../../src/index.js';

const records = (s: Scenario) => simulate({ ...s, record: 'containers' }).performance?.records ?? [];

describe('performance model: P_c = P_a + P_d + P_s', () => {
  it('simulate() on M/M/1 processor sharing gives mean turnaround 1/(μ − λ)', () => {
    // λ = 0.5, μ = 1: theory 2 s. Turnarounds are correlated; with 100k customers the batch-means
    // standard error is about 1.5%, so 6% is a 4-σ band.
    const r = simulate({
      seed: 3,
      hosts: [{ name: 'h', capacity: { cpu: 1, memory: '64Gi' } }],
      workloads: [{ name: 'job', count: 100_000, arrival: { process: 'poisson', rate: 0.5 }, work: { cpu: { distribution: 'exponential', mean: 1 } }, request: { cpu: '1m' } }],
    });
    expect(r.containers.completed).toBe(100_000);
    expect(Math.abs((r.performance?.turnaround.mean ?? 0) - 2) / 2).toBeLessThan(0.06);
  });

  it('CFS weights: equal work with requests 2:1 on a saturated host finishes at 15 s and 20 s', () => {
    // Phase 1: rates 2/3 and 1/3 of one core; a's 10 CPU-s take 15 s, when b has done 5.
    // Phase 2: b alone at 1 core finishes its other 5 CPU-s at 20 s.
    const rs = records({
      hosts: [{ name: 'h', capacity: { cpu: 1, memory: '1Gi' } }],
      workloads: [
        { name: 'a', arrival: { process: 'explicit', times: [0] }, work: { cpu: { distribution: 'constant', value: 10 } }, request: { cpu: '200m' } },
        { name: 'b', arrival: { process: 'explicit', times: [0] }, work: { cpu: { distribution: 'constant', value: 10 } }, request: { cpu: '100m' } },
      ],
    });
    const end = Object.fromEntries(rs.map((x) => [x.workload, x.finished]));
    expect(end.a).toBeCloseTo(15, 9);
    expect(end.b).toBeCloseTo(20, 9);
  });

  it('a CPU limit caps the rate (CFS quota) and counts as throttling', () => {
    const r = simulate({
      hosts: [{ name: 'h', capacity: { cpu: 4, memory: '1Gi' } }],
      workloads: [{ name: 'a', arrival: { process: 'explicit', times: [0] }, work: { cpu: { distribution: 'constant', value: 10 } }, request: { cpu: '500m' }, limit: { cpu: '500m' } }],
      record: 'containers',
    });
    expect(r.performance?.records?.[0]?.finished).toBeCloseTo(20, 9);
    expect(r.performance?.throttledFraction).toBeCloseTo(1, 9);
  });

  it('data transfers share the NIC max-min fairly after compute (P_d)', () => {
    // Two containers each send 125 MB = 1 Gbit over a 1 Gbit/s NIC: together, 2 s each.
    const rs = records({
      hosts: [{ name: 'h', capacity: { cpu: 2, memory: '1Gi', network: '1G' } }],
      workloads: [{ name: 'x', arrival: { process: 'explicit', times: [0, 0] }, work: { cpu: { distribution: 'constant', value: 1 }, data: { distribution: 'constant', value: 125e6 } }, request: { cpu: 1 } }],
    });
    for (const x of rs) {
      expect(x.pa).toBeCloseTo(1, 9);
      expect(x.pd).toBeCloseTo(2, 9);
    }
  });

  it('layer cache: two images sharing a base layer, a cache too small for both (hand-computed pulls)', () => {
    // NIC 1 Gbit/s, registry 800 Mbit/s per pull, latency 0.5 s once per pull (the manifest round
    // trip, before the download); the layers a pull fetches travel as one flow.
    // t=0 wa: 0.5 s, then base + a1 = 150 MB = 1200 Mbit at 800 Mbit/s, 1.5 s → ready at 2.0 s.
    // t=12 wa ends: base and a1 are idle (150 MB ≤ 220 MB, nothing evicted).
    // t=20 wb: base is a hit (100 MB); 0.5 s, then b1 (800 Mbit) at 800 Mbit/s = 1 s → 21.5 s. Adding b1
    //   brings the cache to 250 MB > 220 MB: a1, the least recently used idle layer, is evicted.
    // t=100 wa again: base hit; 0.5 s, then a1 again, 400 Mbit = 0.5 s → 101 s.
    // Bytes looked up 150 + 200 + 150 = 500 MB, found 100 + 100 = 200 MB: hit ratio 0.4 by bytes.
    const r = simulate({
      record: 'containers',
      registries: [{ name: 'hub', bandwidth: '800M', latency: 0.5 }],
      images: [
        { name: 'a', layers: [{ digest: 'base', size: '100M' }, { digest: 'a1', size: '50M' }] },
        { name: 'b', layers: [{ digest: 'base', size: '100M' }, { digest: 'b1', size: '100M' }] },
      ],
      hosts: [{ name: 'h', capacity: { cpu: 4, memory: '4Gi', network: '1G' }, imageCache: '220M' }],
      workloads: [
        { name: 'wa', image: 'a', arrival: { process: 'explicit', times: [0, 100] }, duration: { distribution: 'constant', value: 10 }, request: { cpu: 1 } },
        { name: 'wb', image: 'b', arrival: { process: 'explicit', times: [20] }, duration: { distribution: 'constant', value: 10 }, request: { cpu: 1 } },
      ],
    });
    const p = r.performance;
    expect(p?.records?.map((x) => x.ready)).toEqual([expect.closeTo(2, 9), expect.closeTo(21.5, 9), expect.closeTo(101, 9)]);
    expect(p?.imageBytesPulled).toBe(300e6);
    expect(p?.layerCacheHitRatio).toBeCloseTo(200 / 500, 12);
    expect(p?.breakdown.pa.mean).toBeCloseTo(10, 9);
  });

  it('readiness: ready at the first probe at or after the application is ready', () => {
    const rs = records({
      hosts: [{ name: 'h', capacity: { cpu: 1, memory: '1Gi' } }],
      workloads: [{ name: 's', arrival: { process: 'explicit', times: [0] }, duration: { distribution: 'constant', value: 5 }, startup: { distribution: 'constant', value: 2 }, readiness: { initialDelaySeconds: 3, periodSeconds: 10, ready: { distribution: 'constant', value: 4 } }, request: { cpu: 1 } }],
    });
    // started at 2; app ready 4 s later; probes at +3, +13 → ready at 15; P_s = 15.
    expect(rs[0]?.started).toBe(2);
    expect(rs[0]?.ready).toBe(15);
    expect(rs[0]?.ps).toBe(15);
    expect(rs[0]?.finished).toBe(20);
  });

  it('OOM kill: usage crossing the limit kills the container, restarts back off 10, 20, 40 s', () => {
    // Usage grows 512Mi → 2Gi over 10 s and crosses the 1Gi limit 3⅓ s after each start.
    // Kills at 3.33, 16.67 (restart 13.33), 40 (restart 36.67), 83.33 (restart 80); next restart 163 > until.
    const r = simulate({
      until: 100,
      hosts: [{ name: 'h', capacity: { cpu: 4, memory: '4Gi' } }],
      workloads: [{ name: 'leak', arrival: { process: 'explicit', times: [0] }, duration: { distribution: 'constant', value: 1000 }, request: { cpu: 1, memory: '1Gi' }, limit: { memory: '1Gi' }, memory: { usage: [{ t: 0, bytes: '512Mi' }, { t: 10, bytes: '2Gi' }] } }],
    });
    expect(r.performance?.oomKills).toBe(4);
    expect(r.containers.running).toBe(1);
  });

  it('OOM kill with restartPolicy Never fails the container and frees its host', () => {
    const r = simulate({
      hosts: [{ name: 'h', capacity: { cpu: 4, memory: '4Gi' } }],
      workloads: [{ name: 'big', arrival: { process: 'explicit', times: [0] }, duration: { distribution: 'constant', value: 10 }, request: { cpu: 1, memory: '1Gi' }, limit: { memory: '1Gi' }, memory: { usage: '2Gi' }, restartPolicy: 'Never' }],
    });
    expect(r.containers).toMatchObject({ submitted: 1, failed: 1, running: 0, completed: 0 });
  });

  it('node memory pressure evicts the BestEffort container first', () => {
    // 4Gi host, threshold 100Mi: a Burstable container within its request and a BestEffort one
    // using 2Gi; when the third starts, usage tops allocatable − threshold and BestEffort goes.
    const r = simulate({
      until: 50,
      record: 'containers',
      hosts: [{ name: 'h', capacity: { cpu: 4, memory: '4Gi' } }],
      workloads: [
        { name: 'burstable', arrival: { process: 'explicit', times: [0] }, duration: { distribution: 'constant', value: 100 }, request: { cpu: 1, memory: '2Gi' }, memory: { usage: '1500Mi' } },
        { name: 'besteffort', arrival: { process: 'explicit', times: [1] }, duration: { distribution: 'constant', value: 100 }, request: {}, memory: { usage: '2Gi' } },
        { name: 'late', arrival: { process: 'explicit', times: [2] }, duration: { distribution: 'constant', value: 100 }, request: { cpu: 1, memory: '1Gi' }, memory: { usage: '600Mi' } },
      ],
    });
    expect(r.performance?.evictions).toBeGreaterThanOrEqual(1);
    const evicted = r.performance?.records?.filter((x) => x.state === 'evicted').map((x) => x.workload);
    expect(evicted?.[0]).toBe('besteffort');
  });

  it('a container without a memory profile in a slot that held one with a profile holds no memory (no phantom pressure)', () => {
    // 'grow' (1Gi rising 200Mi/s) finishes at 1 s; 'plain' (no profile) takes its slot at 2 s; 'flat'
    // (100Mi) starts at 3 s. In use: 100Mi, far below 4Gi − 100Mi, so nothing is evicted. (The slot's
    // old usage and slope used to count for 'plain': the host crossed the line at about 15 s, and
    // with a steady stream of arrivals the evictions never ended.)
    const r = simulate({
      hosts: [{ name: 'h', capacity: { cpu: 4, memory: '4Gi' } }],
      workloads: [
        { name: 'grow', arrival: { process: 'explicit', times: [0] }, work: { cpu: { distribution: 'constant', value: 1 } }, request: { cpu: 1, memory: '1Gi' }, memory: { usage: [{ t: 0, bytes: '1Gi' }, { t: 10, bytes: '3Gi' }] } },
        { name: 'plain', arrival: { process: 'explicit', times: [2] }, work: { cpu: { distribution: 'constant', value: 100 } }, request: { cpu: 1, memory: '1Gi' } },
        { name: 'flat', arrival: { process: 'explicit', times: [3] }, work: { cpu: { distribution: 'constant', value: 100 } }, request: { cpu: 1, memory: '1Gi' }, memory: { usage: '100Mi' } },
      ],
    });
    expect(r.performance?.evictions).toBe(0);
    expect(r.containers).toMatchObject({ submitted: 3, completed: 3, failed: 0 });
  });

  it('memory that grows over time brings node pressure when Σ usage crosses the line, not only at start', () => {
    // 4Gi host, threshold 100Mi: the line is 3996Mi. 'steady' holds 2000Mi (within its 2Gi request);
    // 'growing' (BestEffort) starts at t=1 with 1000Mi rising 20Mi/s. Σ = 3000Mi + 20Mi/s·x reaches
    // 3996Mi at x = 49.8 s, so 'growing' is evicted at t = 50.8.
    const rs = records({
      until: 200,
      hosts: [{ name: 'h', capacity: { cpu: 4, memory: '4Gi' } }],
      workloads: [
        { name: 'steady', arrival: { process: 'explicit', times: [0] }, duration: { distribution: 'constant', value: 1000 }, request: { cpu: 1, memory: '2Gi' }, memory: { usage: '2000Mi' } },
        { name: 'growing', arrival: { process: 'explicit', times: [1] }, duration: { distribution: 'constant', value: 1000 }, request: {}, memory: { usage: [{ t: 0, bytes: '1000Mi' }, { t: 100, bytes: '3000Mi' }] } },
      ],
    });
    const evicted = rs.filter((x) => x.state === 'evicted');
    expect(evicted.map((x) => x.workload)).toEqual(['growing']);
    expect(evicted[0]?.finished).toBeCloseTo(50.8, 6);
  });

  it('utilisation by memory usage integrates a profile exactly', () => {
    // One container ramping 0 → 1Gi over its first 100 s, then flat, on a 2Gi host for 200 s:
    // ∫ usage = 0.5Gi·100 s + 1Gi·100 s = 150 Gi·s, over 2Gi · 200 s = 0.375.
    const r = simulate({
      until: 200,
      hosts: [{ name: 'h', capacity: { cpu: 4, memory: '2Gi' } }],
      workloads: [{ name: 'ramp', arrival: { process: 'explicit', times: [0] }, duration: { distribution: 'constant', value: 1000 }, request: { cpu: 1, memory: '1Gi' }, memory: { usage: [{ t: 0, bytes: '0' }, { t: 100, bytes: '1Gi' }] } }],
    });
    expect(r.performance?.usage.memory).toBeCloseTo(0.375, 12);
  });

  describe('a host under memory pressure takes no new containers for the transition period', () => {
    // Two 4Gi hosts, threshold 100Mi; a (4 cores) comes first and is the fuller one for binpack.
    // On a: burstable (usage 1500Mi) and besteffort (2Gi); at t=2 the first 'late' container (600Mi)
    // tops 4Gi − 100Mi, so besteffort is evicted and a is under pressure until 2 + 300 = 302.
    // Requeued at t=3, besteffort goes to b; so does the late container arriving at 100; the one
    // arriving at 310 is back on a.
    const scenario = (policy: 'first-fit' | 'binpack', lateExtra: object = {}): Scenario => ({
      until: 400,
      hosts: [{ name: 'a', capacity: { cpu: 4, memory: '4Gi' } }, { name: 'b', capacity: { cpu: 8, memory: '4Gi' } }],
      workloads: [
        { name: 'burstable', arrival: { process: 'explicit', times: [0] }, duration: { distribution: 'constant', value: 1000 }, request: { cpu: 1, memory: '2Gi' }, memory: { usage: '1500Mi' } },
        { name: 'besteffort', arrival: { process: 'explicit', times: [1] }, duration: { distribution: 'constant', value: 30 }, request: {}, memory: { usage: '2Gi' } },
        { name: 'late', arrival: { process: 'explicit', times: [2, 100, 310] }, duration: { distribution: 'constant', value: 30 }, request: { cpu: '100m', memory: '500Mi' }, memory: { usage: '600Mi' }, ...lateExtra },
      ],
      scheduler: { policy },
    });
    const placements = (s: Scenario) => records(s).map((x) => `${x.workload}@${x.placed}:${x.host}:${x.state}`);

    it('for the classic policies, the host is blocked', () => {
      expect(placements(scenario('first-fit'))).toEqual([
        'besteffort@1:a-0:evicted', 'late@2:a-0:succeeded', 'besteffort@3:b-0:succeeded', 'late@100:b-0:succeeded', 'late@310:a-0:succeeded',
      ]);
    });

    it('for kube-scheduler, the host is tainted node.kubernetes.io/memory-pressure:NoSchedule', () => {
      // binpack (MostAllocated) would put everything on the fuller h-0 but for the taint.
      expect(placements(scenario('binpack'))).toEqual([
        'besteffort@1:a-0:evicted', 'late@2:a-0:succeeded', 'besteffort@3:b-0:succeeded', 'late@100:b-0:succeeded', 'late@310:a-0:succeeded',
      ]);
      // A pod that tolerates the taint may still go there.
      const tolerant = placements(scenario('binpack', { tolerations: [{ key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' }] }));
      expect(tolerant).toContain('late@100:a-0:succeeded');
    });

    it('the period is the host group\'s evictionPressureTransitionPeriod', () => {
      const s = scenario('first-fit');
      const period = (seconds: number) => placements({ ...s, hosts: s.hosts.map((g) => ({ ...g, evictionPressureTransitionPeriod: seconds })) });
      expect(period(60)).toContain('late@100:a-0:succeeded'); // pressure over at 62
      expect(period(150)).toContain('late@100:b-0:succeeded'); // still on until 152
    });
  });

  it('no work is lost: CPU work done adds up to the work of the finished containers', () => {
    // The integral of every container's CPU rate over the run (the fluid model's progress) must equal
    // the CPU work drawn for the containers that finished, in both modes: capped (limit 1 core,
    // explicit rates) and uncapped (virtual time).
    for (const limit of [{ limit: { cpu: 1 } }, {}]) {
      const sim = new Simulation({
        seed: 9,
        hosts: [{ name: 'h', count: 3, capacity: { cpu: 2, memory: '8Gi' } }],
        workloads: [{ name: 'j', count: 2000, arrival: { process: 'poisson', rate: 2 }, work: { cpu: { distribution: 'exponential', mean: 1 } }, request: { cpu: '300m' }, ...limit }],
      }).run();
      const r = sim.result();
      expect(r.containers.completed).toBe(2000);
      const life = sim.lifecycle!;
      const T = sim.now;
      const done = life.usageUtilization(T).cpu * 3 * 2000 * T; // millicore-seconds
      expect(life.finishedWork).toBeGreaterThan(2000 * 1000 * 0.9);
      expect(Math.abs(done - life.finishedWork) / life.finishedWork).toBeLessThan(1e-9);
    }
  });

  it('validation lists performance-model mistakes with their paths', () => {
    const v = validateScenario({
      registries: [{ name: 'hub', bandwidth: '1G' }],
      images: [{ name: 'x', registry: 'nowhere', layers: [{ digest: 'l', size: '1M' }] }],
      hosts: [{ name: 'h', capacity: { cpu: 1, memory: '1Gi' } }],
      workloads: [{
        name: 'w', count: 1, arrival: { process: 'interval', every: 1 },
        work: { cpu: { distribution: 'constant', value: 0 } },
        request: { cpu: 1, memory: '1Gi' }, limit: { cpu: '500m' },
        memory: { usage: [{ t: 0, bytes: '-1' }] },
      }],
    });
    expect(v.ok).toBe(false);
    const paths = v.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['images[0].registry', 'workloads[0].work.cpu', 'workloads[0].limit.cpu', 'workloads[0].memory.usage[0].bytes']));
  });
});

describe('time series with the performance model', () => {
  it('samples CPU actually used beside CPU requested', () => {
    // One 4-core host, one single-threaded container requesting 2 cores with 10 CPU-s of work:
    // requests hold 50% of the CPU while it runs, usage is one core, 25%.
    const r = simulate({
      hosts: [{ name: 'h', capacity: { cpu: 4, memory: '4Gi' } }],
      workloads: [{ name: 'j', arrival: { process: 'explicit', times: [0] }, work: { cpu: { distribution: 'constant', value: 10 } }, request: { cpu: 2 } }],
      timeseries: { interval: 1 },
    });
    const ts = r.timeseries!;
    const i = ts.time.indexOf(5);
    expect(ts.utilization.cpu?.[i]).toBeCloseTo(0.5, 12);
    expect(ts.usage?.cpu?.[i]).toBeCloseTo(0.25, 12);
  });
});

describe('memory accounting', () => {
  it('the cluster\'s memory in use is, after every event, the sum of every container\'s profile value', () => {
    const point = fc.record({ t: fc.integer({ min: 0, max: 50 }), mi: fc.integer({ min: 0, max: 900 }) });
    const workload = fc.record({
      points: fc.array(point, { minLength: 1, maxLength: 4 }),
      times: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 6 }),
      duration: fc.integer({ min: 1, max: 80 }),
      requestMi: fc.constantFrom(0, 256, 512),
    });
    fc.assert(
      fc.property(fc.array(workload, { minLength: 1, maxLength: 3 }), (ws) => {
        const sim = new Simulation({
          hosts: [{ name: 'h', count: 2, capacity: { cpu: 8, memory: '2Gi' } }],
          workloads: ws.map((w, i) => ({
            name: `w${i}`,
            arrival: { process: 'explicit' as const, times: [...w.times].sort((a, b) => a - b) },
            duration: { distribution: 'constant' as const, value: w.duration },
            request: w.requestMi > 0 ? { cpu: '100m', memory: `${w.requestMi}Mi` } : {},
            memory: { usage: [...w.points].sort((a, b) => a.t - b.t).map((p) => ({ t: p.t, bytes: `${p.mi}Mi` })) },
          })),
        });
        const life = sim.lifecycle!;
        // Checked once all the events at an instant are done (mid-instant, a container whose
        // breakpoint event is still due at that instant is not yet accounted for).
        const check = (s: { total: number; sum: number } | undefined) => {
          if (s === undefined) return;
          // Within rounding of the bytes involved (a few GiB): 1e-9 of 2 GiB is 2 bytes.
          expect(Math.abs(s.total - s.sum)).toBeLessThanOrEqual(1e-9 * 2 ** 31);
          expect(s.total).toBeGreaterThanOrEqual(-1e-9 * 2 ** 31);
        };
        let last: { t: number; total: number; sum: number } | undefined;
        while (sim.step()) {
          if (last !== undefined && sim.now > last.t) check(last);
          let sum = 0;
          for (let slot = 0; slot < life.phase.length; slot++) sum += life.liveUsage(slot).memory;
          last = { t: sim.now, total: life.usageNow().memory, sum };
        }
        check(last);
      }),
      { numRuns: 200 },
    );
  });
});
