import { AlibabaCsv, batchVerdict, writeRun, type AlibabaRead } from './alibaba-rows.js';
import { TaskColumns, type TaskBatch } from './task-batch.js';
import { bump } from './trace-report.js';
import type { ReadContext, RowParser } from './trace-stream.js';

const INT31 = 2 ** 31;

/**
 * The requests of the batch tasks that instances may join: `plan_cpu` and `plan_mem` by `job/task`
 * key, in number arrays (one entry per task, not per instance). @internal
 * @example
 * ```ts
 * const plans = new BatchPlans();
 * plans.set('j_1/M1', 100, 0.5);
 * ```
 */
export class BatchPlans {
  private readonly index = new Map<string, number>();
  private readonly cpu: number[] = [];
  private readonly memory: number[] = [];

  set(key: string, cpu: number, memory: number): void {
    const i = this.index.get(key);
    if (i !== undefined) {
      this.cpu[i] = cpu;
      this.memory[i] = memory;
      return;
    }
    this.index.set(key, this.cpu.length);
    this.cpu.push(cpu);
    this.memory.push(memory);
  }

  /** The plan's index, or -1. */
  find(key: string): number {
    return this.index.get(key) ?? -1;
  }

  cpuOf(i: number): number {
    return this.cpu[i] as number;
  }

  memoryOf(i: number): number {
    return this.memory[i] as number;
  }
}

/** batch_task: task_name, instance_num, job_name, task_type, status, start_time, end_time, plan_cpu, plan_mem */
export class BatchTasks extends AlibabaCsv<TaskBatch> implements RowParser<TaskBatch> {
  protected readonly outbox = new TaskColumns();

  constructor(
    ctx: ReadContext,
    private readonly shared: AlibabaRead,
    /** When set, rows are kept here for the instances instead of being expanded into tasks. */
    private readonly plans: BatchPlans | undefined,
  ) {
    super(ctx);
  }

  line(buf: Buffer, start: number, end: number, line: number): boolean {
    if (end <= start) return true;
    const report = this.ctx.report;
    report.rows++;
    if (!this.fields(buf, start, end, line, 'batch_task', 9, 5, 'start_time')) return !this.stopped;
    const row = this.row;
    if (row.empty(0) || row.empty(2)) return this.bad('missing_id', 'task_name and job_name are required', line);
    const n = row.num(1);
    if (!(n >= 0 && Number.isInteger(n))) return this.bad('invalid_count', `instance_num "${row.text(1)}" is not a non-negative integer`, line);
    const s = this.seconds(5);
    const e = this.seconds(6);
    if (s === undefined || e === undefined) return this.bad('invalid_time', `start_time "${row.text(5)}" / end_time "${row.text(6)}" must be whole seconds ≥ 0`, line);
    const cpu = this.resource(7, Infinity);
    const memory = this.resource(8, 100);
    if (cpu === undefined || memory === undefined) return this.bad('invalid_request', `plan_cpu "${row.text(7)}" / plan_mem "${row.text(8)}" must be numbers`, line);
    this.shared.maxTime = Math.max(this.shared.maxTime, s, e);
    const o = this.ctx.options;
    const key = `${row.text(2)}/${row.text(0)}`;
    if (this.plans !== undefined) {
      // Keep only plans that can matter to instances inside the window.
      if (s >= o.end || (e > 0 && e <= o.start)) {
        bump(report.skipped, 'taskOutsideWindow');
        return true;
      }
      this.plans.set(key, cpu, memory);
      return true;
    }
    const verdict = batchVerdict(row.text(4), s, e, report.notes);
    if (verdict !== 'run') {
      bump(report.skipped, verdict, n);
      return true;
    }
    const dict = this.ctx.dictionary;
    const job = dict.job(key);
    for (let i = 0; i < n; i++) {
      const member = i < INT31 ? i : dict.memberText(`${key}/${i}`);
      writeRun(this.ctx, this.shared, this.outbox, () => `${key}/${i}`, this.keep, s, e, cpu, memory, -1, () => job, () => member);
    }
    return !this.stopped;
  }

  finish(): void {}
}

/** batch_instance: instance_name, task_name, job_name, task_type, status, start_time, end_time, machine_id, seq_no, total_seq_no, cpu_avg, cpu_max, mem_avg, mem_max */
export class BatchInstances extends AlibabaCsv<TaskBatch> implements RowParser<TaskBatch> {
  protected readonly outbox = new TaskColumns();

  constructor(
    ctx: ReadContext,
    private readonly shared: AlibabaRead,
    private readonly plans: BatchPlans,
  ) {
    super(ctx);
  }

  line(buf: Buffer, start: number, end: number, line: number): boolean {
    if (end <= start) return true;
    const report = this.ctx.report;
    report.rows++;
    if (!this.fields(buf, start, end, line, 'batch_instance', 14, 5, 'start_time')) return !this.stopped;
    const row = this.row;
    if (row.empty(0) || row.empty(1) || row.empty(2)) return this.bad('missing_id', 'instance_name, task_name and job_name are required', line);
    const s = this.seconds(5);
    const e = this.seconds(6);
    if (s === undefined || e === undefined) return this.bad('invalid_time', `start_time "${row.text(5)}" / end_time "${row.text(6)}" must be whole seconds ≥ 0`, line);
    this.shared.maxTime = Math.max(this.shared.maxTime, s, e);
    const verdict = batchVerdict(row.text(4), s, e, report.notes);
    if (verdict !== 'run') {
      bump(report.skipped, verdict);
      return true;
    }
    const key = `${row.text(2)}/${row.text(1)}`;
    const plan = this.plans.find(key);
    if (plan < 0) {
      bump(report.skipped, 'instanceWithoutTask');
      return true;
    }
    const dict = this.ctx.dictionary;
    const machine = row.empty(7) ? -1 : dict.machines.ofText(row.text(7));
    const instance = row.text(0);
    const id = (): string => `${key}/${instance}`;
    // Instance names are `ins_<number>`: the number is the member, the job's prefix holds the rest.
    const number = instance.startsWith('ins_') ? instanceNumber(instance) : -1;
    writeRun(
      this.ctx,
      this.shared,
      this.outbox,
      id,
      this.keep,
      s,
      e,
      this.plans.cpuOf(plan),
      this.plans.memoryOf(plan),
      machine,
      () => dict.job(key, '{job}/ins_'),
      () => (number >= 0 && dict.styleOf(dict.job(key, '{job}/ins_')) === '{job}/ins_' ? number : dict.memberText(id())),
    );
    return !this.stopped;
  }

  finish(): void {}
}

/** The number in `ins_<digits>` (canonical, below 2³¹), else -1. */
function instanceNumber(name: string): number {
  const digits = name.slice(4);
  if (digits.length === 0 || digits.length > 10 || (digits.length > 1 && digits.charCodeAt(0) === 48)) return -1;
  for (let i = 0; i < digits.length; i++) {
    const c = digits.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
  }
  const v = Number(digits);
  return v < INT31 ? v : -1;
}
