// Ported from kubernetes/kubernetes pkg/controller/podautoscaler/replica_calculator_test.go
// (TestReplicaCalcResourceScale and the resource-metric tests after it). Upstream's pods have two containers,
// each requesting the given CPU and reporting the given level, so a pod requests and uses twice those.
// Container-scoped metrics (ContainerResource) and custom/object/external metrics are not modelled.
import { describe, expect, it } from 'vitest';
import { newReplicaCalculation, resourceReplicas, tolerances, type Tolerances } from '../../src/dynamics/replica-calculator.js';
import { GROUP_IGNORED, GROUP_MISSING, GROUP_READY, GROUP_UNREADY, groupHpaPods, HpaPods, POD_RUNNING, READY_FALSE, READY_NONE, READY_TRUE } from '../../src/dynamics/hpa-pods.js';
import { COOL, HOT, TEST_DELAY, TEST_INIT, ZERO, fixturePods } from './hpa-helpers.js';

interface Case {
  readonly name: string;
  readonly current: number;
  readonly requests: readonly number[]; // per container, cores
  readonly levels: readonly number[]; // per container, millicores
  readonly readiness?: readonly ('T' | 'F')[];
  readonly start?: readonly number[];
  readonly phase?: readonly ('Running' | 'Pending' | 'Failed')[];
  readonly deleting?: readonly boolean[];
  readonly target: number;
  readonly tol?: Tolerances; // { scaleUp, scaleDown }
  readonly replicas: number;
  readonly utilization: number;
  readonly raw: number;
}

const ones = (n: number, v = 1) => Array.from({ length: n }, () => v);

