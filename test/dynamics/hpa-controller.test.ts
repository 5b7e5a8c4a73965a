// Ported from kubernetes/kubernetes pkg/controller/podautoscaler/horizontal_test.go: the reconcile cases on a CPU
// utilisation target (TestScaleUp…, TestScaleDown…, TestTolerance, TestMinReplicas, …), and the pure tables
// TestConvertDesiredReplicasWithRules, TestNormalizeDesiredReplicas, TestScalingWithRules, TestStoreScaleEvents,
// TestNormalizeDesiredReplicasWithBehavior, TestCalculateScale{Up,Down}Limit…. Upstream's test binary raises
// scaleUpLimitFactor to 8 "so we don't accidentally run into it"; podsim keeps the controller's 2, and the cases
// below are chosen or computed so that it does not matter, except where a case is about that limit.
import { describe, expect, it } from 'vitest';
import { HpaController, hpaSpecIssues, type HpaSpec } from '../../src/dynamics/hpa-controller.js';
import { resolveScalingRules, type HpaScalingRules } from '../../src/dynamics/hpa-behavior.js';
import { HpaPods, POD_RUNNING, READY_FALSE, READY_TRUE } from '../../src/dynamics/hpa-pods.js';
import { RecommendationLog } from '../../src/dynamics/recommendation-log.js';
import { ScaleEventLog } from '../../src/dynamics/scale-event-log.js';
import { convertDesiredReplicasWithBehaviorRate, convertDesiredReplicasWithRules, scaleDownLimit, scaleUpLimit, type Normalized } from '../../src/dynamics/scaling-limits.js';
import { COOL, HOT, ZERO, fixturePods } from './hpa-helpers.js';

// horizontal_test.go's fake pods: two containers of half the request each; the sample covers the whole pod,
// stamped now with a one-minute window; the Ready condition last changed at the pod's start.
function reconcilePods(levels: readonly number[], opts: { count?: number; readiness?: ('T' | 'F')[]; start?: number[]; phase?: ('Running' | 'Failed')[]; deleting?: boolean[] } = {}): HpaPods {
  const count = opts.count ?? levels.length;
  return fixturePods({
    count, requests: Array.from({ length: count }, () => 1000), levels,
    ...(opts.readiness === undefined ? {} : { readiness: opts.readiness }),
    ...(opts.start === undefined ? {} : { start: opts.start }),
    ...(opts.phase === undefined ? {} : { phase: opts.phase }),
    ...(opts.deleting === undefined ? {} : { deleting: opts.deleting }),
    transitionAtStart: true, metricTime: 0, window: 60,
  });
}

// The test controller: cpuInitializationPeriod 2 min, delayOfInitialReadinessStatus 10 s, downscale window 5 min.
const testOptions = { cpuInitializationPeriod: 120, initialReadinessDelay: 10, downscaleStabilizationWindow: 300, tolerance: 0.1 };

interface ReconcileCase {
  readonly name: string;
  readonly spec: HpaSpec;
  readonly specReplicas: number;
  readonly pods: HpaPods;
  readonly expected: number;
  /** Upstream passes an empty, non-nil history so that the first sync records no initial recommendation. */
  readonly emptyHistory?: boolean;
}

const spec = (min: number, max: number, target: number, behavior?: HpaSpec['behavior']): HpaSpec => ({ minReplicas: min, maxReplicas: max, targetCPUUtilization: target, ...(behavior === undefined ? {} : { behavior }) });

