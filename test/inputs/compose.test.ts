import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/index.js';
import { importCompose, loadScenario, parseComposeBytes, parseComposeCpus, validateText } from '../../src/inputs/index.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'inputs');
const hosts = [{ name: 'node', count: 3, capacity: { cpu: 16, memory: '64Gi', gpu: 4 }, labels: { disktype: 'ssd' } }];

describe('Compose byte units and CPUs', () => {
  it('byte units are binary multiples as Docker reads them: 1.5G is 1.5 GiB', () => {
    const cases: [unknown, number][] = [
      ['1.5G', 1610612736], ['1.5g', 1610612736], ['2gb', 2 * 2 ** 30], ['512m', 512 * 2 ** 20], ['512M', 512 * 2 ** 20], ['300mb', 300 * 2 ** 20],
      ['1024kb', 2 ** 20], ['2048k', 2 * 2 ** 20], ['2b', 2], ['100', 100], [1073741824, 2 ** 30], ['1GiB', 2 ** 30], ['1 GB', 2 ** 30], ['0.1k', 102], ['1t', 2 ** 40],
    ];
    for (const [input, bytes] of cases) expect(parseComposeBytes(input), String(input)).toEqual({ ok: true, value: bytes });
  });

  it('refuses what is not a byte value, saying why', () => {
    for (const bad of ['1Gi', '-1g', 'lots', '', '1.5.2g', null, {}, [], Infinity, -3, '99999999999p']) {
      const r = parseComposeBytes(bad);
      expect(r.ok, String(bad)).toBe(false);
    }
    expect(parseComposeBytes('1Gi')).toMatchObject({ reason: expect.stringContaining('unknown unit "Gi"') });
  });

  it('property: a value with unit u is the number times 1024^power(u), rounded down to a byte', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 100000 }), fc.integer({ min: 0, max: 99 }), fc.constantFrom(['k', 1], ['m', 2], ['g', 3], ['', 0]), (whole, cents, [u, p]) => {
      const text = `${whole}.${String(cents).padStart(2, '0')}${u}`;
      const exact = (BigInt(whole * 100 + cents) * 1024n ** BigInt(p)) / 100n;
      expect(parseComposeBytes(text)).toEqual({ ok: true, value: Number(exact) });
    }), { numRuns: 300 });
  });

  it('cpus are cores, rounded up to a millicore', () => {
    expect(parseComposeCpus('0.25')).toEqual({ ok: true, value: 250 });
    expect(parseComposeCpus(1.5)).toEqual({ ok: true, value: 1500 });
    expect(parseComposeCpus('0.0001')).toEqual({ ok: true, value: 1 });
    expect(parseComposeCpus('500m').ok).toBe(false);
  });
});

describe('Compose files', () => {
  it('maps replicas, global mode, reservations to requests, limits to limits, GPU devices, image, labels and node.labels constraints', () => {
    const r = loadScenario(join(fixtures, 'compose', 'compose.yaml'), { hosts });
    const w = Object.fromEntries(r.scenario.workloads.map((x) => [x.name, x]));
    expect(w['web']).toEqual({ name: 'web', arrival: { process: 'explicit', times: [0, 0, 0] }, request: { cpu: '250m', memory: 256 * 2 ** 20 }, limit: { cpu: '500m', memory: 512 * 2 ** 20 }, image: 'example/web:1.4', labels: { tier: 'frontend' } });
    expect(w['db']).toMatchObject({ request: { cpu: '1', memory: 1610612736 }, limit: { memory: 2 * 2 ** 30 }, nodeSelector: { disktype: 'ssd' } });
    expect(w['trainer']?.request).toEqual({ cpu: '4', memory: 16 * 2 ** 30, gpu: 2 });
    expect(w['agent']).toMatchObject({ daemonSet: true, arrival: { process: 'explicit', times: [0] } });
    expect(w['migrate']).toMatchObject({ arrival: { process: 'explicit', times: [0, 0] }, duration: { distribution: 'constant', value: 45 } });
    expect(w['cache']).toMatchObject({ request: {}, image: 'redis:7' });
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'no_reservations', message: expect.stringContaining('cache') })]);
    expect(simulate(r.scenario).containers.placed).toBeGreaterThanOrEqual(9);
  });

  it('warns once, listing every service without reservations, and ignored placement constraints with their line', () => {
    const r = importCompose({ services: { a: { image: 'x' }, b: { image: 'y', deploy: { placement: { constraints: ['node.role == manager'] } } } } });
    expect(r.issues).toEqual([]);
    expect(r.warnings.map((w) => w.code).sort()).toEqual(['no_reservations', 'not_modelled']);
    expect(r.warnings.find((w) => w.code === 'not_modelled')).toMatchObject({ path: 'services.b.deploy.placement.constraints', message: expect.stringContaining('"node.role == manager"') });
    expect(r.warnings.find((w) => w.code === 'no_reservations')?.message).toContain('a, b');
    const spread = importCompose({ services: { c: { image: 'z', deploy: { placement: { max_replicas_per_node: 1 }, resources: { reservations: { cpus: 1 } } } } } });
    expect(spread.warnings).toEqual([expect.objectContaining({ code: 'not_modelled', path: 'services.c.deploy.placement.max_replicas_per_node' })]);
  });

  it('bad byte values and misspelt deploy keys are errors with file, line and path', () => {
    const text = 'services:\n  web:\n    image: x\n    deploy:\n      replicas: two\n      resources:\n        reservation: { memory: 1g }\n        limits: { memory: 1Gi, cpus: fast }\n';
    const r = validateText({ file: 'compose.yaml', text }, { hosts });
    // sorted by line
    expect(r.issues.map((i) => [i.line, i.path])).toEqual([
      [5, 'services.web.deploy.replicas'],
      [7, 'services.web.deploy.resources.reservation'],
      [8, 'services.web.deploy.resources.limits.cpus'],
      [8, 'services.web.deploy.resources.limits.memory'],
    ]);
    expect(r.issues[1]?.message).toContain('did you mean "reservations"?');
  });
});
