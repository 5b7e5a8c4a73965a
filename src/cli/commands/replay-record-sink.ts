// podsim replay's per-container records: one row per placement, written as containers leave their
// hosts, a chunk at a time (containers.csv, and containers.parquet).
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CONTAINER_COLUMNS } from '../../report/containers-csv.js';
import { csvField } from '../../report/csv-field.js';
import type { Simulation } from '../../simulation/simulation.js';
import type { ClusterSnapshot } from '../../simulation/snapshot.js';
import { CONTAINERS_PARQUET_COLUMNS } from '../../traces/parquet/containers-parquet.js';
import { ParquetTableWriter } from '../../traces/parquet/parquet-table-writer.js';
import { grown } from '../../util/grown.js';
import { UsageError } from '../usage-error.js';

const STATES = ['completed', 'failed', 'evicted', 'preempted', 'running'] as const;
const CHUNK = 1 << 16;

/**
 * Per-container records as they leave their hosts (one row per placement), in typed-array chunks of
 * 65,536 rows: the observer asks the run to stop when a chunk is full, and the command writes it
 * (CSV, and Parquet) before going on, so memory stays flat however long the trace. @internal
 * @example
 * ```ts
 * const sink = await RecordSink.open(run, 'out', false);
 * await replay.run({ onStop: () => sink.flush() });
 * await sink.close();
 * ```
 */
export class RecordSink {
  private readonly submitted: Float64Array = new Float64Array(1024);
  private readonly rowId = new Float64Array(CHUNK);
  private readonly rowWorkload = new Int32Array(CHUNK);
  private readonly rowOrdinal = new Int32Array(CHUNK);
  private readonly rowHost = new Int32Array(CHUNK);
  private readonly rowState = new Uint8Array(CHUNK);
  private readonly rowSubmitted = new Float64Array(CHUNK);
  private readonly rowPlaced = new Float64Array(CHUNK);
  private readonly rowLeft = new Float64Array(CHUNK);
  private n = 0;
  /** Hosts by the trace's machine ids (a host group of one per machine, named by it). */
  private readonly hostNames: readonly string[];
  // By container handle: submit time, placement time (NaN: not placed).
  private submit: Float64Array = this.submitted;
  private placed: Float64Array = new Float64Array(1024).fill(NaN);

  private constructor(private readonly run: Simulation, private readonly fd: number, private readonly parquet: ParquetTableWriter | undefined) {
    const groups = run.scenario.parsed.hosts;
    this.hostNames = run.scenario.hosts.map((h) => ((groups[h.group]?.count ?? 1) === 1 ? (groups[h.group]?.name as string) : h.name));
    run.observe((e) => {
      const c = e.container;
      if (e.kind === 'submitted') {
        this.room(c);
        this.submit[c] = e.time;
        this.placed[c] = NaN;
      } else if (e.kind === 'placed') this.placed[c] = e.time;
      else if (e.kind === 'finished' || e.kind === 'failed' || e.kind === 'evicted' || e.kind === 'preempted') {
        this.row(e.id, e.workload, e.ordinal, e.host, e.kind === 'finished' ? 0 : e.kind === 'failed' ? 1 : e.kind === 'evicted' ? 2 : 3, this.submit[c] as number, this.placed[c] as number, e.time);
        if (e.kind !== 'finished' && e.kind !== 'failed') this.submit[c] = e.time; // queues again
        if (this.n === CHUNK) run.stop();
      }
    });
  }

  static async open(run: Simulation, dir: string, parquet: boolean): Promise<RecordSink> {
    let fd: number;
    try {
      mkdirSync(dir, { recursive: true });
      fd = openSync(join(dir, 'containers.csv'), 'w');
    } catch (e) {
      throw new UsageError(`cannot write ${join(dir, 'containers.csv')}: ${(e as Error).message}`);
    }
    writeSync(fd, `${CONTAINER_COLUMNS.join(',')}\n`);
    const pq = parquet ? await ParquetTableWriter.open(join(dir, 'containers.parquet'), CONTAINERS_PARQUET_COLUMNS) : undefined;
    return new RecordSink(run, fd, pq);
  }

  private room(c: number): void {
    if (c < this.submit.length) return;
    const size = Math.max(c + 1, this.submit.length * 2);
    this.submit = grown(this.submit, size);
    this.placed = grown(this.placed, size, NaN);
  }

  private row(id: number, workload: number, ordinal: number, host: number, state: number, submitted: number, placed: number, left: number): void {
    const i = this.n++;
    this.rowId[i] = id;
    this.rowWorkload[i] = workload;
    this.rowOrdinal[i] = ordinal;
    this.rowHost[i] = host;
    this.rowState[i] = state;
    this.rowSubmitted[i] = submitted;
    this.rowPlaced[i] = placed;
    this.rowLeft[i] = left;
  }

  /** Writes the rows gathered so far. */
  async flush(): Promise<void> {
    const n = this.n;
    if (n === 0) return;
    const workloads = this.run.scenario.workloads;
    const hostNames = this.hostNames;
    const cols: Record<string, (string | number | undefined)[]> = { id: [], name: [], workload: [], host: [], state: [], submitted: [], placed: [], finished: [], wait: [] };
    let text = '';
    for (let i = 0; i < n; i++) {
      const w = (workloads[this.rowWorkload[i] as number] as { name: string }).name;
      const name = `${w}-${this.rowOrdinal[i] as number}`;
      const host = hostNames[this.rowHost[i] as number] as string;
      const state = STATES[this.rowState[i] as number] as string;
      const submitted = this.rowSubmitted[i] as number, placed = this.rowPlaced[i] as number, left = this.rowLeft[i] as number;
      const finished = state === 'running' ? undefined : left;
      const row: Record<string, string | number | undefined> = { id: this.rowId[i] as number, name, workload: w, host, state, submitted, placed, finished, wait: placed - submitted };
      text += `${CONTAINER_COLUMNS.map((c) => csvField(row[c])).join(',')}\n`;
      if (this.parquet !== undefined) for (const k of Object.keys(cols)) (cols[k] as unknown[]).push(row[k]);
    }
    writeSync(this.fd, text);
    if (this.parquet !== undefined) await this.parquet.appendColumns(cols, n);
    this.n = 0;
  }

  /** Adds the containers still running at the end, writes what is left and closes the files. */
  async close(): Promise<void> {
    const snap = this.run.snapshot();
    const index = new Map(this.run.scenario.workloads.map((w, i) => [w.name, i]));
    for (let h = 0; h < snap.hosts.length; h++) {
      for (const c of (snap.hosts[h] as ClusterSnapshot['hosts'][number]).containers) {
        if (this.n === CHUNK) await this.flush();
        const w = index.get(c.workload) as number;
        const ordinal = Number(c.name.slice(c.workload.length + 1));
        // Without the performance model a container runs from its placement: `since` is that time.
        this.row(c.id, w, ordinal, h, 4, c.submitted, c.since, this.run.now);
      }
    }
    await this.flush();
    closeSync(this.fd);
    await this.parquet?.close();
  }
}