const cases: Case[] = [
  { name: 'scale up', current: 3, requests: ones(3), levels: [300, 500, 700], target: 30, replicas: 5, utilization: 50, raw: 2 * 500 },
  { name: 'scale up: unready pod scales less', current: 3, readiness: ['F', 'T', 'T'], requests: ones(3), levels: [300, 500, 700], target: 30, replicas: 4, utilization: 60, raw: 2 * 600 },
  { name: 'scale up: hot-CPU pod scales less', current: 3, start: [HOT, COOL, COOL], requests: ones(3), levels: [300, 500, 700], target: 30, replicas: 4, utilization: 60, raw: 2 * 600 },
  { name: 'no scale: unready pods ignored', current: 3, readiness: ['T', 'F', 'F'], requests: ones(3), levels: [400, 500, 700], target: 30, replicas: 3, utilization: 40, raw: 2 * 400 },
  { name: 'no scale: hot-CPU pods ignored', current: 3, readiness: ['T', 'F', 'F'], start: [COOL, HOT, HOT], requests: ones(3), levels: [400, 500, 700], target: 30, replicas: 3, utilization: 40, raw: 2 * 400 },
  { name: 'scale up: failed pods ignored', current: 2, readiness: ['T', 'T', 'F', 'F'], phase: ['Running', 'Running', 'Failed', 'Failed'], requests: ones(4), levels: [500, 700], target: 30, replicas: 4, utilization: 60, raw: 2 * 600 },
  { name: 'scale up: pods being deleted are ignored', current: 2, readiness: ['T', 'T', 'F', 'F'], phase: ['Running', 'Running', 'Running', 'Running'], deleting: [false, false, true, true], requests: ones(4), levels: [500, 700], target: 30, replicas: 4, utilization: 60, raw: 2 * 600 },
  { name: 'scale down', current: 5, requests: ones(5), levels: [100, 300, 500, 250, 250], target: 50, replicas: 3, utilization: 28, raw: 2 * 280 },
  { name: 'scale down: exclude unready pods', current: 5, readiness: ['T', 'T', 'T', 'F', 'F'], requests: ones(5), levels: [100, 300, 500, 250, 250], target: 50, replicas: 2, utilization: 30, raw: 2 * 300 },
  { name: 'scale down: exclude unscheduled pods', current: 5, readiness: ['T', 'F', 'F', 'F', 'F'], phase: ['Running', 'Pending', 'Pending', 'Pending', 'Pending'], requests: ones(5), levels: [100], target: 50, replicas: 1, utilization: 10, raw: 2 * 100 },
  { name: 'scale down: ignore hot-CPU pods', current: 5, start: [COOL, COOL, COOL, HOT, HOT], requests: ones(5), levels: [100, 300, 500, 250, 250], target: 50, replicas: 2, utilization: 30, raw: 2 * 300 },
  { name: 'scale down: failed pods ignored', current: 5, readiness: ['T', 'T', 'T', 'T', 'T', 'F', 'F'], phase: ['Running', 'Running', 'Running', 'Running', 'Running', 'Failed', 'Failed'], requests: ones(7), levels: [100, 300, 500, 250, 250], target: 50, replicas: 3, utilization: 28, raw: 2 * 280 },
  { name: 'scale down: pods being deleted are ignored', current: 5, readiness: ['T', 'T', 'T', 'T', 'T', 'F', 'F'], deleting: [false, false, false, false, false, true, true], requests: ones(7), levels: [100, 300, 500, 250, 250], target: 50, replicas: 3, utilization: 28, raw: 2 * 280 },
  // TestReplicaCalcTolerance
  { name: 'tolerance: no scale within 10 %', current: 3, requests: [0.9, 1.0, 1.1], levels: [1010, 1030, 1020], target: 100, replicas: 3, utilization: 102, raw: 2 * 1020 },
  // TestReplicaCalcConfigurableTolerance: Tolerances{scaleDown, scaleUp}
  { name: 'tolerance: outside of a 0 % tolerance', current: 3, tol: { scaleDown: 0, scaleUp: 0 }, requests: [0.9, 1.0, 1.1], levels: [909, 1010, 1111], target: 100, replicas: 4, utilization: 101, raw: 2 * 1010 },
  { name: 'tolerance: within a 200 % scale-up tolerance', current: 3, tol: { scaleDown: 0.1, scaleUp: 2 }, requests: [0.9, 1.0, 1.1], levels: [1890, 1910, 1900], target: 100, replicas: 3, utilization: 190, raw: 2 * 1900 },
  { name: 'tolerance: outside an 8 % scale-up tolerance', current: 3, tol: { scaleDown: 2, scaleUp: 0.08 }, requests: [0.9, 1.0, 1.1], levels: [1100, 1080, 1090], target: 100, replicas: 4, utilization: 109, raw: 2 * 1090 },
  { name: 'tolerance: within a 36 % scale-down tolerance', current: 3, tol: { scaleDown: 0.36, scaleUp: 0.1 }, requests: [0.9, 1.0, 1.1], levels: [660, 640, 650], target: 100, replicas: 3, utilization: 65, raw: 2 * 650 },
  { name: 'tolerance: outside a 34 % scale-down tolerance', current: 3, tol: { scaleDown: 0.34, scaleUp: 0.1 }, requests: [0.9, 1.0, 1.1], levels: [660, 640, 650], target: 100, replicas: 2, utilization: 65, raw: 2 * 650 },
  // TestReplicaCalcMissingMetrics* and TestReplicaCalcDuringRollingUpdateWithMaxSurge
  { name: 'missing metrics', current: 4, requests: ones(4), levels: [400, 95], target: 100, replicas: 3, utilization: 24, raw: 495 },
  { name: 'missing metrics: no change (equal)', current: 2, requests: ones(2), levels: [1000], target: 100, replicas: 2, utilization: 100, raw: 2 * 1000 },
  { name: 'missing metrics: no change (greater)', current: 2, requests: ones(2), levels: [1900], target: 100, replicas: 2, utilization: 190, raw: 2 * 1900 },
  { name: 'missing metrics: no change (less)', current: 2, requests: ones(2), levels: [600], target: 100, replicas: 2, utilization: 60, raw: 2 * 600 },
  { name: 'missing metrics: unready, direction would flip', current: 3, readiness: ['F', 'T', 'T'], requests: ones(3), levels: [100, 450], target: 50, replicas: 3, utilization: 45, raw: 2 * 450 },
  { name: 'missing metrics: hot CPU, no change', current: 3, start: [HOT, COOL, COOL], requests: ones(3), levels: [100, 450], target: 50, replicas: 3, utilization: 45, raw: 2 * 450 },
  { name: 'missing metrics: unready scale-up', current: 3, readiness: ['F', 'T', 'T'], requests: ones(3), levels: [100, 2000], target: 50, replicas: 4, utilization: 200, raw: 2 * 2000 },
  { name: 'missing metrics: hot CPU scale-up', current: 3, readiness: ['F', 'T', 'T'], start: [HOT, COOL, COOL], requests: ones(3), levels: [100, 2000], target: 50, replicas: 4, utilization: 200, raw: 2 * 2000 },
  { name: 'missing metrics: unready scale-down', current: 4, readiness: ['F', 'T', 'T', 'T'], requests: ones(4), levels: [100, 100, 100], target: 50, replicas: 3, utilization: 10, raw: 2 * 100 },
  { name: 'missing metrics: scale-down with a target over 100 %', current: 4, readiness: ['F', 'T', 'T', 'T'], requests: [1, 1, 2, 2], levels: [200, 100, 100], target: 300, replicas: 2, utilization: 6, raw: 2 * 100 },
  { name: 'during a rolling update with max surge', current: 2, phase: ['Running', 'Running', 'Running'], requests: ones(3), levels: [100, 100], target: 50, replicas: 2, utilization: 10, raw: 2 * 100 },
  // TestReplicaCalcSuperfluousMetrics, without the samples of pods that no longer exist
  { name: 'many times the target', current: 4, requests: ones(4), levels: [4000, 9500, 3000, 7000], target: 100, replicas: 24, utilization: 587, raw: 2 * 5875 },
];

