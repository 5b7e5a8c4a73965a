import { PodsimError } from '../errors.js';
import { compileDistribution, type Sampler } from '../random/distributions.js';
import { parseResources } from '../resources/parse.js';
import { tryParseQuantity } from '../resources/quantity.js';
import type { ResourceVector } from '../resources/vector.js';
import type { MemoryPoint } from '../performance/memory-at.js';
import type { Issue } from '../errors.js';
import type { ParsedScenario } from './validate.js';
import { parseScenario } from './validate.js';
import type { PolicyName } from './schema.js';
import { priorityTable, resolvePriority } from '../kube/priority.js';

/** A host after expanding its group. @example `{ name: 'node-0', group: 0, capacity: { cpu: 4000 }, labels: {} }` */
export interface CompiledHost {
  readonly name: string;
  readonly group: number;
  readonly capacity: ResourceVector;
  readonly labels: Readonly<Record<string, string>>;
  /** Layer cache capacity in bytes. */
  readonly imageCache: number;
  /** Images present at the start (indices). */
  readonly prePulled: readonly number[];
  /** memory.available eviction threshold, bytes. */
  readonly evictionThreshold: number;
  /** Seconds a host stays under memory pressure after the threshold was last met. */
  readonly pressureTransition: number;
  readonly taints: ReadonlyArray<{ readonly key: string; readonly value?: string | undefined; readonly effect: string }>;
}

/** An arrival process ready to draw from. @example `{ kind: 'poisson', rate: 8 }` */
export type CompiledArrival =
  | { readonly kind: 'poisson'; readonly rate: number }
  | { readonly kind: 'interval'; readonly every: number; readonly start: number }
  | { readonly kind: 'explicit'; readonly times: readonly number[]; readonly durations: readonly number[] | undefined; readonly hosts: Int32Array | undefined };

/** A workload with its quantities parsed and its distributions compiled. @example `compiled.workloads[0].count` */
export interface CompiledWorkload {
  readonly name: string;
  readonly index: number;
  /** Containers to submit in all (`Infinity` when unbounded). */
  readonly count: number;
  /** Last time an arrival may happen (`Infinity` when unbounded). */
  readonly horizon: number;
  readonly arrival: CompiledArrival;
  /** Draws a run time; `undefined` for services that run until the end. */
  readonly duration: Sampler | undefined;
  readonly request: ResourceVector;
  readonly limit: ResourceVector | undefined;
  /** Whether the performance model runs this workload's lifecycle (work, image, start, readiness or memory given). */
  readonly modelled: boolean;
  /** CPU-seconds of work per container, when work-based. */
  readonly cpuWork: Sampler | undefined;
  /** Bytes transferred per container after compute. */
  readonly dataBytes: Sampler | undefined;
  /** CFS weight: cpu.shares from the CPU request (min 2). */
  readonly shares: number;
  /** Most millicores the container can use: min(limit, threads × 1000). */
  readonly cpuCap: number;
  /** Index into {@link CompiledScenario.images}, or -1. */
  readonly image: number;
  readonly pullPolicy: 'IfNotPresent' | 'Always' | 'Never';
  readonly startup: Sampler | undefined;
  readonly readiness: { readonly initialDelay: number; readonly period: number; readonly ready: Sampler | undefined } | undefined;
  /** Memory usage profile: times (s since running) and bytes; one point means constant. Empty: none. */
  /** Memory usage profile, bytes by seconds since start; empty when the workload gives none. */
  readonly memory: readonly MemoryPoint[];
  /** Memory limit in bytes, or Infinity. */
  readonly memoryLimit: number;
  readonly restartPolicy: 'Always' | 'OnFailure' | 'Never';
  /** Scheduling priority, from the one resolver ({@link resolvePriority}) that kube-scheduler uses too. */
  readonly priority: number;
  /** For a DaemonSet-like workload: the hosts it runs one container on (matching nodeSelector, tolerating taints). */
  readonly daemonHosts: Int32Array | undefined;
}

