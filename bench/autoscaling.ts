// Issue 12 Speed: a 1000-host cluster with failures (MTBF one day per host), a 200-replica service with an
// HPA and a diurnal load, and a cluster autoscaler, over 30 days; against the same cluster and service
// without dynamics (no failures, no HPA, no autoscaler), in interleaved rounds of the same run.
// `npm run bench -- autoscaling` (rounds: BENCH_ROUNDS, default 3; days: BENCH_DAYS, default 30).
import { simulate } from '../src/index.js';
import { machine, median, table } from './util.js';

const DAY = 86_400;

/** The scenario; `dynamics: false` drops failures, the HPA and the autoscaler. */
export function scenario(days: number, dynamics: boolean): Record<string, unknown> {
  return {
    seed: 12,
    until: days * DAY,
    hosts: [{
      name: 'node', count: 1000, capacity: { cpu: 8, memory: '32Gi' },
      ...(dynamics ? { failures: { mtbf: DAY, mttr: 1800 } } : {}),
    }],
    workloads: [{
      name: 'api', replicas: 200, request: { cpu: 2, memory: '4Gi' },
      // 4000 requests/s ± 50 % over the day at 0.1 CPU-s each: 400 cores on average, 200–600.
      load: { rate: { diurnal: { base: 4000, amplitude: 0.5 } } }, cpuPerRequest: 0.1,
      ...(dynamics ? { autoscale: { minReplicas: 100, maxReplicas: 1000, targetCPUUtilization: 70 } } : {}),
    }],
    ...(dynamics ? { autoscaler: { nodeGroups: [{ group: 'node', min: 100, max: 1200, provisioningDelay: { distribution: 'uniform', min: 60, max: 180 } }] } } : {}),
  };
}

export async function main(): Promise<string> {
  const rounds = Number(process.env['BENCH_ROUNDS'] ?? 3);
  const days = Number(process.env['BENCH_DAYS'] ?? 30);
  const base: number[] = [], dyn: number[] = [];
  let last: ReturnType<typeof simulate> | undefined;
  for (let r = 0; r < rounds; r++) {
    let t0 = performance.now();
    simulate(scenario(days, false) as never);
    base.push((performance.now() - t0) / 1000);
    t0 = performance.now();
    last = simulate(scenario(days, true) as never);
    dyn.push((performance.now() - t0) / 1000);
  }
  const ca = last?.autoscaling?.clusterAutoscaler;
  const hpa = last?.autoscaling?.hpa?.[0];
  const out = [
    `${machine()}; ${rounds} interleaved rounds, ${days} simulated days`,
    '',
    table(['scenario', 'median s', 'runs (s)', 'events'], [
      ['without dynamics', median(base).toFixed(2), base.map((x) => x.toFixed(2)).join(', '), '—'],
      ['failures + HPA + cluster autoscaler', median(dyn).toFixed(2), dyn.map((x) => x.toFixed(2)).join(', '), String(last?.events ?? 0)],
    ]),
    '',
    `ratio dynamics / without: ${(median(dyn) / median(base)).toFixed(1)}×`,
    `host failures: ${String((last?.hosts as { failures?: number } | undefined)?.failures ?? '?')}; HPA changes: ${hpa?.events.length ?? 0} (replicas ${hpa?.minSet ?? '?'}–${hpa?.maxSet ?? '?'}); autoscaler: +${ca?.nodesAdded ?? 0} / −${ca?.nodesRemoved ?? 0} nodes in ${ca?.scaleUps ?? 0} scale-ups and ${ca?.scaleDowns ?? 0} scale-downs; availability ${String((last?.workloads as Record<string, { availability?: number }> | undefined)?.['api']?.availability?.toFixed(4) ?? '?')}`,
  ].join('\n');
  console.log(out);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
