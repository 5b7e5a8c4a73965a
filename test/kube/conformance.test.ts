import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ClusterState } from '../../src/cluster/cluster-state.js';
import { createRng } from '../../src/random/streams.js';
import { KubeScheduler } from '../../src/kube/kube-scheduler.js';
import type { KubeNodeFields, Taint } from '../../src/kube/node-fields-schema.js';
import type { KubePodFields, PodAffinityTerm, TopologySpreadConstraint } from '../../src/kube/pod-fields-schema.js';
import type { KubeProfile } from '../../src/kube/profile-schema.js';
import type { KubePreset } from '../../src/kube/resolve-profile.js';

// A small, independent reference of every hard constraint, used to check the scheduler both ways:
// a chosen host satisfies all of them, and when the scheduler finds none, no host does.

interface Host { cpu: number; mem: number; labels: Record<string, string>; fields: KubeNodeFields }
interface Tpl { fields: KubePodFields; cpu: number; mem: number }
interface Bound { tpl: number; host: number }

const Gi = 2 ** 30;
const TAINTS: Taint[] = [{ key: 'gpu', effect: 'NoSchedule' }, { key: 'maint', effect: 'NoExecute' }, { key: 'soft', effect: 'PreferNoSchedule' }];

const hostArb = fc.record({
  cpu: fc.integer({ min: 2, max: 16 }).map((x) => x * 500),
  mem: fc.integer({ min: 1, max: 8 }).map((x) => x * Gi),
  zone: fc.constantFrom('a', 'b', 'c', undefined),
  disk: fc.constantFrom('ssd', 'hdd', undefined),
  taint: fc.constantFrom(-1, -1, -1, 0, 1, 2),
  maxPods: fc.integer({ min: 2, max: 8 }),
}).map((h): Host => ({
  cpu: h.cpu,
  mem: h.mem,
  labels: { ...(h.zone ? { zone: h.zone } : {}), ...(h.disk ? { disk: h.disk } : {}) },
  fields: { maxPods: h.maxPods, ...(h.taint >= 0 ? { taints: [TAINTS[h.taint]!] } : {}) },
}));

const tplArb = (i: number) => fc.record({
  cpu: fc.integer({ min: 1, max: 12 }).map((x) => x * 250),
  mem: fc.integer({ min: 1, max: 8 }).map((x) => x * 256 * 2 ** 20),
  selector: fc.constantFrom(undefined, undefined, { disk: 'ssd' }),
  required: fc.constantFrom(undefined, undefined, 'zoneInAB', 'diskExists'),
  tolerate: fc.boolean(),
  anti: fc.constantFrom(undefined, undefined, 'kubernetes.io/hostname', 'zone'),
  antiTarget: fc.constantFrom('self', 'w0', 'w1'),
  affinity: fc.boolean().map((b) => b && i > 0),
  spread: fc.constantFrom(undefined, undefined, { key: 'zone', skew: 1 }, { key: 'kubernetes.io/hostname', skew: 2 }),
  honorTaints: fc.boolean(),
}).map((t): Tpl => {
  const app = `w${i}`;
  const own: PodAffinityTerm = { labelSelector: { matchLabels: { app: t.antiTarget === 'self' ? app : t.antiTarget } }, topologyKey: t.anti ?? 'zone' };
  const fields: KubePodFields = {
    labels: { app },
    ...(t.selector ? { nodeSelector: t.selector } : {}),
    ...(t.tolerate ? { tolerations: [{ key: 'gpu', operator: 'Exists' as const }, { key: 'maint', operator: 'Exists' as const, effect: 'NoExecute' as const }] } : {}),
    affinity: {
      ...(t.required ? { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [t.required === 'zoneInAB' ? { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] } : { matchExpressions: [{ key: 'disk', operator: 'Exists' }] }] } } } : {}),
      ...(t.anti ? { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [own] } } : {}),
      ...(t.affinity ? { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'w0' } }, topologyKey: 'zone' }] } } : {}),
    },
    ...(t.spread ? { topologySpreadConstraints: [{ maxSkew: t.spread.skew, topologyKey: t.spread.key, whenUnsatisfiable: 'DoNotSchedule' as const, labelSelector: { matchLabels: { app } }, ...(t.honorTaints ? { nodeTaintsPolicy: 'Honor' as const } : {}) }] } : {}),
  };
  return { fields, cpu: t.cpu, mem: t.mem };
});

