import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  advanceWork, cpuCap, finishTime, readinessDelay, READINESS_DEFAULTS, shareCpu, soloTime, soloTimeInto, transferTime,
  SOLO_PA, SOLO_PD, SOLO_PS, SOLO_STRIDE, SOLO_TOTAL,
} from '../../src/performance/index.js';

describe('readinessDelay', () => {
  it('is the first probe at or after the application is ready', () => {
    expect(READINESS_DEFAULTS).toEqual({ initialDelaySeconds: 0, periodSeconds: 10 });
    expect(readinessDelay(0, 10, 0)).toBe(0);
    expect(readinessDelay(0, 10, 12)).toBe(20);
    expect(readinessDelay(5, 10, 12)).toBe(15);
    expect(readinessDelay(5, 10, 15)).toBe(15); // a probe exactly when ready succeeds
    expect(readinessDelay(30, 10, 2)).toBe(30);
    expect(readinessDelay(0.1, 0.1, 0.3)).toBeCloseTo(0.3, 12); // no extra period from rounding
  });

  it('lands on a probe time, at or after ready, less than one period after it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 500, noNaN: true }), (d, p, ready) => {
        const t = readinessDelay(d, p, ready);
        expect(t).toBeGreaterThanOrEqual(Math.max(d, ready));
        expect(t).toBeLessThanOrEqual(Math.max(d, ready) + p);
        if (ready > d) expect(t - p).toBeLessThan(ready); // the probe before it came too early
        const k = (t - d) / p;
        expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-9);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('fluid execution', () => {
  it('finishTime and advanceWork agree: running to the finish time leaves no work', () => {
    expect(finishTime(10, 1500, 500)).toBe(13);
    expect(finishTime(10, 1500, 0)).toBe(Infinity);
    expect(finishTime(10, 0, 0)).toBe(10);
    expect(advanceWork(1500, 500, 2)).toBe(500);
    expect(advanceWork(1500, 500, 4)).toBe(0);
  });

  it('loses no work: the work done across rate changes on one host adds up to the work of the finished containers', () => {
    const c = fc.record({ request: fc.integer({ min: 0, max: 4000 }), threads: fc.integer({ min: 1, max: 4 }), work: fc.integer({ min: 1, max: 100_000 }) });
    fc.assert(
      fc.property(fc.integer({ min: 500, max: 16_000 }), fc.array(c, { minLength: 1, maxLength: 12 }), (capacity, cs) => {
        const left = cs.map((x) => x.work);
        const done = cs.map(() => 0);
        let now = 0;
        let running = cs.map((_, i) => i);
        while (running.length > 0) {
          const rates = shareCpu(capacity, running.map((i) => cs[i] as { request: number; threads: number }));
          const ends = running.map((i, k) => finishTime(now, left[i] as number, rates[k] as number));
          const next = Math.min(...ends);
          running.forEach((i, k) => {
            const after = advanceWork(left[i] as number, rates[k] as number, next - now);
            done[i] = (done[i] as number) + ((left[i] as number) - after);
            left[i] = ends[k] === next ? 0 : after;
          });
          now = next;
          running = running.filter((i) => (left[i] as number) > 0);
        }
        cs.forEach((x, i) => expect(done[i]).toBeCloseTo(x.work, 6));
        // Finishing everything takes at least total work / capacity.
        expect(now).toBeGreaterThanOrEqual(cs.reduce((s, x) => s + x.work, 0) / capacity - 1e-9);
      }),
      { numRuns: 300 },
    );
  });
});

describe('soloTime', () => {
  it('adds P_a (work over the smallest of limit, threads and host), P_d and P_s', () => {
    expect(soloTime(3000, { hostCpu: 4000, limit: 1500, dataBytes: 125e6, nicBandwidth: 1e9, pullSeconds: 2 })).toEqual({ pa: 2, pd: 1, ps: 2, total: 5 });
    expect(soloTime(8000, { hostCpu: 2000, threads: 8 }).pa).toBe(4); // the host limits
    expect(soloTime(8000, { hostCpu: 8000, threads: 2, limit: 4000 }).pa).toBe(4); // threads limit
    expect(soloTime(1000, { hostCpu: 8000 }).pa).toBe(1); // default: one thread
    const s = soloTime(0, { hostCpu: 1000, startSeconds: 1, readinessSeconds: 10, dataBytes: 1e6, nicBandwidth: 8e6, transferLatency: 0.5 });
    expect(s).toEqual({ pa: 0, pd: 1.5, ps: 11, total: 12.5 });
  });

  it('takes a fixed duration as P_a, and writes into `out` when given one', () => {
    const out = { pa: 0, pd: 0, ps: 0, total: 0 };
    expect(soloTime(9999, { hostCpu: 1000, duration: 7, startSeconds: 1 }, out)).toBe(out);
    expect(out).toEqual({ pa: 7, pd: 0, ps: 1, total: 8 });
  });

  it('keeps the NaN of a given NaN duration, and an unreachable run (no CPU) at Infinity', () => {
    expect(soloTime(1000, { hostCpu: 1000, duration: NaN }).pa).toBeNaN();
    expect(soloTime(1000, { hostCpu: 0 }).pa).toBe(Infinity);
    expect(soloTime(1000, { hostCpu: 1000, dataBytes: 1, nicBandwidth: 0 }).pd).toBe(Infinity);
  });

  it("is soloTimeInto: the simulator's form returns P_c and writes the parts at its offset, nothing else", () => {
    const out = new Float64Array(3 * SOLO_STRIDE).fill(-1), o = SOLO_STRIDE;
    expect(soloTimeInto(3000, cpuCap(1500), 4000, false, 0, 125e6, 1e9, 0, 2, 0, 0, out, o)).toBe(5);
    expect([out[o + SOLO_PA], out[o + SOLO_PD], out[o + SOLO_PS], out[o + SOLO_TOTAL]]).toEqual([2, 1, 2, 5]);
    expect([...out.subarray(0, o), ...out.subarray(o + SOLO_STRIDE)].every((x) => x === -1)).toBe(true);
    expect(soloTimeInto(9999, cpuCap(1500), 4000, true, 7, 0, Infinity, 0, 0, 1, 0, out, o)).toBe(8); // a fixed duration is P_a
    expect(soloTimeInto(1000, 1000, 0, false, 0, 0, Infinity, 0, 0, 0, 0, out, o)).toBe(Infinity); // no CPU: it never ends
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e7, noNaN: true }), fc.integer({ min: 0, max: 64_000 }), fc.option(fc.integer({ min: 1, max: 64_000 }), { nil: undefined }),
        fc.option(fc.integer({ min: 1, max: 64 }), { nil: undefined }), fc.option(fc.double({ min: 0, max: 1e4, noNaN: true }), { nil: undefined }),
        fc.double({ min: 0, max: 1e10, noNaN: true }), fc.double({ min: 1, max: 1e11, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }),
        (work, hostCpu, limit, threads, duration, dataBytes, nic, start) => {
          const s = soloTime(work, { hostCpu, limit, threads, duration, dataBytes, nicBandwidth: nic, startSeconds: start });
          const rate = Math.min(cpuCap(limit, threads), hostCpu);
          const pa = duration ?? (work > 0 ? (rate > 0 ? work / rate : Infinity) : 0);
          const pd = dataBytes > 0 ? transferTime(dataBytes, nic) : 0;
          expect(s).toEqual({ pa, pd, ps: start, total: pa + pd + start });
        },
      ),
      { numRuns: 200 },
    );
  });
});
