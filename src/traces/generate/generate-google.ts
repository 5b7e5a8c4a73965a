import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { LineWriter } from '../line-writer.js';
import { EventHeap } from './event-heap.js';
import type { GeneratedTask, GeneratedTrace, GenerateTraceOptions } from './generate-types.js';
import { writeGoogleMachines } from './google-machines.js';
import { AFTER_TRACE_TEXT, exp, exponent, pick, r5, token, type Rng } from './random-helpers.js';

const US = 1e6;
/** Heap time of rows written at 2⁶³−1: after every other row. */
const AFTER = Number.MAX_VALUE;

/** The columns of a task's rows that do not change between its events, formatted once. */
interface Tail {
  readonly job: number;
  readonly index: number;
  readonly user: string;
  readonly cls: number;
  readonly prio: number;
  readonly cpu: number;
  readonly mem: number;
  /** Google 2011: `user,class,priority,cpu,memory,disk,0`; Google 2019: `"cpus": …, "memory": …`. */
  readonly text: string;
  /** Google 2019: 1 for alloc instances. */
  readonly collectionType: number;
  /** Google 2019: the alloc set the task runs in, 0 for none. */
  readonly alloc: number;
}

/** A figure as the trace prints it: usually plain, sometimes (small ones, when `expo`) in exponent notation. */
function figure(x: number, expo: boolean): string {
  return expo && x > 0 && x < 0.001 ? exponent(x) : String(x);
}

/**
 * Writes a Google 2011 or 2019 trace (see {@link generateTrace}). @internal
 * @example
 * ```ts
 * await generateGoogle({ format: 'google2011', machines: 4, tasks: 50, seed: 1, dir }, rng);
 * ```
 */
