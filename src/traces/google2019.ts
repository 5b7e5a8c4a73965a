import { MachineColumns, MachineEventKind, machineRecord, type MachineEventBatch } from './machine-batch.js';
import { MachineTracker } from './machine-tracker.js';
import { JsonFields, JsonKind } from './json-fields.js';
import { ParserBase, RecordOutbox } from './parser-base.js';
import { TaskColumns, taskRecord, type TaskBatch } from './task-batch.js';
import { TaskTracker, type RowKeys } from './task-tracker.js';
import type { TraceDictionary } from './trace-dictionary.js';
import type { TraceCollection, TraceMachine, TraceTask } from './trace-records.js';
import type { TraceReadOptions } from './trace-options.js';
import { bump } from './trace-report.js';
import { streamFiles, TraceStream, type ReadContext, type ReadPhase, type RowParser } from './trace-stream.js';
import { scaleNormalised } from './scale-normalised.js';

/** Times at or past 2⁶² µs mean "after the end of the trace" (the trace writes 2⁶³−1). */
const AFTER_TRACE = 2 ** 62;
const EVENT_NAMES = ['submit', 'queue', 'enable', 'schedule', 'evict', 'fail', 'finish', 'kill', 'lost', 'update_pending', 'update_running'] as const;
const INT31 = 2 ** 31;

/** A line's fields, scanned without JSON.parse; reports the line when it is not one JSON object. */
abstract class JsonLines<B> extends ParserBase<B> {
  protected abstract readonly f: JsonFields;
  /** Scanner of nested `{ cpus, memory }` objects (give it to `f` for the key that holds one). */
  protected readonly nested = new JsonFields(['cpus', 'memory']);

  /** Scans a line; false (after reporting it) when it is not one JSON object. */
  protected scan(buf: Buffer, start: number, end: number, line: number): boolean {
    if (this.f.scan(buf, start, end)) return true;
    let message = this.f.error;
    try {
      JSON.parse(buf.toString('utf8', start, end));
    } catch (e) {
      message = e instanceof Error ? e.message : String(e);
    }
    this.bad('invalid_json', `not a JSON object: ${message}`, line);
    return false;
  }

  /** Reads field `k` as the row's time in µs, reporting it when invalid; undefined when the row must be skipped. */
  protected time(k: number, line: number): number | undefined {
    const t = this.f.int64(k);
    if (t === undefined || Number.isNaN(t) || t < 0) {
      this.bad('invalid_time', `time ${this.f.raw(k)} is not a non-negative integer of microseconds`, line);
      return undefined;
    }
    if (t >= AFTER_TRACE) {
      bump(this.ctx.report.skipped, 'afterTraceEnd');
      return undefined;
    }
    return t;
  }

  /**
   * Reads a `{ cpus, memory }` field into `this.cpus`/`this.memory` (NaN when null or absent);
   * false when it is not such an object of non-negative numbers.
   */
  protected pair(k: number): boolean {
    this.cpus = NaN;
    this.memory = NaN;
    const f = this.f;
    const kind = f.kind(k);
    if (kind === JsonKind.Absent || kind === JsonKind.Null) return true;
    if (kind !== JsonKind.Object) return false; // its keys were read by `nested` in the same pass
    const c = this.float(0);
    const m = this.float(1);
    if (c === undefined || m === undefined || c < 0 || m < 0) return false;
    this.cpus = c;
    this.memory = m;
    return true;
  }

  protected cpus = NaN;
  protected memory = NaN;

  /** A float of the nested object: number, numeric string, or absent/null (NaN); undefined when invalid. */
  private float(k: number): number | undefined {
    const n = this.nested;
    const kind = n.kind(k);
    if (kind === JsonKind.Absent || kind === JsonKind.Null) return NaN;
    if (kind === JsonKind.Number) return n.number(k);
    if (kind === JsonKind.String) {
      const text = n.text(k);
      const v = Number(text);
      return text.trim() !== '' && Number.isFinite(v) ? v : undefined;
    }
    return undefined;
  }

  /** An id field as text: a non-empty string, or a number's digits; undefined when absent or null. */
  protected idText(k: number): string | undefined {
    const kind = this.f.kind(k);
    if (kind === JsonKind.String) {
      const text = this.f.text(k);
      return text === '' ? undefined : text;
    }
    if (kind === JsonKind.Number) {
      const text = this.f.text(k);
      return /^-?\d+$/.test(text) ? text : String(this.f.number(k));
    }
    return undefined;
  }
}

/** instance_events keys. */
const I = { time: 0, type: 1, collection: 2, index: 3, request: 4, priority: 5, collectionType: 6, machine: 7 } as const;

class InstanceEvents2019 extends JsonLines<TaskBatch> implements RowParser<TaskBatch>, RowKeys {
  protected readonly f = new JsonFields(['time', 'type', 'collection_id', 'instance_index', 'resource_request', 'priority', 'collection_type', 'machine_id'], { resource_request: this.nested });
  private readonly tracker: TaskTracker;
  protected readonly outbox: TaskColumns;
  private readonly dict: TraceDictionary;
  private collectionNum = -1;
  private index = 0;
  /** The collection asked for last (its instances come in runs of rows): its number and job index. */