describe('resourceReplicas(current, target, pods, …) (upstream replica_calculator_test.go)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const count = Math.max(c.current, c.phase?.length ?? 0);
      const pods = fixturePods({
        count,
        requests: c.requests.map((r) => 2 * Math.round(r * 1000)),
        levels: c.levels.map((l) => 2 * l),
        ...(c.readiness === undefined ? {} : { readiness: c.readiness }),
        ...(c.start === undefined ? {} : { start: c.start }),
        ...(c.phase === undefined ? {} : { phase: c.phase }),
        ...(c.deleting === undefined ? {} : { deleting: c.deleting }),
      });
      const out = newReplicaCalculation();
      const r = resourceReplicas(c.current, c.target, pods, 0, c.tol ?? tolerances(0.1), TEST_INIT, TEST_DELAY, out);
      expect(out.error).toBe('');
      expect(r).toBe(c.replicas);
      expect(out.utilization).toBe(c.utilization);
      expect(out.rawUtilization).toBe(c.raw);
    });
  }

  it('TestReplicaCalcComputedToleranceAlgImplementation: a minimal scale-down just outside the tolerance, none just inside', () => {
    const startPods = 10;
    const used = startPods * 150; // 1500
    const requested = 2 * used; // 3000
    const perPod = requested / startPods; // 300
    const deltas = [100, -100, 10, -10, 2, -2, 1, -1, 0, 0];
    const pods = fixturePods({ count: 10, requests: deltas.map((d) => 2 * (perPod + d)), levels: ones(10, 2 * (used / 10)) });
    let target = Math.abs(1 / (2 * (1 - 0.1))) + 0.01;
    const finalTarget = Math.trunc(target * 100); // 56
    const ratio = used / (requested * target);
    const out = newReplicaCalculation();
    expect(resourceReplicas(startPods, finalTarget, pods, 0, tolerances(0.1), TEST_INIT, TEST_DELAY, out)).toBe(Math.ceil(ratio * startPods));
    expect(out.utilization).toBe(Math.trunc((used * 100) / requested));
    target = Math.abs(1 / (2 * (1 - 0.1))) + 0.004;
    expect(resourceReplicas(startPods, Math.trunc(target * 100), pods, 0, tolerances(0.1), TEST_INIT, TEST_DELAY, out)).toBe(startPods);
  });

  it('reports no_metrics when no pod has a sample (TestReplicaCalcEmptyMetrics) and no_pods for an empty list', () => {
    const out = newReplicaCalculation();
    expect(resourceReplicas(4, 100, fixturePods({ count: 3, requests: ones(3, 2000), levels: [] }), 0, tolerances(0.1), TEST_INIT, TEST_DELAY, out)).toBe(-1);
    expect(out.error).toBe('no_metrics');
    expect(resourceReplicas(4, 100, new HpaPods(), 0, tolerances(0.1), TEST_INIT, TEST_DELAY, out)).toBe(-1);
    expect(out.error).toBe('no_pods');
  });

  it('uses ⌊100·Σusage/Σrequest⌋ exactly, even where floating division would round up', () => {
    // 100·x/y just below an integer: 100·(3·10^14 − 1)/(3·10^14) = 99.99999999999997 → 99.
    const pods = new HpaPods();
    pods.push(POD_RUNNING, READY_TRUE, ZERO, ZERO, 3e14 - 1, ZERO, 60, 3e14);
    const out = newReplicaCalculation();
    resourceReplicas(1, 99, pods, 0, tolerances(0), TEST_INIT, TEST_DELAY, out);
    expect(out.utilization).toBe(99);
  });
});