export async function generateGoogle(o: GenerateTraceOptions, rng: Rng): Promise<GeneratedTrace> {
  const v2019 = o.format === 'google2019';
  const real = o.realFeatures ?? true;
  const gzip = o.gzip === true;
  const gz = gzip ? '.gz' : '';
  const dir = o.dir;
  let tasksOut: LineWriter;
  let machinesOut: LineWriter;
  let collectionsOut: LineWriter | undefined;
  if (v2019) {
    tasksOut = new LineWriter(join(dir, `instance_events-000000000000.json${gz}`), gzip);
    machinesOut = new LineWriter(join(dir, `machine_events-000000000000.json${gz}`), gzip);
    collectionsOut = new LineWriter(join(dir, `collection_events-000000000000.json${gz}`), gzip);
  } else {
    await mkdir(join(dir, 'task_events'), { recursive: true });
    await mkdir(join(dir, 'machine_events'), { recursive: true });
    tasksOut = new LineWriter(join(dir, 'task_events', `part-00000-of-00001.csv${gz}`), gzip);
    machinesOut = new LineWriter(join(dir, 'machine_events', `part-00000-of-00001.csv${gz}`), gzip);
  }
  const truthTasks: GeneratedTask[] | undefined = o.truth === true ? [] : undefined;

  const meanDuration = o.meanDuration ?? 300;
  const concurrency = o.machines * (o.tasksPerMachine ?? 4);
  const meanJob = 3;
  const jobGapUs = (meanDuration / concurrency) * meanJob * US;
  const span = ((o.tasks / meanJob) * jobGapUs) / US;
  const { ids: machineIds, machines, events } = await writeGoogleMachines(machinesOut, rng, { v2019, machines: o.machines, span, dynamics: real });

  const users = Array.from({ length: 16 }, () => token(rng));
  const heap = new EventHeap<string>();
  let seq = 0;
  let lastFinite = 0; // µs: the last task row time below 2⁶³−1
  const flush = async (): Promise<void> => {
    await tasksOut.flush();
    if (collectionsOut !== undefined) await collectionsOut.flush();
  };
  const drain = async (until: number): Promise<void> => {
    for (let p = heap.peek(); p !== undefined && p.t <= until; p = heap.peek()) {
      heap.pop();
      const out = p.row.startsWith('C') ? (collectionsOut as LineWriter) : tasksOut;
      if (out.push(p.row.slice(1))) await flush();
    }
  };

  const tail = (job: number, index: number, user: string, cls: number, prio: number, cpu: number, mem: number, disk: number, collectionType: number, alloc: number): Tail => {
    const expo = real && rng() < 0.3;
    return {
      job,
      index,
      user,
      cls,
      prio,
      cpu,
      mem,
      collectionType,
      alloc,
      text: v2019 ? `"cpus": ${figure(cpu, expo)}, "memory": ${figure(mem, expo)}` : `${user},${cls},${prio},${figure(cpu, expo)},${figure(mem, expo)},${figure(disk, expo)},0`,
    };
  };
  /** A task row at `t` µs (AFTER: written at 2⁶³−1); 2011 event types, mapped for 2019. */
  const taskRow = (t: number, machine: string | undefined, type: number, r: Tail): string => {
    const time = t === AFTER ? AFTER_TRACE_TEXT : String(t);
    if (t !== AFTER && t > lastFinite) lastFinite = t;
    if (!v2019) return `T${time},,${r.job},${r.index},${machine ?? ''},${type},${r.text}`;
    const type19 = [0, 3, 4, 5, 6, 7, 8, 9, 10][type] as number;
    // BigQuery exports write int64 fields as strings.
    const q = real && rng() < 0.2 ? '"' : '';
    const m = machine === undefined ? 'null' : `${q}${machine}${q}`;
    return `T{"time": ${q}${time}${q}, "type": ${q}${type19}${q}, "collection_id": ${q}${r.job}${q}, "scheduling_class": ${r.cls}, "missing_type": null, "collection_type": ${q}${r.collectionType}${q}, "priority": ${q}${r.prio}${q}, "alloc_collection_id": ${r.alloc}, "instance_index": ${q}${r.index}${q}, "machine_id": ${m}, "alloc_instance_index": -1, "resource_request": {${r.text}}, "constraint": []}`;
  };
  const at = (t: number, type: number, machine: string | undefined, r: Tail): void => heap.push({ t, seq: seq++, row: taskRow(t, machine, type, r) });
  const collectionRow = (t: number, job: number, type: number, user: string, cls: number, prio: number, collectionType: number): string =>
    `C${JSON.stringify({
      time: t,
      type,
      collection_id: job,
      scheduling_class: cls,
      missing_type: null,
      collection_type: collectionType,
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
    })}`;

  const priorities = v2019 ? [0, 25, 100, 103, 200, 360, 450] : [0, 1, 2, 4, 9, 10, 11];
  let made = 0;
  let job = v2019 ? 300000000000 : 6000000000;
  let now = 0; // µs; tasks already running at trace start are submitted at 0, the rest from 600 s
  const initial = Math.min(o.tasks, concurrency);
  let firstWave = true;
  let allocSet = 0; // Google 2019: the latest alloc set, that some jobs run inside
  while (made < o.tasks) {
    job += 1 + Math.floor(rng() * 1000);
    const size = firstWave ? Math.min(initial - made, 1 + Math.floor(rng() * 5)) : Math.min(o.tasks - made, 1 + Math.floor(exp(rng, meanJob - 1)));
    const user = pick(rng, users);
    const cls = Math.floor(rng() * 4);
    const prio = pick(rng, priorities);
    // Google 2019: some collections are alloc sets, whose instances are reservations, not tasks.
    const isAlloc = v2019 && real && rng() < 0.05;
    const inAlloc = v2019 && real && !isAlloc && allocSet > 0 && rng() < 0.2 ? allocSet : 0;
    if (isAlloc) allocSet = job;
    const submit = now;
    await drain(submit);
    if (v2019) heap.push({ t: submit, seq: seq++, row: collectionRow(submit, job, 0, user, cls, prio, isAlloc ? 1 : 0) });
    await drain(submit);
    let jobEnd = submit;
    for (let index = 0; index < size; index++) {
      const id = `${job}/${index}`;
      let cpu = r5((1 + Math.floor(rng() * 64)) / 1024);
      const mem = r5((1 + Math.floor(rng() * 400)) / 16384);
      const disk = r5(rng() / 2000);
      const submitted = tail(job, index, user, cls, prio, cpu, mem, disk, isAlloc ? 1 : 0, inAlloc);
      heap.push({ t: submit, seq: seq++, row: taskRow(submit, undefined, 0, submitted) });
      const roll = rng();
      const delay = submit === 0 ? 0 : Math.max(1, Math.round(exp(rng, 2) * US));
      const alloc = isAlloc ? { alloc: true } : {};
      if (roll < 0.03) {
        // Killed while pending.
        const kill = submit + delay;
        at(kill, 5, undefined, submitted);
        truthTasks?.push({ id, submit: submit / US, end: kill / US, cpu, memory: mem, priority: prio, outcome: 'killedWhilePending', ...alloc });
        jobEnd = Math.max(jobEnd, kill);
        continue;
      }
      let scheduled = submitted;
      if (roll < 0.05 && delay > 2) {
        // The request is updated while pending: the scheduled request is the new one.
        cpu = r5(cpu * 2);
        const mid = submit + Math.floor(delay / 2);
        const updated = tail(job, index, user, cls, prio, cpu, mem, disk, isAlloc ? 1 : 0, inAlloc);
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
        at(mid, 8, machine, tail(job, index, user, cls, prio, r5(cpu * 2), mem, disk, isAlloc ? 1 : 0, inAlloc));
      }
      // A few runs end "after the trace": their end row is written at 2⁶³−1.
      const afterTrace = real && roll >= 0.95 && roll < 0.96;
      const outcome = afterTrace ? 'running' : roll < 0.1 ? 'fail' : roll < 0.14 ? 'kill' : roll < 0.18 ? 'evict' : 'finish';
      const type = { fail: 3, kill: 5, evict: 2, finish: 4, running: 4 }[outcome];
      at(afterTrace ? AFTER : end, type, machine, r);
      truthTasks?.push({ id, submit: submit / US, start: start / US, ...(afterTrace ? {} : { end: end / US }), cpu, memory: mem, machine, priority: prio, outcome, ...alloc });
      jobEnd = Math.max(jobEnd, afterTrace ? start : end);
      if (outcome === 'evict') {
        // Resubmitted after the eviction, then runs to completion elsewhere.
        const resubmit = end + Math.max(1, Math.round(rng() * 10 * US));
        const restart = resubmit + Math.max(1, Math.round(exp(rng, 2) * US));
        const rerun = Math.max(US, Math.round(exp(rng, meanDuration) * US));
        const machine2 = pick(rng, machineIds);
        at(resubmit, 0, undefined, r);
        at(restart, 1, machine2, r);
        at(restart + rerun, 4, machine2, r);
        truthTasks?.push({ id, submit: resubmit / US, start: restart / US, end: (restart + rerun) / US, cpu, memory: mem, machine: machine2, priority: prio, outcome: 'finish', ...alloc });
        jobEnd = Math.max(jobEnd, restart + rerun);
      }
    }
    if (v2019) heap.push({ t: jobEnd, seq: seq++, row: collectionRow(jobEnd, job, 6, user, cls, prio, isAlloc ? 1 : 0) });
    made += size;
    if (firstWave && made >= initial) {
      firstWave = false;
      now = 600 * US;
    } else if (!firstWave) now += Math.max(1, Math.round(exp(rng, jobGapUs)));
  }
  await drain(Infinity);
  await tasksOut.close();
  if (collectionsOut !== undefined) await collectionsOut.close();
  const table = v2019 ? 'instance_events' : 'task_events';
  const files: Record<string, string[]> = { [table]: [tasksOut.path], machine_events: [machinesOut.path] };
  const rows: Record<string, number> = { [table]: tasksOut.rows, machine_events: machinesOut.rows };
  if (collectionsOut !== undefined) {
    files['collection_events'] = [collectionsOut.path];
    rows['collection_events'] = collectionsOut.rows;
  }
  const result: GeneratedTrace = { format: o.format, dir, files, rows };
  if (truthTasks === undefined) return result;
  // Runs whose end is after the trace end where the input does: at its last row below 2⁶³−1.
  const tasks = truthTasks.map((t) => (t.outcome === 'running' ? { ...t, end: lastFinite / US } : t));
  return { ...result, truth: { tasks, machines, machineEvents: events } };
}
