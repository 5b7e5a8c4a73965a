import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PodsimError } from '../../src/errors.js';
import { readAlibaba2018Machines, readAlibaba2018Tasks, readTrace } from '../../src/traces/index.js';
import { tempDir } from './tmp-dir.js';

const tmp = tempDir('ali');
afterAll(() => tmp.remove());
const GiB = 2 ** 30;
const shape = { cpu: 96_000, memory: 100 * GiB };

function write(name: string, lines: string[]): string {
  const file = join(tmp.dir, name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

const batchTask = write('batch_task.csv', [
  'M1,2,j_1,1,Terminated,100,200,100,0.5',
  'R2_1,1,j_1,1,Terminated,210,300,250,1.25',
  'M1,3,j_2,12,Waiting,0,0,50,0.1',
  'M1,1,j_3,1,Running,150,0,400,2',
]);
const batchInstance = write('batch_instance.csv', [
  'ins_1,M1,j_1,1,Terminated,100,150,m_1,1,1,80,95,0.3,0.4',
  'ins_2,M1,j_1,1,Failed,105,200,m_2,1,1,80,95,0.3,0.4',
  'ins_3,R2_1,j_1,1,Terminated,210,300,,1,1,,,,',
  'ins_4,M1,j_2,12,Waiting,0,0,,1,1,,,,',
  'ins_5,M1,j_3,1,Running,150,0,m_1,1,1,300,390,1.5,1.9',
  'ins_6,M9,j_9,1,Terminated,100,120,m_1,1,1,1,1,1,1',
]);
const containerMeta = write('container_meta.csv', [
  'c_1,m_1,0,app_1,started,400,800,3.13',
  'c_1,m_1,500,app_1,started,400,800,3.13',
  'c_2,m_2,250,app_2,allocated,200,200,-1',
]);

describe('readAlibaba2018Tasks', () => {
  it('joins instances with their task plan: CPU ×10 millicores, memory % of the shape', async () => {
    const stream = readAlibaba2018Tasks({ batchTask, batchInstance }, { shape });
    const tasks = await stream.toArray();
    expect(tasks).toEqual([
      { id: 'j_1/M1/ins_1', submit: 100, start: 100, duration: 50, request: { cpu: 1000, memory: Math.round(0.005 * 100 * GiB) }, machine: 'm_1' },
      { id: 'j_1/M1/ins_2', submit: 105, start: 105, duration: 95, request: { cpu: 1000, memory: Math.round(0.005 * 100 * GiB) }, machine: 'm_2' },
      { id: 'j_1/R2_1/ins_3', submit: 210, start: 210, duration: 90, request: { cpu: 2500, memory: Math.round(0.0125 * 100 * GiB) } },
      // Running (end_time 0): ends at the last time of the input (300 s).
      { id: 'j_3/M1/ins_5', submit: 150, start: 150, duration: 150, request: { cpu: 4000, memory: Math.round(0.02 * 100 * GiB) }, machine: 'm_1' },
    ]);
    expect(stream.report.skipped).toEqual({ neverStarted: 1, instanceWithoutTask: 1 });
  });

  it('expands batch_task rows into instance_num tasks when there is no batch_instance', async () => {
    const tasks = await readAlibaba2018Tasks({ batchTask }, { shape, window: { start: 120, end: 250 } }).toArray();
    expect(tasks.map((t) => [t.id, t.submit, t.duration, t.request.cpu])).toEqual([
      ['j_1/M1/0', 0, 80, 1000],
      ['j_1/M1/1', 0, 80, 1000],
      ['j_1/R2_1/0', 90, 40, 2500],
      ['j_3/M1/0', 30, 100, 4000],
    ]);
  });

  it('turns containers into long-running tasks from their first row, treating -1 as a missing value', async () => {
    const stream = readAlibaba2018Tasks({ containerMeta }, { shape, window: { start: 100, end: 400 } });
    const tasks = await stream.toArray();
    expect(tasks).toEqual([
      { id: 'c_1', submit: 0, start: 0, duration: 300, request: { cpu: 4000, memory: Math.round(0.0313 * 100 * GiB) }, machine: 'm_1' },
      { id: 'c_2', submit: 150, start: 150, duration: 150, request: { cpu: 2000, memory: 0 }, machine: 'm_2' },
    ]);
    expect(stream.report.notes).toMatchObject({ invalidValue: 1, missingRequest: 1, containerRowsMerged: 1 });
  });

  it('needs batch_task to read batch_instance', () => {
    expect(() => readAlibaba2018Tasks({ batchInstance }, { shape })).toThrowError(PodsimError);
  });

  it('reports malformed rows with file and line', async () => {
    const file = write('bad_task.csv', ['M1,2,j_1,1,Terminated,100,200,100,0.5', 'M1,x,j_1,1,Terminated,100,200,100,0.5', 'M1,2,j_1', 'M1,2,j_1,1,Terminated,1.5,200,100,0.5']);
    const error = (await readAlibaba2018Tasks({ batchTask: file }, { shape }).toArray().catch((e: unknown) => e)) as PodsimError;
    expect(error.issues.map((i) => [i.code, i.file, i.line])).toEqual([
      ['invalid_count', file, 2],
      ['wrong_column_count', file, 3],
      ['invalid_time', file, 4],
    ]);
  });
});

describe('readAlibaba2018Machines', () => {
  it('adds machines when they are first in service, updates them when capacity changes, removes them when the status leaves USING', async () => {
    const file = write('machine_meta.csv', ['m_2,0,5,b,64,50,USING', 'm_1,0,3,a,96,100,USING', 'm_1,300,3,a,96,100,IDLE', 'm_2,200,5,b,96,100,USING', 'm_2,100,5,b,64,50,USING', 'm_3,50,7,c,96,100,IMPORT_INSTALLING']);
    const stream = readAlibaba2018Machines(file, { shape });
    expect(await stream.toArray()).toEqual([
      { id: 'm_2', time: 0, event: 'add', capacity: { cpu: 64_000, memory: 50 * GiB }, labels: { failureDomain1: '5', failureDomain2: 'b' } },
      { id: 'm_1', time: 0, event: 'add', capacity: { cpu: 96_000, memory: 100 * GiB }, labels: { failureDomain1: '3', failureDomain2: 'a' } },
      { id: 'm_2', time: 200, event: 'update', capacity: { cpu: 96_000, memory: 100 * GiB }, labels: { failureDomain1: '5', failureDomain2: 'b' } },
      { id: 'm_1', time: 300, event: 'remove', capacity: { cpu: 96_000, memory: 100 * GiB }, labels: { failureDomain1: '3', failureDomain2: 'a' } },
    ]);
    expect(stream.report.notes).toMatchObject({ unchangedMachineRow: 1, removedByStatus: 1, status_IDLE: 1, status_IMPORT_INSTALLING: 1 });
    expect(stream.report.skipped).toEqual({ notInService: 1 });
  });
});

describe('readTrace', () => {
  it('finds the Alibaba tables in a folder', async () => {
    const records = readTrace({ format: 'alibaba2018', dir: tmp.dir, files: { machine_meta: [] } }, { shape, strict: false });
    const tasks = await records.tasks.toArray();
    expect(tasks.filter((t) => t.id.startsWith('c_'))).toHaveLength(2);
    expect(tasks.filter((t) => t.id.startsWith('j_'))).toHaveLength(4);
    expect(await records.machines.toArray()).toEqual([]);
  });

  it('rejects unknown tables and a missing task table', async () => {
    expect(() => readTrace({ format: 'google2011', files: { task_event: 'x' } }, { shape })).toThrowError(/no table "task_event"/);
    const error = (await readTrace({ format: 'google2011', dir: tmp.dir }, { shape }).tasks.toArray().catch((e: unknown) => e)) as PodsimError;
    expect(error.issues[0]?.code).toBe('missing_table');
  });
});
