// Writes schema/scenario.schema.json, the published JSON Schema of scenario files, from the zod
// scenarioSchema (z.toJSONSchema with io: 'input', plus $id). Run after changing src/scenario/schema.ts:
//   npx tsx scripts/gen-schema.ts
// test/inputs/json-schema.test.ts fails when the committed file and a fresh generation differ.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderScenarioJsonSchema } from '../src/inputs/json-schema.js';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'schema', 'scenario.schema.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, renderScenarioJsonSchema());
console.log(`wrote ${out}`);
