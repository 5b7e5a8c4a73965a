import { AlibabaCsv, memoryBytes } from './alibaba-rows.js';
import { MachineColumns, MachineEventKind, type MachineEventBatch } from './machine-batch.js';
import { MachineTracker } from './machine-tracker.js';
import { bump } from './trace-report.js';
import type { ReadContext, RowParser } from './trace-stream.js';

/**
 * The `machine_meta` status of a machine that runs work. The trace's other statuses (such as
 * `IMPORT_INSTALLING`, a machine being set up) mean it is not available to the schedulers.
 * @internal
 * @example
 * ```ts
 * IN_SERVICE.has('USING'); // true
 * ```
 */
export const IN_SERVICE: ReadonlySet<string> = new Set(['USING']);

interface MetaRow {
  readonly machine: number;
  readonly time: number;
  readonly cpu: number;
  readonly memory: number;
  readonly inService: boolean;
}

/**
 * machine_meta: machine_id, time_stamp, failure_domain_1, failure_domain_2, cpu_num, mem_size, status.
 *
 * Rows are status snapshots, not in time order: the table (small) is sorted by time in memory, then
 * a machine is added when it is first seen `USING`, updated when its capacity changes while in
 * service, and removed when its status leaves `USING` (counted in `notes.removedByStatus`); rows of a
 * machine out of service are counted in `skipped.notInService`, and a row that changes nothing in
 * `notes.unchangedMachineRow`. A machine only ever `IMPORT_INSTALLING` is never added.
 */
export class MachineMeta extends AlibabaCsv<MachineEventBatch> implements RowParser<MachineEventBatch> {
  private readonly tracker: MachineTracker;
  protected readonly outbox: MachineColumns;
  private readonly rows: MetaRow[] = [];

  constructor(ctx: ReadContext) {
    super(ctx);
    this.tracker = new MachineTracker(ctx.options, ctx.report, ctx.dictionary);
    this.outbox = this.tracker.out;
  }

  line(buf: Buffer, start: number, end: number, line: number): boolean {
    if (end <= start) return true;
    this.ctx.report.rows++;
    if (!this.fields(buf, start, end, line, 'machine_meta', 7, 1, 'time_stamp')) return !this.stopped;
    const row = this.row;
    if (row.empty(0)) return this.bad('missing_id', 'machine_id is required', line);
    const t = this.seconds(1);
    if (t === undefined) return this.bad('invalid_time', `time_stamp "${row.text(1)}" must be whole seconds ≥ 0`, line);
    const cpu = row.num(4);
    const memory = row.num(5);
    if (!(cpu >= 0) || !(memory >= 0)) return this.bad('invalid_capacity', `cpu_num "${row.text(4)}" / mem_size "${row.text(5)}" must be non-negative numbers`, line);
    const status = row.text(6);
    const machine = this.ctx.dictionary.machine(row.text(0), { failureDomain1: row.text(2), failureDomain2: row.text(3) });
    this.rows.push({ machine, time: t, cpu: Math.round(cpu * 1000), memory: memoryBytes(memory, this.ctx.options), inService: IN_SERVICE.has(status) });
    if (!IN_SERVICE.has(status)) bump(this.ctx.report.notes, `status_${status}`);
    return true;
  }

  finish(): void {
    this.rows.sort((a, b) => a.time - b.time);
    const tracker = this.tracker;
    const report = this.ctx.report;
    const present = new Set<number>();
    for (const r of this.rows) {
      if (r.time >= this.ctx.options.end) break;
      tracker.advance(r.time);
      if (r.inService) {
        tracker.event(r.machine, r.time, present.has(r.machine) ? MachineEventKind.Update : MachineEventKind.Add, r.cpu, r.memory);
        present.add(r.machine);
      } else if (present.delete(r.machine)) {
        bump(report.notes, 'removedByStatus');
        tracker.event(r.machine, r.time, MachineEventKind.Remove, r.cpu, r.memory);
      } else bump(report.skipped, 'notInService');
    }
    tracker.finish();
    this.rows.length = 0;
  }
}
