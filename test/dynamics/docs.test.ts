// docs/dynamics.md's YAML blocks against the dynamics shapes: the whole-scenario one against the scenario
// schema merged with the dynamics shapes (arrival optional, as it will be for services and Jobs) with no
// cross-field issue, the fragments against the dynamics scenario shape. Its TypeScript blocks and their
// outputs run in test/docs/docs-run.test.ts, with every other doc's.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { hostGroupSchema, scenarioSchema as realScenarioSchema, workloadSchema } from '../../src/scenario/schema.js';
import { dynamicsHostGroupShape, dynamicsIssues, dynamicsScenarioShape, dynamicsWorkloadShape, type DynamicsScenarioView } from '../../src/dynamics/schema.js';
import { markdownBlocks } from '../docs/markdown-blocks.js';

const root = resolve(import.meta.dirname, '../..');
const yamlBlocks = markdownBlocks(readFileSync(join(root, 'docs/dynamics.md'), 'utf8')).filter((b) => b.lang === 'yaml');

const scenarioSchema = z.strictObject({
  hosts: z.array(hostGroupSchema.extend(dynamicsHostGroupShape)).min(1),
  workloads: z.array(workloadSchema.extend(dynamicsWorkloadShape).partial({ arrival: true })),
  until: z.number().optional(),
  ...dynamicsScenarioShape,
});

describe('docs/dynamics.md', () => {
  it('has YAML blocks', () => expect(yamlBlocks.length).toBeGreaterThan(0));
  for (const b of yamlBlocks) {
    const data = parseYaml(b.code) as Record<string, unknown>;
    it(`the YAML block at line ${b.line} ${'hosts' in data ? 'is a valid scenario with no cross-field issue' : 'fits the dynamics shapes'}`, () => {
      if (!('hosts' in data)) {
        expect(z.strictObject(dynamicsScenarioShape).safeParse(data).success).toBe(true);
        return;
      }
      const r = (data['seed'] !== undefined ? realScenarioSchema : scenarioSchema).safeParse(data);
      expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
      expect(dynamicsIssues(data as unknown as DynamicsScenarioView)).toEqual([]);
    });
  }
});