  constructor(ctx: ReadContext) {
    super(ctx);
    this.dict = ctx.dictionary;
    this.tracker = new TaskTracker(ctx.options, ctx.report, this, ctx.horizon, ctx.dictionary.forgetJobs ? ctx.dictionary : undefined);
    this.outbox = this.tracker.out;
  }

  job(): number {
    const n = this.collectionNum;
    if (n >= 0) return this.dict.jobNumber(n);
    const key = this.idText(I.collection) as string;
    return this.dict.job(key);
  }

  member(): number {
    return this.index >= 0 && this.index < INT31 ? this.index : this.dict.memberText(this.id());
  }

  id(): string {
    return `${this.idText(I.collection) as string}/${this.index}`;
  }

  line(buf: Buffer, start: number, end: number, line: number): boolean {
    if (end <= start) return true;
    const report = this.ctx.report;
    report.rows++;
    if (!this.scan(buf, start, end, line)) return !this.stopped;
    const f = this.f;
    const t = this.time(I.time, line);
    if (t === undefined) return !this.stopped;
    const type = f.int64(I.type);
    if (type === undefined || !(type >= 0 && type <= 10)) return this.bad('invalid_event_type', `type ${f.raw(I.type)} is not an instance event type 0–10`, line);
    const index = f.int64(I.index);
    const collection = f.uint(I.collection) >= 0 || this.idText(I.collection) !== undefined;
    if (!collection || index === undefined || Number.isNaN(index)) return this.bad('missing_id', 'collection_id and instance_index are required', line);
    if (!this.pair(I.request)) return this.bad('invalid_request', `resource_request ${f.raw(I.request)} must be an object { cpus, memory } of non-negative numbers`, line);
    const p = f.int64(I.priority);
    if (p !== undefined && !(p >= 0 && p < INT31)) return this.bad('invalid_priority', `priority ${f.raw(I.priority)} is not a non-negative integer`, line);
    const priority = p ?? NaN;
    const tracker = this.tracker;
    if (!this.admit(tracker.advance(t), line)) return !this.stopped;
    if (f.int64(I.collectionType) === 1 && !this.ctx.options.includeAllocs) {
      bump(report.skipped, 'allocInstance');
      return true;
    }
    this.collectionNum = f.uint(I.collection);
    this.index = index;
    let a: number;
    let b: number;
    if (this.collectionNum >= 0 && index >= 0 && index < INT31) {
      a = this.collectionNum;
      b = index;
    } else {
      a = this.dict.memberText(this.id());
      b = -1;
    }
    const { cpus, memory } = this;
    switch (type) {
      case 0:
        tracker.submit(a, b, t, cpus, memory, priority);
        break;
      case 1: // QUEUE and ENABLE: still waiting
        tracker.update(a, b, cpus, memory, priority, 'queueForUnknownTask');
        break;
      case 2:
        tracker.update(a, b, cpus, memory, priority, 'enableForUnknownTask');
        break;
      case 3:
        tracker.schedule(a, b, t, this.machine(), cpus, memory, priority);
        break;
      case 9:
      case 10:
        tracker.update(a, b, cpus, memory, priority, 'updateForUnknownTask');
        break;
      default: // EVICT, FAIL, FINISH, KILL, LOST
        tracker.end(a, b, t);
    }
    return !this.stopped;
  }

  /** The row's machine index; -1 when null, absent, 0 or -1 (the trace's "none"). */
  private machine(): number {
    const n = this.f.uint(I.machine);
    if (n > 0) {
      const found = this.dict.machines.findNumber(n);
      return found >= 0 ? found : this.dict.machines.addNumber(n, this.f.text(I.machine));
    }
    if (n === 0) return -1;
    const m = this.idText(I.machine);
    return m === undefined || m === '-1' ? -1 : this.dict.machines.ofText(m);
  }

  finish(): void {
    this.tracker.finish(this.ctx.report.stoppedAtWindowEnd);
  }
}

const MACHINE_EVENTS = [undefined, MachineEventKind.Add, MachineEventKind.Remove, MachineEventKind.Update] as const;
/** machine_events keys. */
const M = { time: 0, machine: 1, type: 2, capacity: 3, platform: 4, switch: 5 } as const;

class MachineEvents2019 extends JsonLines<MachineEventBatch> implements RowParser<MachineEventBatch> {
  protected readonly f = new JsonFields(['time', 'machine_id', 'type', 'capacity', 'platform_id', 'switch_id'], { capacity: this.nested });
  private readonly tracker: MachineTracker;
  protected readonly outbox: MachineColumns;

  constructor(ctx: ReadContext) {
    super(ctx);
    this.tracker = new MachineTracker(ctx.options, ctx.report, ctx.dictionary);
    this.outbox = this.tracker.out;
  }

