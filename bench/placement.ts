// Issue 4's classic-policy benchmark, extended by issue 10: first-fit, best-fit and worst-fit at
// 1000 and 10,000 hosts with the free-capacity index, against the same policies as plain linear
// scans in the same run, in two cluster shapes:
//   mixed:   hosts alternating 16 cores/64Gi and 8 cores/32Gi; requests 100m/128Mi, 500m/1Gi, 2/4Gi
//   uniform: hosts of 64 cores/256Gi; requests of 700m/3Gi (one capacity class: one share treap)
// The cluster is filled to ~80% and then churned: release a random container, place a new one.
// Then the uniform shape through simulate() (Poisson arrivals, exponential run times), counting
// placements per second of the whole run. Times are CPU time (process.cpuUsage): the machine is shared.
import { pathToFileURL } from 'node:url';
import { ClusterState } from '../src/cluster/cluster-state.js';
import { FreeCapacityIndex, remainingAfter } from '../src/scheduling/index.js';
import { simulate } from '../src/index.js';
import { machine, median, table } from './util.js';

type Pick = (c: ClusterState, index: FreeCapacityIndex | undefined, d: Float64Array) => number;
type Shape = 'mixed' | 'uniform';

const linearFirst: Pick = (c, _i, d) => { for (let h = 0; h < c.hostCount; h++) if (c.fits(h, d, 0)) return h; return -1; };
const linearBest: Pick = (c, _i, d) => {
  let best = -1, score = Infinity;
  for (let h = 0; h < c.hostCount; h++) if (c.fits(h, d, 0)) { const s = remainingAfter(c, h, d, 0); if (s < score) { score = s; best = h; } }
  return best;
};
const linearWorst: Pick = (c, _i, d) => {
  let best = -1, score = Infinity;
  for (let h = 0; h < c.hostCount; h++) if (c.fits(h, d, 0)) { const s = -remainingAfter(c, h, d, 0); if (s < score) { score = s; best = h; } }
  return best;
};
const indexWorst: Pick = (_c, i, d) => (i as FreeCapacityIndex).bestFit(d, 0, -1);
const indexFirst: Pick = (_c, i, d) => (i as FreeCapacityIndex).firstFit(d, 0);
const indexBest: Pick = (_c, i, d) => (i as FreeCapacityIndex).bestFit(d, 0, 1);

const Gi = 2 ** 30;
function cpuSeconds(fn: () => void): number {
  const t = process.cpuUsage();
  fn();
  const u = process.cpuUsage(t);
  return (u.user + u.system) / 1e6;
}

function run(shape: Shape, hosts: number, pick: Pick, fillPick: Pick, withIndex: boolean, placements: number): number {
  const cluster = () => new ClusterState(['cpu', 'memory'], Array.from({ length: hosts }, (_, h) => ({
    name: `h${h}`,
    capacity: shape === 'uniform' ? { cpu: 64000, memory: 256 * Gi } : h % 2 === 0 ? { cpu: 16000, memory: 64 * Gi } : { cpu: 8000, memory: 32 * Gi },
  })));
  const kind = fillPick === indexFirst ? 'first' : 'share';
  let x = 7;
  const rnd = () => ((x = (x * 1103515245 + 12345) >>> 0) / 4294967296);
  const shapes = shape === 'uniform' ? [Float64Array.of(700, 3 * Gi)] : [Float64Array.of(100, 128 * 2 ** 20), Float64Array.of(500, Gi), Float64Array.of(2000, 4 * Gi)];
  const heldH = new Int32Array(hosts * 200), heldS = new Int32Array(hosts * 200);
  let held = 0;
  // Fill to 80% of CPU (not timed) through the index, for both cases: filling 10,000 hosts with a
  // linear scan per container took longer than the whole measurement. The linear case then starts
  // from the same allocations on a cluster without an index (no listener to notify).
  const filled = cluster();
  const fillIndex = new FreeCapacityIndex(filled, kind);
  const total = filled.totalCapacity[0] as number;
  while ((filled.totalAllocated[0] as number) < 0.8 * total) {
    const s = Math.floor(rnd() * shapes.length), d = shapes[s] as Float64Array;
    const h = fillPick(filled, fillIndex, d);
    if (h < 0 || !filled.allocate(h, d, 0)) break;
    heldH[held] = h; heldS[held++] = s;
  }
  let c = filled, index: FreeCapacityIndex | undefined = fillIndex;
  if (!withIndex) {
    c = cluster();
    index = undefined;
    for (let j = 0; j < held; j++) c.allocate(heldH[j] as number, shapes[heldS[j] as number] as Float64Array, 0);
  }
  const secs = cpuSeconds(() => {
    for (let k = 0; k < placements; k++) {
      const j = Math.floor(rnd() * held);
      c.release(heldH[j] as number, shapes[heldS[j] as number] as Float64Array, 0);
      held--; heldH[j] = heldH[held] as number; heldS[j] = heldS[held] as number;
      const s = Math.floor(rnd() * shapes.length), d = shapes[s] as Float64Array;
      const h = pick(c, index, d);
      if (h >= 0 && c.allocate(h, d, 0)) { heldH[held] = h; heldS[held++] = s; }
    }
  });
  return placements / secs;
}