const scenarioArb = fc.record({
  hosts: fc.array(hostArb, { minLength: 2, maxLength: 9 }),
  tpls: fc.tuple(tplArb(0), tplArb(1), tplArb(2), tplArb(3)),
  ops: fc.array(fc.oneof(fc.integer({ min: 0, max: 3 }).map((t) => ({ add: t })), fc.nat(50).map((k) => ({ remove: k }))), { minLength: 5, maxLength: 40 }),
  seed: fc.nat(1000),
});
type Scenario = { hosts: Host[]; tpls: Tpl[]; ops: Array<{ add: number } | { remove: number }>; seed: number };

function label(h: Host, key: string, i: number): string | undefined {
  return key === 'kubernetes.io/hostname' ? `n${i}` : h.labels[key];
}

function matchesNodeAffinity(f: KubePodFields, h: Host): boolean {
  for (const [k, v] of Object.entries(f.nodeSelector ?? {})) if (h.labels[k] !== v) return false;
  const terms = f.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms === undefined) return true;
  return terms.some((t) => (t.matchExpressions ?? []).every((e) => {
    const v = h.labels[e.key];
    if (e.operator === 'In') return v !== undefined && (e.values ?? []).includes(v);
    if (e.operator === 'Exists') return v !== undefined;
    throw new Error('unused operator');
  }));
}

function toleratesAll(f: KubePodFields, h: Host, effects: string[]): boolean {
  return (h.fields.taints ?? []).every((t) => !effects.includes(t.effect) || (f.tolerations ?? []).some((x) => (x.key === undefined || x.key === t.key) && (x.effect === undefined || x.effect === t.effect)));
}

function appOf(t: Tpl): string {
  return (t.fields.labels as Record<string, string>).app as string;
}

function referenceFeasible(sc: Scenario, bound: Bound[], tplIdx: number, hi: number): boolean {
  const t = sc.tpls[tplIdx]!;
  const f = t.fields;
  const h = sc.hosts[hi]!;
  if (!toleratesAll(f, h, ['NoSchedule', 'NoExecute'])) return false;
  if (!matchesNodeAffinity(f, h)) return false;
  const on = bound.filter((b) => b.host === hi);
  if (on.length + 1 > (h.fields.maxPods ?? 110)) return false;
  const cpu = on.reduce((s, b) => s + sc.tpls[b.tpl]!.cpu, 0), mem = on.reduce((s, b) => s + sc.tpls[b.tpl]!.mem, 0);
  if (cpu + t.cpu > h.cpu || mem + t.mem > h.mem) return false;
  // Hard topology spread.
  for (const c of (f.topologySpreadConstraints ?? []) as TopologySpreadConstraint[]) {
    const mine = label(h, c.topologyKey, hi);
    if (mine === undefined) return false;
    const counts = new Map<string, number>();
    sc.hosts.forEach((o, oi) => {
      const v = label(o, c.topologyKey, oi);
      if (v === undefined || !matchesNodeAffinity(f, o)) return;
      if (c.nodeTaintsPolicy === 'Honor' && !toleratesAll(f, o, ['NoSchedule', 'NoExecute'])) return;
      const n = bound.filter((b) => b.host === oi && appOf(sc.tpls[b.tpl]!) === appOf(t)).length;
      counts.set(v, (counts.get(v) ?? 0) + n);
    });
    const min = counts.size === 0 ? Infinity : Math.min(...counts.values());
    if ((counts.get(mine) ?? 0) + 1 - min > c.maxSkew) return false;
  }
  const sameDomain = (key: string, oi: number) => label(h, key, hi) !== undefined && label(h, key, hi) === label(sc.hosts[oi]!, key, oi);
  // Required pod affinity (to app w0, per zone), with the first-pod exception.
  for (const term of f.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
    const app = term.labelSelector?.matchLabels?.app;
    if (label(h, term.topologyKey, hi) === undefined) return false;
    const here = bound.some((b) => appOf(sc.tpls[b.tpl]!) === app && sameDomain(term.topologyKey, b.host));
    const anywhere = bound.some((b) => appOf(sc.tpls[b.tpl]!) === app && label(sc.hosts[b.host]!, term.topologyKey, b.host) !== undefined);
    if (!here && (anywhere || appOf(t) !== app)) return false;
  }
  // Required anti-affinity of the pod, and of bound pods towards it.
  for (const term of f.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
    const app = term.labelSelector?.matchLabels?.app;
    if (bound.some((b) => appOf(sc.tpls[b.tpl]!) === app && sameDomain(term.topologyKey, b.host))) return false;
  }
  for (const b of bound) {
    for (const term of sc.tpls[b.tpl]!.fields.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
      if (term.labelSelector?.matchLabels?.app === appOf(t) && sameDomain(term.topologyKey, b.host)) return false;
    }
  }
  return true;
}

