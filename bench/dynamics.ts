// Issue 12 §§1–2: a cluster with random host failures against the same cluster without them, in one
// run, interleaved. Both run a service through its ReplicaSet controller; the failures add the host
// fleet's events, the losses and the replacements. (That scenarios using no dynamics pay nothing is
// measured on bench/simulate.ts against the commit before the integration: bench/README.md.)
import { pathToFileURL } from 'node:url';
import { simulate } from '../src/index.js';
import { machine, median, table } from './util.js';

const DAY = 86400;

/** 1000 hosts of 8 cores, a 4000-replica service of 1 core, 30 days; with failures: MTBF one day, MTTR 30 min per host. */
export function dynamicsScenario(failures: boolean, hosts = 1000, days = 30) {
  return {
    seed: 1, until: days * DAY,
    hosts: [{ name: 'n', count: hosts, capacity: { cpu: 8, memory: '32Gi' }, ...(failures ? { failures: { mtbf: DAY, mttr: 1800 } } : {}) }],
    workloads: [{ name: 'api', replicas: 4 * hosts, request: { cpu: 1, memory: '2Gi' } }],
  };
}

export async function main(runs = 3): Promise<string> {
  const withF = dynamicsScenario(true), without = dynamicsScenario(false);
  simulate(dynamicsScenario(true, 100, 3)); // warm-up
  const a: number[] = [], b: number[] = [];
  let last: ReturnType<typeof simulate> | undefined;
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    last = simulate(withF);
    a.push((performance.now() - t) / 1000);
    t = performance.now();
    simulate(without);
    b.push((performance.now() - t) / 1000);
  }
  const api = last?.workloads?.['api'];
  const out = [
    `${machine()}`,
    '',
    table(['scenario', 'median s', 'runs'], [
      ['1000 hosts, 4000 replicas, 30 days, failures (MTBF 1 day, MTTR 30 min)', median(a).toFixed(2), a.map((x) => x.toFixed(2)).join(' ')],
      ['the same without failures', median(b).toFixed(2), b.map((x) => x.toFixed(2)).join(' ')],
    ]),
    '',
    `ratio with/without failures: ${(median(a) / median(b)).toFixed(1)}×; ${last?.hosts.failures} failures, ${api?.replacements} replacements, availability ${api?.availability?.toFixed(5)}, ${last?.events} events`,
  ].join('\n');
  console.log(out);
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