/** A container image, compiled. @example `{ name: 'web', registry: 0, layers: [0, 1], size: 1e8 }` */
export interface CompiledImage {
  readonly name: string;
  readonly registry: number;
  /** Global layer indices, in order. */
  readonly layers: readonly number[];
}

/**
 * A validated scenario in the form the engine runs: quantities as exact integers, hosts expanded,
 * distributions compiled, the dimension list fixed (`cpu` and `memory` first).
 *
 * @example
 * ```ts
 * const c = compileScenario(scenario);
 * c.hosts.length; // Σ count over host groups
 * ```
 */
export interface CompiledScenario {
  /** The scenario as validated (defaults not yet applied), for the parts only some policies read. */
  readonly parsed: ParsedScenario;
  readonly seed: number | string;
  readonly until: number;
  readonly dims: readonly string[];
  readonly hosts: readonly CompiledHost[];
  readonly workloads: readonly CompiledWorkload[];
  readonly policy: PolicyName;
  readonly queue: 'fifo' | 'skip';
  /** Seconds between time-series samples, or 0 for none. */
  readonly sampleInterval: number;
  readonly images: readonly CompiledImage[];
  /** Layer sizes in bytes, by global layer index (digests deduplicated). */
  readonly layerSizes: Float64Array;
  readonly layerDigests: readonly string[];
  readonly registries: ReadonlyArray<{ readonly name: string; readonly bandwidth: number; readonly latency: number }>;
  readonly record: 'summary' | 'containers';
}

const GiB = 2 ** 30;
const DEFAULT_CACHE = 100 * GiB;
const DEFAULT_EVICTION = 100 * 2 ** 20;
const DEFAULT_PRESSURE_TRANSITION = 300; // kubelet --eviction-pressure-transition-period, 5m

function qty(v: string | number | undefined, dim: string, fallback: number, path: string, issues: Issue[]): number {
  if (v === undefined) return fallback;
  const r = tryParseQuantity(v, dim);
  if (!r.ok) {
    issues.push({ code: 'invalid_quantity', path, message: `${JSON.stringify(v)} is not a valid ${dim} quantity: ${r.reason}` });
    return fallback;
  }
  return r.value;
}

interface Toleration { key?: unknown; operator?: unknown; value?: unknown; effect?: unknown }