const reconcileCases: ReconcileCase[] = [
  { name: 'TestScaleUp', spec: spec(2, 6, 30), specReplicas: 3, pods: reconcilePods([300, 500, 700]), expected: 5 },
  { name: 'TestScaleUpUnreadyLessScale', spec: spec(2, 6, 30), specReplicas: 3, pods: reconcilePods([300, 500, 700], { readiness: ['F', 'T', 'T'] }), expected: 4 },
  { name: 'TestScaleUpHotCpuLessScale', spec: spec(2, 6, 30), specReplicas: 3, pods: reconcilePods([300, 500, 700], { start: [HOT, COOL, COOL] }), expected: 4 },
  { name: 'TestScaleUpUnreadyNoScale', spec: spec(2, 6, 30), specReplicas: 3, pods: reconcilePods([400, 500, 700], { readiness: ['T', 'F', 'F'] }), expected: 3 },
  { name: 'TestScaleUpHotCpuNoScale', spec: spec(2, 6, 30), specReplicas: 3, pods: reconcilePods([400, 500, 700], { readiness: ['T', 'F', 'F'], start: [COOL, HOT, HOT] }), expected: 3 },
  { name: 'TestScaleUpIgnoresFailedPods', spec: spec(2, 6, 30), specReplicas: 2, pods: reconcilePods([500, 700], { count: 4, readiness: ['T', 'T', 'F', 'F'], phase: ['Running', 'Running', 'Failed', 'Failed'] }), expected: 4 },
  { name: 'TestScaleUpIgnoresDeletionPods', spec: spec(2, 6, 30), specReplicas: 2, pods: reconcilePods([500, 700], { count: 4, readiness: ['T', 'T', 'F', 'F'], deleting: [false, false, true, true] }), expected: 4 },
  { name: 'TestScaleDown', spec: spec(2, 6, 50), specReplicas: 5, pods: reconcilePods([100, 300, 500, 250, 250]), expected: 3, emptyHistory: true },
  { name: 'TestScaleDownWithScalingRules', spec: spec(2, 6, 50, { scaleUp: { stabilizationWindowSeconds: 30, policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] } }), specReplicas: 5, pods: reconcilePods([100, 300, 500, 250, 250]), expected: 3, emptyHistory: true },
  // TestScaleDownStabilizeInitialSize: a fresh HPA records the current size and holds it for the window.
  { name: 'TestScaleDownStabilizeInitialSize', spec: spec(2, 6, 50), specReplicas: 5, pods: reconcilePods([100, 300, 500, 250, 250]), expected: 5 },
  { name: 'TestScaleDownIncludeUnreadyPods (unready pods left out of a scale-down)', spec: spec(2, 6, 50), specReplicas: 5, pods: reconcilePods([100, 300, 500, 250, 250], { readiness: ['T', 'T', 'T', 'F', 'F'] }), expected: 2, emptyHistory: true },
  { name: 'TestScaleDownIgnoreHotCpuPods', spec: spec(2, 6, 50), specReplicas: 5, pods: reconcilePods([100, 300, 500, 250, 250], { start: [COOL, COOL, COOL, HOT, HOT] }), expected: 2, emptyHistory: true },
  { name: 'TestTolerance', spec: spec(1, 5, 100), specReplicas: 3, pods: fixturePods({ count: 3, requests: [900, 1000, 1100], levels: [1010, 1030, 1020], transitionAtStart: true, metricTime: 0 }), expected: 3 },
  { name: 'TestMinReplicas', spec: spec(2, 5, 90), specReplicas: 3, pods: reconcilePods([10, 95, 10]), expected: 2, emptyHistory: true },
  { name: 'TestMaxReplicas', spec: spec(2, 5, 90), specReplicas: 3, pods: reconcilePods([8000, 9500, 1000]), expected: 5 },
  { name: 'TestTooFewReplicas (below minReplicas: straight to it)', spec: spec(3, 5, 90), specReplicas: 2, pods: reconcilePods([]), expected: 3 },
  { name: 'TestTooManyReplicas (above maxReplicas: straight to it)', spec: spec(3, 5, 90), specReplicas: 10, pods: reconcilePods([]), expected: 5 },
  { name: 'TestZeroReplicas (scaling disabled while spec.replicas is 0)', spec: spec(3, 5, 90), specReplicas: 0, pods: reconcilePods([]), expected: 0 },
  { name: 'TestMissingMetrics', spec: spec(2, 6, 100), specReplicas: 4, pods: reconcilePods([400, 95], { count: 4 }), expected: 3, emptyHistory: true },
  { name: 'TestEmptyMetrics (no samples: keep the count)', spec: spec(2, 6, 100), specReplicas: 4, pods: reconcilePods([], { count: 4 }), expected: 4 },
  // The cap without behavior, with the controller's factor 2 (upstream's TestUpscaleCap runs with 8).
  { name: 'legacy scale-up cap: at most max(2 × 3, 4) = 6 per sync', spec: spec(1, 100, 10), specReplicas: 3, pods: reconcilePods([1000, 1000, 1000]), expected: 6 },
  { name: 'legacy scale-up cap above maxReplicas: maxReplicas', spec: spec(1, 5, 10), specReplicas: 3, pods: reconcilePods([1000, 1000, 1000]), expected: 5 },
  { name: 'TestMoreReplicasThanSpecNoScale (status has more pods than spec: within tolerance)', spec: spec(1, 8, 50), specReplicas: 4, pods: reconcilePods([500, 500, 500, 500, 500], { count: 5 }), expected: 4, emptyHistory: true },
];

