import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parseAllDocuments, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PodsimError } from '../../src/errors.js';
import { loadScenarioFromText } from '../../src/inputs/index.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'inputs');
const corpus = ['scenario.yaml', 'scenario.json', 'k8s/monitoring-stack.yaml', 'k8s/nodes.yaml', 'k8s/batch.yaml', 'k8s/pod.json', 'compose/compose.yaml', 'mixed/app.yaml']
  .map((name) => ({ name, text: readFileSync(join(fixtures, name), 'utf8') }));
const hosts = [{ name: 'fuzz', capacity: { cpu: 64, memory: '256Gi', gpu: 8, 'nvidia.com/gpu': 8 }, labels: { 'topology.kubernetes.io/zone': 'a' } }];

/** Loads and checks the outcome: a valid scenario, or a PodsimError listing well-formed issues; anything else fails. */
function outcome(file: string, text: string | Uint8Array): 'ok' | 'rejected' {
  try {
    const r = loadScenarioFromText({ file, text }, { hosts });
    expect(Array.isArray(r.scenario.workloads)).toBe(true);
    return 'ok';
  } catch (e) {
    if (!(e instanceof PodsimError)) throw e;
    expect(e.issues.length).toBeGreaterThan(0);
    for (const i of e.issues) {
      expect(typeof i.code).toBe('string');
      expect(typeof i.path).toBe('string');
      expect(i.message).not.toMatch(/\n\s+at /);
    }
    return 'rejected';
  }
}

const seedFile = fc.constantFrom(...corpus);

// Text mutations: truncate, insert garbage, delete or duplicate a line, overwrite a span.
const textMutation = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), s: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('\u0000', ': ', '- ', '{', '[', '&a ', '*a', '"', '\t', '\n  ', '!!binary x', '__proto__: 1\n', '.inf', '-1', '1e999')) }),
  fc.record({ op: fc.constant('deleteLine' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ op: fc.constant('duplicateLine' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ op: fc.constant('overwrite' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), s: fc.string({ minLength: 1, maxLength: 4 }) }),
);

function mutateText(text: string, m: { op: string; at: number; s?: string }): string {
  const pos = Math.floor(m.at * text.length);
  const lines = text.split('\n');
  const li = Math.min(lines.length - 1, Math.floor(m.at * lines.length));
  switch (m.op) {
    case 'truncate': return text.slice(0, pos);
    case 'insert': return text.slice(0, pos) + (m.s ?? '') + text.slice(pos);
    case 'deleteLine': lines.splice(li, 1); return lines.join('\n');
    case 'duplicateLine': lines.splice(li, 0, lines[li] ?? ''); return lines.join('\n');
    default: return text.slice(0, pos) + (m.s ?? '') + text.slice(pos + (m.s ?? '').length);
  }
}

// Structural mutations on the parsed data: delete a key, or give a value another type.
const replacement = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(-1, 0, 1e300, 2 ** 53 + 2, '', 'x', '1.5Gi', '-5m', null, true, [], {}));
const structuralMutation = fc.record({ pick: fc.double({ min: 0, max: 1, noNaN: true }), del: fc.boolean(), value: replacement });

function mutateData(docs: unknown[], m: { pick: number; del: boolean; value: unknown }): unknown[] {
  const slots: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach((x, i) => { slots.push({ parent: v, key: i }); walk(x); });
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) { slots.push({ parent: v as Record<string, unknown>, key: k }); walk(x); }
  };
  docs.forEach(walk);
  const slot = slots[Math.floor(m.pick * slots.length)];
  if (slot === undefined) return docs;
  if (m.del) {
    if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
    else delete slot.parent[slot.key as string];
  } else if (Array.isArray(slot.parent)) slot.parent[slot.key as number] = m.value;
  else slot.parent[slot.key as string] = m.value;
  return docs;
}

describe('fuzzing inputs', () => {
  it('every unmutated corpus file loads', () => {
    for (const f of corpus) expect(outcome(f.name, f.text), f.name).toBe('ok');
  });

  it('random text mutations of valid files give a valid scenario or a PodsimError with issues, never another exception', () => {
    const seen = { ok: 0, rejected: 0 };
    fc.assert(fc.property(seedFile, fc.array(textMutation, { minLength: 1, maxLength: 3 }), (f, ms) => {
      let text = f.text;
      for (const m of ms) text = mutateText(text, m);
      seen[outcome(f.name, text)]++;
    }), { numRuns: 300 });
    expect(seen.rejected).toBeGreaterThan(0);
  });

  it('random deletions and type changes in the data give a valid scenario or a PodsimError with issues, never another exception', () => {
    const seen = { ok: 0, rejected: 0 };
    fc.assert(fc.property(seedFile, fc.array(structuralMutation, { minLength: 1, maxLength: 3 }), (f, ms) => {
      let docs = parseAllDocuments(f.text).map((d) => d.toJS() as unknown);
      for (const m of ms) docs = mutateData(docs, m);
      const text = f.name.endsWith('.json') ? JSON.stringify(docs[0]) : docs.map((d) => stringify(d)).join('---\n');
      seen[outcome(f.name, text)]++;
    }), { numRuns: 300 });
    expect(seen.rejected).toBeGreaterThan(0);
    expect(seen.ok).toBeGreaterThan(0);
  });

  it('random bytes give a PodsimError, never another exception', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      outcome('random.yaml', bytes);
    }), { numRuns: 200 });
  });
});
