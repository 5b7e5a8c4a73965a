import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { PodsimError, type Issue } from '../errors.js';
import { LineWriter } from './line-writer.js';

/**
 * The trace formats podsim reads: Google cluster-data 2011 (`clusterdata-2011-2`), Google
 * ClusterData2019, and Alibaba `cluster-trace-v2018`.
 *
 * @example
 * ```ts
 * const format: TraceFormat = 'google2011';
 * ```
 */
export type TraceFormat = 'google2011' | 'google2019' | 'alibaba2018';

/**
 * Options of {@link generateTrace}.
 *
 * @example
 * ```ts
 * const options: GenerateTraceOptions = { format: 'google2019', machines: 20, tasks: 500, seed: 1, dir: '/tmp/trace' };
 * ```
 */
export interface GenerateTraceOptions {
  /** Which published schema the files follow. */
  readonly format: TraceFormat;
  /** Number of machines (a positive integer). */
  readonly machines: number;
  /** Number of tasks (Google: tasks; Alibaba: batch instances), a non-negative integer. */
  readonly tasks: number;
  /** Seed of the generator: the same options give byte-identical files. */
  readonly seed: number | string;
  /** Folder to write into; created when missing. */
  readonly dir: string;
  /** Write `.gz` files. @defaultValue false */
  readonly gzip?: boolean;
  /** Return what was generated ({@link GeneratedTrace.truth}), for tests. Keeps every task in memory. @defaultValue false */
  readonly truth?: boolean;
  /** Mean run time of a task in seconds. @defaultValue 300 */
  readonly meanDuration?: number;
  /** Mean number of tasks running per machine, which sets the arrival rate. @defaultValue 4 */
  readonly tasksPerMachine?: number;
  /** Alibaba only: number of online containers (`container_meta`). @defaultValue ceil(tasks / 10) */
  readonly containers?: number;
}

/**
 * One generated task run as written to the trace, in the trace's own units: times in seconds of trace
 * time, CPU and memory as the trace writes them (Google: fractions of the largest machine; Alibaba:
 * CPU in cores × 100 and memory in 0–100).
 *
 * @example
 * ```ts
 * const t: GeneratedTask = { id: '6000000000/0', submit: 600.5, start: 601, end: 901, cpu: 0.0625, memory: 0.01553, machine: '1000', priority: 2, outcome: 'finish' };
 * ```
 */
export interface GeneratedTask {
  /** The id the readers give this task. */
  readonly id: string;
  /** Submission time in seconds of trace time. */
  readonly submit: number;
  /** Start time in seconds, when it was scheduled. */
  readonly start?: number;
  /** End time in seconds, when it ended inside the trace. */
  readonly end?: number;
  /** Requested CPU in trace units. */
  readonly cpu: number;
  /** Requested memory in trace units. */
  readonly memory: number;
  /** Machine id, when scheduled. */
  readonly machine?: string;
  /** Priority, when the format has one. */
  readonly priority?: number;
  /** How the run ended. */
  readonly outcome: 'finish' | 'fail' | 'kill' | 'evict' | 'killedWhilePending' | 'running';
}

/**
 * One generated machine in the trace's units (Google: fractions of the largest machine;
 * Alibaba: CPU in cores and memory in 0–100).
 *
 * @example
 * ```ts
 * const m: GeneratedMachine = { id: '1000', cpu: 0.5, memory: 0.5 };
 * ```
 */
export interface GeneratedMachine {
  readonly id: string;
  readonly cpu: number;
  readonly memory: number;
}

/**
 * What {@link generateTrace} wrote.
 *
 * @example
 * ```ts
 * const trace = await generateTrace({ format: 'google2011', machines: 4, tasks: 50, seed: 1, dir });
 * trace.files.task_events; // ['<dir>/task_events/part-00000-of-00001.csv']
 * ```
 */
export interface GeneratedTrace {
  readonly format: TraceFormat;
  readonly dir: string;
  /** The files written, by table name (`task_events`, `instance_events`, `batch_instance`, …). */
  readonly files: Readonly<Record<string, readonly string[]>>;
  /** Rows written, by table name. */
  readonly rows: Readonly<Record<string, number>>;
  /** The generated tasks and machines, when `truth` was asked for. */
  readonly truth?: { readonly tasks: readonly GeneratedTask[]; readonly machines: readonly GeneratedMachine[] };
}

type Rng = () => number;