export function benchPlacement(rounds = 3): string {
  const rows: (string | number)[][] = [];
  for (const shape of ['mixed', 'uniform'] as const) {
    for (const hosts of shape === 'mixed' ? [1000, 10000] : [10000]) {
      for (const [name, lin, idx] of [['first-fit', linearFirst, indexFirst], ['best-fit', linearBest, indexBest], ['worst-fit', linearWorst, indexWorst]] as const) {
        const n = hosts >= 10000 ? 20000 : 50000;
        const base: number[] = [], ours: number[] = [];
        for (let r = 0; r < rounds; r++) {
          base.push(run(shape, hosts, lin, idx, false, name === 'first-fit' ? n : n / 10));
          ours.push(run(shape, hosts, idx, idx, true, n * 5));
        }
        const b = median(base), o = median(ours);
        rows.push([shape, hosts, name, b.toExponential(2), o.toExponential(2), (o / b).toFixed(1)]);
      }
    }
  }
  return table(['shape', 'hosts', 'policy', 'linear scan placements/s (baseline)', 'indexed placements/s', 'speed-up'], rows);
}

// The uniform shape through simulate(): 10,000 hosts of 64 cores/256Gi, 400,000 containers of
// 700m/3Gi arriving at 1000/s; "fill" keeps them all (they never end), "churn" ends each after an
// exponential time (mean 300 s), so that about 300,000 run at once.
export function benchSimulatePlacement(rounds = 3): string {
  const scenario = (policy: string, churn: boolean) => ({
    seed: 1,
    hosts: [{ name: 'n', count: 10000, capacity: { cpu: 64, memory: '256Gi' } }],
    workloads: [{ name: 'w', count: 400000, arrival: { process: 'poisson' as const, rate: 1000 }, ...(churn ? { duration: { distribution: 'exponential' as const, mean: 300 } } : {}), request: { cpu: '700m', memory: '3Gi' } }],
    scheduler: { policy },
    ...(churn ? {} : { until: 1e9 }),
  });
  const rows: (string | number)[][] = [];
  for (const churn of [false, true]) {
    for (const policy of ['first-fit', 'best-fit']) {
      const rates: number[] = [];
      for (let r = 0; r < rounds; r++) {
        let placed = 0;
        const secs = cpuSeconds(() => { placed = simulate(scenario(policy, churn)).containers.placed; });
        rates.push(placed / secs);
      }
      rows.push([churn ? 'churn' : 'fill', policy, median(rates).toExponential(2)]);
    }
  }
  return table(['simulate(), uniform shape, 10,000 hosts', 'policy', 'placements per CPU-second'], rows);
}

export async function main(): Promise<string> {
  const out = [`Machine: ${machine()}`, '', benchPlacement(), '', benchSimulatePlacement()].join('\n');
  console.log(out);
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
