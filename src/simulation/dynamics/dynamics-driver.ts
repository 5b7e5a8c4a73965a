import type { Simulator } from '../../engine/simulator.js';
import type { RandomStreams } from '../../random/streams.js';
import type { CompiledScenario } from '../../scenario/compile.js';
import { isControlled } from '../../dynamics/controlled-arrival.js';
import type { SimulationEvent } from '../observation.js';
import { HostFleet, type FleetCycle, type HostGroupDynamics } from './host-fleet.js';
import { WorkloadControllers, LOST_JOB, type WorkloadDynamicsResult } from './workload-controllers.js';

/**
 * Whether a scenario uses the simulated dynamics (services, Jobs, failures, host events, absent host
 * slots): when not, no driver is built and the run pays nothing.
 *
 * @example
 * ```ts
 * usesDynamics(compileScenario(scenario)); // false for a plain batch scenario
 * ```
 */
export function usesDynamics(s: CompiledScenario): boolean {
  const p = s.parsed;
  return p.workloads.some((w) => isControlled(w) || w.autoscale !== undefined) || p.autoscaler !== undefined || p.hosts.some((h) => h.failures !== undefined) || (p.events ?? []).length > 0 || s.hosts.some((h) => h.absent === true);
}

/** The dynamics' additions to `result.hosts`. @example `result.hosts.failures` */
export interface HostsDynamicsResult {
  /** Host failures in the run (random and scheduled). */
  readonly failures: number;
  /** CPU-seconds of work lost with failed hosts: each lost container's CPU request × its time on the host. */
  readonly lostCpuSeconds: number;
  /** Per host group: failures, repairs and hosts up over time. */
  readonly groups: Readonly<Record<string, HostGroupDynamics>>;
}

/**
 * @internal Issue 12 §§1–2 as one module on the simulation: it observes the run's events (so the hot
 * loop has no dynamics branch) and drives the cycle through its protocols (host conditions, submit,
 * remove). Holds the {@link WorkloadControllers} and the {@link HostFleet}.
 */
export class DynamicsDriver {
  readonly controllers: WorkloadControllers;
  readonly fleet: HostFleet;
  // The workload of each live slot (from `submitted`).
  private slotWorkload = new Int32Array(1024);

  constructor(sim: Simulator, s: CompiledScenario, streams: RandomStreams, cycle: FleetCycle) {
    this.controllers = new WorkloadControllers(sim, s, streams, cycle);
    this.fleet = new HostFleet(sim, s, streams, cycle, this.controllers);
    this.fleet.workloadOf = (slot) => this.slotWorkload[slot] as number;
    this.controllers.onJobFinished = (w) => {
      // BackoffLimitExceeded: the Job controller deletes its active pods (those on hosts; pending ones stay queued).
      for (const set of this.fleet.slots) for (const slot of [...set]) if (this.slotWorkload[slot] === w) { this.controllers.cause = LOST_JOB; cycle.remove(slot); }
    };
  }

  /** The observation listener. */
  readonly listener = (e: SimulationEvent): void => {
    const slot = e.container, w = e.workload, c = this.controllers;
    switch (e.kind) {
      case 'submitted':
        if (slot >= this.slotWorkload.length) { const b = new Int32Array(2 * slot + 2); b.set(this.slotWorkload); this.slotWorkload = b; }
        this.slotWorkload[slot] = w;
        c.submitted(w);
        break;
      case 'rejected': c.rejected(w); break;
      case 'placed': c.placed(slot); (this.fleet.slots[e.host] as Set<number>).add(slot); break;
      case 'ready': c.becameReady(slot, w, this.fleet.state[e.host] === 0); break;
      case 'evicted': case 'preempted': c.disrupted(slot, w); this.fleet.slots[e.host]?.delete(slot); break;
      case 'finished': c.ended(slot, w, 0); this.fleet.slots[e.host]?.delete(slot); break;
      case 'failed': c.ended(slot, w, 1); this.fleet.slots[e.host]?.delete(slot); break;
      case 'lost': c.ended(slot, w, 2); this.fleet.slots[e.host]?.delete(slot); break;
      default:
    }
  };

  /** `result.workloads`. */
  workloads(T: number): Record<string, WorkloadDynamicsResult> {
    return this.controllers.result(T);
  }

  /** The additions to `result.hosts`. */
  hosts(): HostsDynamicsResult {
    return this.fleet.result();
  }
}