function exp(rng: Rng, mean: number): number {
  return -Math.log(1 - rng()) * mean;
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

function token(rng: Rng): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let s = '';
  for (let i = 0; i < 43; i++) s += abc[Math.floor(rng() * 64)];
  return `${s}=`;
}

/** Rounds to 5 decimals, as the Google traces print their normalised figures. */
function r5(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}

/** The columns of a task's rows that do not change between its events: formatted once, as number formatting is the generator's main cost. */
interface Tail {
  readonly job: number;
  readonly index: number;
  /** `,,job,index,` (Google 2011). */
  readonly prefix: string;
  /** `user,class,priority,cpu,memory,disk,0` (Google 2011). */
  readonly csv: string;
  readonly user: string;
  readonly cls: number;
  readonly prio: number;
  readonly cpu: number;
  readonly mem: number;
}

/** A pending event of the Google generators, ordered by (time, seq): a task event, or a collection event when `type` < 0 (−1 − type). */
interface Pending {
  t: number;
  seq: number;
  type: number;
  machine: string | undefined;
  tail: Tail;
}

/** Minimal binary heap of pending events. */
class EventHeap {
  private readonly items: Pending[] = [];
  get size(): number {
    return this.items.length;
  }
  peek(): Pending | undefined {
    return this.items[0];
  }
  private less(a: Pending, b: Pending): boolean {
    return a.t < b.t || (a.t === b.t && a.seq < b.seq);
  }
  push(p: Pending): void {
    const h = this.items;
    h.push(p);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(h[i] as Pending, h[parent] as Pending)) break;
      [h[i], h[parent]] = [h[parent] as Pending, h[i] as Pending];
      i = parent;
    }
  }
  pop(): Pending | undefined {
    const h = this.items;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last !== undefined) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l] as Pending, h[m] as Pending)) m = l;
        if (r < h.length && this.less(h[r] as Pending, h[m] as Pending)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m] as Pending, h[i] as Pending];
        i = m;
      }
    }
    return top;
  }
}

function validate(o: GenerateTraceOptions): void {
  const issues: Issue[] = [];
  if (!['google2011', 'google2019', 'alibaba2018'].includes(o.format)) issues.push({ code: 'invalid_format', path: 'format', message: `"${String(o.format)}" is not google2011, google2019 or alibaba2018` });
  if (!Number.isSafeInteger(o.machines) || o.machines < 1) issues.push({ code: 'invalid_count', path: 'machines', message: `${String(o.machines)} is not a positive integer` });
  if (!Number.isSafeInteger(o.tasks) || o.tasks < 0) issues.push({ code: 'invalid_count', path: 'tasks', message: `${String(o.tasks)} is not a non-negative integer` });
  if (typeof o.seed !== 'number' && typeof o.seed !== 'string') issues.push({ code: 'invalid_seed', path: 'seed', message: 'the seed must be a number or a string' });
  if (typeof o.dir !== 'string' || o.dir === '') issues.push({ code: 'required', path: 'dir', message: 'a folder to write into is needed' });
  if (o.meanDuration !== undefined && !(o.meanDuration > 0)) issues.push({ code: 'invalid_duration', path: 'meanDuration', message: `${String(o.meanDuration)} is not a positive number of seconds` });
  if (o.tasksPerMachine !== undefined && !(o.tasksPerMachine > 0)) issues.push({ code: 'invalid_count', path: 'tasksPerMachine', message: `${String(o.tasksPerMachine)} is not a positive number` });
  if (o.containers !== undefined && (!Number.isSafeInteger(o.containers) || o.containers < 0)) issues.push({ code: 'invalid_count', path: 'containers', message: `${String(o.containers)} is not a non-negative integer` });
  if (issues.length > 0) throw new PodsimError(issues, 'invalid generateTrace options');
}

/**
 * Writes a small synthetic cluster trace that follows a published schema, for tests, examples and
 * benchmarks, without any download. Deterministic for a given seed. Google traces are written in
 * time order with jobs of several tasks, a few failures, kills, evictions (followed by a second
 * run), tasks killed while pending and request updates; Alibaba traces have batch tasks with
 * instances and online containers. Memory stays small however many tasks are written (unless
 * `truth` is asked for).
 *
 * Layout: Google 2011 `task_events/part-00000-of-00001.csv` and `machine_events/…`; Google 2019
 * `instance_events-000000000000.json`, `machine_events-…`, `collection_events-…`; Alibaba
 * `batch_task.csv`, `batch_instance.csv`, `container_meta.csv`, `machine_meta.csv` (plus `.gz`
 * when `gzip`).
 *
 * @example
 * ```ts
 * const trace = await generateTrace({ format: 'google2011', machines: 10, tasks: 200, seed: 42, dir: '/tmp/t', gzip: true });
 * const tasks = await readTrace({ format: 'google2011', dir: trace.dir }, { shape }).tasks.toArray();
 * ```
 */
