import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HostCpu } from '../../src/simulation/host-cpu.js';
import { Simulation, type Scenario } from '../../src/index.js';
import { cpuCap, cpuQuota, cpuShares, shareCpu, type CpuContainer } from '../../src/performance/index.js';

// Differential tests: the simulator's per-host CPU model (HostCpu, in virtual-time and explicit-rate
// modes) against shareCpu, the documented water-filling, as the oracle.

const close = (a: number, b: number, scale: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, scale);

const spec = fc.record(
  { request: fc.integer({ min: 0, max: 8000 }), limit: fc.integer({ min: 1, max: 8000 }), threads: fc.integer({ min: 1, max: 64 }), work: fc.integer({ min: 1, max: 200_000 }) },
  { requiredKeys: ['request', 'work'] },
);
const op = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), host: fc.integer({ min: 0, max: 1 }), spec }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('wait' as const), dt: fc.double({ min: 0, max: 20, noNaN: true }) }),
);

interface Live { readonly slot: number; readonly host: number; readonly spec: CpuContainer & { readonly work: number }; left: number }

describe('HostCpu against shareCpu', () => {
  it('gives every container the rate shareCpu gives it, and the same work left, through arrivals, removals and completions', () => {
    let explicitSeen = 0, virtualSeen = 0;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1000, max: 32_000 }), { minLength: 2, maxLength: 2 }), fc.array(op, { minLength: 1, maxLength: 40 }), (caps, ops) => {
        const capacity = Float64Array.from(caps);
        const clock = { now: 0 };
        const cpu = new HostCpu(capacity, clock, 4);
        const live: Live[] = [];
        const next = [Infinity, Infinity];
        let now = 0, slots = 0;
        const oracle = (h: number) => {
          const on = live.filter((c) => c.host === h);
          return { on, rates: shareCpu(capacity[h] as number, on.map((c) => c.spec)) };
        };
        const check = (h: number) => {
          const { on, rates } = oracle(h);
          on.forEach((c, i) => expect(close(cpu.rateOf(c.slot, h), rates[i] as number, capacity[h] as number)).toBe(true));
          // Which mode the host is in: a binding cap means explicit rates.
          const W = on.reduce((s, c) => s + cpuShares(c.spec.request), 0);
          if (on.some((c) => cpuCap(c.spec.limit, c.spec.threads) < (cpuShares(c.spec.request) * (capacity[h] as number)) / W)) explicitSeen++;
          else if (on.length > 0) virtualSeen++;
        };
        const reshare = (h: number) => {
          clock.now = now;
          cpu.reshare(h);
          next[h] = cpu.next;
          check(h);
        };
        // Runs both hosts to time t, handling every completion on the way, as the simulator does.
        const runTo = (t: number) => {
          for (let guard = 0; ; guard++) {
            if (guard > 10_000) throw new Error(`no progress at ${now}: next ${next.join(', ')}`);
            const h = (next[0] as number) <= (next[1] as number) ? 0 : 1;
            const tn = next[h] as number;
            if (tn === Infinity && t === Infinity) break;
            const to = Math.min(t, tn);
            for (const c of live) {
              const { on, rates } = oracle(c.host);
              c.left -= (rates[on.indexOf(c)] as number) * (to - now);
            }
            now = to;
            if (tn > t) break;
            clock.now = now;
            cpu.advance(h);
            const n = cpu.finished(h);
            const done = new Set(Array.from(cpu.done.subarray(0, n)));
            for (const c of live.filter((x) => x.host === h)) {
              // Finished when the oracle's work runs out (up to rounding): none early, none late.
              const tol = 1e-6 * Math.max(1, c.spec.work);
              if (done.has(c.slot)) expect(Math.abs(c.left)).toBeLessThanOrEqual(tol);
              else expect(c.left).toBeGreaterThan(-tol);
            }
            for (const slot of done) {
              cpu.remove(h, slot);
              live.splice(live.findIndex((c) => c.slot === slot), 1);
            }
            reshare(h);
          }
        };
        for (const o of ops) {
          if (o.kind === 'wait') {
            runTo(now + o.dt);
            continue;
          }
          if (o.kind === 'add') {
            const h = o.host;
            clock.now = now;
            cpu.advance(h);
            const slot = slots++;
            const c: Live = { slot, host: h, spec: o.spec, left: o.spec.work };
            cpu.add(h, slot, o.spec.work, cpuShares(o.spec.request), cpuCap(o.spec.limit, o.spec.threads), cpuQuota(o.spec.limit));
            live.push(c);
            reshare(h);
          } else if (live.length > 0) {
            const c = live.splice(o.pick % live.length, 1)[0] as Live;
            clock.now = now;
            cpu.advance(c.host);
            const left = cpu.remove(c.host, c.slot);
            expect(close(left, Math.max(0, c.left), c.spec.work)).toBe(true);
            reshare(c.host);
          }
        }
        runTo(Infinity);
        expect(live).toEqual([]);
      }),
      { numRuns: 1000 },
    );
    // Both of the model's modes were exercised, hundreds of times each.
    expect(explicitSeen).toBeGreaterThan(500);
    expect(virtualSeen).toBeGreaterThan(500);
  });
});

