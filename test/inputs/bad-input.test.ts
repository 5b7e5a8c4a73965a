import { describe, expect, it } from 'vitest';
import { PodsimError } from '../../src/errors.js';
import { importCompose, importKubernetes, loadScenarioFromText, validateText } from '../../src/inputs/index.js';
import type { FilesValidation, TextInput } from '../../src/inputs/index.js';

const hosts = [{ name: 'n', capacity: { cpu: 4, memory: '8Gi' } }];
const scenario = 'hosts: [{ name: a, capacity: { cpu: 2 } }]\nworkloads:\n  - { name: w, arrival: { process: explicit, times: [0] }, request: { cpu: 1 } }\n';

function rejects(input: TextInput | readonly TextInput[], options = {}): FilesValidation {
  const r = validateText(input, options);
  expect(r.ok).toBe(false);
  expect(r.issues.length).toBeGreaterThan(0);
  for (const i of r.issues) {
    expect(typeof i.code).toBe('string');
    expect(i.message.length).toBeGreaterThan(0);
    expect(i.message).not.toMatch(/\n\s+at /);
  }
  // loadScenario* throws the same issues as a PodsimError: never half-read.
  let thrown: unknown;
  try { loadScenarioFromText(input, options); } catch (e) { thrown = e; }
  expect(thrown).toBeInstanceOf(PodsimError);
  expect((thrown as PodsimError).issues).toEqual(r.issues);
  return r;
}

