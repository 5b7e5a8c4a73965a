// The churn of bench/lifecycle.ts (1000 hosts × 50 containers sharing 16 cores each, round-robin), built
// from a package's `Simulation`, for the instruction-count drivers (drive.mjs, drive-run.mjs).
export function churnSimulation(pkg, N) {
  const hosts = 1000, perHost = 50, CORES = 16, WORK = 10;
  const rate = ((perHost / (perHost + 1)) * CORES) / WORK;
  const cpu = Math.min(100, Math.floor((CORES * 1000) / (3 * perHost)));
  const shape = { work: { cpu: { distribution: 'exponential', mean: WORK } }, request: { cpu: `${cpu}m`, memory: '256Mi' }, threads: CORES };
  return new pkg.Simulation({ seed: 1, hosts: [{ name: 'node', count: hosts, capacity: { cpu: CORES, memory: '256Gi' } }],
    workloads: [{ name: 'initial', arrival: { process: 'explicit', times: new Array(hosts * perHost).fill(0) }, ...shape },
      { name: 'task', count: N, arrival: { process: 'poisson', rate: hosts * rate }, ...shape }], scheduler: { policy: 'round-robin' } });
}