describe('the simulator\'s CPU sharing against shareCpu', () => {
  const workload = fc.record({
    fixed: fc.boolean(),
    request: fc.integer({ min: 0, max: 1000 }),
    limit: fc.option(fc.integer({ min: 100, max: 4000 }), { nil: undefined }),
    threads: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
    value: fc.integer({ min: 1, max: 40 }),
    times: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 4 }),
  });

  it('after every instant, each computing container on each host runs at its shareCpu rate; fixed-duration ones take no part', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 2 }), fc.array(workload, { minLength: 1, maxLength: 5 }), (cores, ws) => {
        const scenario: Scenario = {
          hosts: cores.map((c, i) => ({ name: `h${i}`, capacity: { cpu: c, memory: '64Gi' } })),
          workloads: ws.map((w, i) => ({
            name: `w${i}`,
            arrival: { process: 'explicit' as const, times: [...w.times].sort((a, b) => a - b), hosts: w.times.map((_, k) => `h${(i + k) % cores.length}-0`) },
            request: { cpu: `${w.request}m` },
            ...(w.limit === undefined ? {} : { limit: { cpu: `${Math.max(w.limit, w.request)}m` } }),
            ...(w.threads === undefined ? {} : { threads: w.threads }),
            ...(w.fixed ? { duration: { distribution: 'constant' as const, value: w.value }, startup: { distribution: 'constant' as const, value: 0 } } : { work: { cpu: { distribution: 'constant' as const, value: w.value } } }),
          })),
        };
        const sim = new Simulation(scenario);
        const life = sim.lifecycle!;
        const compiled = sim.scenario.workloads;
        const total = ws.reduce((s, w) => s + w.times.length, 0); // slots are handed out from 0 up
        const check = () => {
          cores.forEach((c, h) => {
            const on: { slot: number; spec: CpuContainer }[] = [];
            for (let slot = 0; slot < total; slot++) {
              const u = life.liveUsage(slot);
              if (u.host !== h || u.phase !== 4 /* Computing */) continue;
              const wl = compiled[u.workload]!;
              if (wl.cpuWork === undefined) {
                expect(u.cpu).toBe(0); // a fixed duration shares nothing
                continue;
              }
              on.push({ slot, spec: { request: wl.request.cpu ?? 0, limit: wl.cpuLimit, threads: wl.threads } });
            }
            const rates = shareCpu(c * 1000, on.map((x) => x.spec));
            on.forEach((x, i) => expect(close(life.liveUsage(x.slot).cpu, rates[i] as number, c * 1000)).toBe(true));
          });
        };
        let t = 0;
        while (sim.step()) {
          if (sim.now > t) t = sim.now;
          // Checked once every event at this instant has run.
          if (sim.sim.peek() > t) check();
        }
        check();
        expect(sim.counts.completed).toBe(total);
      }),
      { numRuns: 1000 },
    );
  });
});
