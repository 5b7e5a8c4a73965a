import { MachineColumns, MachineEventKind } from './machine-batch.js';
import type { TraceDictionary } from './trace-dictionary.js';
import type { ResolvedOptions } from './trace-options.js';
import { bump, type TraceReport } from './trace-report.js';
import { Advance } from './task-tracker.js';
import { grown } from '../util/grown.js';

/**
 * Turns machine add/remove/update rows into a consistent, time-ordered stream of
 * {@link MachineEventBatch} rows relative to the window: the state before the window start is folded
 * into `Add` events at time 0; an add of a present machine becomes an update, an update of an
 * absent machine an add, a removal of an absent machine is dropped, and an update or add that
 * changes nothing is dropped, each counted in the report's notes. State per machine is kept in typed
 * arrays indexed by the dictionary's machine index. Expects rows in time order.
 * @internal
 * @example
 * ```ts
 * const m = new MachineTracker(options, report, dictionary);
 * if (m.advance(t) === Advance.Ok) m.event(dictionary.machine('5'), t, MachineEventKind.Add, 4000, 2 ** 33);
 * ```
 */
export class MachineTracker {
  private present = new Uint8Array(1024);
  private cpu = new Float64Array(1024).fill(NaN);
  private memory = new Float64Array(1024).fill(NaN);
  private opened = false;
  private last = -Infinity;
  readonly out = new MachineColumns();

  constructor(
    private readonly o: ResolvedOptions,
    private readonly report: TraceReport,
    private readonly dictionary: TraceDictionary,
  ) {}

  advance(t: number): Advance {
    if (t >= this.o.end) return Advance.Stop;
    if (t < this.last) return Advance.Unsorted;
    this.last = t;
    return Advance.Ok;
  }

  private ensure(machine: number): void {
    if (machine < this.present.length) return;
    let n = this.present.length;
    while (n <= machine) n *= 2;
    this.present = grown(this.present, n);
    this.cpu = grown(this.cpu, n, NaN);
    this.memory = grown(this.memory, n, NaN);
  }

  /** One machine row at trace time `t`; `cpu` and `memory` are already scaled (millicores, bytes), NaN when the row has none. */
  event(machine: number, t: number, kind: MachineEventKind, cpu: number, memory: number): void {
    if (!this.opened && t >= this.o.start) this.open();
    this.ensure(machine);
    const was = this.present[machine] === 1;
    const oldCpu = this.cpu[machine] as number;
    const oldMemory = this.memory[machine] as number;
    if (cpu === cpu) this.cpu[machine] = cpu;
    if (memory === memory) this.memory[machine] = memory;
    let event: MachineEventKind = kind;
    if (kind === MachineEventKind.Add && was) {
      bump(this.report.notes, 'addWhilePresent');
      event = MachineEventKind.Update;
    } else if (kind === MachineEventKind.Update && !was) {
      bump(this.report.notes, 'updateWhileAbsent');
      event = MachineEventKind.Add;
    } else if (kind === MachineEventKind.Remove && !was) {
      bump(this.report.skipped, 'removeWhileAbsent');
      return;
    }
    if (event === MachineEventKind.Update && Object.is(oldCpu, this.cpu[machine]) && Object.is(oldMemory, this.memory[machine])) {
      bump(this.report.notes, 'unchangedMachineRow');
      return;
    }
    this.present[machine] = event === MachineEventKind.Remove ? 0 : 1;
    if (this.opened) this.push((t - this.o.start) / this.o.perSecond, event, machine);
  }

  private push(time: number, event: MachineEventKind, machine: number): void {
    const cpu = this.cpu[machine] as number;
    const memory = this.memory[machine] as number;
    if (cpu !== cpu || memory !== memory) bump(this.report.notes, 'missingCapacity');
    this.out.push(time, event, machine, cpu === cpu ? cpu : 0, memory === memory ? memory : 0);
  }

  /** Emits the machines present when the window opens, as `Add` events at time 0 (in machine-index order, that is first-seen order). */
  private open(): void {
    this.opened = true;
    const n = Math.min(this.present.length, this.dictionary.machines.size);
    for (let m = 0; m < n; m++) if (this.present[m] === 1) this.push(0, MachineEventKind.Add, m);
  }

  finish(): void {
    if (!this.opened) this.open();
  }
}
