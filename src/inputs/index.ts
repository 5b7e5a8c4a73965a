export { loadScenario, loadScenarioFromText, validateFiles, validateText } from './load-scenario.js';
export { importKubernetes, importCompose } from './import-objects.js';
export { scenarioJsonSchema, renderScenarioJsonSchema, SCENARIO_SCHEMA_ID } from './json-schema.js';
export { parseComposeBytes, parseComposeCpus } from './compose/compose-units.js';
export { editDistance, suggest, didYouMean } from './did-you-mean.js';
export { DURATION_ANNOTATION } from './parts.js';
export { COMPOSE_DURATION_FIELD } from './compose/convert-compose.js';
export type {
  LoadOptions, LoadResult, ImportOptions, ImportResult, FilesValidation, TextInput, NamespaceSpec, PriorityClassSpec,
} from './types.js';
export * from './generators/index.js';