describe('groupHpaPods(pods, now, …) (upstream TestGroupPods)', () => {
  it('sorts pods into ready, unready, missing and ignored by phase, sample, readiness and start time', () => {
    const pods = new HpaPods();
    const now = 1000;
    pods.push(POD_RUNNING, READY_TRUE, now - 600, now - 590, 100, now, 60, 1000); // settled: ready
    pods.push(POD_RUNNING, READY_TRUE, now - 60, now - 50, 100, now, 60, 1000); // in init, sample window began before Ready: unready
    pods.push(POD_RUNNING, READY_TRUE, now - 200, now - 190, 100, now, 60, 1000); // in init (300 s), Ready 190 s ago ≥ one window: ready
    pods.push(POD_RUNNING, READY_FALSE, now - 200, now - 200, 100, now, 60, 1000); // in init, not ready: unready
    pods.push(POD_RUNNING, READY_FALSE, now - 600, now - 590, 100, now, 60, 1000); // settled, never ready (flipped within 30 s): unready
    pods.push(POD_RUNNING, READY_FALSE, now - 600, now - 100, 100, now, 60, 1000); // settled, was ready once: counted
    pods.push(POD_RUNNING, READY_NONE, now - 600, NaN, 100, now, 60, 1000); // no Ready condition: unready
    pods.push(POD_RUNNING, READY_TRUE, NaN, now - 10, 100, now, 60, 1000); // no start time: unready
    pods.push(POD_RUNNING, READY_TRUE, now - 600, now - 590, NaN, NaN, NaN, 1000); // no sample: missing
    pods.push(2, READY_FALSE, now - 600, now - 590, 100, now, 60, 1000); // failed: ignored
    pods.push(3, READY_TRUE, now - 600, now - 590, 100, now, 60, 1000); // deleting: ignored
    pods.push(0, READY_NONE, NaN, NaN, NaN, NaN, NaN, 1000); // pending: unready
    const out = new Uint8Array(pods.n);
    expect(groupHpaPods(pods, now, 300, 30, out)).toBe(3);
    expect([...out]).toEqual([
      GROUP_READY, GROUP_UNREADY, GROUP_READY, GROUP_UNREADY, GROUP_UNREADY, GROUP_READY, GROUP_UNREADY, GROUP_UNREADY,
      GROUP_MISSING, GROUP_IGNORED, GROUP_IGNORED, GROUP_UNREADY,
    ]);
  });
});
