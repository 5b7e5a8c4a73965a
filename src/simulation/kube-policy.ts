import type { ClusterState } from '../cluster/cluster-state.js';
import { KubeScheduler, type KubeExplain } from '../kube/kube-scheduler.js';
import type { KubePreset } from '../kube/resolve-profile.js';
import type { KubePodFields } from '../kube/pod-fields-schema.js';
import { podBackoffSeconds } from '../kube/formulas.js';
import type { Rng } from '../random/streams.js';
import type { ParsedScenario } from '../scenario/validate.js';
import type { HostView, PlacementPolicy, PlacementRequest } from '../scheduling/policy.js';
import { KUBE_POLICY_PRESETS } from '../scheduling/policy-names.js';

/** Per-host explain data recorded for a container, as `podsim explain` prints it. @example `simulate({ ...scenario, scheduler: { policy: 'kube', explain: ['web-0'] } }).scheduling?.explain?.[0]` */
export interface ExplainRecord {
  /** `<workload>-<n>`. */
  readonly container: string;
  /** When the scheduler looked. */
  readonly time: number;
  /** The host chosen, or `null` when none was feasible. */
  readonly host: string | null;
  readonly feasible: number;
  readonly message: string | undefined;
  readonly hosts: ReadonlyArray<{
    readonly host: string;
    readonly feasible: boolean;
    readonly rejections: ReadonlyArray<{ readonly plugin: string; readonly reasons: readonly string[] }>;
    readonly scores: ReadonlyArray<{ readonly plugin: string; readonly raw: number; readonly normalized: number; readonly weight: number }>;
    readonly total: number;
  }>;
}

/**
 * @internal Adapts {@link KubeScheduler} to the simulation's {@link PlacementPolicy}: each container
 * becomes a pod when it is first tried, binds when placed, and leaves when its host releases it.
 * When no host fits, DefaultPreemption may pick victims; the simulation evicts them through `evict`.
 */
export class KubePolicy implements PlacementPolicy {
  readonly name: string;
  readonly kube: KubeScheduler;
  private podOf = new Int32Array(1024).fill(-1);
  private readonly fields: KubePodFields[];
  private readonly owners: string[];
  private readonly requests: ParsedScenario['workloads'][number]['request'][];
  readonly explained: ExplainRecord[] = [];
  /** Set by the simulation: evicts a running container (a preemption victim). */
  evict: (slot: number) => void = () => {};
  /** Set by the simulation: the time now, the submit time and the explain name of a slot. */
  now: () => number = () => 0;
  submitted: (slot: number) => number = () => 0;
  explainName: (slot: number) => string | undefined = () => undefined;
  private readonly slotOfPod: number[] = [];
  preemptions = 0;
  victims = 0;

  constructor(cluster: ClusterState, s: ParsedScenario, requests: ReadonlyArray<Record<string, number>>, rng: Rng) {
    const policy = s.scheduler?.policy ?? 'kube';
    this.name = policy;
    const preset: KubePreset | undefined = policy === 'kube' ? undefined : (KUBE_POLICY_PRESETS as Readonly<Record<string, KubePreset>>)[policy];
    const profiles = s.scheduler?.profiles ?? (preset === undefined ? undefined : [preset]);
    this.kube = new KubeScheduler({
      cluster,
      rng,
      ...(profiles === undefined ? {} : { profiles }),
      ...(s.scheduler?.percentageOfNodesToScore === undefined ? {} : { percentageOfNodesToScore: s.scheduler.percentageOfNodesToScore }),
      nodeFieldsByGroup: s.hosts.map((g) => g),
      ...(s.priorityClasses === undefined ? {} : { priorityClasses: s.priorityClasses }),
      ...(s.podDisruptionBudgets === undefined ? {} : { podDisruptionBudgets: s.podDisruptionBudgets }),
    });
    // One fields object per workload, so the scheduler compiles each workload's terms once.
    this.fields = s.workloads.map((w) => w as KubePodFields);
    this.owners = s.workloads.map((w) => w.name);
    this.requests = requests as typeof this.requests;
    this.initialBackoff = s.scheduler?.podInitialBackoffSeconds ?? 1;
    this.maxBackoff = s.scheduler?.podMaxBackoffSeconds ?? 10;
  }

  readonly initialBackoff: number;
  readonly maxBackoff: number;

  /** Seconds to wait before retrying a container that failed `attempts` times (kube's back-off). */
  backoff(attempts: number): number {
    return podBackoffSeconds(attempts, this.initialBackoff, this.maxBackoff);
  }

  /** The pod's priority, for queue order. */
  priorityOf(slot: number, workload: number): number {
    return this.kube.priorityOf(this.podFor(slot, workload));
  }

  /** The scheduler's pod for a container, registering it on first use. */
  podFor(slot: number, w: number): number {
    if (slot >= this.podOf.length) {
      const b = new Int32Array(Math.max(slot + 1, this.podOf.length * 2)).fill(-1);
      b.set(this.podOf);
      this.podOf = b;
    }
    let pod = this.podOf[slot] as number;
    if (pod < 0) {
      pod = this.kube.addPod({ request: this.requests[w] as Record<string, number>, fields: this.fields[w], owner: this.owners[w], timestamp: this.submitted(slot) });
      this.podOf[slot] = pod;
      this.slotOfPod[pod] = slot;
    }
    return pod;
  }

  select(req: PlacementRequest, _hosts: HostView): number {
    const pod = this.podFor(req.container, req.workload);
    const name = this.explainName(req.container);
    let h = this.kube.schedule(pod);
    if (h < 0) {
      const p = this.kube.preempt(pod);
      if (p !== undefined) {
        this.preemptions++;
        for (const v of p.victims) {
          const slot = this.slotOfPod[v];
          if (slot === undefined) continue;
          this.victims++;
          this.evict(slot);
        }
        h = this.kube.schedule(pod);
      }
    }
    if (name !== undefined) this.record(name, pod, h);
    return h;
  }

  /** Whether a pinned container (a DaemonSet's) may run on its host under the filters. */
  allows(slot: number, workload: number, host: number): boolean {
    return this.kube.checkHost(this.podFor(slot, workload), host).length === 0;
  }

  placed(req: PlacementRequest, host: number): void {
    this.kube.bind(this.podFor(req.container, req.workload), host, this.now());
  }

  released(container: number): void {
    const pod = this.podOf[container] ?? -1;
    if (pod >= 0) {
      this.kube.removePod(pod);
      this.podOf[container] = -1;
    }
  }

  private record(name: string, pod: number, chosen: number): void {
    const e: KubeExplain = this.kube.scoreHosts(pod);
    const names = this.kube.cluster.hostNames;
    this.explained.push({
      container: name,
      time: this.now(),
      host: chosen >= 0 ? (names[chosen] as string) : null,
      feasible: e.feasibleCount,
      message: e.message,
      hosts: e.hosts.map((x, i) => ({
        host: names[i] as string,
        feasible: x.feasible,
        rejections: x.rejections,
        scores: x.scores,
        total: x.total,
      })),
    });
  }
}