describe('HpaController.sync(now, replicas, pods) (upstream horizontal_test.go reconcile cases)', () => {
  for (const c of reconcileCases) {
    it(c.name, () => {
      const hpa = new HpaController(c.spec, testOptions);
      if (c.emptyHistory === true) hpa.skipInitialRecommendation();
      expect(hpa.sync(0, c.specReplicas, c.pods)).toBe(c.expected);
    });
  }

  it('keeps the count and says why when no pod has a sample', () => {
    const hpa = new HpaController(spec(2, 6, 100), testOptions);
    expect(hpa.sync(0, 4, reconcilePods([], { count: 4 }))).toBe(4);
    expect(hpa.lastReason).toBe('FailedGetResourceMetric');
    expect(hpa.calculation.error).toBe('no_metrics');
  });
});

describe('convertDesiredReplicasWithRules (upstream TestConvertDesiredReplicasWithRules)', () => {
  const rows: [number, number, number, number, number, string][] = [
    // current, desired, min, max, converted, condition
    [5, 7, 3, 8, 7, 'DesiredWithinRange'],
    [3, 1, 2, 8, 2, 'TooFewReplicas'],
    [1, 0, 0, 10, 0, 'DesiredWithinRange'],
    [20, 1000, 1, 10, 10, 'TooManyReplicas'],
    [3, 1000, 1, 2000, Math.max(2 * 3, 4), 'ScaleUpLimit'],
  ];
  it.each(rows)('current %i, desired %i, min %i, max %i → %i (%s)', (current, desired, min, max, want, cond) => {
    const out: Normalized = { replicas: 0, reason: 'DesiredWithinRange' };
    convertDesiredReplicasWithRules(current, desired, min, max, out);
    expect(out).toEqual({ replicas: want, reason: cond });
  });
});

describe('RecommendationLog.stabilize (upstream TestNormalizeDesiredReplicas)', () => {
  const now = 10_000;
  const rows: { name: string; recs: [number, number][]; desired: number; want: number; logLength: number }[] = [
    { name: 'empty log', recs: [], desired: 5, want: 5, logLength: 1 },
    { name: 'stabilize', recs: [[4, -120], [5, -60]], desired: 3, want: 5, logLength: 3 },
    { name: 'no stabilize', recs: [[1, -120], [2, -60]], desired: 3, want: 3, logLength: 3 },
    { name: 'no stabilize - old recommendations', recs: [[10, -600], [9, -540]], desired: 3, want: 3, logLength: 2 },
    { name: 'stabilize - old recommendations', recs: [[10, -600], [4, -60], [5, -120], [9, -540]], desired: 3, want: 5, logLength: 4 },
  ];
  for (const r of rows) {
    it(r.name, () => {
      const log = new RecommendationLog(2);
      for (const [v, dt] of r.recs) log.push(now + dt, v);
      expect(log.stabilize(now, r.desired, 300)).toBe(r.want);
      expect(log.n).toBe(r.logLength);
    });
  }
});

describe('RecommendationLog.stabilizeWithBehaviors (upstream TestNormalizeDesiredReplicasWithBehavior)', () => {
  const now = 10_000;
  const rows: { name: string; recs: [number, number][]; current: number; desired: number; want: number; stored: number[]; up?: number; down?: number }[] = [
    { name: 'empty recommendations for scaling down', recs: [], current: 100, desired: 5, want: 5, stored: [5] },
    { name: 'simple scale down stabilization', recs: [[4, -120], [5, -60]], current: 100, desired: 3, want: 5, stored: [4, 5, 3], down: 180 },
    { name: 'simple scale up stabilization', recs: [[4, -120], [5, -60]], current: 1, desired: 7, want: 4, stored: [4, 5, 7], up: 300 },
    { name: 'no scale down stabilization', recs: [[1, -120], [2, -60]], current: 100, desired: 3, want: 3, stored: [1, 2, 3], up: 300 },
    { name: 'no scale up stabilization', recs: [[4, -120], [5, -60]], current: 1, desired: 3, want: 3, stored: [4, 5, 3], down: 300 },
    { name: 'no scale down stabilization, reuse recommendation element', recs: [[10, -600], [9, -540]], current: 100, desired: 3, want: 3, stored: [10, 3] },
    { name: 'no scale up stabilization, reuse recommendation element', recs: [[10, -600], [9, -540]], current: 1, desired: 100, want: 100, stored: [10, 100] },
    { name: 'scale down stabilization, reuse one of obsolete recommendation element', recs: [[10, -600], [4, -60], [5, -120], [9, -540]], current: 100, desired: 3, want: 5, stored: [10, 4, 5, 3], down: 180 },
    { name: 'scale up stabilization, reuse one of obsolete recommendation element', recs: [[10, -6000], [6, -60], [5, -120], [9, -180]], current: 1, desired: 100, want: 5, stored: [100, 6, 5, 9], up: 300 },
  ];
  for (const r of rows) {
    it(r.name, () => {
      const log = new RecommendationLog(2);
      for (const [v, dt] of r.recs) log.push(now + dt, v);
      expect(log.stabilizeWithBehaviors(now, r.current, r.desired, r.up ?? 0, r.down ?? 0)).toBe(r.want);
      expect([...log.value.subarray(0, log.n)]).toEqual(r.stored);
    });
  }

  it('brings the count up to the lowest recent recommendation and down to the highest (the 1.27 rule)', () => {
    // current 5, desired 3; within the 60 s scale-up window the lowest is 2, within the 300 s scale-down window the highest is 4.
    const log = new RecommendationLog();
    log.push(now - 30, 2);
    log.push(now - 200, 4);
    expect(log.stabilizeWithBehaviors(now, 5, 3, 60, 300)).toBe(4);
  });
});

