import type { TraceDictionary } from './trace-dictionary.js';
import type { TraceMachine } from './trace-records.js';

/**
 * What a machine event does, in {@link MachineEventBatch.kind}.
 *
 * @example
 * ```ts
 * if (batch.kind[i] === MachineEventKind.Remove) hosts.fail(batch.machine[i]!);
 * ```
 */
export const MachineEventKind = {
  /** The machine joins the cluster with `cpu`/`memory` capacity. */
  Add: 0,
  /** The machine leaves the cluster (failure, maintenance, decommissioning); `cpu`/`memory` are what it had. */
  Remove: 1,
  /** The machine's capacity becomes `cpu`/`memory`. */
  Update: 2,
} as const;

/** @example const kind: MachineEventKind = MachineEventKind.Add; */
export type MachineEventKind = (typeof MachineEventKind)[keyof typeof MachineEventKind];

const KIND_NAMES = ['add', 'remove', 'update'] as const;

/**
 * A batch of machine events as typed-array columns, in time order: a machine present when the
 * window opens is an `Add` at time 0, later adds, removals and capacity updates come at their
 * time. The stream is consistent: a machine is added before it is updated or removed, and never
 * added twice without a removal in between (the readers fold the trace's repeats into updates
 * and count them). Machines are indices into the stream's `dictionary.machines`, the same indices
 * as the tasks' recorded machines.
 *
 * @example
 * ```ts
 * for await (const b of records.machines.batches()) {
 *   for (let i = 0; i < b.length; i++) if (b.kind[i] === MachineEventKind.Add) add(b.machine[i]!, b.cpu[i]!, b.memory[i]!);
 * }
 * ```
 */
export interface MachineEventBatch {
  /** Number of events. */
  readonly length: number;
  /** When, in seconds from the window start. */
  readonly time: Float64Array;
  /** {@link MachineEventKind}. */
  readonly kind: Uint8Array;
  /** The machine (index into `dictionary.machines`). */
  readonly machine: Int32Array;
  /** CPU capacity after the event, in millicores (for `Remove`, what it had). */
  readonly cpu: Float64Array;
  /** Memory capacity after the event, in bytes. */
  readonly memory: Float64Array;
}

/**
 * A growable {@link MachineEventBatch} filled event by event. @internal
 * @example
 * ```ts
 * const cols = new MachineColumns();
 * cols.push(0, MachineEventKind.Add, 3, 4000, 2 ** 33);
 * cols.take()?.length; // 1
 * ```
 */
export class MachineColumns implements MachineEventBatch {
  length = 0;
  time = new Float64Array(256);
  kind = new Uint8Array(256);
  machine = new Int32Array(256);
  cpu = new Float64Array(256);
  memory = new Float64Array(256);

  push(time: number, kind: MachineEventKind, machine: number, cpu: number, memory: number): void {
    const i = this.length;
    if (i === this.time.length) {
      const grow = <A extends Float64Array | Int32Array | Uint8Array>(a: A, make: (n: number) => A): A => {
        const b = make(a.length * 2);
        b.set(a as never);
        return b;
      };
      this.time = grow(this.time, (n) => new Float64Array(n));
      this.kind = grow(this.kind, (n) => new Uint8Array(n));
      this.machine = grow(this.machine, (n) => new Int32Array(n));
      this.cpu = grow(this.cpu, (n) => new Float64Array(n));
      this.memory = grow(this.memory, (n) => new Float64Array(n));
    }
    this.time[i] = time;
    this.kind[i] = kind;
    this.machine[i] = machine;
    this.cpu[i] = cpu;
    this.memory[i] = memory;
    this.length = i + 1;
  }

  /** Hands over the events pushed since the last take, or undefined when there are none. */
  take(): MachineEventBatch | undefined {
    const n = this.length;
    if (n === 0) return undefined;
    const batch: MachineEventBatch = {
      length: n,
      time: this.time.slice(0, n),
      kind: this.kind.slice(0, n),
      machine: this.machine.slice(0, n),
      cpu: this.cpu.slice(0, n),
      memory: this.memory.slice(0, n),
    };
    this.length = 0;
    return batch;
  }
}

/**
 * Event `i` of a machine batch as a {@link TraceMachine} object, with the machine's latest labels.
 *
 * @example
 * ```ts
 * const m = machineRecord(batch, 0, stream.dictionary); // { id: '5', time: 0, event: 'add', … }
 * ```
 */
export function machineRecord(b: MachineEventBatch, i: number, dict: TraceDictionary): TraceMachine {
  const machine = b.machine[i] as number;
  const m: { -readonly [K in keyof TraceMachine]: TraceMachine[K] } = {
    id: dict.machines.name(machine),
    time: b.time[i] as number,
    event: KIND_NAMES[b.kind[i] as number] as TraceMachine['event'],
    capacity: { cpu: b.cpu[i] as number, memory: b.memory[i] as number },
  };
  const labels = dict.machineLabels[machine];
  if (labels !== undefined) m.labels = labels;
  return m;
}
