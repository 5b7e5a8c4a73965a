import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PodsimError } from '../../src/errors.js';
import { simulate } from '../../src/index.js';
import { loadScenario, loadScenarioFromText, validateFiles, validateText } from '../../src/inputs/index.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'inputs');
const f = (name: string) => join(fixtures, name);

function thrown(fn: () => unknown): PodsimError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PodsimError) return e;
    throw e;
  }
  throw new Error('expected a PodsimError');
}

describe('scenario files', () => {
  it('a YAML scenario file loads as the same data it holds, and runs through simulate()', () => {
    const r = loadScenario(f('scenario.yaml'));
    expect(r.scenario).toEqual(parse(readFileSync(f('scenario.yaml'), 'utf8')));
    expect(r.sources).toEqual([f('scenario.yaml')]);
    expect(r.warnings).toEqual([]);
    expect(simulate(r.scenario).containers.submitted).toBe(203);
  });

  it('the JSON scenario file with the same content loads to the same scenario (without $schema)', () => {
    const { $schema: _ignored, ...yaml } = loadScenario(f('scenario.yaml')).scenario;
    expect(loadScenario(f('scenario.json')).scenario).toEqual(yaml);
  });

  it('validateFiles lists every problem of a bad file at once, each with file, 1-based line, path and a did-you-mean', () => {
    const r = validateFiles(f('scenario-bad.yaml'));
    expect(r.ok).toBe(false);
    const by = (path: string) => r.issues.find((i) => i.path === path);
    expect(by('hosts[0].capacty')).toMatchObject({ code: 'unknown_key', line: 6, file: f('scenario-bad.yaml') });
    expect(by('hosts[0].capacty')?.message).toContain('did you mean "capacity"?');
    expect(by('hosts[1].capacity.cpu')).toMatchObject({ line: 8 });
    expect(by('hosts[1].capacity.memory')?.message).toContain('"1Q"');
    expect(by('workloads[0].arival')?.message).toContain('did you mean "arrival"?');
    expect(by('workloads[1].arrival.process')).toMatchObject({ line: 14 });
    expect(by('until')).toMatchObject({ line: 16 });
    expect(r.issues.length).toBeGreaterThanOrEqual(8);
    for (const i of r.issues) expect(i.file).toBe(f('scenario-bad.yaml'));
  });

  it('loadScenario throws a PodsimError carrying the same issues, with no stack trace in its message', () => {
    const e = thrown(() => loadScenario(f('scenario-bad.yaml')));
    expect(e.issues).toEqual(validateFiles(f('scenario-bad.yaml')).issues);
    expect(e.message).not.toMatch(/\n\s+at /);
    expect(e.message).toContain('scenario-bad.yaml:6: hosts[0].capacty');
  });

  it('a file given twice, or also found in a folder given, is read once, with a warning', () => {
    const mixed = join(fixtures, 'mixed');
    const r = loadScenario([join(mixed, 'cluster.yaml'), mixed, join(mixed, 'cluster.yaml')]);
    expect(r.sources.filter((s) => s.endsWith('cluster.yaml'))).toHaveLength(1);
    expect(r.warnings.filter((w) => w.code === 'duplicate_input')).toHaveLength(2);
  });

  it('a missing file is an issue naming it', () => {
    const r = validateFiles([f('scenario.yaml'), f('nope.yaml')]);
    expect(r.ok).toBe(false);
    expect(r.issues).toEqual([expect.objectContaining({ code: 'file_not_found', file: f('nope.yaml') })]);
  });

  it('a folder holding no scenario, manifest or Compose file is an error naming the folder; its other YAML files are skipped with a warning', () => {
    const r = validateFiles(f('no-inputs'));
    expect(r.ok).toBe(false);
    expect(r.issues).toEqual([expect.objectContaining({ code: 'empty_folder', file: f('no-inputs') })]);
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'skipped_file', file: join(f('no-inputs'), 'values.yaml') })]);
  });

  it('a file given by name that is not a scenario, manifest or Compose file is an error, with a did-you-mean for a near key', () => {
    const r = validateText({ file: 'x.yaml', text: 'host:\n  - name: a\nworkload: []\n' });
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: 'unrecognized_file', file: 'x.yaml' });
    expect(r.issues[0]?.message).toMatch(/did you mean "(hosts|workloads)"/);
  });

  it('several scenario files merge: hosts and workloads concatenate in order, and the last file to set a setting wins with a warning', () => {
    const a = { file: 'a.yaml', text: 'seed: 1\nuntil: 100\nhosts: [{ name: a, capacity: { cpu: 2 } }]\nworkloads: []\n' };
    const b = { file: 'b.yaml', text: 'seed: 2\nhosts: [{ name: b, capacity: { cpu: 4 } }]\nworkloads:\n  - { name: w, arrival: { process: explicit, times: [0] }, request: { cpu: 1 } }\n' };
    const r = loadScenarioFromText([a, b]);
    expect(r.scenario.hosts.map((h) => h.name)).toEqual(['a', 'b']);
    expect(r.scenario.workloads.map((w) => w.name)).toEqual(['w']);
    expect(r.scenario.seed).toBe(2);
    expect(r.scenario.until).toBe(100);
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'setting_overridden', path: 'seed', file: 'b.yaml', line: 1 })]);
    expect(r.sources).toEqual(['a.yaml', 'b.yaml']);
  });

  it('issues in a merged scenario point at the file and line each part came from', () => {
    const a = { file: 'a.yaml', text: 'hosts:\n  - name: a\n    capacity: { cpu: 2 }\nworkloads: []\n' };
    const b = { file: 'b.yaml', text: 'workloads:\n  - name: w\n    arrival: { process: explicit, times: [0] }\n    request: { cpu: lots }\n' };
    const r = validateText([a, b]);
    expect(r.issues).toEqual([expect.objectContaining({ file: 'b.yaml', line: 4, path: 'workloads[0].request.cpu' })]);
  });

  it('a scenario without hosts says how to give some', () => {
    const r = validateText({ file: 's.yaml', text: 'workloads: []\n' });
    expect(r.issues).toEqual([expect.objectContaining({ code: 'no_hosts', file: 's.yaml', message: expect.stringContaining('no hosts in s.yaml: add Node objects or a scenario file with hosts') })]);
    const ok = validateText({ file: 's.yaml', text: 'workloads: []\n' }, { hosts: [{ name: 'n', capacity: { cpu: 1 } }] });
    expect(ok.ok).toBe(true);
  });

  it('a byte-order mark and CRLF line ends are accepted, and lines are still counted right', () => {
    const text = '\ufeffhosts:\r\n  - name: a\r\n    capacity: { cpu: 2 }\r\nworkloads:\r\n  - { name: w, arrival: { process: explicit, times: [0] }, request: { cpu: x } }\r\n';
    expect(validateText({ file: 'crlf.yaml', text }).issues).toEqual([expect.objectContaining({ line: 5, path: 'workloads[0].request.cpu' })]);
    const bytes = new TextEncoder().encode(text.replace('{ cpu: x }', '{ cpu: 1 }'));
    expect(validateText({ file: 'crlf.yaml', text: bytes }).ok).toBe(true);
  });

  it('bad options are issues at options.<name>, not exceptions', () => {
    const r = validateText({ file: 's.yaml', text: 'hosts: [{ name: a, capacity: { cpu: 1 } }]\nworkloads: []\n' }, { horizon: -1, start: 'not a date' });
    expect(r.issues.map((i) => i.path).sort()).toEqual(['options.horizon', 'options.start']);
  });
});
