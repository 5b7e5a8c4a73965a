// Issue 4's classic-policy benchmark: first-fit and best-fit at 10,000 hosts with the free-capacity
// index (a segment tree), against the same policies as plain linear scans in the same run.
// The cluster is filled to ~80% and then churned: release a random container, place a new one.
import { pathToFileURL } from 'node:url';
import { ClusterState } from '../src/cluster/cluster-state.js';
import { FreeCapacityIndex, remainingAfter } from '../src/scheduling/index.js';
import { machine, median, table } from './util.js';

type Pick = (c: ClusterState, index: FreeCapacityIndex | undefined, d: Float64Array) => number;

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

function run(hosts: number, pick: Pick, withIndex: boolean, placements: number): number {
  const c = new ClusterState(['cpu', 'memory'], Array.from({ length: hosts }, (_, h) => ({ name: `h${h}`, capacity: h % 2 === 0 ? { cpu: 16000, memory: 64 * 2 ** 30 } : { cpu: 8000, memory: 32 * 2 ** 30 } })));
  const index = withIndex ? new FreeCapacityIndex(c, pick === indexFirst ? 'first' : 'share') : undefined;
  let x = 7;
  const rnd = () => ((x = (x * 1103515245 + 12345) >>> 0) / 4294967296);
  const shapes = [Float64Array.of(100, 128 * 2 ** 20), Float64Array.of(500, 2 ** 30), Float64Array.of(2000, 4 * 2 ** 30)];
  const heldH = new Int32Array(hosts * 200), heldS = new Int32Array(hosts * 200);
  let held = 0;
  const total = c.totalCapacity[0] as number;
  // Fill to 80% of CPU (not timed).
  while ((c.totalAllocated[0] as number) < 0.8 * total) {
    const s = Math.floor(rnd() * 3), d = shapes[s] as Float64Array;
    const h = pick(c, index, d);
    if (h < 0 || !c.allocate(h, d, 0)) break;
    heldH[held] = h; heldS[held++] = s;
  }
  const t0 = performance.now();
  for (let k = 0; k < placements; k++) {
    const j = Math.floor(rnd() * held);
    c.release(heldH[j] as number, shapes[heldS[j] as number] as Float64Array, 0);
    held--; heldH[j] = heldH[held] as number; heldS[j] = heldS[held] as number;
    const s = Math.floor(rnd() * 3), d = shapes[s] as Float64Array;
    const h = pick(c, index, d);
    if (h >= 0 && c.allocate(h, d, 0)) { heldH[held] = h; heldS[held++] = s; }
  }
  return placements / ((performance.now() - t0) / 1000);
}

export function benchPlacement(): string {
  const rows: (string | number)[][] = [];
  for (const hosts of [1000, 10000]) {
    for (const [name, lin, idx] of [['first-fit', linearFirst, indexFirst], ['best-fit', linearBest, indexBest], ['worst-fit', linearWorst, indexWorst]] as const) {
      const n = hosts >= 10000 ? 20000 : 50000;
      const base: number[] = [], ours: number[] = [];
      for (let r = 0; r < 3; r++) {
        base.push(run(hosts, lin, false, name === 'first-fit' ? n : n / 10));
        ours.push(run(hosts, idx, true, n * 5));
      }
      const b = median(base), o = median(ours);
      rows.push([hosts, name, b.toExponential(2), o.toExponential(2), (o / b).toFixed(1)]);
    }
  }
  return table(['hosts', 'policy', 'linear scan placements/s (baseline)', 'indexed placements/s', 'speed-up'], rows);
}

export async function main(): Promise<string> {
  const out = [`Machine: ${machine()}`, '', benchPlacement()].join('\n');
  console.log(out);
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