// generateEventsUniformDistribution(rawEvents, periodSeconds): events spread over the last periodSeconds, each in
// the middle of its segment, the first the oldest.
function uniformEvents(raw: number[], period: number, now: number): ScaleEventLog {
  const log = new ScaleEventLog(1);
  const seg = period / raw.length;
  raw.forEach((change, idx) => {
    // time.Duration(float64) truncates to whole nanoseconds; the segments here are whole seconds anyway.
    const back = period - seg * (idx + 1) + seg / 2;
    log.store(now - back, change, 1e9); // a huge period: nothing is outdated while filling
  });
  return log;
}

// generateScalingRules(pods, podsPeriod, percent, percentPeriod, stabilizationWindow)
function rules(pods: number, podsPeriod: number, percent: number, percentPeriod: number, window: number): HpaScalingRules {
  const policies = [];
  if (pods !== 0) policies.push({ type: 'Pods' as const, value: pods, periodSeconds: podsPeriod });
  if (percent !== 0) policies.push({ type: 'Percent' as const, value: percent, periodSeconds: percentPeriod });
  return { stabilizationWindowSeconds: window, selectPolicy: 'Max', policies };
}

describe('convertDesiredReplicasWithBehaviorRate (upstream TestScalingWithRules)', () => {
  const now = 100_000;
  interface Row { name: string; up?: number[]; down?: number[]; min: number; max: number; upRules?: HpaScalingRules; downRules?: HpaScalingRules; current: number; desired: number; want: number; cond: string }
  const rows: Row[] = [
    { name: 'prenormalized desired replicas within range', current: 5, desired: 7, min: 3, max: 8, want: 7, cond: 'DesiredWithinRange' },
    { name: 'prenormalized desired replicas < minReplicas', current: 3, desired: 1, min: 2, max: 8, want: 2, cond: 'TooFewReplicas' },
    { name: 'prenormalized desired replicas within range when minReplicas is 0', current: 1, desired: 0, min: 0, max: 10, want: 0, cond: 'DesiredWithinRange' },
    { name: 'maxReplicas is the limit because maxReplicas < scaleUpLimit', current: 20, desired: 1000, min: 1, max: 10, want: 10, cond: 'TooManyReplicas' },
    { name: 'desired replica count is more than the maximum replica count', current: 100, desired: 1000, min: 100, max: 150, want: 150, cond: 'TooManyReplicas' },
    { name: 'scaleUpLimit is the limit because scaleUpLimit < maxReplicas with user policies', current: 3, desired: 1000, min: 1, max: 2000, upRules: rules(0, 0, 1, 60, 0), want: 4, cond: 'ScaleUpLimit' },
    { name: 'scaleDownLimit is the limit because scaleDownLimit > minReplicas with user defined policies', current: 1000, desired: 3, min: 3, max: 2000, downRules: rules(20, 60, 0, 0, 0), want: 980, cond: 'ScaleDownLimit' },
    { name: 'scaleUp with default behavior', current: 10, desired: 50, min: 1, max: 1000, want: 20, cond: 'ScaleUpLimit' },
    { name: 'scaleUp with pods policy larger than percent policy', current: 10, desired: 500, min: 1, max: 1000, upRules: rules(100, 60, 100, 60, 0), want: 110, cond: 'ScaleUpLimit' },
    { name: 'scaleUp with percent policy larger than pods policy', current: 10, desired: 500, min: 1, max: 1000, upRules: rules(2, 60, 100, 60, 0), want: 20, cond: 'ScaleUpLimit' },
    { name: 'scaleUp with spec MaxReplicas limitation with large pod policy', current: 10, desired: 50, min: 1, max: 1000, upRules: rules(100, 60, 0, 0, 0), want: 50, cond: 'DesiredWithinRange' },
    { name: 'scaleUp with spec MaxReplicas limitation with large percent policy', current: 10, desired: 50, min: 1, max: 1000, upRules: rules(10000, 60, 0, 0, 0), want: 50, cond: 'DesiredWithinRange' },
    { name: 'scaleUp with pod policy limitation', current: 10, desired: 50, min: 1, max: 1000, upRules: rules(30, 60, 0, 0, 0), want: 40, cond: 'ScaleUpLimit' },
    { name: 'scaleUp with percent policy limitation', current: 10, desired: 50, min: 1, max: 1000, upRules: rules(0, 0, 200, 60, 0), want: 30, cond: 'ScaleUpLimit' },
    { name: 'scaleDown with percent policy larger than pod policy', current: 100, desired: 2, min: 1, max: 1000, downRules: rules(20, 60, 1, 60, 300), want: 80, cond: 'ScaleDownLimit' },
    { name: 'scaleDown with pod policy larger than percent policy', current: 100, desired: 2, min: 1, max: 1000, downRules: rules(2, 60, 1, 60, 300), want: 98, cond: 'ScaleDownLimit' },
    { name: 'scaleDown with spec MinReplicas=nil limitation with large pod policy', current: 10, desired: 0, min: 1, max: 1000, downRules: rules(100, 60, 0, 0, 300), want: 1, cond: 'TooFewReplicas' },
    { name: 'scaleDown with spec MinReplicas limitation with large percent policy', current: 10, desired: 2, min: 5, max: 1000, downRules: rules(0, 0, 100, 60, 300), want: 5, cond: 'TooFewReplicas' },
    { name: 'scaleDown with pod policy limitation', current: 10, desired: 2, min: 1, max: 1000, downRules: rules(5, 60, 0, 0, 300), want: 5, cond: 'ScaleDownLimit' },
    { name: 'scaleDown with percent policy limitation', current: 10, desired: 5, min: 1, max: 1000, downRules: rules(0, 0, 50, 60, 300), want: 5, cond: 'DesiredWithinRange' },
    { name: 'scaleUp with spec MaxReplicas limitation with large pod policy and events', up: [1, 5, 9], min: 1, max: 200, upRules: rules(300, 60, 0, 0, 0), current: 100, desired: 500, want: 200, cond: 'TooManyReplicas' },
    { name: 'scaleUp with spec MaxReplicas limitation with large percent policy and events', up: [1, 5, 9], min: 1, max: 200, upRules: rules(0, 0, 10000, 60, 0), current: 100, desired: 500, want: 200, cond: 'TooManyReplicas' },
    { name: 'scaleUp with currentReplicas limitation with rate.PeriodSeconds with a lot of recent scale up events', up: [1, 5, 9], min: 1, max: 1000, upRules: rules(5, 120, 0, 0, 0), current: 100, desired: 500, want: 100, cond: 'ScaleUpLimit' },
    { name: 'scaleUp with pod policy and previous scale up events', up: [1, 5, 9], min: 1, max: 1000, upRules: rules(150, 120, 0, 0, 0), current: 100, desired: 500, want: 235, cond: 'ScaleUpLimit' },
    { name: 'scaleUp with percent policy and previous scale up events', up: [1, 5, 9], min: 1, max: 1000, upRules: rules(0, 0, 200, 120, 0), current: 100, desired: 500, want: 255, cond: 'ScaleUpLimit' },
    { name: 'scaleDown with default policy and previous events', down: [1, 5, 9], min: 1, max: 1000, current: 10, desired: 5, want: 5, cond: 'DesiredWithinRange' },
    { name: 'scaleDown with spec MinReplicas=nil limitation with large pod policy and previous events', down: [1, 5, 9], min: 1, max: 1000, downRules: rules(115, 120, 0, 0, 300), current: 100, desired: 0, want: 1, cond: 'TooFewReplicas' },
    { name: 'scaleDown with spec MinReplicas limitation with large pod policy and previous events', down: [1, 5, 9], min: 5, max: 1000, downRules: rules(130, 120, 0, 0, 300), current: 100, desired: 0, want: 5, cond: 'TooFewReplicas' },
    { name: 'scaleDown with spec MinReplicas limitation with large percent policy and previous events', down: [1, 5, 9], min: 5, max: 1000, downRules: rules(0, 0, 100, 120, 300), current: 100, desired: 2, want: 5, cond: 'TooFewReplicas' },
    { name: 'scaleDown with pod policy limitation and previous events', down: [1, 5, 9], min: 1, max: 1000, downRules: rules(5, 120, 0, 0, 300), current: 100, desired: 2, want: 100, cond: 'ScaleDownLimit' },
    { name: 'scaleDown with percent policy limitation and previous events', down: [2, 4, 6], min: 1, max: 1000, downRules: rules(0, 0, 50, 120, 300), current: 100, desired: 0, want: 56, cond: 'ScaleDownLimit' },
    { name: 'scaleDown with previous events preventing further scale down', down: [10, 10, 10], min: 1, max: 1000, downRules: rules(0, 0, 10, 120, 300), current: 100, desired: 0, want: 100, cond: 'ScaleDownLimit' },
    { name: 'scaleDown with with previous events still allowing more scale down', down: [10, 10, 10], min: 1, max: 1000, downRules: rules(0, 0, 1000, 120, 300), current: 10, desired: 5, want: 5, cond: 'DesiredWithinRange' },
    { name: "check 'outdated' flag for events for one behavior for up", up: [8, 12, 9, 11], min: 1, max: 1000, upRules: rules(1000, 60, 0, 0, 0), current: 100, desired: 200, want: 200, cond: 'DesiredWithinRange' },
    { name: "check that events were not marked 'outdated' for two different policies in the behavior for up", up: [8, 12, 9, 11], min: 1, max: 1000, upRules: rules(1000, 120, 100, 60, 0), current: 100, desired: 200, want: 200, cond: 'DesiredWithinRange' },
    { name: "check that events were marked 'outdated' for two different policies in the behavior for up", up: [8, 12, 9, 11], min: 1, max: 1000, upRules: rules(1000, 30, 100, 60, 0), current: 100, desired: 200, want: 200, cond: 'DesiredWithinRange' },
    { name: "check 'outdated' flag for events for one behavior for down", down: [8, 12, 9, 11], min: 1, max: 1000, downRules: rules(1000, 60, 0, 0, 300), current: 100, desired: 5, want: 5, cond: 'DesiredWithinRange' },
    { name: "check that events were not marked 'outdated' for two different policies in the behavior for down", down: [8, 12, 9, 11], min: 1, max: 1000, downRules: rules(1000, 120, 100, 60, 300), current: 100, desired: 5, want: 5, cond: 'DesiredWithinRange' },
    { name: "check that events were marked 'outdated' for two different policies in the behavior for down", down: [8, 12, 9, 11], min: 1, max: 1000, downRules: rules(1000, 30, 100, 60, 300), current: 100, desired: 5, want: 5, cond: 'DesiredWithinRange' },
  ];
  for (const r of rows) {
    it(r.name, () => {
      const up = r.up === undefined ? new ScaleEventLog() : uniformEvents(r.up, 120, now);
      const down = r.down === undefined ? new ScaleEventLog() : uniformEvents(r.down, 120, now);
      const out: Normalized = { replicas: 0, reason: 'DesiredWithinRange' };
      convertDesiredReplicasWithBehaviorRate(r.current, r.desired, r.min, r.max, now, up, down, resolveScalingRules(r.upRules, 'up'), resolveScalingRules(r.downRules, 'down'), out);
      expect(out).toEqual({ replicas: r.want, reason: r.cond });
    });
  }

  it('counts scale-downs in the period when limiting a scale-up (the 1.27 fix): start = current − added + removed', () => {
    const up = new ScaleEventLog(), down = new ScaleEventLog();
    down.store(now - 10, 4, 60); // 4 removed 10 s ago: the period started at 14
    expect(scaleUpLimit(10, now, up, down, resolveScalingRules(rules(2, 60, 0, 0, 0), 'up'))).toBe(16);
    up.store(now - 10, 4, 60); // and 4 added: back to 10 at the start
    expect(scaleDownLimit(10, now, up, down, resolveScalingRules(rules(3, 60, 0, 0, 0), 'down'))).toBe(7);
  });
});

