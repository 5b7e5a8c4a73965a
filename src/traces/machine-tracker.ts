import type { TraceMachine } from './trace-records.js';
import type { ResolvedOptions } from './trace-options.js';
import { bump, type TraceReport } from './trace-report.js';
import { Advance } from './task-tracker.js';

interface MachineState {
  present: boolean;
  cpu: number;
  memory: number;
  labels: Record<string, string> | undefined;
}

/**
 * Turns machine add/remove/update rows into {@link TraceMachine} events relative to the window:
 * the state before the window start is folded into `add` events at time 0. Holds one small record
 * per machine. Expects rows in time order.
 * @internal
 * @example
 * ```ts
 * const m = new MachineTracker(options, report);
 * if (m.advance(t) === Advance.Ok) m.event('5', t, 'add', 4000, 2 ** 33, undefined);
 * ```
 */
export class MachineTracker {
  private readonly state = new Map<string, MachineState>();
  private opened = false;
  private last = -Infinity;
  out: TraceMachine[] = [];

  constructor(
    private readonly o: ResolvedOptions,
    private readonly report: TraceReport,
  ) {}

  advance(t: number): Advance {
    if (t >= this.o.end) return Advance.Stop;
    if (t < this.last) return Advance.Unsorted;
    this.last = t;
    return Advance.Ok;
  }

  /** One machine row; `cpu` and `memory` are already scaled (millicores, bytes), NaN when absent. */
  event(id: string, t: number, kind: 'add' | 'remove' | 'update', cpu: number, memory: number, labels: Record<string, string> | undefined): void {
    if (!this.opened && t >= this.o.start) this.open();
    let s = this.state.get(id);
    if (s === undefined) {
      s = { present: false, cpu: NaN, memory: NaN, labels: undefined };
      this.state.set(id, s);
    }
    if (!Number.isNaN(cpu)) s.cpu = cpu;
    if (!Number.isNaN(memory)) s.memory = memory;
    if (labels !== undefined) s.labels = labels;
    let event = kind;
    if (kind === 'add' && s.present) {
      bump(this.report.notes, 'addWhilePresent');
      event = 'update';
    } else if (kind === 'update' && !s.present) {
      bump(this.report.notes, 'updateWhileAbsent');
      event = 'add';
    } else if (kind === 'remove' && !s.present) {
      bump(this.report.notes, 'removeWhileAbsent');
      return;
    }
    s.present = event !== 'remove';
    if (this.opened) this.push(id, (t - this.o.start) / this.o.perSecond, event, s);
  }

  private push(id: string, time: number, event: TraceMachine['event'], s: MachineState): void {
    if (Number.isNaN(s.cpu) || Number.isNaN(s.memory)) bump(this.report.notes, 'missingCapacity');
    const m: { -readonly [K in keyof TraceMachine]: TraceMachine[K] } = {
      id,
      time,
      event,
      capacity: { cpu: Number.isNaN(s.cpu) ? 0 : s.cpu, memory: Number.isNaN(s.memory) ? 0 : s.memory },
    };
    if (s.labels !== undefined) m.labels = s.labels;
    this.out.push(m);
  }

  /** Emits the machines present when the window opens, as `add` events at time 0. */
  private open(): void {
    this.opened = true;
    for (const [id, s] of this.state) if (s.present) this.push(id, 0, 'add', s);
  }

  finish(): void {
    if (!this.opened) this.open();
  }
}
