import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simulate } from '../../src/index.js';
import { containersCsv } from '../../src/report/containers-csv.js';
import type { ContainerRow } from '../../src/report/container-row.js';
import { timeSeriesCsv } from '../../src/report/timeseries-csv.js';
import { ParquetTableWriter } from '../../src/traces/parquet/parquet-table-writer.js';
import { writeContainersParquet } from '../../src/traces/parquet/containers-parquet.js';
import { writeTimeSeriesParquet } from '../../src/traces/parquet/timeseries-parquet.js';
import { tempDir } from './tmp-dir.js';

const tmp = tempDir('parquet');
afterAll(() => tmp.remove());

/** CSV text as objects: empty fields are null, numbers are numbers (the files hold no quoted fields). */
function parseCsv(text: string): Record<string, string | number | null>[] {
  const [head, ...lines] = text.trimEnd().split('\n');
  const cols = (head as string).split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i] as string, v === '' ? null : Number.isNaN(Number(v)) ? v : Number(v)])));
}

async function readBack(file: string): Promise<Record<string, unknown>[]> {
  return (await parquetReadObjects({ file: await asyncBufferFromFile(file) })) as Record<string, unknown>[];
}

describe('writeContainersParquet(path, rows)', () => {
  it('writes the records of containers.csv, read back equal by a Parquet reader, in several row groups', async () => {
    const rows: ContainerRow[] = Array.from({ length: 2500 }, (_, i) => ({
      id: i,
      name: `web-${i}`,
      workload: i % 3 === 0 ? 'web' : 'batch',
      ...(i % 7 === 0 ? {} : { host: `node-${i % 11}` }),
      state: i % 5 === 0 ? 'running' : 'completed',
      submitted: i * 0.5,
      ...(i % 7 === 0 ? {} : { placed: i * 0.5 + 0.25, wait: 0.25 }),
      ...(i % 5 === 0 ? {} : { finished: i * 0.5 + 10.125 }),
      restarts: i % 4,
    }));
    const file = join(tmp.dir, 'containers.parquet');
    expect(await writeContainersParquet(file, rows, { rowGroupSize: 1000 })).toBe(2500);
    const meta = await parquetMetadataAsync(await asyncBufferFromFile(file));
    expect(meta.row_groups).toHaveLength(3);
    const back = await readBack(file);
    const csv = parseCsv(containersCsv(rows));
    expect(back).toHaveLength(csv.length);
    back.forEach((r, i) => {
      const c = csv[i] as Record<string, unknown>;
      for (const [k, v] of Object.entries(r)) expect(v, `${i}.${k}`).toEqual(k in c ? c[k] : null);
    });
  });
});

describe('writeTimeSeriesParquet(path, ts)', () => {
  it('writes a simulation result\'s time series with the columns of timeseries.csv', async () => {
    const result = simulate({
      hosts: [{ name: 'node', count: 3, capacity: { cpu: 4, memory: '8Gi' } }],
      workloads: [{ name: 'web', count: 60, arrival: { process: 'poisson', rate: 2 }, duration: { distribution: 'exponential', mean: 5 }, request: { cpu: '500m', memory: '512Mi' } }],
      timeseries: { interval: 0.5 },
      seed: 3,
    });
    const ts = result.timeseries as NonNullable<typeof result.timeseries>;
    const file = join(tmp.dir, 'timeseries.parquet');
    expect(await writeTimeSeriesParquet(file, ts, { rowGroupSize: 16 })).toBe(ts.time.length);
    expect(await readBack(file)).toEqual(parseCsv(timeSeriesCsv(ts)));
  });
});

describe('ParquetTableWriter', () => {
  it('keeps memory to one row group: appending a million rows leaves the heap flat', async () => {
    const file = join(tmp.dir, 'big.parquet');
    const w = await ParquetTableWriter.open(file, [{ name: 't', type: 'DOUBLE' }, { name: 'n', type: 'INT32' }], { rowGroupSize: 50_000 });
    const t = new Float64Array(100_000);
    const n = new Int32Array(100_000);
    let before = 0;
    for (let k = 0; k < 10; k++) {
      for (let i = 0; i < t.length; i++) {
        t[i] = k * 1e5 + i;
        n[i] = i;
      }
      await w.appendColumns({ t, n }, t.length);
      if (k === 1) before = process.memoryUsage().heapUsed;
    }
    await w.close();
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 2 ** 20);
    const meta = await parquetMetadataAsync(await asyncBufferFromFile(file));
    expect(Number(meta.num_rows)).toBe(1_000_000);
    expect(meta.row_groups).toHaveLength(20);
  });

  it('refuses a bad row group size and duplicate columns', async () => {
    await expect(ParquetTableWriter.open(join(tmp.dir, 'x.parquet'), [{ name: 'a', type: 'DOUBLE' }], { rowGroupSize: 0 })).rejects.toThrow(/rowGroupSize/);
    await expect(ParquetTableWriter.open(join(tmp.dir, 'x.parquet'), [{ name: 'a', type: 'DOUBLE' }, { name: 'a', type: 'INT32' }])).rejects.toThrow(/twice/);
  });
});
