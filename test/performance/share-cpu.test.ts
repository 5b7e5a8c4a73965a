import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cpuCap, cpuQuota, cpuShares, shareCpu, shareCpuInto, waterFillInto, maxMinShare, finishTime, advanceWork } from '../../src/performance/index.js';

// A plain sort-based weighted max-min (the textbook sweep), used as an oracle.
function reference(capacity: number, weights: readonly number[], caps: readonly number[]): number[] {
  const n = weights.length;
  const out = new Array<number>(n).fill(0);
  const idx = [...Array(n).keys()].filter((i) => (caps[i] ?? 0) > 0 && (weights[i] ?? 0) > 0);
  idx.sort((a, b) => (caps[a] ?? 0) / (weights[a] ?? 1) - (caps[b] ?? 0) / (weights[b] ?? 1));
  let left = capacity;
  let w = idx.reduce((s, i) => s + (weights[i] ?? 0), 0);
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k] ?? 0;
    const level = left / w;
    const c = caps[i] ?? 0;
    const wi = weights[i] ?? 0;
    if (c <= wi * level) {
      out[i] = c;
      left -= c;
      w -= wi;
    } else {
      for (let j = k; j < idx.length; j++) out[idx[j] ?? 0] = (weights[idx[j] ?? 0] ?? 0) * level;
      break;
    }
  }
  return out;
}

const container = fc.record(
  {
    request: fc.integer({ min: 0, max: 8000 }),
    limit: fc.integer({ min: 1, max: 8000 }),
    threads: fc.integer({ min: 1, max: 16 }),
  },
  { requiredKeys: ['request'] },
);
const host = fc.record({
  capacity: fc.integer({ min: 1, max: 64_000 }),
  containers: fc.array(container, { maxLength: 60 }),
});

function setup(containers: ReadonlyArray<{ request: number; limit?: number; threads?: number }>) {
  return {
    weights: containers.map((c) => cpuShares(c.request)),
    caps: containers.map((c) => cpuCap(c.limit, c.threads)),
  };
}

const REL = 1e-9;
const RUNS = { numRuns: 1000 };

