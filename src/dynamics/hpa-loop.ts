import type { HpaTarget } from './autoscaler-host.js';
import { resolveHpaOptions, type HpaOptions, type ResolvedHpaOptions } from './hpa-behavior.js';
import { HpaController, type HpaReason, type HpaSpec } from './hpa-controller.js';
import { HpaPods } from './hpa-pods.js';

/**
 * One HorizontalPodAutoscaler in a run: the service it scales (by workload index and name) and its spec.
 *
 * @example
 * ```ts
 * const b: HpaBinding = { workload: 0, name: 'web', spec: { minReplicas: 2, maxReplicas: 20, targetCPUUtilization: 70 } };
 * ```
 */
export interface HpaBinding {
  readonly workload: number;
  readonly name: string;
  readonly spec: HpaSpec;
}

/**
 * A change of `spec.replicas` made by an HPA.
 *
 * @example
 * ```ts
 * const e: HpaScaleEvent = { time: 60, workload: 'web', from: 1, to: 4, utilization: 180, reason: 'DesiredWithinRange' };
 * ```
 */
export interface HpaScaleEvent {
  readonly time: number;
  readonly workload: string;
  readonly from: number;
  readonly to: number;
  /** The average CPU utilisation the replica calculator saw, % of requests. */
  readonly utilization: number;
  readonly reason: HpaReason;
}

/**
 * The HPA controller of a cluster: every `syncPeriod` (15 s, `--horizontal-pod-autoscaler-sync-period`)
 * {@link HpaLoop.sync} reconciles each autoscaler in turn (pkg/controller/podautoscaler/horizontal.go
 * `reconcileAutoscaler`): it reads the target's `spec.replicas` and pods through the {@link HpaTarget},
 * runs its {@link HpaController}, and writes the new count back when it changed. The caller (the
 * simulation) schedules the syncs at 0, 15, 30, … s.
 *
 * @example
 * ```ts
 * const loop = new HpaLoop([{ workload: 0, name: 'web', spec }], target);
 * for (let t = 0; t <= 600; t += loop.syncPeriod) loop.sync(t);
 * loop.events; // every change of spec.replicas
 * ```
 */
export class HpaLoop {
  readonly options: ResolvedHpaOptions;
  readonly controllers: readonly HpaController[];
  /** Every change of `spec.replicas`, in time order. */
  readonly events: HpaScaleEvent[] = [];
  private readonly pods = new HpaPods();

  constructor(readonly bindings: readonly HpaBinding[], private readonly target: HpaTarget, options?: HpaOptions) {
    this.options = resolveHpaOptions(options);
    this.controllers = bindings.map((b) => new HpaController(b.spec, options));
  }

  /** Seconds between syncs. */
  get syncPeriod(): number {
    return this.options.syncPeriod;
  }

  /** One sync of every autoscaler at `now`. */
  sync(now: number): void {
    for (let i = 0; i < this.bindings.length; i++) {
      const b = this.bindings[i] as HpaBinding, hpa = this.controllers[i] as HpaController;
      const current = this.target.replicas(b.workload);
      this.target.observePods(b.workload, now, this.pods);
      const next = hpa.sync(now, current, this.pods);
      if (next === current) continue;
      this.target.setReplicas(b.workload, next);
      this.events.push({ time: now, workload: b.name, from: current, to: next, utilization: hpa.calculation.utilization, reason: hpa.lastReason });
    }
  }
}

/**
 * `result.timeseries.replicas`: per service, its desired (`spec.replicas`) and ready replicas at each sample.
 *
 * @example
 * ```ts
 * const series = new ReplicaSeries([{ workload: 0, name: 'web' }]);
 * series.add(target); // at each sample
 * series.build(); // { web: { desired: [...], ready: [...] } }
 * ```
 */
export class ReplicaSeries {
  private readonly desired: number[][];
  private readonly ready: number[][];

  constructor(private readonly services: readonly { readonly workload: number; readonly name: string }[]) {
    this.desired = services.map(() => []);
    this.ready = services.map(() => []);
  }

  /** Takes one sample. */
  add(target: Pick<HpaTarget, 'replicas' | 'readyReplicas'>): void {
    this.services.forEach((s, i) => {
      (this.desired[i] as number[]).push(target.replicas(s.workload));
      (this.ready[i] as number[]).push(target.readyReplicas(s.workload));
    });
  }

  build(): Record<string, { readonly desired: readonly number[]; readonly ready: readonly number[] }> {
    const out: Record<string, { desired: number[]; ready: number[] }> = {};
    this.services.forEach((s, i) => { out[s.name] = { desired: this.desired[i] as number[], ready: this.ready[i] as number[] }; });
    return out;
  }
}
