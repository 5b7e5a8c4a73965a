/**
 * Production traces: readers for Google 2011, Google 2019 and Alibaba 2018, a synthetic trace generator, and
 * replay of a trace as a scenario.
 *
 * @example
 * ```ts
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { simulate } from 'podsim';
 * import { generateTrace, readTrace, replayScenario, traceToScenario } from 'podsim/traces';
 * const dir = mkdtempSync(join(tmpdir(), 'trace-'));
 * await generateTrace({ format: 'google2011', machines: 4, tasks: 50, seed: 1, dir });
 * const records = readTrace({ format: 'google2011', dir }, { shape: { cpu: 64_000, memory: 2 ** 38 } });
 * const plan = await traceToScenario(records, { mode: 'reschedule' });
 * console.log(simulate(replayScenario(plan)).containers.submitted);
 * ```
 * @packageDocumentation
 * @module podsim/traces
 */
export type { TraceResources, TraceTask, TraceMachine, TraceCollection } from './trace-records.js';
export type { MachineShape, TraceWindow, TraceSample, TraceReadOptions } from './trace-options.js';
export type { TraceReport } from './trace-report.js';
export { TraceStream, type BatchOrder, type Sized } from './trace-stream.js';
export { TaskFlag, NO_PRIORITY, taskRecord, type TaskBatch } from './task-batch.js';
export { MachineEventKind, machineRecord, type MachineEventBatch } from './machine-batch.js';
export { TraceDictionary, Interner } from './trace-dictionary.js';
export { sampleKeeps } from './sample-keeps.js';
export { scaleNormalised } from './scale-normalised.js';
export { readGoogle2011Tasks, readGoogle2011Machines } from './google2011.js';
export { readGoogle2019Tasks, readGoogle2019Machines, readGoogle2019Collections } from './google2019.js';
export { readAlibaba2018Tasks, readAlibaba2018Machines, type Alibaba2018Files } from './alibaba2018.js';
export { readTrace, type TraceSource, type TraceRecords } from './read-trace.js';
export {
  traceToScenario,
  type ReplayMode,
  type ReplayOptions,
  type ReplayPlan,
  type ReplayRecords,
  type TaskBatchSource,
  type MachineBatchSource,
} from './trace-to-scenario.js';
export {
  generateTrace,
  type TraceFormat,
  type GenerateTraceOptions,
  type GeneratedTrace,
  type GeneratedTask,
  type GeneratedOutcome,
  type GeneratedMachine,
  type GeneratedMachineEvent,
} from './generate.js';
export { replayScenario } from './replay-scenario.js';
export type { ReplayScenarioOptions } from './replay-scenario.js';
export { ParquetTableWriter, type ParquetColumn, type ParquetWriteOptions } from './parquet/parquet-table-writer.js';
export { writeContainersParquet, CONTAINERS_PARQUET_COLUMNS } from './parquet/containers-parquet.js';
export { writeTimeSeriesParquet } from './parquet/timeseries-parquet.js';
export { replayPriorityWaits, GOOGLE_2019_TIERS, type PriorityGrouping, type PriorityTier, type PriorityWaits, type PriorityClassWaits, type ReplayResult } from './priority-waits.js';
export { replaySimulation, replayTrace, replayWarnings, replayCounts, type ReplayTraceOptions } from './replay-trace.js';
export { openReplayStream, replayStream, StreamReplay, STREAM_WAIT_STORE, type ReplayStreamOptions, type StreamCounts, type StreamRunOptions } from './replay-stream.js';