describe('bad input never crashes and is never half-read', () => {
  it('malformed YAML gives the file and the line of the error', () => {
    const r = rejects({ file: 'm.yaml', text: 'hosts:\n  - name: a\n    capacity: { cpu: 2\nworkloads: []\n' });
    expect(r.issues[0]).toMatchObject({ code: 'invalid_yaml', file: 'm.yaml', line: expect.any(Number) });
  });

  it('malformed JSON gives the file and the reason', () => {
    const r = rejects({ file: 's.json', text: '{\n  "hosts": [],\n  "workloads": [,]\n}\n' });
    expect(r.issues[0]).toMatchObject({ code: 'invalid_json', file: 's.json' });
  });

  it('duplicate keys are reported, not silently overwritten', () => {
    const r = rejects({ file: 'd.yaml', text: 'seed: 1\nseed: 2\nhosts: []\nworkloads: []\n' });
    expect(r.issues[0]).toMatchObject({ code: 'invalid_yaml', line: 2 });
  });

  it('a YAML alias bomb is stopped by the alias limit, with the document line', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${new Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    const t0 = performance.now();
    const r = rejects({ file: 'bomb.yaml', text: `${lines.join('\n')}\nhosts: []\nworkloads: []\n` });
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(r.issues[0]).toMatchObject({ code: 'alias_limit', file: 'bomb.yaml', line: 1 });
  });

  it('__proto__, constructor and prototype keys are refused with their line, and Object.prototype stays untouched', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const yaml = 'hosts:\n  - name: a\n    capacity: { cpu: 2 }\n    labels:\n      __proto__: { polluted: "yes" }\nworkloads: []\nconstructor: { prototype: { polluted: "yes" } }\n';
    const r = rejects({ file: 'p.yaml', text: yaml });
    expect(r.issues.map((i) => [i.code, i.path, i.line])).toEqual([['forbidden_key', 'hosts[0].labels.__proto__', 5], ['forbidden_key', 'constructor', 7]]);
    rejects({ file: 'p.json', text: '{"hosts": [], "workloads": [], "__proto__": {"polluted": "yes"}}' });
    const k = importKubernetes(JSON.parse('{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "labels": {"__proto__": {"polluted": "yes"}}}, "spec": {"containers": [{"name": "c", "image": "x"}]}}'));
    expect(k.issues[0]).toMatchObject({ code: 'forbidden_key', path: 'metadata.labels.__proto__' });
    expect(k.workloads).toEqual([]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
  });

  it('non-finite and huge numbers are refused with their path and line', () => {
    const r = rejects({ file: 'n.yaml', text: 'seed: .nan\nuntil: .inf\nhosts: [{ name: a, count: 1e300, capacity: { cpu: 1e30 } }]\nworkloads: []\n' });
    expect(r.issues.map((i) => [i.path, i.line])).toEqual(expect.arrayContaining([['seed', 1], ['until', 2]]));
    const big = rejects({ file: 'n.yaml', text: 'hosts: [{ name: a, count: 1e300, capacity: { cpu: 1e30 } }]\nworkloads: []\n' });
    expect(big.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['hosts[0].count', 'hosts[0].capacity.cpu']));
    const replicas = rejects({ file: 'd.yaml', text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: d }\nspec:\n  replicas: 1e12\n  template: { spec: { containers: [{ name: c, image: x }] } }\n' }, { hosts });
    expect(replicas.issues[0]).toMatchObject({ path: 'spec.replicas', line: 5, message: expect.stringContaining('between 0 and 1000000') });
  });

  it('binary garbage: NUL bytes and invalid UTF-8 are refused with the line', () => {
    const nul = rejects({ file: 'b.yaml', text: new Uint8Array([0x61, 0x3a, 0x20, 0x31, 0x0a, 0x62, 0x00, 0x01]) });
    expect(nul.issues).toEqual([expect.objectContaining({ code: 'binary_file', line: 2 })]);
    const utf = rejects({ file: 'u.yaml', text: new Uint8Array([0x61, 0x0a, 0x0a, 0x62, 0x3a, 0x20, 0xc3, 0x28]) });
    expect(utf.issues).toEqual([expect.objectContaining({ code: 'invalid_utf8', line: 3 })]);
    expect(rejects({ file: 's.yaml', text: 'hosts: []\u0000' }).issues[0]?.code).toBe('binary_file');
  });

  it('unsupported YAML values (!!binary, !!set) and a top-level list are refused', () => {
    const r = rejects({ file: 't.yaml', text: 'hosts: []\nworkloads: []\nseed: !!binary aGVsbG8=\n' });
    expect(r.issues[0]).toMatchObject({ code: 'unsupported_value', path: 'seed', line: 3 });
    rejects({ file: 'l.yaml', text: '- a\n- b\n' });
  });

  it('deep nesting is refused, not a stack overflow', () => {
    rejects({ file: 'deep.json', text: `${'['.repeat(5000)}${']'.repeat(5000)}` });
    rejects({ file: 'deep.yaml', text: `a: ${'['.repeat(5000)}${']'.repeat(5000)}\n` });
  });

  it('one bad file among good ones fails the whole load: no partial import', () => {
    const r = rejects([{ file: 'good.yaml', text: scenario }, { file: 'bad.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec: { containers: [{ name: c, image: x, resources: { requests: { cpu: -1 } } }] }\n' }]);
    expect(r.issues).toEqual([expect.objectContaining({ file: 'bad.yaml', line: 4, code: 'invalid_quantity' })]);
  });

  it('empty inputs and empty documents are reported', () => {
    rejects({ file: 'e.yaml', text: '' });
    rejects({ file: 'e.yaml', text: '# only a comment\n---\n' });
    expect(validateText({ file: 'e.yaml', text: scenario }).ok).toBe(true);
  });

  it('importers on plain objects report, never throw, on any value', () => {
    for (const v of [null, 42, 'x', [], [1], { kind: 5 }, { apiVersion: 'v1', kind: 'Pod' }, { services: [] }, { services: { a: 3 } }]) {
      expect(() => importKubernetes(v)).not.toThrow();
      expect(() => importCompose(v)).not.toThrow();
    }
    expect(importKubernetes({ apiVersion: 'v1', kind: 'Pod' }).issues[0]?.code).toBe('missing_metadata');
  });
});
