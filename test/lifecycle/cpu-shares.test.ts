import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/index.js';
import { cpuShares, MAX_CPU_SHARES } from '../../src/performance/index.js';

describe('cpu.shares in the simulator', () => {
  it('are capped at 262144: requests of 300 and 600 cores get equal shares', () => {
    // 300 cores → ⌊300000 · 1024 / 1000⌋ = 307200 and 600 cores → 614400, both over the cap, so
    // both weigh 262144. A 900-core host, 900 threads each (no cap binds), 4500 CPU-s of work each:
    // 450 cores each, both done at 10 s (uncapped weights, 1:2, would finish the larger at 7.5 s).
    expect(cpuShares(300_000)).toBe(MAX_CPU_SHARES);
    expect(cpuShares(600_000)).toBe(MAX_CPU_SHARES);
    const r = simulate({
      record: 'containers',
      hosts: [{ name: 'h', capacity: { cpu: 900, memory: '1Gi' } }],
      workloads: [
        { name: 'a', arrival: { process: 'explicit', times: [0] }, work: { cpu: { distribution: 'constant', value: 4500 } }, request: { cpu: 300 }, threads: 900 },
        { name: 'b', arrival: { process: 'explicit', times: [0] }, work: { cpu: { distribution: 'constant', value: 4500 } }, request: { cpu: 600 }, threads: 900 },
      ],
    });
    expect(r.performance?.records?.map((x) => x.finished)).toEqual([expect.closeTo(10, 9), expect.closeTo(10, 9)]);
  });

  it('a CPU limit of 0 is no limit: one thread gets a whole core and is never throttled', () => {
    const r = simulate({
      record: 'containers',
      hosts: [{ name: 'h', capacity: { cpu: 4, memory: '1Gi' } }],
      workloads: [{ name: 'a', arrival: { process: 'explicit', times: [0] }, work: { cpu: { distribution: 'constant', value: 5 } }, request: { cpu: 0 }, limit: { cpu: 0 } }],
    });
    expect(r.performance?.records?.[0]?.finished).toBeCloseTo(5, 12);
    expect(r.performance?.throttledFraction).toBe(0);
  });
});

describe('CrashLoopBackOff in the simulator', () => {
  it('starts again at 10 s when the previous failure was more than 10 minutes before', () => {
    // Usage crosses the limit 700 s after each start. Failures 710 s apart reset the back-off, so
    // every restart waits 10 s: kills at 700, 1410, 2120, 2830, 3540 (five by 3600). Without the
    // reset (10, 20, 40, 80 s) the fifth kill would come at 3650.
    const r = simulate({
      until: 3600,
      hosts: [{ name: 'h', capacity: { cpu: 4, memory: '4Gi' } }],
      workloads: [{ name: 'slow-leak', arrival: { process: 'explicit', times: [0] }, duration: { distribution: 'constant', value: 1e6 }, request: { cpu: 1, memory: '1Gi' }, limit: { memory: '1Gi' }, memory: { usage: [{ t: 0, bytes: '512Mi' }, { t: 1400, bytes: '1536Mi' }] } }],
    });
    expect(r.performance?.oomKills).toBe(5);
    expect(r.performance?.restarts).toBe(5);
  });
});
