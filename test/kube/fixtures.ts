import { ClusterState } from '../../src/cluster/cluster-state.js';
import { createRng } from '../../src/random/streams.js';
import { KubeScheduler, type KubeSchedulerOptions } from '../../src/kube/kube-scheduler.js';
import type { KubePodFields } from '../../src/kube/pod-fields-schema.js';
import type { KubeProfile } from '../../src/kube/profile-schema.js';
import type { ResourceVector } from '../../src/resources/vector.js';

export interface HostSpec {
  name?: string;
  capacity: ResourceVector;
  labels?: Record<string, string>;
}

/** A cluster and scheduler over explicit hosts; each host is its own group so node fields can differ. */
export function setup(hosts: HostSpec[], opts: Partial<KubeSchedulerOptions> & { dims?: string[]; seed?: number } = {}) {
  const dims = opts.dims ?? ['cpu', 'memory'];
  const cluster = new ClusterState(dims, hosts.map((h, i) => ({ name: h.name ?? `node${i + 1}`, capacity: h.capacity, group: i, ...(h.labels ? { labels: h.labels } : {}) })));
  const { dims: _d, seed, ...rest } = opts;
  const s = new KubeScheduler({ cluster, rng: createRng(seed ?? 1, 'test'), ...rest });
  /** Adds a pod and binds it to `host` (allocating it). */
  const place = (host: number, request: ResourceVector, fields?: KubePodFields, owner?: string): number => {
    const p = s.addPod({ request, fields, owner });
    if (!cluster.allocate(host, s.demand, s.demandOffset(p))) throw new Error(`pod does not fit on host ${host}`);
    s.bind(p, host);
    return p;
  };
  /** Schedules a pod, allocating and binding it if a host is found. */
  const run = (request: ResourceVector, fields?: KubePodFields, owner?: string): number => {
    const p = s.addPod({ request, fields, owner });
    const h = s.schedule(p);
    if (h >= 0) {
      if (!cluster.allocate(h, s.demand, s.demandOffset(p))) throw new Error('scheduler chose a host that does not fit');
      s.bind(p, h);
    }
    return h;
  };
  return { cluster, s, place, run };
}

/** A profile with only the given score plugin (weight 1); filters stay the defaults. */
export function only(plugin: string, extra: KubeProfile = {}): KubeProfile {
  return {
    ...extra,
    plugins: { ...extra.plugins, score: { disabled: [{ name: '*' }], enabled: [{ name: plugin, weight: 1 }] } },
  };
}

/** Raw and normalised score of the single score plugin for every feasible host, by host name. */
export function scoresOf(s: KubeScheduler, pod: number): Record<string, { raw: number; normalized: number }> {
  const out: Record<string, { raw: number; normalized: number }> = {};
  for (const h of s.scoreHosts(pod).hosts) {
    const sc = h.scores[0];
    if (h.feasible && sc !== undefined) out[h.name] = { raw: sc.raw, normalized: sc.normalized };
  }
  return out;
}

export const Mi = 2 ** 20;
export const Gi = 2 ** 30;
