import { AlibabaCsv, writeRun, type AlibabaRead } from './alibaba-rows.js';
import { TaskColumns, type TaskBatch } from './task-batch.js';
import { bump } from './trace-report.js';
import type { ReadContext, RowParser } from './trace-stream.js';

/** A container as its first row gave it; `first` is its earliest time. */
interface Container {
  first: number;
  readonly machine: number;
  readonly app: string;
  readonly cpu: number;
  readonly memory: number;
}

/**
 * container_meta: container_id, machine_id, time_stamp, app_du, status, cpu_request, cpu_limit, mem_size.
 *
 * The table has several rows per container (status snapshots over the 8 days). A container is one
 * long-running task from its first row until the window end (an open window: the last time of the
 * input, which every row's time counts towards); later rows are merged into it and counted
 * (`containerRowsMerged`; `containerMachineChanged` and `containerRequestChanged` when they
 * disagree with the first). Its workload key is its `app_du`.
 */
export class Containers extends AlibabaCsv<TaskBatch> implements RowParser<TaskBatch> {
  protected readonly outbox = new TaskColumns();
  private readonly seen = new Map<string, Container>();

  constructor(
    ctx: ReadContext,
    private readonly shared: AlibabaRead,
  ) {
    super(ctx);
  }

  line(buf: Buffer, start: number, end: number, line: number): boolean {
    if (end <= start) return true;
    const report = this.ctx.report;
    report.rows++;
    if (!this.fields(buf, start, end, line, 'container_meta', 8, 2, 'time_stamp')) return !this.stopped;
    const row = this.row;
    if (row.empty(0)) return this.bad('missing_id', 'container_id is required', line);
    const t = this.seconds(2);
    if (t === undefined) return this.bad('invalid_time', `time_stamp "${row.text(2)}" must be whole seconds ≥ 0`, line);
    const cpu = this.resource(5, Infinity);
    const memory = this.resource(7, 100);
    if (cpu === undefined || memory === undefined) return this.bad('invalid_request', `cpu_request "${row.text(5)}" / mem_size "${row.text(7)}" must be numbers`, line);
    if (t > this.shared.maxTime) this.shared.maxTime = t;
    const id = row.text(0);
    const machine = row.empty(1) ? -1 : this.ctx.dictionary.machines.ofText(row.text(1));
    const known = this.seen.get(id);
    if (known !== undefined) {
      bump(report.notes, 'containerRowsMerged');
      if (t < known.first) known.first = t;
      if (machine !== known.machine) bump(report.notes, 'containerMachineChanged');
      if (!Object.is(cpu, known.cpu) || !Object.is(memory, known.memory)) bump(report.notes, 'containerRequestChanged');
      return true;
    }
    this.seen.set(id, { first: t, machine, app: row.text(3), cpu, memory });
    return true;
  }

  finish(): void {
    const dict = this.ctx.dictionary;
    for (const [id, c] of this.seen) {
      const app = c.app === '' ? id : c.app;
      const number = containerNumber(id);
      writeRun(
        this.ctx,
        this.shared,
        this.outbox,
        () => id,
        this.keep,
        c.first,
        0,
        c.cpu,
        c.memory,
        c.machine,
        () => dict.job(app, 'c_'),
        () => (number >= 0 && dict.styleOf(dict.job(app, 'c_')) === 'c_' ? number : dict.memberText(id)),
      );
    }
    this.seen.clear();
  }
}

/** The number in `c_<digits>` (canonical, below 2³¹), else -1. */
function containerNumber(id: string): number {
  if (!id.startsWith('c_')) return -1;
  const digits = id.slice(2);
  if (digits.length === 0 || digits.length > 10 || (digits.length > 1 && digits.charCodeAt(0) === 48) || !/^\d+$/.test(digits)) return -1;
  const v = Number(digits);
  return v < 2 ** 31 ? v : -1;
}
