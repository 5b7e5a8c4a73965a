import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/errors.js';
import { loadScenarioFromText, validateText } from '../../src/inputs/load-scenario.js';
import { quantityHint } from '../../src/inputs/quantity-hint.js';

const hosts = [{ name: 'node', count: 2, capacity: { cpu: 4, memory: '16Gi' } }];

const BAD = `hosts:
  - name: node
    capacity: { cpu: 4, memory: 500mi }
workloads:
  - name: web
    arrival: { process: poisson, rate: 1 }
    request: { cpu: 1, memory: 1gi }
    duration: { distribution: constant, value: 5 }
  - name: b
    count: 1
    arrival: { process: poison }
    request: { cpu: 1 }
scheduler:
  policy: bestfit
record: containrs
timeseries: {}
`;

describe('validation messages speak the user\'s language', () => {
  const r = validateText({ file: 'bad.yaml', text: BAD });
  const lines = r.issues.map(formatIssue);

  it('has no raw schema wording', () => {
    expect(lines.length).toBe(7);
    for (const l of lines) expect(l).not.toMatch(/\((record|object|array|number|string)\)|Invalid option|expected object|\|/);
    expect(lines).toContain('bad.yaml:16: timeseries.interval: is required: give a number');
  });

  it('suggests enum values and unit suffixes with the one didYouMean', () => {
    expect(lines).toContain('bad.yaml:15: record: must be one of summary, containers, got "containrs"; did you mean "containers"?');
    expect(lines.find((l) => l.startsWith('bad.yaml:3:'))).toContain('did you mean "500Mi"?');
    expect(lines.find((l) => l.startsWith('bad.yaml:7:'))).toContain('did you mean "1Gi"?');
    expect(lines.find((l) => l.startsWith('bad.yaml:11:'))).toContain('unknown arrival process "poison"; did you mean "poisson"?');
    expect(lines.find((l) => l.startsWith('bad.yaml:14:'))).toContain('did you mean "best-fit"?');
  });

  it('lists problems by file and line, each once', () => {
    const at = r.issues.map((i) => i.line as number);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(new Set(lines).size).toBe(lines.length);
    const two = validateText([{ file: 'b.yaml', text: BAD }, { file: 'a.yaml', text: BAD }]);
    const files = two.issues.map((i) => i.file);
    expect(files.indexOf('a.yaml')).toBeGreaterThan(files.lastIndexOf('b.yaml')); // in the order given
  });

  it('quantityHint corrects unit suffixes only when the correction parses', () => {
    expect(quantityHint('500mi', 'memory')).toBe('; did you mean "500Mi"?');
    expect(quantityHint('2GB', 'memory')).toBe('; did you mean "2Gi"?');
    expect(quantityHint('1gi', 'memory')).toBe('; did you mean "1Gi"?');
    expect(quantityHint('lots', 'cpu')).toBe('');
    expect(quantityHint(5, 'cpu')).toBe('');
  });
});

describe('load options: scale and requestsFromLimits', () => {
  const deploy = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx, resources: { requests: { cpu: 500m } } }] }
---
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: agent }
spec:
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: agent } }
    spec: { containers: [{ name: a, image: x, resources: { requests: { cpu: 100m } } }] }
`;
  it('scale multiplies imported replicas, not DaemonSets', () => {
    const { scenario } = loadScenarioFromText({ file: 'd.yaml', text: deploy }, { hosts, scale: 20 });
    const web = scenario.workloads.find((w) => w.name === 'web');
    expect(web?.replicas).toBe(60);
    const agent = scenario.workloads.find((w) => w.name === 'agent');
    expect((agent?.arrival as { times: number[] }).times.length).toBe(1);
    expect(validateText({ file: 'd.yaml', text: deploy }, { hosts, scale: 0 }).issues[0]?.message).toContain('must be a whole number of at least 1');
  });

  it('Compose limits become requests with requestsFromLimits; without it a warning says requests are 0', () => {
    const compose = 'services:\n  mc:\n    image: x\n    deploy:\n      resources:\n        limits: { memory: 1.5G, cpus: "2" }\n';
    const plain = loadScenarioFromText({ file: 'c.yaml', text: compose }, { hosts });
    expect(plain.warnings.map((w) => w.message).join('\n')).toMatch(/requests are 0.*mc.*--requests-from-limits/);
    expect(plain.scenario.workloads[0]?.request).toEqual({});
    const fixed = loadScenarioFromText({ file: 'c.yaml', text: compose }, { hosts, requestsFromLimits: true });
    expect(fixed.scenario.workloads[0]?.request).toEqual({ cpu: '2', memory: 1.5 * 2 ** 30 });
    expect(fixed.warnings.map((w) => w.code)).toContain('requests_from_limits');
  });
});