describe('scaleUpLimit / scaleDownLimit with selectPolicy Min (upstream TestCalculateScale{Up,Down}Limit…)', () => {
  const min = (r: HpaScalingRules): HpaScalingRules => ({ ...r, selectPolicy: 'Min' });
  it('scale-up from 1 with 2 pods or 50 % per minute, Min: 2', () => {
    expect(scaleUpLimit(1, 0, new ScaleEventLog(), new ScaleEventLog(), resolveScalingRules(min(rules(2, 60, 50, 60, 300)), 'up'))).toBe(2);
  });
  it('scale-down from 5 with 2 pods or 50 % per minute, Min: 3', () => {
    expect(scaleDownLimit(5, 0, new ScaleEventLog(), new ScaleEventLog(), resolveScalingRules(min(rules(2, 60, 50, 60, 300)), 'down'))).toBe(3);
  });
  it('Disabled allows no change either way', () => {
    const r = resolveScalingRules({ selectPolicy: 'Disabled' }, 'up');
    expect(scaleUpLimit(7, 0, new ScaleEventLog(), new ScaleEventLog(), r)).toBe(7);
    expect(scaleDownLimit(7, 0, new ScaleEventLog(), new ScaleEventLog(), r)).toBe(7);
  });
});

describe('ScaleEventLog.store (upstream TestStoreScaleEvents)', () => {
  const now = 50_000;
  const rows: { name: string; prev: [number, number][]; rules: HpaScalingRules; wantChange: number; next: [number, boolean][] }[] = [
    { name: 'empty entries with two-policy-behavior', prev: [], rules: rules(10, 60, 100, 60, 0), wantChange: 0, next: [[5, false]] },
    { name: 'one outdated entry to be replaced with behavior', prev: [[7, -61]], rules: rules(10, 60, 100, 60, 0), wantChange: 0, next: [[5, false]] },
    { name: 'one actual entry to be not touched with behavior', prev: [[7, -58]], rules: rules(10, 60, 100, 60, 0), wantChange: 7, next: [[7, false], [5, false]] },
    { name: 'two entries, one of them to be replaced', prev: [[7, -61], [6, -59]], rules: rules(10, 60, 0, 0, 0), wantChange: 6, next: [[5, false], [6, false]] },
    { name: 'replace one entry, use policies with different periods', prev: [[8, -29], [6, -59], [7, -61], [9, -61]], rules: rules(10, 60, 100, 30, 0), wantChange: 14, next: [[8, false], [6, false], [7, true], [5, false]] },
    { name: 'two entries, both actual', prev: [[7, -58], [6, -59]], rules: rules(10, 120, 100, 30, 0), wantChange: 13, next: [[7, false], [6, false], [5, false]] },
  ];
  for (const r of rows) {
    it(r.name, () => {
      const log = new ScaleEventLog(1);
      for (const [c, dt] of r.prev) {
        log.store(now + dt, c, 1e9);
      }
      expect(log.changeInPeriod(now, 60)).toBe(r.wantChange);
      log.store(now, 5, resolveScalingRules(r.rules, 'up').longestPeriod);
      expect(Array.from({ length: log.n }, (_, i) => [log.change[i], log.outdated[i] === 1])).toEqual(r.next);
    });
  }

  it('without behavior the controller stores no events ("empty entries with default behavior")', () => {
    const hpa = new HpaController(spec(1, 10, 50), testOptions);
    const pods = new HpaPods();
    pods.push(POD_RUNNING, READY_TRUE, ZERO, ZERO, 1000, 0, 60, 1000);
    expect(hpa.sync(0, 1, pods)).toBe(2);
    expect(hpa.scaleUpEvents.n).toBe(0);
  });
});

