import { PodsimError } from '../errors.js';
import { addedHostSlots, controlledArrival } from '../dynamics/controlled-arrival.js';
import { compileDistribution, type Sampler } from '../random/distributions.js';
import { parseResources } from '../resources/parse.js';
import { tryParseQuantity } from '../resources/quantity.js';
import type { ResourceVector } from '../resources/vector.js';
import type { MemoryPoint } from '../performance/memory-at.js';
import type { Image, Layer, Registry } from '../performance/image.js';
import { cpuCap, cpuQuota, cpuShares } from '../performance/cpu-shares.js';
import { READINESS_DEFAULTS } from '../performance/readiness-delay.js';
import { DEFAULT_MEMORY_EVICTION_THRESHOLD } from '../performance/under-memory-pressure.js';
import { resolveRegistry } from '../performance/resolve-registry.js';
import type { Issue } from '../errors.js';
import type { ParsedScenario } from './validate.js';
import { parseScenario } from './validate.js';
import type { PolicyName } from './schema.js';
import { priorityTable, resolvePriority } from '../kube/priority.js';
import { mayRunOn } from './may-run-on.js';
import type { Taint } from '../kube/node-fields-schema.js';

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
  readonly taints: readonly Taint[];
  /** A slot kept for hosts added later (`add` events): absent until then. */
  readonly absent?: boolean;
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
  /** CFS weight: cpu.shares from the CPU request ({@link cpuShares}: 2 to 262144). */
  readonly shares: number;
  /** Most millicores the container can use: min(limit, threads × 1000) ({@link cpuCap}). */
  readonly cpuCap: number;
  /** The CPU limit as a rate, millicores; `Infinity` without one ({@link cpuQuota}). Running at it is throttling. */
  readonly cpuQuota: number;
  /** The CPU limit as written (millicores), for `soloTime` (`podsim/performance`); `undefined` without one. */
  readonly cpuLimit: number | undefined;
  /** The threads as written, for `soloTime` (`podsim/performance`); `undefined`: the default of {@link cpuCap}. */
  readonly threads: number | undefined;
  /** Index into {@link CompiledScenario.images}, or -1. */
  readonly image: number;
  readonly pullPolicy: 'IfNotPresent' | 'Always' | 'Never';
  readonly startup: Sampler | undefined;
  readonly readiness: { readonly initialDelay: number; readonly period: number; readonly ready: Sampler | undefined } | undefined;
  /** Memory usage profile, bytes by seconds since start (one point: constant); empty when the workload gives none. */
  readonly memory: readonly MemoryPoint[];
  /** Memory limit in bytes, or Infinity. */
  readonly memoryLimit: number;
  readonly restartPolicy: 'Always' | 'OnFailure' | 'Never';
  /** Scheduling priority, from the one resolver ({@link resolvePriority}) that kube-scheduler uses too. */
  readonly priority: number;
  /** For a DaemonSet-like workload: the hosts it runs one container on (matching nodeSelector, tolerating taints). */
  readonly daemonHosts: Int32Array | undefined;
}

/**
 * A container image, compiled: an {@link Image} as the performance model's functions take it (a
 * layer listed by several images is one object), with the registry it is pulled from.
 *
 * @example `{ name: 'web', layers: [{ digest: 'sha256:aa', size: 1e8 }], source: { name: 'hub', bandwidth: 1e9, latency: 0.2 } }`
 */
export interface CompiledImage extends Image {
  /** The registry that serves it ({@link resolveRegistry}); `undefined` when the scenario lists none. */
  readonly source: Registry | undefined;
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
  readonly registries: readonly Registry[];
  readonly record: 'summary' | 'containers';
  /** Seconds at the start deleted from waits and time averages (0 for none). */
  readonly warmup: number;
}

/**
 * @internal The issue of a scenario that cannot end: every workload's containers run until the
 * simulation ends (services: no duration, no work, no per-arrival durations) and there is no
 * `until`, so a run to the end would stop at the last arrival with nothing measured. `undefined`
 * when it can end. {@link simulate} and `Simulation.run()` to the end refuse such a run.
 *
 * @example
 * ```ts
 * needsUntil(compileScenario(scenario))?.path; // 'until'
 * ```
 */
export function needsUntil(c: CompiledScenario): Issue | undefined {
  const s = c.parsed;
  if (s.until !== undefined) return undefined;
  const ending = s.workloads.filter((w) => w.count !== 0);
  if (ending.length === 0 || !ending.every((w) => w.duration === undefined && w.work === undefined && !(w.arrival?.process === 'explicit' && w.arrival.durations !== undefined))) return undefined;
  const names = ending.slice(0, 3).map((w) => `"${w.name}"`).join(', ') + (ending.length > 3 ? ', …' : '');
  return { code: 'needs_until', path: 'until', message: `is required: no workload's containers ever end (${names} ${ending.length === 1 ? 'has' : 'have'} no duration nor work, so ${ending.length === 1 ? 'it is a service' : 'they are services'}), and without until the run would stop at the last arrival with nothing measured. Set the scenario's until (e.g. until: 3600, or --until 1h on the command line), or give a workload a duration` };
}

const GiB = 2 ** 30;
const DEFAULT_CACHE = 100 * GiB;
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

