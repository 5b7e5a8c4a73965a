/**
 * podsim: simulate how containers are placed onto hosts and how they perform there.
 *
 * The root export is what a user of podsim needs: run a scenario ({@link simulate},
 * {@link Simulation}), write and check one ({@link Scenario}, {@link scenarioSchema},
 * {@link validateScenario}), load one from files ({@link loadScenario}), read the result
 * ({@link SimulationResult}), plug in a placement policy ({@link PlacementPolicy}), handle
 * bad input ({@link PodsimError}, {@link Issue}) and render the HTML report
 * ({@link simulateForReport}, {@link renderReport}). Everything else lives in a subpath:
 *
 * | import from           | what it holds                                                              |
 * |-----------------------|----------------------------------------------------------------------------|
 * | `podsim/kube`         | the kube-scheduler framework: profiles, plugins, formulas, preemption, explain |
 * | `podsim/scheduling`   | the classic bin-packing policies and their free-capacity index               |
 * | `podsim/packing`      | the offline packer: fewest or cheapest hosts, lower bounds, benchmark instances |
 * | `podsim/performance`  | the performance model's pure functions: CPU shares, network, images, memory |
 * | `podsim/traces`       | Google 2011/2019 and Alibaba 2018 trace readers, replay and generation     |
 * | `podsim/inputs`       | Kubernetes and Compose importers, the JSON Schema, workload generators     |
 * | `podsim/report`       | the report's charts (Vega-Lite), SVG rendering and CSV exports             |
 * | `podsim/engine`       | the discrete-event kernel and the cluster's resource accounting            |
 * | `podsim/resources`    | quantities (`500m`, `1Gi`) and resource vectors                            |
 * | `podsim/random`       | seeded random streams and distributions                                    |
 * | `podsim/metrics`      | compensated sums, Welford's moments, quantile stores                       |
 * | `podsim/cli`          | the `podsim` command line as a function, `main(argv, io)`                    |
 * | `podsim/experiments`  | the run unit and runners behind {@link experiment} (for queues and shards)  |
 * | `podsim/theory`       | queueing theory: Erlang B and C, M/M/c waits, processor sharing, Little's law |
 * | `podsim/dynamics`     | HPA, cluster autoscaler, failures, controllers, cost and energy models      |
 *
 * @example
 * ```ts
 * import { simulate } from 'podsim';
 * const r = simulate({
 *   hosts: [{ name: 'node', count: 3, capacity: { cpu: 4, memory: '16Gi' } }],
 *   workloads: [{ name: 'web', count: 100, arrival: { process: 'poisson', rate: 2 }, duration: { distribution: 'constant', value: 5 }, request: { cpu: '500m' } }],
 * });
 * console.log(r.wait.p99, r.utilization.cpu);
 * ```
 * @packageDocumentation
 * @module podsim
 */

// Running a scenario, and what it returns.
export { simulate, Simulation } from './simulation/index.js';
export type {
  SimulationOptions, SimulationRunOptions, SimulationResult, ContainerCounts, TimeSeries, PerformanceSummary, ContainerRecord, ExplainRecord,
} from './simulation/index.js';

// Watching a run: its events, and the cluster as it stands.
export type { SimulationEvent, ClusterSnapshot } from './simulation/index.js';
export type { DistributionSummary } from './metrics/index.js';

// Writing and checking a scenario.
export { scenarioSchema, hostGroupSchema, workloadSchema, arrivalSchema, schedulerSchema } from './scenario/schema.js';
export type { Scenario, HostGroupSpec, WorkloadSpec, ArrivalSpec, SchedulerSpec, PolicyName } from './scenario/schema.js';
export { validateScenario, parseScenario } from './scenario/validate.js';
export type { ValidationResult, ParsedScenario } from './scenario/validate.js';
export { scenarioWarnings } from './scenario/warnings.js';
export type { DistributionSpec } from './random/index.js';
export { parseQuantity, formatQuantity } from './resources/index.js';
export type { QuantityInput } from './resources/index.js';

// Reading scenarios, Kubernetes manifests and Compose files.
export { loadScenario, loadScenarioFromText, validateFiles, validateText } from './inputs/load-scenario.js';
export type { LoadOptions, LoadResult, FilesValidation, TextInput, ImportOptions, NamespaceSpec } from './inputs/types.js';

// Bad input: errors as data.
export { PodsimError, formatIssue } from './errors.js';
export type { Issue } from './errors.js';

// Placement policies: the interfaces a custom policy implements, registering it by name, and the built-in names
// (the pending-queue protocol and the policy context are in `podsim/scheduling`).
export { createPolicy, registerPolicy, SchedulingDecision, POLICIES, KUBE_POLICIES } from './scheduling/index.js';
export type { PlacementPolicy, PlacementRequest, HostView, ClassicPolicyName, Scheduler } from './scheduling/index.js';

// Experiments: replications with confidence intervals, sweeps and capacity search (more in `podsim/experiments`).
export { experiment, findCapacity } from './experiments/index.js';
export type { ExperimentOptions, ExperimentResult, PointResult, FindCapacityOptions, CapacityResult, MetricInterval } from './experiments/index.js';

// The HTML report.
export { simulateForReport, renderReport } from './report/index.js';
export type { SimulateForReportOptions, ReportData, WorkloadBreakdown } from './report/index.js';