export async function generateTrace(options: GenerateTraceOptions): Promise<GeneratedTrace> {
  validate(options);
  await mkdir(options.dir, { recursive: true });
  const rng: Rng = seedrandom.xor4096(String(options.seed));
  if (options.format === 'alibaba2018') return generateAlibaba(options, rng);
  return generateGoogle(options, rng);
}

interface Writers {
  tasks: LineWriter;
  machines: LineWriter;
  collections?: LineWriter;
}

async function generateGoogle(o: GenerateTraceOptions, rng: Rng): Promise<GeneratedTrace> {
  const v2019 = o.format === 'google2019';
  const gz = o.gzip === true ? '.gz' : '';
  const dir = o.dir;
  let w: Writers;
  if (v2019) {
    w = {
      tasks: new LineWriter(join(dir, `instance_events-000000000000.json${gz}`), o.gzip === true),
      machines: new LineWriter(join(dir, `machine_events-000000000000.json${gz}`), o.gzip === true),
      collections: new LineWriter(join(dir, `collection_events-000000000000.json${gz}`), o.gzip === true),
    };
  } else {
    await mkdir(join(dir, 'task_events'), { recursive: true });
    await mkdir(join(dir, 'machine_events'), { recursive: true });
    w = {
      tasks: new LineWriter(join(dir, 'task_events', `part-00000-of-00001.csv${gz}`), o.gzip === true),
      machines: new LineWriter(join(dir, 'machine_events', `part-00000-of-00001.csv${gz}`), o.gzip === true),
    };
  }
  const truthTasks: GeneratedTask[] | undefined = o.truth === true ? [] : undefined;
  const truthMachines: GeneratedMachine[] = [];

  // Machines, all added at time 0; the largest has CPU 1 and memory 1.
  const platforms = [token(rng), token(rng), token(rng)];
  const machineIds: string[] = [];
  for (let i = 0; i < o.machines; i++) {
    const id = String(v2019 ? 100000000 + i * 7919 : 1000 + i * 37);
    const cpu = i === 0 ? 1 : pick(rng, [0.25, 0.5, 0.5, 0.5, 1]);
    const memory = i === 0 ? 1 : pick(rng, [0.2493, 0.4995, 0.4995, 0.749, 1]);
    machineIds.push(id);
    truthMachines.push({ id, cpu, memory });
    const platform = pick(rng, platforms);
    const line = v2019
      ? JSON.stringify({ time: 0, machine_id: Number(id), type: 1, switch_id: `sw${i % 8}`, capacity: { cpus: cpu, memory }, platform_id: platform, missing_data_reason: null })
      : `0,${id},0,${platform},${cpu},${memory}`;
    if (w.machines.push(line)) await w.machines.flush();
  }
  await w.machines.close();

  const users = Array.from({ length: 16 }, () => token(rng));
  const meanDuration = o.meanDuration ?? 300;
  const concurrency = o.machines * (o.tasksPerMachine ?? 4);
  const meanJob = 3;
  const jobGapUs = (meanDuration / concurrency) * meanJob * 1e6;
  const heap = new EventHeap();
  let seq = 0;
  const US = 1e6;
  const at = (t: number, type: number, machine: string | undefined, tail: Tail): void => heap.push({ t, seq: seq++, type, machine, tail });
  const drain = async (until: number): Promise<void> => {
    for (let p = heap.peek(); p !== undefined && p.t <= until; p = heap.peek()) {
      heap.pop();
      const full = p.type < 0 ? collectionRow(p.t, p.tail.job, -1 - p.type, p.tail.user, p.tail.cls, p.tail.prio) : taskRow(p.t, p.machine, p.type, p.tail);
      if (full) await flushAll();
    }
  };
  const flushAll = async (): Promise<void> => {
    await w.tasks.flush();
    if (w.collections !== undefined) await w.collections.flush();
  };

  // Event writers. Google 2011 task_events: time, missing info, job ID, task index, machine ID,
  // event type, user, scheduling class, priority, CPU request, memory request, disk request,
  // different-machines restriction.
  const tail = (job: number, index: number, user: string, cls: number, prio: number, cpu: number, mem: number, disk: number): Tail => ({
    job,
    index,
    prefix: v2019 ? '' : `,,${job},${index},`,
    csv: v2019 ? '' : `${user},${cls},${prio},${cpu},${mem},${disk},0`,
    user,
    cls,
    prio,
    cpu,
    mem,
  });
  const taskRow = (t: number, machine: string | undefined, type: number, r: Tail): boolean => {
    if (v2019) {
      const type19 = [0, 3, 4, 5, 6, 7, 8, 9, 10][type] as number;
      return w.tasks.push(
        JSON.stringify({
          time: t,
          type: type19,
          collection_id: r.job,
          scheduling_class: r.cls,
          missing_type: null,
          collection_type: 0,
          priority: r.prio,
          alloc_collection_id: 0,
          instance_index: r.index,
          machine_id: machine === undefined ? null : Number(machine),
          alloc_instance_index: -1,
          resource_request: { cpus: r.cpu, memory: r.mem },
          constraint: [],
        }),
      );
    }
    return w.tasks.push(`${t}${r.prefix}${machine ?? ''},${type},${r.csv}`);
  };
  const collectionRow = (t: number, job: number, type: number, user: string, cls: number, prio: number): boolean =>
    (w.collections as LineWriter).push(
      JSON.stringify({
        time: t,
        type,
        collection_id: job,
        scheduling_class: cls,
        missing_type: null,
        collection_type: 0,
        priority: prio,
        alloc_collection_id: 0,
        user,
        collection_name: `name${job % 97}`,
        collection_logical_name: `logical${job % 31}`,
        parent_collection_id: null,
        start_after_collection_ids: [],
        max_per_machine: null,
        max_per_switch: null,
        vertical_scaling: 1,
        scheduler: 0,
      }),
    );

  const priorities = v2019 ? [0, 25, 100, 103, 200, 360, 450] : [0, 1, 2, 4, 9, 10, 11];
  let made = 0;
  let job = v2019 ? 300000000000 : 6000000000;
  let now = 0; // µs; tasks already running at trace start are submitted at 0, the rest from 600 s
  const initial = Math.min(o.tasks, concurrency);
  let firstWave = true;
  while (made < o.tasks) {
    job += 1 + Math.floor(rng() * 1000);
    const size = firstWave ? Math.min(initial - made, 1 + Math.floor(rng() * 5)) : Math.min(o.tasks - made, 1 + Math.floor(exp(rng, meanJob - 1)));
    const user = pick(rng, users);
    const cls = Math.floor(rng() * 4);
    const prio = pick(rng, priorities);
    const submit = now;
    await drain(submit);
    if (v2019 && collectionRow(submit, job, 0, user, cls, prio)) await flushAll();
    let jobEnd = submit;
    for (let index = 0; index < size; index++) {
      const id = `${job}/${index}`;
      let cpu = r5((1 + Math.floor(rng() * 64)) / 1024);
      const mem = r5((1 + Math.floor(rng() * 400)) / 16384);
      const disk = r5(rng() / 2000);
      const submitted = tail(job, index, user, cls, prio, cpu, mem, disk);
      if (taskRow(submit, undefined, 0, submitted)) await flushAll();
      const roll = rng();
      const delay = submit === 0 ? 0 : Math.max(1, Math.round(exp(rng, 2) * US));
      if (roll < 0.03) {
        // Killed while pending.
        const kill = submit + delay;
        at(kill, 5, undefined, submitted);
        truthTasks?.push({ id, submit: submit / US, end: kill / US, cpu, memory: mem, priority: prio, outcome: 'killedWhilePending' });
        jobEnd = Math.max(jobEnd, kill);
        continue;
      }
      let scheduled = submitted;
      if (roll < 0.05 && delay > 2) {
        // The request is updated while pending: the scheduled request is the new one.
        cpu = r5(cpu * 2);
        const mid = submit + Math.floor(delay / 2);
        const updated = tail(job, index, user, cls, prio, cpu, mem, disk);
        at(mid, 7, undefined, updated);
        scheduled = updated;
      }
      const machine = pick(rng, machineIds);
      const start = submit + delay;
      const run = Math.max(US, Math.round(exp(rng, meanDuration) * US));
      const end = start + run;
      const r = scheduled;
      at(start, 1, machine, r);
      if (roll > 0.98) {
        // Updated while running: readers keep the request it was scheduled with.
        const mid = start + Math.floor(run / 2);
        const grown = tail(job, index, user, cls, prio, r5(cpu * 2), mem, disk);
        at(mid, 8, machine, grown);
      }
      const outcome = roll < 0.1 ? 'fail' : roll < 0.14 ? 'kill' : roll < 0.18 ? 'evict' : 'finish';
      const type = { fail: 3, kill: 5, evict: 2, finish: 4 }[outcome];
      at(end, type, machine, r);
      truthTasks?.push({ id, submit: submit / US, start: start / US, end: end / US, cpu, memory: mem, machine, priority: prio, outcome });
      jobEnd = Math.max(jobEnd, end);
      if (outcome === 'evict') {
        // Resubmitted after the eviction, then runs to completion elsewhere.
        const resubmit = end + Math.max(1, Math.round(rng() * 10 * US));
        const restart = resubmit + Math.max(1, Math.round(exp(rng, 2) * US));
        const rerun = Math.max(US, Math.round(exp(rng, meanDuration) * US));
        const machine2 = pick(rng, machineIds);
        at(resubmit, 0, undefined, r);
        at(restart, 1, machine2, r);
        at(restart + rerun, 4, machine2, r);
        truthTasks?.push({ id, submit: resubmit / US, start: restart / US, end: (restart + rerun) / US, cpu, memory: mem, machine: machine2, priority: prio, outcome: 'finish' });
        jobEnd = Math.max(jobEnd, restart + rerun);
      }
    }
    if (v2019) at(jobEnd, -1 - 6, undefined, tail(job, 0, user, cls, prio, 0, 0, 0));
    made += size;
    if (firstWave && made >= initial) {
      firstWave = false;
      now = 600 * US;
    } else if (!firstWave) now += Math.max(1, Math.round(exp(rng, jobGapUs)));
  }
  await drain(Infinity);
  await w.tasks.close();
  if (w.collections !== undefined) await w.collections.close();
  const files: Record<string, string[]> = { [v2019 ? 'instance_events' : 'task_events']: [w.tasks.path], machine_events: [w.machines.path] };
  const rows: Record<string, number> = { [v2019 ? 'instance_events' : 'task_events']: w.tasks.rows, machine_events: w.machines.rows };
  if (w.collections !== undefined) {
    files['collection_events'] = [w.collections.path];
    rows['collection_events'] = w.collections.rows;
  }
  const result: GeneratedTrace = { format: o.format, dir, files, rows };
  return truthTasks === undefined ? result : { ...result, truth: { tasks: truthTasks, machines: truthMachines } };
}