// A DaemonSet runs on every host it may run on: labels matching its nodeSelector, NoSchedule and
// NoExecute taints tolerated.
function daemonHostsOf(w: ParsedScenario['workloads'][number], hosts: readonly CompiledHost[]): Int32Array {
  const out: number[] = [];
  hosts.forEach((h, i) => { if (h.absent !== true && mayRunOn(w, h.labels, h.taints)) out.push(i); });
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
  const registries: Registry[] = (s.registries ?? []).map((r, i) => ({ name: r.name, bandwidth: qty(r.bandwidth, 'network', 1e9, `registries[${i}].bandwidth`, issues), latency: r.latency ?? 0 }));
  // A digest is one layer, whichever images list it (its first size is kept).
  const layers = new Map<string, Layer>();
  const imageIndex = new Map<string, number>();
  const images: CompiledImage[] = (s.images ?? []).map((im, i) => {
    imageIndex.set(im.name, i);
    const imageLayers = im.layers.map((l, k) => {
      const size = qty(l.size, 'memory', 0, `images[${i}].layers[${k}].size`, issues);
      let layer = layers.get(l.digest);
      if (layer === undefined) layers.set(l.digest, (layer = { digest: l.digest, size }));
      return layer;
    });
    const image = { name: im.name, layers: imageLayers, ...(im.registry === undefined ? {} : { registry: im.registry }) };
    return { ...image, source: resolveRegistry(image, registries) };
  });
  const priorities = priorityTable(s.priorityClasses);
  const hosts: CompiledHost[] = [];
  const groupStart: number[] = [];
  s.hosts.forEach((g, gi) => {
    groupStart.push(hosts.length);
    const capacity = must(parseResources(g.capacity, `hosts[${gi}].capacity`, issues), issues);
    addDims(capacity);
    const n = g.count ?? 1;
    const imageCache = qty(g.imageCache, 'ephemeral-storage', DEFAULT_CACHE, `hosts[${gi}].imageCache`, issues);
    const evictionThreshold = qty(g.evictionThreshold, 'memory', DEFAULT_MEMORY_EVICTION_THRESHOLD, `hosts[${gi}].evictionThreshold`, issues);
    const prePulled: number[] = [];
    (g.prePulled ?? []).forEach((name, k) => {
      const idx = imageIndex.get(name);
      if (idx === undefined) issues.push({ code: 'unknown_image', path: `hosts[${gi}].prePulled[${k}]`, message: `image "${name}" is not among the scenario's images` });
      else prePulled.push(idx);
    });
    const slots = n + addedHostSlots(s, g.name);
    for (let i = 0; i < slots; i++) hosts.push({ name: `${g.name}-${i}`, group: gi, capacity, labels: g.labels ?? {}, imageCache, prePulled, evictionThreshold, pressureTransition: g.evictionPressureTransitionPeriod ?? DEFAULT_PRESSURE_TRANSITION, taints: g.taints ?? [], ...(i >= n ? { absent: true } : {}) });
  });
  const hostIndex = new Map<string, number>();
  hosts.forEach((h, i) => hostIndex.set(h.name, i));
  // A single-host group answers to its own name too (a trace's machines: one group each); its host is the group's first.
  s.hosts.forEach((g, gi) => { if ((g.count ?? 1) === 1 && !hostIndex.has(g.name)) hostIndex.set(g.name, groupStart[gi] as number); });
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
    let memory: MemoryPoint[] = [];
    // usage.memory is memory.usage under another name (the schema allows one of them).
    const usage = w.memory?.usage ?? w.usage?.memory;
    const mp = w.memory?.usage !== undefined ? `${p}.memory.usage` : `${p}.usage.memory`;
    if (usage !== undefined) {
      if (Array.isArray(usage)) {
        usage.forEach((pt, k) => {
          memory.push({ t: pt.t, bytes: qty(pt.bytes, 'memory', 0, `${mp}[${k}].bytes`, issues) });
          if (k > 0 && pt.t < usage[k - 1]!.t) issues.push({ code: 'invalid_value', path: `${mp}[${k}].t`, message: 'profile times must not decrease' });
          if (pt.t < 0) issues.push({ code: 'invalid_value', path: `${mp}[${k}].t`, message: 'must be at least 0' });
        });
      } else {
        memory = [{ t: 0, bytes: qty(usage, 'memory', 0, mp, issues) }];
      }
    }
    const memoryLimit = limit?.memory ?? Infinity;
    const restartPolicy = w.restartPolicy ?? 'OnFailure';
    if (s.until === undefined && restartPolicy !== 'Never' && memory.some((m) => m.bytes > memoryLimit)) {
      issues.push({ code: 'crash_loop', path: mp, message: `exceeds the memory limit, so the container would be OOM-killed and restarted forever; set the scenario's until or restartPolicy: Never` });
    }
    const image = w.image !== undefined && images.length > 0 ? (imageIndex.get(w.image) ?? -1) : -1;
    const modelled = w.work !== undefined || image >= 0 || w.startup !== undefined || w.readiness !== undefined || usage !== undefined;
    const a = controlledArrival(w);
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
      shares: cpuShares(request.cpu),
      cpuCap: cpuCap(limit?.cpu, w.threads),
      cpuQuota: cpuQuota(limit?.cpu),
      cpuLimit: limit?.cpu,
      threads: w.threads,
      image,
      pullPolicy: w.imagePullPolicy ?? 'IfNotPresent',
      startup: w.startup === undefined ? undefined : compileDistribution(w.startup),
      readiness: w.readiness === undefined ? undefined : {
        initialDelay: w.readiness.initialDelaySeconds ?? READINESS_DEFAULTS.initialDelaySeconds,
        period: w.readiness.periodSeconds ?? READINESS_DEFAULTS.periodSeconds,
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
    registries,
    record: s.record ?? 'summary',
    warmup: s.warmup ?? 0,
  };
}
