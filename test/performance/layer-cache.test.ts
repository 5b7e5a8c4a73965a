import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LayerCache, layerHitRatio, planPull, pullTime, registryOf, transferTime, type Image, type Registry } from '../../src/performance/index.js';

const MB = 1e6;
const base = { digest: 'sha256:base', size: 100 * MB };
const a = { digest: 'sha256:a', size: 50 * MB };
const b = { digest: 'sha256:b', size: 50 * MB };
const imageA: Image = { name: 'registry.example.com/a:1', layers: [base, a] };
const imageB: Image = { name: 'registry.example.com/b:1', layers: [base, b] };
// 800 Mbit/s = 100 MB/s, 0.5 s per pull; the host NIC (1 Gbit/s) is faster, so the registry limits.
const registry: Registry = { name: 'registry.example.com', bandwidth: 800e6, latency: 0.5 };
const NIC = 1e9;

describe('LayerCache', () => {
  it('two images sharing a base layer in a cache too small for both: pull times and hits by hand', () => {
    const cache = new LayerCache(180 * MB); // base + a + b = 200 MB does not fit

    // 1. A on an empty host: fetch base + a = 150 MB → 0.5 + 150/100 = 2.0 s.
    const p1 = planPull(cache, imageA, 'IfNotPresent');
    if (!p1.ok) throw new Error('unexpected');
    expect(p1.fetch.map((l) => l.digest)).toEqual(['sha256:base', 'sha256:a']);
    expect(pullTime(p1.fetchBytes, registry, { nicBandwidth: NIC })).toBeCloseTo(2.0, 12);
    cache.pin(imageA);
    p1.fetch.forEach((l) => cache.add(l));
    expect(cache.usedBytes).toBe(150 * MB);

    // 2. A finishes: its layers become idle (base older than a).
    cache.unpin(imageA);
    expect(cache.idleLayers()).toEqual(['sha256:base', 'sha256:a']);

    // 3. B: base is a hit (100 MB, now most recent), b is fetched: 0.5 + 50/100 = 1.0 s.
    const p2 = planPull(cache, imageB, 'IfNotPresent');
    if (!p2.ok) throw new Error('unexpected');
    expect(p2.hitBytes).toBe(100 * MB);
    expect(p2.fetch.map((l) => l.digest)).toEqual(['sha256:b']);
    expect(pullTime(p2.fetchBytes, registry, { nicBandwidth: NIC })).toBeCloseTo(1.0, 12);
    cache.pin(imageB);
    cache.add(b); // 200 MB > 180 MB: the least recently used idle layer, a, is evicted
    expect(cache.has('sha256:a')).toBe(false);
    expect(cache.usedBytes).toBe(150 * MB);
    expect(cache.evictedBytes).toBe(50 * MB);

    // 4. A again while B runs: base hit, a refetched (1.0 s). Everything is in use, so the cache
    //    holds 200 MB, over its capacity, until something stops.
    const p3 = planPull(cache, imageA, 'IfNotPresent');
    if (!p3.ok) throw new Error('unexpected');
    expect(p3.hitBytes).toBe(100 * MB);
    expect(pullTime(p3.fetchBytes, registry, { nicBandwidth: NIC })).toBeCloseTo(1.0, 12);
    cache.pin(imageA);
    cache.add(a);
    expect(cache.usedBytes).toBe(200 * MB);

    // 5. B stops: b is idle and evicted at once; base stays (A uses it).
    cache.unpin(imageB);
    expect(cache.has('sha256:b')).toBe(false);
    expect(cache.has('sha256:base')).toBe(true);
    expect(cache.usedBytes).toBe(150 * MB);

    // Totals: hits 100 + 100 MB; misses 150 + 50 + 50 MB; hit ratio 200/450.
    expect(cache.hitBytes).toBe(200 * MB);
    expect(cache.missBytes).toBe(250 * MB);
    expect(cache.hitRatio).toBeCloseTo(200 / 450, 12);
    expect(layerHitRatio(cache.hitBytes, cache.sharedBytes, cache.missBytes)).toBe(cache.hitRatio);
    expect(layerHitRatio(0, 0, 0)).toBe(0);
    expect(layerHitRatio(100, 50, 50)).toBe(0.75); // shared bytes needed no new download either
  });

  it('shares a layer download between concurrent pulls on one host', () => {
    const cache = new LayerCache(1e12);
    const first = cache.request(imageA);
    expect(first.fetchBytes).toBe(150 * MB);
    const second = cache.request(imageB); // base is in flight: join it; b is new
    expect(second.join.map((l) => l.digest)).toEqual(['sha256:base']);
    expect(second.fetch.map((l) => l.digest)).toEqual(['sha256:b']);
    expect(cache.isPulling('sha256:base')).toBe(true);
    cache.add(base);
    expect(cache.isPulling('sha256:base')).toBe(false);
    expect(cache.sharedBytes).toBe(100 * MB);
    expect(cache.missingLayers(imageA).map((l) => l.digest)).toEqual(['sha256:a']);
  });

  it('counts a layer listed twice in one image once', () => {
    const cache = new LayerCache(1e12);
    const dup: Image = { name: 'x', layers: [base, base, a] };
    expect(cache.missingLayers(dup)).toHaveLength(2);
    expect(cache.request(dup).fetchBytes).toBe(150 * MB);
  });

  it('never evicts a layer in use, and keeps within capacity once nothing is in use', () => {
    const layers = fc.array(fc.record({ digest: fc.constantFrom('l0', 'l1', 'l2', 'l3', 'l4', 'l5', 'l6'), size: fc.integer({ min: 1, max: 100 }) }), { minLength: 1, maxLength: 4 });
    const op = fc.record({ kind: fc.constantFrom('start', 'stop'), layers });
    fc.assert(
      fc.property(fc.integer({ min: 50, max: 400 }), fc.array(op, { maxLength: 40 }), (capacity, ops) => {
        const cache = new LayerCache(capacity);
        const sizes = new Map<string, number>();
        const running: Image[] = [];
        for (const o of ops) {
          // A digest keeps the size it first had.
          const img: Image = { name: 'i', layers: o.layers.map((l) => ({ digest: l.digest, size: sizes.get(l.digest) ?? (sizes.set(l.digest, l.size), l.size) })) };
          if (o.kind === 'start') {
            const r = cache.request(img);
            cache.pin(img);
            r.fetch.forEach((l) => cache.add(l));
            running.push(img);
          } else if (running.length > 0) cache.unpin(running.shift() as Image);
          for (const r of running) for (const l of r.layers) expect(cache.has(l.digest)).toBe(true);
        }
        for (const r of running.splice(0)) cache.unpin(r);
        expect(cache.usedBytes).toBeLessThanOrEqual(capacity);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('pull policies', () => {
  it('Never with a missing image is the error state ErrImageNeverPull', () => {
    const p = planPull(new LayerCache(1e9), imageA, 'Never');
    expect(p.ok).toBe(false);
    if (!p.ok) {
      expect(p.reason).toBe('ErrImageNeverPull');
      expect(p.message).toContain('registry.example.com/a:1');
    }
  });

  it('Never and IfNotPresent with a present image pull nothing; Always pays one registry round trip', () => {
    const cache = new LayerCache(1e9);
    cache.prePull(imageA);
    for (const policy of ['Never', 'IfNotPresent'] as const) {
      const p = planPull(cache, imageA, policy);
      expect(p.ok && !p.contactsRegistry && p.fetchBytes === 0).toBe(true);
      if (p.ok) expect(pullTime(p.fetchBytes, registry, { nicBandwidth: NIC, contactsRegistry: p.contactsRegistry })).toBe(0);
    }
    const always = planPull(cache, imageA, 'Always');
    expect(always.ok && always.contactsRegistry).toBe(true);
    if (always.ok) expect(pullTime(always.fetchBytes, registry, { nicBandwidth: NIC, contactsRegistry: always.contactsRegistry })).toBe(0.5);
  });

  it('a slow NIC limits a pull below the registry bandwidth', () => {
    expect(pullTime(100 * MB, registry, { nicBandwidth: 400e6 })).toBeCloseTo(0.5 + 2, 12);
    expect(pullTime(100 * MB, registry, { latencies: 3 })).toBeCloseTo(1.5 + 1, 12);
    expect(transferTime(125_000_000, 1e9, 0.01)).toBeCloseTo(1.01, 12);
    expect(transferTime(0, 1e9, 0.01)).toBe(0.01);
  });

  it('reads the registry from an image reference as Docker does', () => {
    expect(registryOf('nginx:1.27')).toBe('docker.io');
    expect(registryOf('library/nginx')).toBe('docker.io');
    expect(registryOf('localhost/x')).toBe('localhost');
    expect(registryOf('reg.local:5000/a/b:1')).toBe('reg.local:5000');
    expect(registryOf({ name: 'x', layers: [], registry: 'mirror' })).toBe('mirror');
  });
});