/** Whether some toleration tolerates a taint, by Kubernetes' rule (Exists matches any value; an empty key with Exists matches every taint). */
function tolerates(tolerations: readonly Toleration[], taint: { key: string; value?: string | undefined; effect: string }): boolean {
  return tolerations.some((t) => {
    if (t.effect !== undefined && t.effect !== '' && t.effect !== taint.effect) return false;
    if (t.operator === 'Exists') return t.key === undefined || t.key === '' || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
}

// A DaemonSet runs on every host whose labels match its nodeSelector and whose NoSchedule and
// NoExecute taints it tolerates.
function daemonHostsOf(w: ParsedScenario['workloads'][number], hosts: readonly CompiledHost[]): Int32Array {
  const sel = Object.entries(w.nodeSelector ?? {});
  const tol = (w.tolerations ?? []) as Toleration[];
  const out: number[] = [];
  hosts.forEach((h, i) => {
    if (!sel.every(([k, v]) => h.labels[k] === v)) return;
    if (h.taints.some((t) => t.effect !== 'PreferNoSchedule' && !tolerates(tol, t))) return;
    out.push(i);
  });
  return Int32Array.from(out);
}

function must<T>(v: T | undefined, issues: Issue[]): T {
  if (v === undefined && issues.length === 0) throw new Error('internal: a validated quantity failed to parse');
  return v as T;
}

/**
 * Validates a scenario and compiles it. Throws a {@link PodsimError} listing every problem.
 *
 * @example
 * ```ts
 * const compiled = compileScenario({ hosts: [...], workloads: [...] });
 * ```
 */
export function compileScenario(input: unknown): CompiledScenario {
  const s: ParsedScenario = parseScenario(input);
  const issues: Issue[] = [];
  const dims: string[] = ['cpu', 'memory'];
  const addDims = (v: ResourceVector) => { for (const k of Object.keys(v)) if (!dims.includes(k)) dims.push(k); };
  const registries = (s.registries ?? []).map((r, i) => ({ name: r.name, bandwidth: qty(r.bandwidth, 'network', 1e9, `registries[${i}].bandwidth`, issues), latency: r.latency ?? 0 }));
  const layerIndex = new Map<string, number>();
  const layerSizes: number[] = [];
  const layerDigests: string[] = [];
  const imageIndex = new Map<string, number>();
  const images: CompiledImage[] = (s.images ?? []).map((im, i) => {
    imageIndex.set(im.name, i);
    const layers = im.layers.map((l, k) => {
      const size = qty(l.size, 'memory', 0, `images[${i}].layers[${k}].size`, issues);
      let idx = layerIndex.get(l.digest);
      if (idx === undefined) {
        idx = layerSizes.length;
        layerIndex.set(l.digest, idx);
        layerSizes.push(size);
        layerDigests.push(l.digest);
      }
      return idx;
    });
    const reg = im.registry === undefined ? 0 : registries.findIndex((r) => r.name === im.registry);
    return { name: im.name, registry: Math.max(0, reg), layers };
  });
  const priorities = priorityTable(s.priorityClasses);
  const hosts: CompiledHost[] = [];
  s.hosts.forEach((g, gi) => {
    const capacity = must(parseResources(g.capacity, `hosts[${gi}].capacity`, issues), issues);
    addDims(capacity);
    const n = g.count ?? 1;
    const imageCache = qty(g.imageCache, 'ephemeral-storage', DEFAULT_CACHE, `hosts[${gi}].imageCache`, issues);
    const evictionThreshold = qty(g.evictionThreshold, 'memory', DEFAULT_EVICTION, `hosts[${gi}].evictionThreshold`, issues);
    const prePulled: number[] = [];
    (g.prePulled ?? []).forEach((name, k) => {
      const idx = imageIndex.get(name);
      if (idx === undefined) issues.push({ code: 'unknown_image', path: `hosts[${gi}].prePulled[${k}]`, message: `image "${name}" is not among the scenario's images` });
      else prePulled.push(idx);
    });
    for (let i = 0; i < n; i++) hosts.push({ name: `${g.name}-${i}`, group: gi, capacity, labels: g.labels ?? {}, imageCache, prePulled, evictionThreshold, pressureTransition: g.evictionPressureTransitionPeriod ?? DEFAULT_PRESSURE_TRANSITION, taints: g.taints ?? [] });
  });
  const hostIndex = new Map<string, number>();
  hosts.forEach((h, i) => hostIndex.set(h.name, i));
  s.hosts.forEach((g) => { if ((g.count ?? 1) === 1 && !hostIndex.has(g.name)) hostIndex.set(g.name, hosts.findIndex((h) => h.name === `${g.name}-0`)); });
  const resolvePins = (names: readonly string[], path: string): Int32Array => {
    const out = new Int32Array(names.length);
    names.forEach((n, k) => {
      const h = hostIndex.get(n);
      if (h === undefined) issues.push({ code: 'unknown_host', path: `${path}[${k}]`, message: `no host or single-host group is named "${n}"` });
      out[k] = h ?? -1;
    });
    return out;
  };
  const workloads: CompiledWorkload[] = s.workloads.map((w, wi) => {
    const request = must(parseResources(w.request, `workloads[${wi}].request`, issues), issues);
    const limit = w.limit === undefined ? undefined : must(parseResources(w.limit, `workloads[${wi}].limit`, issues), issues);
    addDims(request);
    const p = `workloads[${wi}]`;
    const cpuReq = request.cpu ?? 0;
    const cpuLimit = limit?.cpu ?? Infinity;
    const threads = w.threads ?? (cpuLimit === Infinity ? 1 : Math.ceil(cpuLimit / 1000));
    let memory: MemoryPoint[] = [];
    const usage = w.memory?.usage;
    if (usage !== undefined) {
      if (Array.isArray(usage)) {
        usage.forEach((pt, k) => {
          memory.push({ t: pt.t, bytes: qty(pt.bytes, 'memory', 0, `${p}.memory.usage[${k}].bytes`, issues) });
          if (k > 0 && pt.t < usage[k - 1]!.t) issues.push({ code: 'invalid_value', path: `${p}.memory.usage[${k}].t`, message: 'profile times must not decrease' });
          if (pt.t < 0) issues.push({ code: 'invalid_value', path: `${p}.memory.usage[${k}].t`, message: 'must be at least 0' });
        });
      } else {
        memory = [{ t: 0, bytes: qty(usage, 'memory', 0, `${p}.memory.usage`, issues) }];
      }
    }
    const memoryLimit = limit?.memory ?? Infinity;
    const restartPolicy = w.restartPolicy ?? 'OnFailure';
    if (s.until === undefined && restartPolicy !== 'Never' && memory.some((m) => m.bytes > memoryLimit)) {
      issues.push({ code: 'crash_loop', path: `${p}.memory.usage`, message: `exceeds the memory limit, so the container would be OOM-killed and restarted forever; set the scenario's until or restartPolicy: Never` });
    }
    const image = w.image !== undefined && images.length > 0 ? (imageIndex.get(w.image) ?? -1) : -1;
    const modelled = w.work !== undefined || image >= 0 || w.startup !== undefined || w.readiness !== undefined || usage !== undefined;
    const a = w.arrival;
    const arrival: CompiledArrival =
      a.process === 'poisson' ? { kind: 'poisson', rate: a.rate }
      : a.process === 'interval' ? { kind: 'interval', every: a.every, start: a.start ?? 0 }
      : { kind: 'explicit', times: a.times, durations: a.durations, hosts: a.hosts === undefined ? undefined : resolvePins(a.hosts, `${p}.arrival.hosts`) };
    return {
      name: w.name,
      index: wi,
      count: w.count ?? (a.process === 'explicit' ? a.times.length : Infinity),
      horizon: w.horizon ?? Infinity,
      arrival,
      duration: w.duration === undefined ? undefined : compileDistribution(w.duration),
      request,
      limit,
      modelled,
      cpuWork: w.work === undefined ? undefined : compileDistribution(w.work.cpu),
      dataBytes: w.work?.data === undefined ? undefined : compileDistribution(w.work.data),
      shares: Math.max(2, Math.floor((cpuReq * 1024) / 1000)),
      cpuCap: Math.min(cpuLimit, threads * 1000),
      image,
      pullPolicy: w.imagePullPolicy ?? 'IfNotPresent',
      startup: w.startup === undefined ? undefined : compileDistribution(w.startup),
      readiness: w.readiness === undefined ? undefined : {
        initialDelay: w.readiness.initialDelaySeconds ?? 0,
        period: w.readiness.periodSeconds ?? 10,
        ready: w.readiness.ready === undefined ? undefined : compileDistribution(w.readiness.ready),
      },
      memory,
      memoryLimit,
      restartPolicy,
      daemonHosts: w.daemonSet === true ? daemonHostsOf(w, hosts) : undefined,
      priority: resolvePriority(w, priorities).value,
    };
  });
  if (issues.length > 0) throw new PodsimError(issues, 'invalid scenario');
  return {
    parsed: s,
    seed: s.seed ?? 1,
    until: s.until ?? Infinity,
    dims,
    hosts,
    workloads,
    policy: s.scheduler?.policy ?? 'first-fit',
    queue: s.scheduler?.queue ?? 'fifo',
    sampleInterval: s.timeseries?.interval ?? 0,
    images,
    layerSizes: Float64Array.from(layerSizes),
    layerDigests,
    registries,
    record: s.record ?? 'summary',
  };
}
