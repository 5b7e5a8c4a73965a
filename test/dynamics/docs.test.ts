// Runs docs/dynamics.md's TypeScript blocks against the sources (importing 'podsim' as src/index.ts) and compares
// each with the output block after it; parses its YAML blocks, and checks the whole-scenario one against the
// scenario schema merged with the dynamics shapes (arrival optional, as it will be for services and Jobs).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { hostGroupSchema, scenarioSchema as realScenarioSchema, workloadSchema } from '../../src/scenario/schema.js';
import { dynamicsHostGroupShape, dynamicsIssues, dynamicsScenarioShape, dynamicsWorkloadShape, type DynamicsScenarioView } from '../../src/dynamics/schema.js';

const root = resolve(import.meta.dirname, '../..');
const text = readFileSync(join(root, 'docs/dynamics.md'), 'utf8');

interface Block { line: number; lang: string; code: string; directive: string }
function blocks(md: string): Block[] {
  const lines = md.split('\n');
  const out: Block[] = [];
  let directive = '';
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as string;
    const d = /^<!--\s*doc-test:\s*([a-z-]+)/.exec(l.trim());
    if (d !== null) { directive = d[1] as string; continue; }
    const f = /^```(\w*)\s*$/.exec(l);
    if (f === null) continue;
    const body: string[] = [];
    const start = i + 1;
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i] as string);
    out.push({ line: start, lang: f[1] as string, code: body.join('\n'), directive });
    directive = '';
  }
  return out;
}

const all = blocks(text);
const dir = mkdtempSync(join(tmpdir(), 'podsim-dynamics-doc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const scenarioSchema = z.strictObject({
  hosts: z.array(hostGroupSchema.extend(dynamicsHostGroupShape)).min(1),
  workloads: z.array(workloadSchema.extend(dynamicsWorkloadShape).partial({ arrival: true })),
  until: z.number().optional(),
  ...dynamicsScenarioShape,
});

describe('docs/dynamics.md', () => {
  it('has code blocks with output blocks after the TypeScript ones', () => {
    expect(all.filter((b) => b.lang === 'ts')).toHaveLength(10); // six for the models and dynamics, two for load/usage and cost/energy in a run, two for the HPA and the autoscaler in a run
    all.forEach((b, i) => { if (b.lang === 'ts') expect(all[i + 1]?.directive, `block at line ${b.line}`).toBe('output'); });
  });
  all.forEach((b, i) => {
    if (b.lang === 'ts') {
      it(`runs the TypeScript block at line ${b.line} and prints the output shown`, () => {
        const file = join(dir, `block-${b.line}.ts`);
        writeFileSync(file, b.code.replace(/from 'podsim(?:\/([a-z]+))?'/g, (_, sub: string | undefined) => `from ${JSON.stringify(join(root, 'src', sub ?? '', 'index.ts'))}`));
        const r = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), file], { encoding: 'utf8', timeout: 120_000 });
        expect(r.status, r.stderr).toBe(0);
        expect(r.stdout.trimEnd()).toBe((all[i + 1] as Block).code.trimEnd());
      }, 130_000);
    }
    if (b.lang === 'yaml') {
      it(`parses the YAML block at line ${b.line}${'hosts' in (parseYaml(b.code) as object) ? ', a valid scenario with no cross-field issue' : ''}`, () => {
        const data = parseYaml(b.code) as Record<string, unknown>;
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
});
