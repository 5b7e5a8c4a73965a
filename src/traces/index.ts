/**
 * Production traces: readers for Google 2011, Google 2019 and Alibaba 2018, a synthetic trace generator, and
 * replay of a trace as a scenario.
 *
 * @example
 * ```ts
 * import { readTrace, traceToScenario } from 'podsim/traces';
 * const records = readTrace({ format: 'google2019', tasks: 'instance_events.csv', machines: 'machine_events.csv' });
 * const plan = traceToScenario(records, { mode: 'requests' });
 * ```
 * @packageDocumentation
 * @module podsim/traces
 */
export type { TraceResources, TraceTask, TraceMachine, TraceCollection } from './trace-records.js';
export type { MachineShape, TraceWindow, TraceSample, TraceReadOptions } from './trace-options.js';
export type { TraceReport } from './trace-report.js';
export { TraceStream } from './trace-stream.js';
export { sampleKeeps } from './sample-keeps.js';
export { scaleNormalised } from './scale-normalised.js';
export { readGoogle2011Tasks, readGoogle2011Machines } from './google2011.js';
export { readGoogle2019Tasks, readGoogle2019Machines, readGoogle2019Collections } from './google2019.js';
export { readAlibaba2018Tasks, readAlibaba2018Machines, type Alibaba2018Files } from './alibaba2018.js';
export { readTrace, type TraceSource, type TraceRecords } from './read-trace.js';
export { traceToScenario, type ReplayMode, type ReplayOptions, type ReplayPlan, type ReplayRecords } from './trace-to-scenario.js';
export {
  generateTrace,
  type TraceFormat,
  type GenerateTraceOptions,
  type GeneratedTrace,
  type GeneratedTask,
  type GeneratedMachine,
} from './generate.js';
export { replayScenario } from './replay-scenario.js';
export type { ReplayScenarioOptions } from './replay-scenario.js';