describe('shareCpu', () => {
  it('never hands out more than the capacity', () => {
    fc.assert(
      fc.property(host, ({ capacity, containers }) => {
        const r = shareCpu(capacity, containers);
        const sum = r.reduce((a, b) => a + b, 0);
        expect(sum).toBeLessThanOrEqual(capacity * (1 + REL));
      }),
      RUNS,
    );
  });

  it('never gives a container more than its limit or its threads allow', () => {
    fc.assert(
      fc.property(host, ({ capacity, containers }) => {
        const r = shareCpu(capacity, containers);
        const { caps } = setup(containers);
        r.forEach((x, i) => expect(x).toBeLessThanOrEqual(caps[i] ?? 0));
      }),
      RUNS,
    );
  });

  it('is work-conserving: if any container is below its cap, the host is fully used', () => {
    fc.assert(
      fc.property(host, ({ capacity, containers }) => {
        const r = shareCpu(capacity, containers);
        const { caps } = setup(containers);
        const sum = r.reduce((a, b) => a + b, 0);
        const wantsMore = r.some((x, i) => x < (caps[i] ?? 0) * (1 - REL));
        if (wantsMore) expect(Math.abs(sum - capacity)).toBeLessThanOrEqual(capacity * REL);
        else expect(sum).toBeCloseTo(caps.reduce((a, b) => a + b, 0), 6);
      }),
      RUNS,
    );
  });

  it('gives unsaturated containers rates in proportion to their cpu.shares', () => {
    fc.assert(
      fc.property(host, ({ capacity, containers }) => {
        const r = shareCpu(capacity, containers);
        const { weights, caps } = setup(containers);
        const perShare = r.map((x, i) => x / (weights[i] ?? 1)).filter((_, i) => (r[i] ?? 0) < (caps[i] ?? 0) * (1 - REL));
        if (perShare.length > 1) {
          const lo = Math.min(...perShare);
          const hi = Math.max(...perShare);
          expect(hi - lo).toBeLessThanOrEqual(hi * REL);
        }
      }),
      RUNS,
    );
  });

  it('is monotone: no container gets less when another leaves', () => {
    fc.assert(
      fc.property(host, fc.nat(), ({ capacity, containers }, k) => {
        fc.pre(containers.length > 0);
        const j = k % containers.length;
        const before = shareCpu(capacity, containers);
        const after = shareCpu(capacity, containers.filter((_, i) => i !== j));
        after.forEach((x, i) => {
          const old = before[i < j ? i : i + 1] ?? 0;
          expect(x).toBeGreaterThanOrEqual(old * (1 - REL));
        });
      }),
      RUNS,
    );
  });

  it('agrees with a sort-based reference water-filling', () => {
    fc.assert(
      fc.property(host, ({ capacity, containers }) => {
        const { weights, caps } = setup(containers);
        const want = reference(capacity, weights, caps);
        const got = shareCpu(capacity, containers);
        got.forEach((x, i) => expect(Math.abs(x - (want[i] ?? 0))).toBeLessThanOrEqual(1e-9 * capacity));
      }),
      RUNS,
    );
  });

  it('shareCpuInto writes the same rates as shareCpu without allocating, reusing its buffers', () => {
    const weights = new Float64Array(64);
    const caps = new Float64Array(64);
    const out = new Float64Array(64);
    const scratch = new Int32Array(64);
    fc.assert(
      fc.property(host, ({ capacity, containers }) => {
        const n = containers.length;
        containers.forEach((c, i) => {
          weights[i] = cpuShares(c.request);
          caps[i] = cpuCap(c.limit, c.threads);
        });
        const total = shareCpuInto(capacity, weights, caps, n, out, scratch);
        const want = shareCpu(capacity, containers);
        for (let i = 0; i < n; i++) expect(out[i]).toBe(want[i]);
        expect(total).toBeCloseTo(want.reduce((a, b) => a + b, 0), 6);
      }),
      { numRuns: 300 },
    );
  });

  it('two containers with equal work and requests 2:1 finish when CFS weighting says (hand-computed)', () => {
    // Host: 1 core (1000m). Each container has 1 CPU-second of work (1000 millicore-seconds),
    // no limit and 1 thread, so each alone could use the whole core: the host is saturated.
    // Requests 200m and 100m → cpu.shares 204 and 102, a 2:1 ratio.
    // Phase 1: rates 2/3 and 1/3 of 1000m. A finishes at 1000 / (2000/3) = 1.5 s;
    //          by then B has done 1.5 · 1000/3 = 500 millicore-seconds.
    // Phase 2: B alone gets its cap, 1000m: 500 left / 1000 = 0.5 s more → B finishes at 2.0 s.
    const containers = [{ request: 200 }, { request: 100 }];
    expect(cpuShares(200)).toBe(204);
    expect(cpuShares(100)).toBe(102);
    let now = 0;
    const work = [1000, 1000];
    const done: number[] = [];
    let running = [0, 1];
    while (running.length > 0) {
      const rates = shareCpu(1000, running.map((i) => containers[i] ?? { request: 0 }));
      const ends = running.map((i, k) => finishTime(now, work[i] ?? 0, rates[k] ?? 0));
      const next = Math.min(...ends);
      running.forEach((i, k) => (work[i] = advanceWork(work[i] ?? 0, rates[k] ?? 0, next - now)));
      now = next;
      const finished = running.filter((_i, k) => (ends[k] ?? Infinity) <= next);
      for (const i of finished) done[i] = now;
      running = running.filter((i) => !finished.includes(i));
    }
    expect(done[0]).toBeCloseTo(1.5, 12);
    expect(done[1]).toBeCloseTo(2.0, 12);
  });

  it('caps a container at its limit and by its threads', () => {
    expect(shareCpu(4000, [{ request: 200, limit: 500 }, { request: 100 }])).toEqual([500, 1000]);
    expect(shareCpu(8000, [{ request: 100, threads: 3 }, { request: 100, limit: 2500, threads: 1 }])).toEqual([3000, 1000]);
    expect(cpuCap()).toBe(1000);
    expect(cpuCap(1500)).toBe(1500);
    expect(cpuShares(undefined)).toBe(2);
    expect(cpuShares(1e9)).toBe(262144);
  });

  it('cpuQuota(limit) is the limit, or Infinity for none or 0, and cpuCap reads the limit the same way', () => {
    expect(cpuQuota(1500)).toBe(1500);
    expect(cpuQuota(0)).toBe(Infinity);
    expect(cpuQuota(undefined)).toBe(Infinity);
    expect(cpuCap(0)).toBe(1000); // no limit: one thread by default
    expect(cpuCap(0, 3)).toBe(3000);
  });
});

describe('maxMinShare', () => {
  it('splits a NIC max-min fairly among capped and uncapped flows', () => {
    expect(maxMinShare(1e9, [1e8, Infinity, Infinity])).toEqual([1e8, 4.5e8, 4.5e8]);
    expect(maxMinShare(1e9, [2e8, 3e8])).toEqual([2e8, 3e8]);
    expect(maxMinShare(1e9, [])).toEqual([]);
  });

  it('is the same kernel as CPU sharing: weighted shares match waterFillInto', () => {
    const out = new Float64Array(3);
    waterFillInto(900, [1, 1, 2], [Infinity, Infinity, Infinity], 3, out);
    expect(maxMinShare(900, [Infinity, Infinity, Infinity], [1, 1, 2])).toEqual([...out]);
  });

  it('never exceeds the link, never exceeds a flow cap, and fills the link when a flow wants more', () => {
    const flows = fc.array(fc.oneof(fc.constant(Infinity), fc.double({ min: 1, max: 1e10, noNaN: true })), { maxLength: 50 });
    fc.assert(
      fc.property(fc.double({ min: 1e3, max: 1e11, noNaN: true }), flows, (cap, caps) => {
        const r = maxMinShare(cap, caps);
        const sum = r.reduce((a, b) => a + b, 0);
        expect(sum).toBeLessThanOrEqual(cap * (1 + REL));
        r.forEach((x, i) => expect(x).toBeLessThanOrEqual(caps[i] ?? 0));
        if (r.some((x, i) => x < (caps[i] ?? 0) * (1 - REL))) expect(Math.abs(sum - cap)).toBeLessThanOrEqual(cap * REL);
      }),
      RUNS,
    );
  });

  it('gives every flow its cap on an unlimited link', () => {
    expect(maxMinShare(Infinity, [5, 7])).toEqual([5, 7]);
  });
});
