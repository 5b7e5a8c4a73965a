import { MachineTracker } from './machine-tracker.js';
import { ParserBase } from './parser-base.js';
import { TaskTracker } from './task-tracker.js';
import type { TraceCollection, TraceMachine, TraceTask } from './trace-records.js';
import type { TraceReadOptions } from './trace-options.js';
import { bump } from './trace-report.js';
import { streamFiles, TraceStream, type ReadContext, type ReadPhase, type RowParser } from './trace-stream.js';
import { scaleNormalised } from './scale-normalised.js';

const AFTER_TRACE = 2 ** 62;
const EVENT_NAMES = ['submit', 'queue', 'enable', 'schedule', 'evict', 'fail', 'finish', 'kill', 'lost', 'update_pending', 'update_running'] as const;


/** An int64 field: BigQuery exports write them as strings, other exports as numbers. undefined when absent or null, NaN when invalid. */
function int64(v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return Number.isInteger(v) ? v : NaN;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  return NaN;
}

/** An id field kept as text (exact even beyond 2⁵³ when the export writes it as a string). */
function idText(v: unknown): string | undefined {
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** A float field: number, numeric string, or absent (NaN). undefined when invalid. */
function float(v: unknown): number | undefined {
  if (v === undefined || v === null) return NaN;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

abstract class JsonLines<T> extends ParserBase<T> {
  /** Parses a line as a JSON object, or reports it; undefined when the line is bad. */
  protected object(buf: Buffer, start: number, end: number, line: number): Record<string, unknown> | undefined {
    let value: unknown;
    try {
      value = JSON.parse(buf.toString('utf8', start, end));
    } catch (e) {
      this.bad('invalid_json', `not a JSON object: ${e instanceof Error ? e.message : String(e)}`, line);
      return undefined;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.bad('invalid_json', 'each line must be one JSON object', line);
      return undefined;
    }
    return value as Record<string, unknown>;
  }

  /** Reads `time`, reporting it when invalid; undefined when the row must be skipped. */
  protected time(row: Record<string, unknown>, line: number): number | undefined {
    const t = int64(row['time']);
    if (t === undefined || Number.isNaN(t) || t < 0) {
      this.bad('invalid_time', `time ${JSON.stringify(row['time'])} is not a non-negative integer of microseconds`, line);
      return undefined;
    }
    if (t >= AFTER_TRACE) {
      bump(this.ctx.report.skipped, 'afterTraceEnd');
      return undefined;
    }
    return t;
  }
}

class InstanceEvents2019 extends JsonLines<TraceTask> implements RowParser<TraceTask> {
  private readonly tracker: TaskTracker;

  constructor(ctx: ReadContext) {
    super(ctx);
    this.tracker = new TaskTracker(ctx.options, ctx.report, (_kNum, kStr) => kStr as string);
    this.outbox = this.tracker;
  }


  line(buf: Buffer, start: number, end: number, line: number): boolean {
    if (end <= start) return true;
    const report = this.ctx.report;
    report.rows++;
    const row = this.object(buf, start, end, line);
    if (row === undefined) return !this.stopped;
    const t = this.time(row, line);
    if (t === undefined) return !this.stopped;
    const type = int64(row['type']);
    if (type === undefined || !(type >= 0 && type <= 10)) return this.bad('invalid_event_type', `type ${JSON.stringify(row['type'])} is not an instance event type 0–10`, line);
    const collection = idText(row['collection_id']);
    const index = int64(row['instance_index']);
    if (collection === undefined || index === undefined || Number.isNaN(index)) return this.bad('missing_id', 'collection_id and instance_index are required', line);
    const rr = row['resource_request'];
    let cpu = NaN;
    let memory = NaN;
    if (rr !== undefined && rr !== null) {
      if (typeof rr !== 'object') return this.bad('invalid_request', 'resource_request must be an object { cpus, memory }', line);
      const c = float((rr as Record<string, unknown>)['cpus']);
      const m = float((rr as Record<string, unknown>)['memory']);
      if (c === undefined || m === undefined || c < 0 || m < 0) return this.bad('invalid_request', `resource_request ${JSON.stringify(rr)} must hold non-negative numbers`, line);
      cpu = c;
      memory = m;
    }
    const p = int64(row['priority']);
    if (p !== undefined && Number.isNaN(p)) return this.bad('invalid_priority', `priority ${JSON.stringify(row['priority'])} is not an integer`, line);
    const priority = p ?? NaN;
    const tracker = this.tracker;
    if (!this.admit(tracker.advance(t), line)) return !this.stopped;
    if (int64(row['collection_type']) === 1 && !this.ctx.options.includeAllocs) {
      bump(report.skipped, 'allocInstance');
      return true;
    }
    const key = `${collection}/${index}`;
    switch (type) {
      case 0:
        tracker.submit(-1, key, t, cpu, memory, priority);
        break;
      case 1: // QUEUE and ENABLE: still waiting
      case 2:
        tracker.update(-1, key, cpu, memory, priority);
        break;
      case 3: {
        const m = idText(row['machine_id']);
        tracker.schedule(-1, key, t, m === undefined || m === '0' || m === '-1' ? undefined : m, cpu, memory, priority);
        break;
      }
      case 9:
      case 10:
        tracker.update(-1, key, cpu, memory, priority);
        break;
      default: // EVICT, FAIL, FINISH, KILL, LOST
        tracker.end(-1, key, t);
    }
    return !this.stopped;
  }

  finish(): void {
    this.tracker.finish(this.ctx.report.stoppedAtWindowEnd);
  }
}

const MACHINE_EVENTS = [undefined, 'add', 'remove', 'update'] as const;

class MachineEvents2019 extends JsonLines<TraceMachine> implements RowParser<TraceMachine> {
  private readonly tracker: MachineTracker;

  constructor(ctx: ReadContext) {
    super(ctx);
    this.tracker = new MachineTracker(ctx.options, ctx.report);
    this.outbox = this.tracker;
  }


  line(buf: Buffer, start: number, end: number, line: number): boolean {
    if (end <= start) return true;
    this.ctx.report.rows++;
    const row = this.object(buf, start, end, line);
    if (row === undefined) return !this.stopped;
    const t = this.time(row, line);
    if (t === undefined) return !this.stopped;
    const id = idText(row['machine_id']);
    if (id === undefined) return this.bad('missing_id', 'machine_id is required', line);
    const type = int64(row['type']);
    const event = type === undefined ? undefined : MACHINE_EVENTS[type];
    if (event === undefined) return this.bad('invalid_event_type', `type ${JSON.stringify(row['type'])} is not 1 (add), 2 (remove) or 3 (update)`, line);
    let cpu = NaN;
    let memory = NaN;
    const cap = row['capacity'];
    if (cap !== undefined && cap !== null) {
      const c = typeof cap === 'object' ? float((cap as Record<string, unknown>)['cpus']) : undefined;
      const m = typeof cap === 'object' ? float((cap as Record<string, unknown>)['memory']) : undefined;
      if (c === undefined || m === undefined || c < 0 || m < 0) return this.bad('invalid_capacity', `capacity ${JSON.stringify(cap)} must be { cpus, memory } with non-negative numbers`, line);
      cpu = c;
      memory = m;
    }
    if (!this.admit(this.tracker.advance(t), line)) return !this.stopped;
    const labels: Record<string, string> = {};
    if (typeof row['platform_id'] === 'string') labels['platform'] = row['platform_id'];
    if (typeof row['switch_id'] === 'string') labels['switch'] = row['switch_id'];
    const { shape } = this.ctx.options;
    this.tracker.event(
      id,
      t,
      event,
      Number.isNaN(cpu) ? NaN : scaleNormalised(cpu, shape.cpu),
      Number.isNaN(memory) ? NaN : scaleNormalised(memory, shape.memory),
      Object.keys(labels).length > 0 ? labels : undefined,
    );
    return !this.stopped;
  }

  finish(): void {
    this.tracker.finish();
  }
}

class CollectionEvents2019 extends JsonLines<TraceCollection> implements RowParser<TraceCollection> {
  private last = -Infinity;

  line(buf: Buffer, start: number, end: number, line: number): boolean {
    if (end <= start) return true;
    const report = this.ctx.report;
    report.rows++;
    const row = this.object(buf, start, end, line);
    if (row === undefined) return !this.stopped;
    const t = this.time(row, line);
    if (t === undefined) return !this.stopped;
    const type = int64(row['type']);
    const event = type === undefined ? undefined : EVENT_NAMES[type];
    if (event === undefined) return this.bad('invalid_event_type', `type ${JSON.stringify(row['type'])} is not a collection event type 0–10`, line);
    const id = idText(row['collection_id']);
    if (id === undefined) return this.bad('missing_id', 'collection_id is required', line);
    const o = this.ctx.options;
    const verdict = t >= o.end ? 1 : t < this.last ? 2 : 0;
    if (verdict === 0) this.last = t;
    if (!this.admit(verdict, line)) return !this.stopped;
    if (t < o.start) {
      bump(report.skipped, 'beforeWindow');
      return true;
    }
    const c: { -readonly [K in keyof TraceCollection]: TraceCollection[K] } = {
      id,
      time: (t - o.start) / o.perSecond,
      event,
      type: int64(row['collection_type']) === 1 ? 'alloc_set' : 'job',
    };
    const p = int64(row['priority']);
    if (p !== undefined && !Number.isNaN(p)) c.priority = p;
    const parent = idText(row['parent_collection_id']);
    if (parent !== undefined) c.parent = parent;
    if (typeof row['user'] === 'string') c.user = row['user'];
    this.out.push(c);
    return !this.stopped;
  }

  finish(): void {}
}

/**
 * Reads Google ClusterData2019 `instance_events` files (JSON lines, plain or gzip, in time order)
 * and yields one {@link TraceTask} per run of an instance: SUBMIT, SCHEDULE (start, machine), then
 * EVICT, FAIL, FINISH, KILL or LOST. `resource_request` `{ cpus, memory }` is scaled by
 * `options.shape`. Alloc instances (`collection_type` 1) are skipped unless `includeAllocs`.
 * Integer fields may be JSON numbers or strings (as BigQuery exports them).
 *
 * @example
 * ```ts
 * const tasks = readGoogle2019Tasks(['instance_events-000000000000.json.gz'], {
 *   shape: { cpu: 64_000, memory: 256 * 2 ** 30 },
 *   sample: { fraction: 0.01, seed: 1 },
 * });
 * for await (const t of tasks) console.log(t.id, t.priority);
 * ```
 */
export function readGoogle2019Tasks(files: string | readonly string[], options: TraceReadOptions): TraceStream<TraceTask> {
  return streamFiles(files, options, 1e6, google2019TaskPhases);
}

/**
 * The read plan of {@link readGoogle2019Tasks}. @internal
 * @example
 * ```ts
 * new TraceStream(options, async (ctx) => google2019TaskPhases(['instance_events.json'], ctx));
 * ```
 */
export function google2019TaskPhases(files: readonly string[], ctx: ReadContext): ReadPhase<TraceTask>[] {
  return [{ files, parser: new InstanceEvents2019(ctx) }];
}

/**
 * Reads Google ClusterData2019 `machine_events` files (JSON lines: time, machine_id, type 1 add /
 * 2 remove / 3 update, capacity `{ cpus, memory }`, platform_id, switch_id) and yields
 * {@link TraceMachine} events scaled by `options.shape`.
 *
 * @example
 * ```ts
 * const machines = await readGoogle2019Machines('machine_events-000000000000.json.gz', { shape }).toArray();
 * ```
 */
export function readGoogle2019Machines(files: string | readonly string[], options: TraceReadOptions): TraceStream<TraceMachine> {
  return streamFiles(files, options, 1e6, google2019MachinePhases);
}

/**
 * The read plan of {@link readGoogle2019Machines}. @internal
 * @example
 * ```ts
 * new TraceStream(options, async (ctx) => google2019MachinePhases(['machine_events.json'], ctx));
 * ```
 */
export function google2019MachinePhases(files: readonly string[], ctx: ReadContext): ReadPhase<TraceMachine>[] {
  return [{ files, parser: new MachineEvents2019(ctx) }];
}

/**
 * Reads Google ClusterData2019 `collection_events` files (JSON lines) and yields the job and alloc-set
 * events inside the window as {@link TraceCollection}s (never sampled).
 *
 * @example
 * ```ts
 * for await (const c of readGoogle2019Collections('collection_events-000000000000.json', { shape })) {
 *   if (c.event === 'submit') console.log(c.id, c.type, c.priority);
 * }
 * ```
 */
export function readGoogle2019Collections(files: string | readonly string[], options: TraceReadOptions): TraceStream<TraceCollection> {
  return streamFiles(files, options, 1e6, google2019CollectionPhases);
}

/**
 * The read plan of {@link readGoogle2019Collections}. @internal
 * @example
 * ```ts
 * new TraceStream(options, async (ctx) => google2019CollectionPhases(['collection_events.json'], ctx));
 * ```
 */
export function google2019CollectionPhases(files: readonly string[], ctx: ReadContext): ReadPhase<TraceCollection>[] {
  return [{ files, parser: new CollectionEvents2019(ctx) }];
}
