import { join } from 'node:path';
import { LineWriter } from '../line-writer.js';
import type { GeneratedMachine, GeneratedMachineEvent, GeneratedTask, GeneratedTrace, GenerateTraceOptions } from './generate-types.js';
import { exp, pick, type Rng } from './random-helpers.js';

/**
 * Writes an Alibaba 2018 trace (see {@link generateTrace}). With real features: some machines are
 * set up (`IMPORT_INSTALLING`) before they serve (`USING`), one never serves, some change capacity;
 * batch runs that began before the trace have start 0, a few rows end before they start, and
 * containers have several rows.
 * @internal
 * @example
 * ```ts
 * await generateAlibaba({ format: 'alibaba2018', machines: 4, tasks: 50, seed: 1, dir }, rng);
 * ```
 */
export async function generateAlibaba(o: GenerateTraceOptions, rng: Rng): Promise<GeneratedTrace> {
  const real = o.realFeatures ?? true;
  const gz = o.gzip === true ? '.gz' : '';
  const file = (name: string): LineWriter => new LineWriter(join(o.dir, `${name}.csv${gz}`), o.gzip === true);
  const machineMeta = file('machine_meta');
  const batchTask = file('batch_task');
  const batchInstance = file('batch_instance');
  const containerMeta = file('container_meta');
  const truthTasks: { -readonly [K in keyof GeneratedTask]: GeneratedTask[K] }[] | undefined = o.truth === true ? [] : undefined;
  const truthMachines: GeneratedMachine[] = [];
  const truthEvents: GeneratedMachineEvent[] = [];
  const laterEvents: GeneratedMachineEvent[] = [];

  // machine_meta: machine_id, time_stamp, failure_domain_1, failure_domain_2, cpu_num, mem_size, status.
  // Rows are snapshots; the table is written by machine, not in time order, as the real one is.
  const machineIds: string[] = [];
  for (let i = 1; i <= o.machines; i++) {
    const id = `m_${i}`;
    const cpu = i === 1 ? 96 : pick(rng, [64, 96, 96]);
    const mem = i === 1 ? 100 : pick(rng, [50, 100, 100]);
    const fd1 = Math.floor(rng() * 40);
    const fd2 = String.fromCharCode(97 + Math.floor(rng() * 26));
    const row = async (t: number, c: number, m: number, status: string): Promise<void> => {
      if (machineMeta.push(`${id},${t},${fd1},${fd2},${c},${m},${status}`)) await machineMeta.flush();
    };
    const roll = real && i > 1 ? rng() : 1;
    if (real && o.machines >= 3 && i === o.machines) {
      // Never in service: never added, never used.
      await row(0, cpu, mem, 'IMPORT_INSTALLING');
      await row(1 + Math.floor(rng() * 86400), cpu, mem, 'IMPORT_INSTALLING');
      continue;
    }
    machineIds.push(id);
    truthMachines.push({ id, cpu, memory: mem });
    if (roll < 0.15) {
      // Set up first, in service later: added then.
      const t = 1 + Math.floor(rng() * 3600);
      await row(0, cpu, mem, 'IMPORT_INSTALLING');
      await row(t, cpu, mem, 'USING');
      laterEvents.push({ id, time: t, event: 'add', cpu, memory: mem });
    } else {
      await row(0, cpu, mem, 'USING');
      truthEvents.push({ id, time: 0, event: 'add', cpu, memory: mem });
      if (real && rng() < 0.3) await row(1 + Math.floor(rng() * 3600), cpu, mem, 'USING'); // a snapshot that changes nothing
      if (roll < 0.25) {
        const t = 3601 + Math.floor(rng() * 86400);
        await row(t, cpu === 96 ? 64 : 96, mem, 'USING');
        laterEvents.push({ id, time: t, event: 'update', cpu: cpu === 96 ? 64 : 96, memory: mem });
      }
    }
  }
  await machineMeta.close();
  laterEvents.sort((a, b) => a.time - b.time);
  truthEvents.push(...laterEvents);

  // container_meta: container_id, machine_id, time_stamp, app_du, status, cpu_request, cpu_limit, mem_size
  let lastTime = 0;
  const containers = o.containers ?? Math.ceil(o.tasks / 10);
  for (let i = 1; i <= containers; i++) {
    const id = `c_${i}`;
    const machine = pick(rng, machineIds);
    const time = rng() < 0.7 ? 0 : 1 + Math.floor(rng() * 86400);
    const cpu = pick(rng, [100, 200, 400, 800]);
    const mem = Math.round(rng() * 600) / 100;
    const app = `app_${1 + (i % 50)}`;
    // Several rows per container: status snapshots at later times.
    const rows = real ? 1 + Math.floor(rng() * 3) : 1;
    let t = time;
    for (let k = 0; k < rows; k++) {
      if (containerMeta.push(`${id},${machine},${t},${app},started,${cpu},${cpu},${mem}`)) await containerMeta.flush();
      lastTime = Math.max(lastTime, t);
      t += 1 + Math.floor(rng() * 200_000);
    }
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
    // A job already running when the trace begins: its tasks have start_time 0.
    const before = real && rng() < 0.05;
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
        const start = before && k === 1 ? 0 : t + Math.floor(rng() * 5);
        let end = running ? 0 : start + 1 + Math.floor(exp(rng, meanDuration));
        // A row whose end precedes its start, as the real table has: the readers skip it.
        const backwards = real && !running && start > 10 && rng() < 0.02;
        if (backwards) end = start - 1 - Math.floor(rng() * 10);
        const machine = pick(rng, machineIds);
        const status = running ? 'Running' : rng() < 0.05 ? 'Failed' : 'Terminated';
        const cpuAvg = Math.round(planCpu * (0.3 + rng() * 0.5));
        const memAvg = Math.round(planMem * (0.3 + rng() * 0.5) * 100) / 100;
        rowsOut.push(`${inst},${taskName},${jobName},${taskType},${status},${start},${end},${machine},1,1,${cpuAvg},${Math.min(planCpu, cpuAvg * 2)},${memAvg},${memAvg}`);
        lastTime = Math.max(lastTime, start, end);
        taskStart = Math.min(taskStart, start);
        taskEnd = Math.max(taskEnd, end);
        const outcome = backwards ? 'endBeforeStart' : running ? 'running' : status === 'Failed' ? 'fail' : 'finish';
        truthTasks?.push({ id: `${jobName}/${taskName}/${inst}`, submit: start, start, cpu: planCpu, memory: planMem, machine, outcome, ...(running ? {} : { end }) });
      }
      if (batchTask.push(`${taskName},${n},${jobName},${taskType},${running ? 'Running' : 'Terminated'},${taskStart},${running ? 0 : taskEnd},${planCpu},${planMem}`)) await batchTask.flush();
      lastTime = Math.max(lastTime, taskStart, running ? 0 : taskEnd);
      for (const row of rowsOut) if (batchInstance.push(row)) await batchInstance.flush();
      made += n;
      t = running ? t + 1 : Math.max(t, taskEnd) + 1;
    }
    now += exp(rng, gap);
  }
  await batchTask.close();
  await batchInstance.close();
  const files = { machine_meta: [machineMeta.path], container_meta: [containerMeta.path], batch_task: [batchTask.path], batch_instance: [batchInstance.path] };
  const rows = { machine_meta: machineMeta.rows, container_meta: containerMeta.rows, batch_task: batchTask.rows, batch_instance: batchInstance.rows };
  const result: GeneratedTrace = { format: o.format, dir: o.dir, files, rows };
  if (truthTasks === undefined) return result;
  // Runs without an end end where the input does: at its last time.
  for (const t of truthTasks) if (t.outcome === 'running') t.end = lastTime;
  return { ...result, truth: { tasks: truthTasks, machines: truthMachines, machineEvents: truthEvents } };
}
