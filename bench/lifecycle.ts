// Issue 3's benchmark: a cluster of hosts with about 50 containers each, churning, every container
// sharing its host's CPU by CFS weights (fluid execution). Reports events per second at 100, 1000
// and 10,000 hosts, to show that an event's cost does not grow with the number of hosts, against
// the hand-written M/M/c loop's events per second, timed just before each run, as a baseline.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Simulation } from '../src/index.js';
import { baselineMmc } from './baseline-mmc.js';
import { machine, median, table } from './util.js';

const PER_HOST = 50, CORES = 16, WORK = 10;

export function churnScenario(hosts: number, containers: number, perHost = PER_HOST) {
  // Each host is one processor-sharing server of 16 cores (threads: 16, so no cap binds), loaded to
  // ρ = K/(K + 1), where the mean number of containers present is ρ/(1 − ρ) = K (K = 50: ρ ≈ 0.98).
  // The run starts with K containers on every host so that it is at that level from the start.
  const rate = ((perHost / (perHost + 1)) * CORES) / WORK; // per host
  // Requests small enough that three times K containers fit a host, so that no container waits.
  const cpu = Math.min(100, Math.floor((CORES * 1000) / (3 * perHost)));
  const shape = { work: { cpu: { distribution: 'exponential' as const, mean: WORK } }, request: { cpu: `${cpu}m`, memory: '256Mi' }, threads: CORES };
  return {
    seed: 1,
    hosts: [{ name: 'node', count: hosts, capacity: { cpu: CORES, memory: '256Gi' } }],
    workloads: [
      { name: 'initial', arrival: { process: 'explicit' as const, times: new Array<number>(hosts * perHost).fill(0) }, ...shape },
      { name: 'task', count: containers, arrival: { process: 'poisson' as const, rate: hosts * rate }, ...shape },
    ],
    scheduler: { policy: 'round-robin' as const },
  };
}

type SimulationClass = typeof Simulation;

/** One run: events per second over the whole run, and over the churn after the initial fill at t = 0. */
function churnRun(hosts: number, containers: number, perHost = PER_HOST, Sim: SimulationClass = Simulation): { whole: number; churn: number; used: number; cpu: number } {
  const sim = new Sim(churnScenario(hosts, containers, perHost));
  const t0 = performance.now();
  let fill = 0;
  // The initial fill: every container that arrives at t = 0 (K per host), placed one event each.
  while (sim.now === 0 && sim.step()) fill++;
  const t1 = performance.now(), c1 = process.cpuUsage();
  sim.run();
  const t2 = performance.now(), c = process.cpuUsage(c1);
  const r = sim.result();
  if (r.queue.max > 0) throw new Error(`churn scenario (${hosts} hosts × ${perHost}): ${r.queue.max} containers had to wait; it should measure sharing, not queueing`);
  return { whole: r.events / ((t2 - t0) / 1000), churn: (r.events - fill) / ((t2 - t1) / 1000), used: r.performance?.usage.cpu ?? 0, cpu: (r.events - fill) / ((c.user + c.system) / 1e6) };
}

// The baseline's events per second, timed just before each churn run so that both see the same
// machine (it is shared, and its speed drifts by up to 2× over minutes).
function baselineRate(): number {
  const t0 = performance.now();
  const s = baselineMmc(10, 8, 1, 500_000);
  return s.events / ((performance.now() - t0) / 1000);
}

interface Case { readonly hosts: number; readonly containers: number; readonly perHost: number; readonly runs: number }
interface Measured { readonly whole: number[]; readonly churn: number[]; readonly base: number[]; readonly ratio: number[]; used: number }

// Runs the cases in rounds, one run of each case per round (each paired with a baseline run just
// before it), so that a slow spell of the machine falls on every case alike rather than on one.
function measure(cases: readonly Case[]): Measured[] {
  const out: Measured[] = cases.map(() => ({ whole: [], churn: [], base: [], ratio: [], used: 0 }));
  const rounds = Math.max(...cases.map((c) => c.runs));
  for (let round = 0; round < rounds; round++) {
    cases.forEach((c, k) => {
      if (round >= c.runs) return;
      const m = out[k] as Measured;
      const b = baselineRate();
      const r = churnRun(c.hosts, c.containers, c.perHost);
      m.base.push(b);
      m.whole.push(r.whole);
      m.churn.push(r.churn);
      m.ratio.push(r.churn / b);
      m.used = r.used;
    });
  }
  return out;
}