function run(sc: Scenario, profile: KubeProfile | KubePreset, check: boolean, watchCluster = true): number[] {
  const cluster = new ClusterState(['cpu', 'memory'], sc.hosts.map((h, i) => ({ name: `n${i}`, capacity: { cpu: h.cpu, memory: h.mem }, group: i, labels: h.labels })));
  const s = new KubeScheduler({ cluster, rng: createRng(sc.seed, 'conformance'), profiles: [profile], nodeFieldsByGroup: sc.hosts.map((h) => h.fields), watchCluster });
  const bound: Array<Bound & { pod: number }> = [];
  const chosen: number[] = [];
  for (const op of sc.ops) {
    if ('remove' in op) {
      if (bound.length === 0) continue;
      const [b] = bound.splice(op.remove % bound.length, 1);
      cluster.release(b!.host, s.demand, s.demandOffset(b!.pod));
      s.removePod(b!.pod);
      continue;
    }
    const t = sc.tpls[op.add]!;
    const p = s.addPod({ request: { cpu: t.cpu, memory: t.mem }, fields: t.fields, owner: `w${op.add}` });
    const h = s.schedule(p);
    chosen.push(h);
    if (check) {
      if (h >= 0) expect(referenceFeasible(sc, bound, op.add, h)).toBe(true);
      else for (let hi = 0; hi < sc.hosts.length; hi++) expect(referenceFeasible(sc, bound, op.add, hi)).toBe(false);
    }
    if (h >= 0) {
      expect(cluster.allocate(h, s.demand, s.demandOffset(p))).toBe(true); // never overcommits
      s.bind(p, h);
      bound.push({ tpl: op.add, host: h, pod: p });
    } else s.removePod(p);
  }
  return chosen;
}

const strategy = (type: string, extra: object = {}): KubeProfile => ({ pluginConfig: [{ name: 'NodeResourcesFit', args: { scoringStrategy: { type, ...extra } } }] });
const PROFILES: Array<[string, KubeProfile | KubePreset]> = [
  ['default', 'default'],
  ['tetris', 'tetris'],
  ['spread', 'spread'],
  ['binpack', 'binpack'],
  ['LeastAllocated', strategy('LeastAllocated')],
  ['MostAllocated', strategy('MostAllocated', { resources: [{ name: 'cpu', weight: 3 }, { name: 'memory', weight: 1 }] })],
  ['RequestedToCapacityRatio', strategy('RequestedToCapacityRatio', { requestedToCapacityRatio: { shape: [{ utilization: 0, score: 0 }, { utilization: 60, score: 10 }, { utilization: 100, score: 2 }] } })],
  ['balanced withWithoutPod', { pluginConfig: [{ name: 'NodeResourcesBalancedAllocation', args: { formula: 'withWithoutPod' } }] }],
];

describe('conformance: every profile respects every hard constraint', () => {
  for (const [name, profile] of PROFILES) {
    it(`${name}: chosen hosts satisfy capacity, node affinity, taints, pod (anti-)affinity and spread; -1 only when no host does`, () => {
      fc.assert(fc.property(scenarioArb, (sc) => {
        run(sc as Scenario, profile, true);
      }), { numRuns: 60 });
    });
  }

  it('is deterministic per seed, for every profile', () => {
    fc.assert(fc.property(scenarioArb, (sc) => {
      for (const [, profile] of PROFILES) expect(run(sc as Scenario, profile, false)).toEqual(run(sc as Scenario, profile, false));
    }), { numRuns: 15 });
  });

  it('memoised resource scores never change a decision', () => {
    fc.assert(fc.property(scenarioArb, (sc) => {
      for (const [, profile] of PROFILES) expect(run(sc as Scenario, profile, false, true)).toEqual(run(sc as Scenario, profile, false, false));
    }), { numRuns: 15 });
  });
});
