// What checking a packing with kube-scheduler's filters costs: pack() on 20,200 replicas
// (cli.md's pack example) plain, against the same call with `kube: true` (the pod limit as a
// dimension, and every host checked through KubeScheduler.checkHost), in interleaved rounds.
// The search is bounded by moves, not time, so both do the same work on every machine.
//
//   npx tsx bench/pack-kube.ts [--rounds 5]
import { pack } from '../src/packing/index.js';
import { median } from './util.js';

const GiB = 2 ** 30;
const items = [{ name: 'web', request: { cpu: 500, memory: GiB }, replicas: 20_000 }, { name: 'batch', request: { cpu: 2000, memory: 6 * GiB }, replicas: 200 }];
const hostTypes = [{ name: 'node', capacity: { cpu: 4000, memory: 16 * GiB } }];
const i = process.argv.indexOf('--rounds');
const rounds = i >= 0 ? Number(process.argv[i + 1]) : 5;
const times: Record<'plain' | 'kube', number[]> = { plain: [], kube: [] };
for (let r = 0; r < rounds; r++) {
  for (const k of ['plain', 'kube'] as const) {
    const s = performance.now();
    const res = pack({ items, hostTypes, timeLimitMs: Infinity, maxIterations: 2000, ...(k === 'kube' ? { kube: true } : {}) });
    times[k].push(performance.now() - s);
    if (res.hostCount !== 2600) throw new Error(`${k}: ${res.hostCount} hosts, expected 2600`);
  }
}
const p = median(times.plain), k = median(times.kube);
console.log(`pack 20,200 replicas, ${rounds} interleaved rounds: plain ${p.toFixed(0)} ms, kube ${k.toFixed(0)} ms (median), ratio ${(k / p).toFixed(2)}`);
