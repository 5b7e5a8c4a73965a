import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { knownKeysAt, renderScenarioJsonSchema, scenarioJsonSchema, SCENARIO_SCHEMA_ID } from '../../src/inputs/json-schema.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('published scenario JSON Schema', () => {
  it('the committed schema/scenario.schema.json equals a fresh generation from scenarioSchema (no drift; run npx tsx scripts/gen-schema.ts)', () => {
    const committed = readFileSync(join(root, 'schema', 'scenario.schema.json'), 'utf8');
    expect(committed).toBe(renderScenarioJsonSchema());
  });

  it('carries an $id and the draft 2020-12 $schema, and describes the scenario with its required keys', () => {
    const s = scenarioJsonSchema();
    expect(s['$id']).toBe(SCENARIO_SCHEMA_ID);
    expect(s['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(s['required']).toEqual(expect.arrayContaining(['hosts', 'workloads']));
    expect(s['additionalProperties']).toBe(false);
  });

  it('package.json exports the schema at the stable path editors use', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, string>; files: string[] };
    expect(pkg.exports['./schema/scenario.schema.json']).toBe('./schema/scenario.schema.json');
    expect(pkg.files).toContain('schema');
  });

  it('knownKeysAt() follows lists and union branches to the keys allowed at a path', () => {
    expect(knownKeysAt(['hosts', 3])).toEqual(expect.arrayContaining(['name', 'count', 'capacity', 'labels', 'taints']));
    expect(knownKeysAt(['workloads', 0, 'arrival'])).toEqual(expect.arrayContaining(['process', 'rate', 'every', 'times']));
    expect(knownKeysAt(['workloads', 0, 'duration'])).toEqual(expect.arrayContaining(['distribution', 'mean', 'stddev']));
    expect(knownKeysAt(['nope', 'deeper'])).toEqual([]);
  });
});
