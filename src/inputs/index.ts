/**
 * Importers and generators: Kubernetes manifests and Compose files to scenario parts, the scenario's JSON
 * Schema, Compose unit parsers, and workload generators (batch jobs, services, cron, diurnal and MMPP arrivals).
 *
 * @example
 * ```ts
 * import { batchJob, importKubernetes } from 'podsim/inputs';
 * const { workloads, issues } = importKubernetes([{
 *   apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
 *   spec: { replicas: 3, template: { spec: { containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '250m' } } }] } } },
 * }]);
 * console.log(issues.length, workloads[0]?.name); // 0 'web'
 * const etl = batchJob({ name: 'etl', tasks: 100, parallelism: 10, duration: { distribution: 'constant', value: 30 }, request: { cpu: 1 } });
 * ```
 * @packageDocumentation
 * @module podsim/inputs
 */
export { loadScenario, loadScenarioFromText, validateFiles, validateText } from './load-scenario.js';
export { importKubernetes, importCompose } from './import-objects.js';
export { scenarioJsonSchema, renderScenarioJsonSchema, SCENARIO_SCHEMA_ID } from './json-schema.js';
export { parseComposeBytes, parseComposeCpus } from './compose/compose-units.js';
export { DURATION_ANNOTATION } from './parts.js';
export { COMPOSE_DURATION_FIELD } from './compose/convert-compose.js';
export type {
  LoadOptions, LoadResult, ImportOptions, ImportResult, FilesValidation, TextInput, NamespaceSpec, PriorityClassSpec, PodDisruptionBudgetSpec,
} from './types.js';
export * from './generators/index.js';
