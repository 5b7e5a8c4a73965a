import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/index.js';
import { loadScenario } from '../../src/inputs/index.js';

// The real public files live beside the repository, in ../shared/data/manifests (see its README).
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = join(repoRoot, '..', 'shared', 'data', 'manifests');
const hosts = [{ name: 'node', count: 3, capacity: { cpu: 4, memory: '16Gi' } }];

function real(file: string, name: string, body: (path: string) => void): void {
  const path = join(dir, file);
  if (existsSync(path)) it(name, () => body(path));
  else it(`SKIPPED (${path} is absent; these tests need ../shared/data/manifests): ${name}`, () => expect(existsSync(path)).toBe(false));
}

describe('real public manifests', () => {
  real('online-boutique.yaml', "Online Boutique's release manifest imports its 12 Deployments with requests and limits, lists Services and ServiceAccounts in one warning, and runs", (path) => {
    const r = loadScenario(path, { hosts });
    expect(r.scenario.workloads).toHaveLength(12);
    const frontend = r.scenario.workloads.find((w) => w.name === 'frontend');
    expect(frontend).toMatchObject({ request: { cpu: '100m', memory: 64 * 2 ** 20 }, limit: { cpu: '200m', memory: 128 * 2 ** 20 }, labels: { app: 'frontend' } });
    expect(frontend?.image).toMatch(/frontend:v/);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatchObject({ code: 'ignored_kinds', message: expect.stringMatching(/Service ×\d+.*ServiceAccount ×\d+/) });
    const res = simulate(r.scenario);
    expect(res.containers.placed).toBe(12);
  });

  real('voting-app-stack.yml', 'the voting-app Swarm stack imports its replicas, warns about services without resources and the ignored node.role constraint, and runs', (path) => {
    const r = loadScenario(path, { hosts });
    const replicas = Object.fromEntries(r.scenario.workloads.map((w) => [w.name, (w.arrival as { times: number[] }).times.length]));
    expect(replicas).toEqual({ redis: 2, db: 1, vote: 2, result: 2, worker: 1, visualizer: 1 });
    expect(r.warnings.map((w) => w.code).sort()).toEqual(['ignored_constraint', 'no_reservations']);
    expect(simulate(r.scenario).containers.placed).toBe(9);
  });

  real('minecraft-compose.yaml', 'the minecraft compose file reads its 1.5G memory limit as 1.5 GiB, and runs', (path) => {
    const r = loadScenario(path, { hosts });
    expect(r.scenario.workloads[0]).toMatchObject({ name: 'minecraft', image: 'itzg/minecraft-server', limit: { memory: 1610612736 }, request: {} });
    expect(simulate(r.scenario).containers.placed).toBe(1);
  });

  real('online-boutique.yaml', 'the whole folder loads at once, its three files merged', () => {
    const r = loadScenario([dir], { hosts });
    expect(r.scenario.workloads).toHaveLength(12 + 6 + 1);
    expect(r.sources).toHaveLength(3);
  });
});