/** About 50 containers per host on 100, 1000 and 10,000 hosts: the live state grows with the cluster. */
export function benchChurn(runs = 7): string {
  churnRun(100, 100_000); // warm-up: the JIT compiles the hot path before anything is timed
  baselineRate();
  const cases = [100, 1000, 10000].map((hosts) => ({ hosts, containers: Math.max(400_000, hosts * 100), perHost: PER_HOST, runs: hosts >= 10000 ? 3 : runs }));
  const results = measure(cases);
  const first = median((results[0] as Measured).churn);
  const rows = cases.map((c, k) => {
    const m = results[k] as Measured;
    return [
      `${c.hosts} hosts × ~${PER_HOST} containers`,
      c.containers.toLocaleString('en'),
      (m.used * 100).toFixed(0) + '%',
      median(m.whole).toExponential(2),
      median(m.churn).toExponential(2),
      median(m.base).toExponential(2),
      median(m.ratio).toFixed(3),
      (first / median(m.churn)).toFixed(2),
    ];
  });
  return table(['scenario (CFS sharing, churn)', 'containers', 'CPU used', 'events/s, whole run', 'events/s, churn after the fill', 'baseline events/s', 'churn / baseline (median of pairs)', 'ns per event vs 100 hosts'], rows);
}

/**
 * The same 50,000 live containers spread over 100, 1000 or 10,000 hosts (500, 50 or 5 per host):
 * the state a run touches stays the same size, so this isolates the number of hosts.
 */
export function benchHostsAlone(runs = 5): string {
  const LIVE = 50_000;
  const cases = [100, 1000, 10000].map((hosts) => ({ hosts, containers: 400_000, perHost: LIVE / hosts, runs }));
  const results = measure(cases);
  const first = median((results[0] as Measured).churn);
  const rows = cases.map((c, k) => {
    const m = results[k] as Measured;
    return [`${c.hosts} hosts × ${c.perHost} containers`, median(m.churn).toExponential(2), median(m.ratio).toFixed(3), (first / median(m.churn)).toFixed(2)];
  });
  return table(['50,000 live containers on', 'events/s, churn after the fill', 'churn / baseline (median of pairs)', 'ns per event vs 100 hosts'], rows);
}

/** `Simulation` from a built package (`<dist>/esm/index.js`). */
async function builtSimulation(dist: URL): Promise<SimulationClass> {
  const entry = new URL('esm/index.js', dist);
  if (!existsSync(fileURLToPath(entry))) throw new Error(`bench/lifecycle: ${fileURLToPath(entry)} is missing: run npm run build first`);
  return ((await import(entry.href)) as { Simulation: SimulationClass }).Simulation;
}

/**
 * The churn at 1000 hosts × 50 from this checkout's built package and from another build (`--against
 * <dist>`), in interleaved rounds (the order alternating), each run paired with the hand-written loop
 * just before it: events per wall second and per CPU second of the churn after the fill, and per round
 * the ratio of the two builds.
 */
export async function benchChurnBuilds(against: URL, runs = 7, containers = 400_000): Promise<string> {
  const builds = [
    { name: 'this checkout (dist)', Sim: await builtSimulation(new URL('../dist/', import.meta.url)), churn: [] as number[], cpu: [] as number[], ratio: [] as number[] },
    { name: fileURLToPath(against), Sim: await builtSimulation(against), churn: [] as number[], cpu: [] as number[], ratio: [] as number[] },
  ];
  for (const b of builds) churnRun(100, 100_000, PER_HOST, b.Sim); // warm-up
  baselineRate();
  const perRound: number[] = [];
  for (let round = 0; round < runs; round++) {
    const order = round % 2 === 0 ? [0, 1] : [1, 0];
    const cpu: number[] = [0, 0];
    for (const k of order) {
      const b = builds[k] as (typeof builds)[number];
      const base = baselineRate();
      const r = churnRun(1000, containers, PER_HOST, b.Sim);
      b.churn.push(r.churn);
      b.cpu.push(r.cpu);
      b.ratio.push(r.churn / base);
      cpu[k] = r.cpu;
    }
    perRound.push((cpu[0] as number) / (cpu[1] as number));
  }
  const rows = builds.map((b) => [b.name, median(b.churn).toExponential(3), median(b.cpu).toExponential(3), median(b.ratio).toFixed(3)]);
  return [
    table([`churn, 1000 hosts × ${PER_HOST}, ${containers.toLocaleString('en')} containers, median of ${runs}`, 'events/s (wall)', 'events per CPU-second', 'churn / baseline loop (median of pairs)'], rows),
    '',
    `this checkout ÷ other, events per CPU-second, per round: median ${median(perRound).toFixed(3)} (${Math.min(...perRound).toFixed(3)}–${Math.max(...perRound).toFixed(3)})`,
  ].join('\n');
}

export async function main(): Promise<string> {
  const i = process.argv.indexOf('--against');
  if (i >= 0) {
    // Only the comparison of builds: `tsx bench/lifecycle.ts --against ../main/dist [--runs N]`.
    const dir = process.argv[i + 1] as string;
    const r = process.argv.indexOf('--runs');
    const out = [`Machine: ${machine()}`, '', await benchChurnBuilds(pathToFileURL(dir.endsWith('/') ? dir : `${dir}/`), r >= 0 ? Number(process.argv[r + 1]) : 7)].join('\n');
    console.log(out);
    return out;
  }
  const out = [`Machine: ${machine()}`, '', benchChurn(), '', benchHostsAlone()].join('\n');
  console.log(out);
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
