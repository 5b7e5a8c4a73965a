// The HPA loop over a fake service: the worked step response of docs/dynamics.md, through HpaTarget.
import { describe, expect, it } from 'vitest';
import type { HpaTarget } from '../../src/dynamics/autoscaler-host.js';
import { HpaLoop, ReplicaSeries } from '../../src/dynamics/hpa-loop.js';
import { POD_RUNNING, READY_FALSE, READY_TRUE, type HpaPods } from '../../src/dynamics/hpa-pods.js';

// One service requesting 1000m per replica; load 400m, 1800m from t=60, 400m from t=300, spread over
// the ready pods; a new pod is Ready 20 s after it starts.
function service(): HpaTarget & { starts: number[]; desired: number; now: number } {
  const load = (t: number) => (t < 60 ? 400 : t < 300 ? 1800 : 400);
  const s = {
    starts: [-1000], desired: 1, now: 0,
    replicas: () => s.desired,
    setReplicas: (_w: number, n: number) => { s.desired = n; while (s.starts.length < n) s.starts.push(s.now); s.starts.length = n; },
    readyReplicas: () => s.starts.filter((x) => x + 20 <= s.now).length,
    observePods: (_w: number, t: number, out: HpaPods) => {
      out.clear();
      const ready = s.starts.filter((x) => x + 20 <= t).length;
      for (const x of s.starts) {
        const r = x + 20 <= t;
        out.push(POD_RUNNING, r ? READY_TRUE : READY_FALSE, x, r ? x + 20 : x, r ? Math.trunc(load(t) / ready) : 0, t, 30, 1000);
      }
    },
  };
  return s;
}

describe('HpaLoop', () => {
  it('reconciles every sync period and writes spec.replicas: the step response by hand (1 → 4 at 60 s, 4 → 1 at 600 s)', () => {
    const s = service();
    const loop = new HpaLoop([{ workload: 0, name: 'web', spec: { minReplicas: 1, maxReplicas: 10, targetCPUUtilization: 50 } }], s);
    const series = new ReplicaSeries([{ workload: 0, name: 'web' }]);
    expect(loop.syncPeriod).toBe(15);
    for (let t = 0; t <= 630; t += loop.syncPeriod) {
      s.now = t;
      loop.sync(t);
      if (t % 60 === 0) series.add(s);
    }
    expect(loop.events).toEqual([
      { time: 60, workload: 'web', from: 1, to: 4, utilization: 180, reason: 'DesiredWithinRange' },
      { time: 600, workload: 'web', from: 4, to: 1, utilization: 10, reason: 'DesiredWithinRange' },
    ]);
    const b = series.build()['web']!;
    expect(b.desired).toEqual([1, 4, 4, 4, 4, 4, 4, 4, 4, 4, 1]);
    expect(b.ready).toEqual([1, 1, 4, 4, 4, 4, 4, 4, 4, 4, 1]);
  });
});
