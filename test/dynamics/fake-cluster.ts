// A small cluster for the autoscaler loops' unit tests: hosts, bound and pending pods, timers, and a
// first-fit binder. It implements the narrow interfaces the loops use (AutoscalerCluster, HpaTarget).
import type { AutoscalerCluster } from '../../src/dynamics/autoscaler-host.js';
import type { EstimatorPodGroup } from '../../src/dynamics/binpacking-estimator.js';
import type { ScaleDownPod } from '../../src/dynamics/drainability.js';

export interface FakePod { request: number[]; since: number; duration: number; host: number; end: number; controller?: ScaleDownPod['controller'] }
interface FakeHost { group: number; allocatable: number[]; exists: boolean; ready: boolean }

export class FakeCluster implements AutoscalerCluster {
  now = 0;
  version = 0;
  hosts: FakeHost[] = [];
  pods: FakePod[] = [];
  log: string[] = [];
  private timers: { t: number; fn: () => void }[] = [];

  constructor(readonly templates: number[][]) {}

  get hostCount() { return this.hosts.length; }
  exists(h: number) { return this.hosts[h]!.exists; }
  ready(h: number) { return this.hosts[h]!.ready; }
  hostGroup(h: number) { return this.hosts[h]!.group; }
  allocatable(h: number) { return this.hosts[h]!.allocatable; }
  boundPods(): ScaleDownPod[] {
    return this.pods.filter((p) => p.host >= 0).map((p) => ({ host: p.host, request: p.request, controller: p.controller ?? 'ReplicaSet' }));
  }
  unschedulable(since: number): EstimatorPodGroup[] {
    const groups = new Map<string, { request: number[]; count: number }>();
    for (const p of this.pods) if (p.host < 0 && p.since <= since) {
      const k = p.request.join();
      const g = groups.get(k) ?? groups.set(k, { request: p.request, count: 0 }).get(k)!;
      g.count++;
    }
    return [...groups.values()];
  }
  addHost(group: number): number {
    this.hosts.push({ group, allocatable: [...this.templates[group]!], exists: true, ready: true });
    this.version++;
    this.log.push(`${this.now}: add ${this.hosts.length - 1}`);
    this.bind();
    return this.hosts.length - 1;
  }
  removeHost(h: number): boolean {
    if (!this.hosts[h]!.exists) return false;
    this.hosts[h]!.exists = false;
    for (const p of this.pods) if (p.host === h) { p.host = -1; p.since = this.now; }
    this.version++;
    this.log.push(`${this.now}: remove ${h}`);
    this.bind();
    return true;
  }
  at(t: number, fn: () => void): void {
    this.timers.push({ t, fn });
    this.timers.sort((a, b) => a.t - b.t);
  }
  submit(request: number[], duration: number, count = 1, controller?: ScaleDownPod['controller']): void {
    for (let i = 0; i < count; i++) this.pods.push({ request, since: this.now, duration, host: -1, end: Infinity, ...(controller === undefined ? {} : { controller }) });
    this.bind();
  }
  /** Runs timers and pod completions up to t, then sets the clock to t. */
  advance(t: number): void {
    for (;;) {
      const nextTimer = this.timers[0]?.t ?? Infinity;
      const nextEnd = Math.min(...this.pods.map((p) => p.end));
      const next = Math.min(nextTimer, nextEnd);
      if (next > t) break;
      this.now = next;
      if (nextTimer <= nextEnd) this.timers.shift()!.fn();
      else {
        this.pods = this.pods.filter((p) => p.end !== next);
        this.version++;
        this.bind();
      }
    }
    this.now = t;
  }
  private used(h: number): number[] {
    const u = this.hosts[h]!.allocatable.map(() => 0);
    for (const p of this.pods) if (p.host === h) p.request.forEach((r, d) => { u[d]! += r; });
    return u;
  }
  private bind(): void {
    for (const p of this.pods) {
      if (p.host >= 0) continue;
      for (let h = 0; h < this.hosts.length; h++) {
        const host = this.hosts[h]!;
        if (!host.exists || !host.ready) continue;
        const u = this.used(h);
        if (p.request.every((r, d) => u[d]! + r <= host.allocatable[d]!)) {
          p.host = h;
          p.end = this.now + p.duration;
          this.version++;
          break;
        }
      }
    }
  }
}