async function generateAlibaba(o: GenerateTraceOptions, rng: Rng): Promise<GeneratedTrace> {
  const gz = o.gzip === true ? '.gz' : '';
  const file = (name: string): LineWriter => new LineWriter(join(o.dir, `${name}.csv${gz}`), o.gzip === true);
  const machineMeta = file('machine_meta');
  const batchTask = file('batch_task');
  const batchInstance = file('batch_instance');
  const containerMeta = file('container_meta');
  const truthTasks: GeneratedTask[] | undefined = o.truth === true ? [] : undefined;
  const truthMachines: GeneratedMachine[] = [];

  // machine_meta: machine_id, time_stamp, failure_domain_1, failure_domain_2, cpu_num, mem_size, status
  const machineIds: string[] = [];
  for (let i = 1; i <= o.machines; i++) {
    const id = `m_${i}`;
    const cpu = i === 1 ? 96 : pick(rng, [64, 96, 96]);
    const mem = i === 1 ? 100 : pick(rng, [50, 100, 100]);
    machineIds.push(id);
    truthMachines.push({ id, cpu, memory: mem });
    const fd1 = Math.floor(rng() * 40);
    const fd2 = String.fromCharCode(97 + Math.floor(rng() * 26));
    if (machineMeta.push(`${id},0,${fd1},${fd2},${cpu},${mem},USING`)) await machineMeta.flush();
    if (rng() < 0.1 && machineMeta.push(`${id},${1 + Math.floor(rng() * 86400)},${fd1},${fd2},${cpu},${mem},IDLE`)) await machineMeta.flush();
  }
  await machineMeta.close();

  // container_meta: container_id, machine_id, time_stamp, app_du, status, cpu_request, cpu_limit, mem_size
  const containers = o.containers ?? Math.ceil(o.tasks / 10);
  for (let i = 1; i <= containers; i++) {
    const id = `c_${i}`;
    const machine = pick(rng, machineIds);
    const time = rng() < 0.7 ? 0 : 1 + Math.floor(rng() * 86400);
    const cpu = pick(rng, [100, 200, 400, 800]);
    const mem = Math.round(rng() * 600) / 100;
    if (containerMeta.push(`${id},${machine},${time},app_${1 + (i % 50)},started,${cpu},${cpu},${mem}`)) await containerMeta.flush();
    truthTasks?.push({ id, submit: time, start: time, cpu, memory: mem, machine, outcome: 'running' });
  }
  await containerMeta.close();

  // batch_task: task_name, instance_num, job_name, task_type, status, start_time, end_time, plan_cpu, plan_mem
  // batch_instance: instance_name, task_name, job_name, task_type, status, start_time, end_time, machine_id,
  //                 seq_no, total_seq_no, cpu_avg, cpu_max, mem_avg, mem_max
  const meanDuration = o.meanDuration ?? 300;
  const concurrency = o.machines * (o.tasksPerMachine ?? 4);
  const gap = (meanDuration / concurrency) * 6;
  let now = 1;
  let made = 0;
  let jobNo = 0;
  let instanceNo = 0;
  while (made < o.tasks) {
    jobNo++;
    const jobName = `j_${jobNo}`;
    const nTasks = 1 + Math.floor(rng() * 3);
    let t = Math.floor(now);
    for (let k = 1; k <= nTasks && made < o.tasks; k++) {
      const taskName = k === 1 ? 'M1' : `R${k}_${k - 1}`;
      const n = Math.min(o.tasks - made, 1 + Math.floor(rng() * 4));
      const planCpu = pick(rng, [50, 100, 100, 200, 400]);
      const planMem = Math.round((0.1 + rng() * 3) * 100) / 100;
      const taskType = 1 + Math.floor(rng() * 12);
      const running = rng() < 0.05;
      let taskStart = Infinity;
      let taskEnd = 0;
      const rowsOut: string[] = [];
      for (let i = 0; i < n; i++) {
        instanceNo++;
        const inst = `ins_${instanceNo}`;
        const start = t + Math.floor(rng() * 5);
        const end = running ? 0 : start + 1 + Math.floor(exp(rng, meanDuration));
        const machine = pick(rng, machineIds);
        const status = running ? 'Running' : rng() < 0.05 ? 'Failed' : 'Terminated';
        const cpuAvg = Math.round(planCpu * (0.3 + rng() * 0.5));
        const memAvg = Math.round(planMem * (0.3 + rng() * 0.5) * 100) / 100;
        rowsOut.push(`${inst},${taskName},${jobName},${taskType},${status},${start},${end},${machine},1,1,${cpuAvg},${Math.min(planCpu, cpuAvg * 2)},${memAvg},${memAvg}`);
        taskStart = Math.min(taskStart, start);
        taskEnd = Math.max(taskEnd, end);
        const g: GeneratedTask = { id: `${jobName}/${taskName}/${inst}`, submit: start, start, cpu: planCpu, memory: planMem, machine, outcome: running ? 'running' : status === 'Failed' ? 'fail' : 'finish' };
        truthTasks?.push(running ? g : { ...g, end });
      }
      if (batchTask.push(`${taskName},${n},${jobName},${taskType},${running ? 'Running' : 'Terminated'},${taskStart},${running ? 0 : taskEnd},${planCpu},${planMem}`)) await batchTask.flush();
      for (const row of rowsOut) if (batchInstance.push(row)) await batchInstance.flush();
      made += n;
      t = running ? t + 1 : taskEnd + 1;
    }
    now += exp(rng, gap);
  }
  await batchTask.close();
  await batchInstance.close();
  const files = { machine_meta: [machineMeta.path], container_meta: [containerMeta.path], batch_task: [batchTask.path], batch_instance: [batchInstance.path] };
  const rows = { machine_meta: machineMeta.rows, container_meta: containerMeta.rows, batch_task: batchTask.rows, batch_instance: batchInstance.rows };
  const result: GeneratedTrace = { format: o.format, dir: o.dir, files, rows };
  return truthTasks === undefined ? result : { ...result, truth: { tasks: truthTasks, machines: truthMachines } };
}