  line(buf: Buffer, start: number, end: number, line: number): boolean {
    if (end <= start) return true;
    this.ctx.report.rows++;
    if (!this.scan(buf, start, end, line)) return !this.stopped;
    const f = this.f;
    const t = this.time(M.time, line);
    if (t === undefined) return !this.stopped;
    const id = this.idText(M.machine);
    if (id === undefined) return this.bad('missing_id', 'machine_id is required', line);
    const type = f.int64(M.type);
    const event = type === undefined ? undefined : MACHINE_EVENTS[type];
    if (event === undefined) return this.bad('invalid_event_type', `type ${f.raw(M.type)} is not 1 (add), 2 (remove) or 3 (update)`, line);
    if (!this.pair(M.capacity)) return this.bad('invalid_capacity', `capacity ${f.raw(M.capacity)} must be { cpus, memory } with non-negative numbers`, line);
    if (!this.admit(this.tracker.advance(t), line)) return !this.stopped;
    const labels: Record<string, string> = {};
    if (f.kind(M.platform) === JsonKind.String) labels['platform'] = f.text(M.platform);
    if (f.kind(M.switch) === JsonKind.String) labels['switch'] = f.text(M.switch);
    const { shape } = this.ctx.options;
    const machine = this.ctx.dictionary.machine(id, Object.keys(labels).length > 0 ? labels : undefined);
    const { cpus, memory } = this;
    this.tracker.event(machine, t, event, Number.isNaN(cpus) ? NaN : scaleNormalised(cpus, shape.cpu), Number.isNaN(memory) ? NaN : scaleNormalised(memory, shape.memory));
    return !this.stopped;
  }

  finish(): void {
    this.tracker.finish();
  }
}

/** collection_events keys. */
const C = { time: 0, type: 1, collection: 2, collectionType: 3, priority: 4, parent: 5, user: 6 } as const;

class CollectionEvents2019 extends JsonLines<readonly TraceCollection[]> implements RowParser<readonly TraceCollection[]> {
  protected readonly f = new JsonFields(['time', 'type', 'collection_id', 'collection_type', 'priority', 'parent_collection_id', 'user']);
  protected readonly outbox = new RecordOutbox<TraceCollection>();
  private last = -Infinity;

  line(buf: Buffer, start: number, end: number, line: number): boolean {
    if (end <= start) return true;
    const report = this.ctx.report;
    report.rows++;
    if (!this.scan(buf, start, end, line)) return !this.stopped;
    const f = this.f;
    const t = this.time(C.time, line);
    if (t === undefined) return !this.stopped;
    const type = f.int64(C.type);
    const event = type === undefined ? undefined : EVENT_NAMES[type];
    if (event === undefined) return this.bad('invalid_event_type', `type ${f.raw(C.type)} is not a collection event type 0–10`, line);
    const id = this.idText(C.collection);
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
      type: f.int64(C.collectionType) === 1 ? 'alloc_set' : 'job',
    };
    const p = f.int64(C.priority);
    if (p !== undefined && !Number.isNaN(p)) c.priority = p;
    const parent = this.idText(C.parent);
    if (parent !== undefined) c.parent = parent;
    if (f.kind(C.user) === JsonKind.String) c.user = f.text(C.user);
    this.outbox.out.push(c);
    return !this.stopped;
  }

  finish(): void {}
}

function collectionRecord(batch: readonly TraceCollection[], i: number): TraceCollection {
  return batch[i] as TraceCollection;
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
export function readGoogle2019Tasks(files: string | readonly string[], options: TraceReadOptions): TraceStream<TraceTask, TaskBatch> {
  return streamFiles(files, options, 1e6, google2019TaskPhases, taskRecord);
}

/**
 * The read plan of {@link readGoogle2019Tasks}. @internal
 * @example
 * ```ts
 * new TraceStream(options, async (ctx) => google2019TaskPhases(['instance_events.json'], ctx));
 * ```
 */
export function google2019TaskPhases(files: readonly string[], ctx: ReadContext): ReadPhase<TaskBatch>[] {
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
export function readGoogle2019Machines(files: string | readonly string[], options: TraceReadOptions): TraceStream<TraceMachine, MachineEventBatch> {
  return streamFiles(files, options, 1e6, google2019MachinePhases, machineRecord);
}

/**
 * The read plan of {@link readGoogle2019Machines}. @internal
 * @example
 * ```ts
 * new TraceStream(options, async (ctx) => google2019MachinePhases(['machine_events.json'], ctx));
 * ```
 */
export function google2019MachinePhases(files: readonly string[], ctx: ReadContext): ReadPhase<MachineEventBatch>[] {
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
export function readGoogle2019Collections(files: string | readonly string[], options: TraceReadOptions): TraceStream<TraceCollection, readonly TraceCollection[]> {
  return streamFiles(files, options, 1e6, google2019CollectionPhases, collectionRecord);
}

/**
 * The read plan of {@link readGoogle2019Collections}. @internal
 * @example
 * ```ts
 * new TraceStream(options, async (ctx) => google2019CollectionPhases(['collection_events.json'], ctx));
 * ```
 */
export function google2019CollectionPhases(files: readonly string[], ctx: ReadContext): ReadPhase<readonly TraceCollection[]>[] {
  return [{ files, parser: new CollectionEvents2019(ctx) }];
}