describe('hpaSpecIssues(spec, path)', () => {
  it('lists every problem with paths, as the API server would', () => {
    expect(hpaSpecIssues({ minReplicas: 0, maxReplicas: 0, targetCPUUtilization: 0, behavior: { scaleUp: { stabilizationWindowSeconds: 4000, policies: [{ type: 'Pods', value: 0, periodSeconds: 1801 }] } } }, 'workloads[0].autoscale').map((i) => i.path)).toEqual([
      'workloads[0].autoscale.minReplicas',
      'workloads[0].autoscale.maxReplicas',
      'workloads[0].autoscale.targetCPUUtilization',
      'workloads[0].autoscale.behavior.scaleUp.stabilizationWindowSeconds',
      'workloads[0].autoscale.behavior.scaleUp.policies[0].value',
      'workloads[0].autoscale.behavior.scaleUp.policies[0].periodSeconds',
    ]);
    expect(() => new HpaController({ maxReplicas: 1, minReplicas: 3, targetCPUUtilization: 50 })).toThrow(/maxReplicas: must be at least minReplicas \(3\), got 1/);
  });
});

// A hand-computed step response. One replica requesting 1000m serves a load of 400m until t = 60 s, then 1800m,
// then 400m again from t = 300 s. The load is spread evenly over the ready pods; a new pod starts at once, reports
// 0 until it is Ready 20 s later. Samples are taken at the sync with a 30 s window; production defaults (sync 15 s,
// tolerance 0.1, downscale window 300 s, CPU initialisation 300 s, readiness delay 30 s); no `behavior`.
//
//   t=0…45   1 pod at 400m: 40 % → ratio 0.8 → ⌈0.8⌉ = 1; the initial recommendation is 1.
//   t=60     1 pod at 1800m: 180 % → 3.6 → ⌈3.6⌉ = 4 ≤ max(2·1, 4) → scale to 4 (3 pods start at 60, Ready at 80).
//   t=75     3 pods not Ready: left out, and 0 % on a scale-up: 1800/4000 = 45 % → 0.9, within tolerance → 4.
//   t=90,105 the 3 pods are Ready but their sample window (30 s) began before that (80 + 30 > t): still unready;
//            the ready pod alone: 450/1000 = 45 % → 0.9 → within tolerance → 4.
//   t≥120    4 pods at 450m: 45 % → 0.9 → 4.
//   t=300…585  load 400m: 100m each, 10 % → ⌈0.2·4⌉ = 1, but the highest recommendation of the last 300 s is 4.
//   t=600    the last recommendation of 4 (t = 285) has left the window → 1.
describe('HpaController step response (hand-computed)', () => {
  it('gives the replica count at each sync', () => {
    const hpa = new HpaController({ minReplicas: 1, maxReplicas: 10, targetCPUUtilization: 50 });
    const pods = new HpaPods();
    const starts: number[] = [-1000];
    const load = (t: number) => (t < 60 ? 400 : t < 300 ? 1800 : 400);
    let replicas = 1;
    const seen: [number, number][] = [];
    for (let t = 0; t <= 630; t += 15) {
      while (starts.length < replicas) starts.push(t); // the ReplicaSet creates the missing pods at once
      while (starts.length > replicas) starts.pop(); // and removes the newest first
      const readyAt = (s: number) => s + 20;
      const ready = starts.filter((s) => readyAt(s) <= t).length;
      pods.clear();
      for (const s of starts) {
        const isReady = readyAt(s) <= t;
        pods.push(POD_RUNNING, isReady ? READY_TRUE : READY_FALSE, s, isReady ? readyAt(s) : s, isReady ? Math.trunc(load(t) / ready) : 0, t, 30, 1000);
      }
      replicas = hpa.sync(t, replicas, pods);
      seen.push([t, replicas]);
    }
    const expected = (t: number) => (t < 60 ? 1 : t < 600 ? 4 : 1);
    expect(seen).toEqual(seen.map(([t]) => [t, expected(t)]));
  });

  it('with behavior: {} the default policies allow 4 pods or 100 % per 15 s: 1 → 5 → 10 for a load of 9 cores', () => {
    const hpa = new HpaController({ minReplicas: 1, maxReplicas: 10, targetCPUUtilization: 50, behavior: {} });
    hpa.skipInitialRecommendation();
    const pods = new HpaPods();
    // 1 settled pod at 9000m: 900 % → ratio 18 → ⌈18⌉ = 18; max(1 + 4, ⌈1 · 2⌉) = 5.
    pods.push(POD_RUNNING, READY_TRUE, -1000, -990, 9000, 0, 30, 1000);
    expect(hpa.sync(0, 1, pods)).toBe(5);
    expect(hpa.lastReason).toBe('ScaleUpLimit');
    // 15 s later the 4 new pods are settled (a long-ago start keeps the example about policies only) and all
    // report 1800m: 180 % → ⌈3.6 · 5⌉ = 18; the +4 event of t=0 is older than 15 s, so the period starts at 5:
    // max(5 + 4, 5 · 2) = 10 = maxReplicas.
    pods.clear();
    for (let i = 0; i < 5; i++) pods.push(POD_RUNNING, READY_TRUE, -1000, -990, 1800, 15, 30, 1000);
    expect(hpa.sync(15, 5, pods)).toBe(10);
    expect(hpa.lastReason).toBe('TooManyReplicas'); // the policies' limit (10) is not below maxReplicas (10)
  });
});
