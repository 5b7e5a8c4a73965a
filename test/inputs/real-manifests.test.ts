import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/index.js';
import { loadScenario } from '../../src/inputs/index.js';

// The real public files live beside the repository, in ../shared/data/manifests (see its README), or
// wherever PODSIM_SHARED_DATA points (a checkout elsewhere, such as a git worktree).
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = join(process.env.PODSIM_SHARED_DATA ?? join(repoRoot, '..', 'shared', 'data'), 'manifests');
const hosts = [{ name: 'node', count: 3, capacity: { cpu: 4, memory: '16Gi' } }];

function real(file: string, name: string, body: (path: string) => void): void {
  const path = join(dir, file);
  if (existsSync(path)) it(name, () => body(path));
  else it(`SKIPPED (${path} is absent; these tests need ../shared/data/manifests): ${name}`, () => expect(existsSync(path)).toBe(false));
}

describe('real public manifests', () => {
  real('online-boutique.yaml', "Online Boutique's release manifest imports its 12 Deployments with requests and limits, lists Services and ServiceAccounts in one warning, warns about what it does not model, and runs", (path) => {
    const r = loadScenario(path, { hosts });
    expect(r.scenario.workloads).toHaveLength(12);
    const frontend = r.scenario.workloads.find((w) => w.name === 'frontend');
    expect(frontend).toMatchObject({ request: { cpu: '100m', memory: 64 * 2 ** 20 }, limit: { cpu: '200m', memory: 128 * 2 ** 20 }, labels: { app: 'frontend' } });
    expect(frontend?.image).toMatch(/frontend:v/);
    const ignored = r.warnings.filter((w) => w.code === 'ignored_kinds');
    expect(ignored).toEqual([expect.objectContaining({ message: expect.stringMatching(/Service ×\d+.*ServiceAccount ×\d+/) })]);
    // Not modelled: graceful termination (8 Deployments set it) and the loadgenerator's init container image.
    const notModelled = r.warnings.filter((w) => w.code === 'not_modelled');
    expect(notModelled.filter((w) => w.path === 'spec.template.spec.terminationGracePeriodSeconds')).toHaveLength(8);
    expect(notModelled.find((w) => w.path === 'spec.template.spec.initContainers[0].image')).toMatchObject({ file: path, line: expect.any(Number), message: expect.stringContaining('Deployment "loadgenerator"') });
    expect(r.warnings).toHaveLength(1 + 9);
    const res = simulate({ ...r.scenario, until: 60 });
    expect(res.containers.placed).toBe(12);
  });

  real('voting-app-stack.yml', 'the voting-app Swarm stack imports its replicas and restart policies, warns about services without resources and about what it does not model, and runs', (path) => {
    const r = loadScenario(path, { hosts });
    const replicas = Object.fromEntries(r.scenario.workloads.map((w) => [w.name, (w.arrival as { times: number[] }).times.length]));
    expect(replicas).toEqual({ redis: 2, db: 1, vote: 2, result: 2, worker: 1, visualizer: 1 });
    expect(r.warnings.filter((w) => w.code !== 'not_modelled').map((w) => w.code)).toEqual(['no_reservations']);
    // Not modelled, each at its line: rolling updates (3), start order (2), Swarm service labels,
    // restart timing (3), a graceful stop, and the node.role constraint.
    const notModelled = r.warnings.filter((w) => w.code === 'not_modelled').map((w) => w.path);
    expect(notModelled.filter((p) => p.endsWith('.deploy.update_config'))).toHaveLength(3);
    expect(notModelled.filter((p) => p.endsWith('.depends_on'))).toHaveLength(2);
    expect(notModelled).toEqual(expect.arrayContaining(['services.worker.deploy.labels', 'services.worker.deploy.restart_policy.max_attempts', 'services.visualizer.stop_grace_period', 'services.db.deploy.placement.constraints']));
    expect(notModelled).toHaveLength(11);
    expect(r.scenario.workloads.find((w) => w.name === 'worker')?.restartPolicy).toBe('OnFailure');
    expect(simulate({ ...r.scenario, until: 60 }).containers.placed).toBe(9);
  });

  real('minecraft-compose.yaml', 'the minecraft compose file reads its 1.5G memory limit as 1.5 GiB, and runs', (path) => {
    const r = loadScenario(path, { hosts });
    expect(r.scenario.workloads[0]).toMatchObject({ name: 'minecraft', image: 'itzg/minecraft-server', limit: { memory: 1610612736 }, request: {} });
    expect(simulate({ ...r.scenario, until: 60 }).containers.placed).toBe(1);
  });

  real('online-boutique.yaml', 'the whole folder loads at once, its three files merged', () => {
    const r = loadScenario([dir], { hosts });
    expect(r.scenario.workloads).toHaveLength(12 + 6 + 1);
    expect(r.sources).toHaveLength(3);
  });
});
