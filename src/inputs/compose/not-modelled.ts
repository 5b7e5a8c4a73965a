// What a Compose service can ask for that podsim reads but does not simulate. Each such key gets a
// `not_modelled` warning at its own path and line, saying what happens instead; docs/inputs.md lists
// them. Keys with no bearing on placement or timing (environment, command, networks, volumes,
// logging, …) are not listed: simulating them would change nothing.
import { NOT_MODELLED } from '../../scenario/warnings.js';
import type { IssueSink } from '../issue.js';
import { isRecord } from '../plain-data.js';
import type { Origin, PathKey } from '../types.js';
import { hostModePort } from './host-ports.js';

const CPU = 'is not modelled: a container\'s CPU weight and cap come from deploy.resources.reservations.cpus and limits.cpus';
const MEMORY = 'is not modelled: a container over its memory limit is OOM-killed, with no swap';

/** Service keys: when present, what happens instead. */
const SERVICE_KEYS: readonly (readonly [string, string])[] = [
  ['cpu_shares', CPU], ['cpu_quota', CPU], ['cpu_period', CPU], ['cpu_count', CPU], ['cpu_percent', CPU], ['cpuset', CPU],
  ['cpu_rt_runtime', CPU], ['cpu_rt_period', CPU],
  ['mem_swappiness', MEMORY], ['memswap_limit', MEMORY], ['oom_kill_disable', MEMORY], ['oom_score_adj', MEMORY],
  ['pids_limit', 'is not modelled: podsim counts no processes'],
  ['depends_on', 'is not modelled: services start together, in no particular order'],
  ['stop_grace_period', 'is not modelled: an evicted or preempted container stops at once'],
  ['post_start', 'hooks are not modelled: they take no time'],
  ['pre_stop', 'hooks are not modelled: they take no time'],
];

/** `deploy` keys. */
const DEPLOY_KEYS: readonly (readonly [string, string])[] = [
  ['labels', 'are not read: they label the Swarm service, not its containers (the service\'s own labels become the workload\'s labels)'],
  ['update_config', 'is not modelled: the simulation runs one version of each service, so there is no rolling update'],
  ['rollback_config', 'is not modelled: the simulation runs one version of each service, so there is no rollback'],
];

/**
 * Warns about the Compose keys of one service that podsim does not simulate: CPU and memory tuning
 * beyond reservations and limits, process limits, start order, graceful stops, health checks, host
 * ports, Swarm service labels, rolling updates and rollbacks, and restart policy timing.
 *
 * @param svc - The service.
 * @param origin - The service's origin (its path is `services.<name>`).
 * @param sink - Receives the warnings.
 * @example
 * ```ts
 * composeNotModelled({ image: 'redis', deploy: { update_config: { parallelism: 2 } } }, origin, sink);
 * // not_modelled at services.redis.deploy.update_config
 * ```
 */
export function composeNotModelled(svc: Readonly<Record<string, unknown>>, origin: Origin, sink: IssueSink): void {
  const warn = (rel: readonly PathKey[], message: string) => sink.warn(origin, rel, NOT_MODELLED, message);
  for (const [k, what] of SERVICE_KEYS) if (svc[k] !== undefined && svc[k] !== null) warn([k], `${k} ${what}`);
  const health = svc['healthcheck'];
  if (isRecord(health) && health['disable'] !== true) warn(['healthcheck'], 'healthcheck is not modelled: the container counts as ready as soon as it has started');
  if (svc['network_mode'] === 'host') warn(['network_mode'], 'host networking is not modelled: the container takes no host ports, so containers that would clash share a node');
  const ports = svc['ports'];
  if (Array.isArray(ports)) {
    ports.forEach((p, i) => {
      if (isRecord(p) && p['mode'] === 'host' && p['published'] !== undefined && hostModePort(p) === undefined) warn(['ports', i], `host port ${JSON.stringify(p['published'])} is not modelled (only one published port per entry is): replicas publishing it may share a node`);
    });
  }
  const deploy = svc['deploy'];
  if (!isRecord(deploy)) return;
  for (const [k, what] of DEPLOY_KEYS) if (deploy[k] !== undefined && deploy[k] !== null) warn(['deploy', k], `deploy.${k} ${what}`);
  const limits = isRecord(deploy['resources']) && isRecord(deploy['resources']['limits']) ? deploy['resources']['limits'] : undefined;
  if (limits?.['pids'] !== undefined) warn(['deploy', 'resources', 'limits', 'pids'], 'limits.pids is not modelled: podsim counts no processes');
  const restart = deploy['restart_policy'];
  if (isRecord(restart)) {
    for (const k of ['delay', 'max_attempts', 'window']) {
      if (restart[k] !== undefined && restart[k] !== null) {
        warn(['deploy', 'restart_policy', k], `restart_policy.${k} is not modelled: a container restarts after Kubernetes' crash-loop back-off (10 s, doubling up to 5 min), with no limit on attempts`);
      }
    }
  }
}
