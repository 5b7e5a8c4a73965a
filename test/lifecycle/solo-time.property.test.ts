import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simulate, type Scenario } from '../../src/index.js';
import { pullTime, readinessDelay, soloTime } from '../../src/performance/index.js';

// Differential test: a container alone on an idle host, simulated, against the documented model's
// pure functions (soloTime, with pullTime and readinessDelay for its system time).

const close = (a: number | undefined, b: number) => a !== undefined && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

const container = fc.record({
  cores: fc.integer({ min: 1, max: 64 }),
  nic: fc.integer({ min: 1e6, max: 1e10 }),
  work: fc.double({ min: 0.01, max: 1000, noNaN: true }),
  limit: fc.option(fc.integer({ min: 10, max: 16_000 }), { nil: undefined }),
  threads: fc.option(fc.integer({ min: 1, max: 32 }), { nil: undefined }),
  data: fc.option(fc.integer({ min: 1, max: 1e9 }), { nil: undefined }),
  image: fc.option(fc.record({
    layers: fc.array(fc.integer({ min: 1, max: 5e8 }), { minLength: 1, maxLength: 3 }),
    bandwidth: fc.integer({ min: 1e6, max: 1e10 }),
    latency: fc.double({ min: 0, max: 2, noNaN: true }),
    policy: fc.constantFrom('IfNotPresent' as const, 'Always' as const),
    prePulled: fc.boolean(),
  }), { nil: undefined }),
  startup: fc.option(fc.double({ min: 0, max: 10, noNaN: true }), { nil: undefined }),
  readiness: fc.option(fc.record({
    initialDelaySeconds: fc.integer({ min: 0, max: 30 }),
    periodSeconds: fc.integer({ min: 1, max: 30 }),
    ready: fc.double({ min: 0, max: 60, noNaN: true }),
  }), { nil: undefined }),
});

type Solo = typeof container extends fc.Arbitrary<infer T> ? T : never;

function scenario(c: Solo): Scenario {
  const constant = (value: number) => ({ distribution: 'constant' as const, value });
  return {
    record: 'containers',
    ...(c.image === undefined ? {} : {
      registries: [{ name: 'r', bandwidth: c.image.bandwidth, latency: c.image.latency }],
      images: [{ name: 'img', layers: c.image.layers.map((size, k) => ({ digest: `l${k}`, size })) }],
    }),
    hosts: [{ name: 'h', capacity: { cpu: c.cores, memory: '64Gi', network: c.nic }, ...(c.image?.prePulled === true ? { prePulled: ['img'] } : {}) }],
    workloads: [{
      name: 'solo',
      arrival: { process: 'explicit', times: [0] },
      request: { cpu: '1m' },
      ...(c.limit === undefined ? {} : { limit: { cpu: `${c.limit}m` } }),
      ...(c.threads === undefined ? {} : { threads: c.threads }),
      work: { cpu: constant(c.work), ...(c.data === undefined ? {} : { data: constant(c.data) }) },
      ...(c.image === undefined ? {} : { image: 'img', imagePullPolicy: c.image.policy }),
      ...(c.startup === undefined ? {} : { startup: constant(c.startup) }),
      ...(c.readiness === undefined ? {} : { readiness: { initialDelaySeconds: c.readiness.initialDelaySeconds, periodSeconds: c.readiness.periodSeconds, ready: constant(c.readiness.ready) } }),
    }],
  };
}

// The model's answer: P_s = pull (nothing when cached, the round trip alone under Always) + start + readiness.
function expected(c: Solo) {
  const im = c.image;
  const pull = im === undefined ? 0
    : im.prePulled ? (im.policy === 'Always' ? im.latency : 0)
    : pullTime(im.layers.reduce((s, x) => s + x, 0), { name: 'r', bandwidth: im.bandwidth, latency: im.latency }, { nicBandwidth: c.nic });
  const ready = c.readiness === undefined ? 0 : readinessDelay(c.readiness.initialDelaySeconds, c.readiness.periodSeconds, c.readiness.ready);
  return soloTime(c.work * 1000, {
    hostCpu: c.cores * 1000, limit: c.limit, threads: c.threads, dataBytes: c.data, nicBandwidth: c.nic,
    pullSeconds: pull, startSeconds: c.startup ?? 0, readinessSeconds: ready,
  });
}

describe('a solo container in the simulator against soloTime', () => {
  it('has the P_a, P_d and P_s the pure functions give, and a slowdown of 1 when its image is cached (more by its pull otherwise)', () => {
    fc.assert(
      fc.property(container, (c) => {
        const r = simulate(scenario(c));
        const rec = r.performance?.records?.[0];
        const e = expected(c);
        expect(close(rec?.pa, e.pa)).toBe(true);
        expect(close(rec?.pd, e.pd)).toBe(true);
        expect(close(rec?.ps, e.ps)).toBe(true);
        expect(close(rec?.finished, e.total)).toBe(true);
        // Slowdown compares with the run alone with its image cached: 1 unless the pull took time.
        const pulled = rec?.pulled ?? NaN;
        expect(close(r.performance?.slowdown.max, e.total / (e.total - pulled))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
