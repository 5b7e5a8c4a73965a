/**
 * Experiments over simulations: replications with confidence intervals, common random numbers,
 * grids of variants, capacity search, and the runners that execute them.
 *
 * @example
 * ```ts
 * import { experiment, type Scenario } from 'podsim';
 * import { runTask } from 'podsim/experiments';
 * const scenario: Scenario = {
 *   hosts: [{ name: 'node', count: 2, capacity: { cpu: 2, memory: '4Gi' } }],
 *   workloads: [{ name: 'job', count: 200, arrival: { process: 'poisson', rate: 2 }, duration: { distribution: 'exponential', mean: 1 }, request: { cpu: 1 } }],
 * };
 * const ex = await experiment({ scenario, vary: { 'hosts[0].count': [2, 3] }, replications: 5, workers: 1 });
 * console.log(ex.points.map((p) => p.metrics['wait.mean']?.ci));
 * // The run unit a queue or a shard executes: one (point, replication).
 * console.log(typeof runTask);
 * ```
 * @packageDocumentation
 * @module podsim/experiments
 */
export { experiment, DEFAULT_METRICS } from './experiment.js';
export type { ExperimentOptions, ExperimentResult, PointResult } from './experiment.js';
export { findCapacity } from './find-capacity.js';
export type { FindCapacityOptions, CapacityResult, CapacityEvidence, CapacityEstimate } from './find-capacity.js';
export type { Slo, SloDecision } from './slo-decision.js';
export { decideSlo } from './slo-decision.js';
export type { ExperimentProgress, Replications, SequentialReplications } from './options.js';
export type { MetricInterval } from './interval.js';
export { meanInterval, pairedInterval } from './interval.js';
export { studentTQuantile } from './student-t.js';
export { nextReplications } from './sequential.js';
export { replicationSeed } from './replication-seed.js';
export { mser5 } from './mser5.js';
export type { Mser5 } from './mser5.js';
export type { WarmupUsed } from './warmup.js';
export { expandGrid } from './grid.js';
export type { PointValues } from './grid.js';
export { setPath } from './set-path.js';
export { readMetric } from './metric-path.js';
export { runTask, runKey, pointScenario } from './run-task.js';
export type { RunTask, RunOutcome, RunSettings } from './run-task.js';
export { inProcessRunner } from './runner.js';
export type { ExperimentRunner, RunnerFactory } from './runner.js';
export { poolRunner } from './pool-runner.js';
export type { RunnerRunOptions } from './runner.js';
export { queueRunner } from './queue/queue-runner.js';
export { runWorker } from './queue/run-worker.js';
export type { WorkerOptions, WorkerStats, QueueWorker } from './queue/run-worker.js';
export type { QueueOptions } from './queue/queue-options.js';
export type { RedisConnection, RedisConnectionOptions } from './queue/redis-connection.js';
export { runShard } from './shard-run.js';
export type { ShardOutput, ShardExperiment, ShardRunOptions } from './shard-run.js';
export { mergeShards } from './shard-merge.js';
export type { ShardSource } from './shard-merge.js';
export { parseShard, shardFromEnv } from './shard-spec.js';
export type { ShardSpec } from './shard-spec.js';
export { exactJson, parseExactJson } from './exact-json.js';
export { sweepHash, canonicalJson } from './sweep-hash.js';
export { mmcModelOf, mmcMetric } from './mmc-model.js';
export type { MmcModel } from './mmc-model.js';
