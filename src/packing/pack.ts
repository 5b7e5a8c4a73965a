import { PodsimError, type Issue } from '../errors.js';
import { constraintBound, kubeAware, kubeCheckPacking, kubeFirstFitOnFinalHosts, noTypeMessage, onlyResources, staticFeasibility, withPodDimension } from './kube-pack.js';
import { assignmentCost, isBetter, retype, type Assignment } from './assignment.js';
import { bestFitDecreasing } from './best-fit-decreasing.js';
import { binCentric } from './bin-centric.js';
import { firstFitDecreasing } from './first-fit-decreasing.js';
import { improveAssignment } from './improve-assignment.js';
import { minimumBinSlack } from './minimum-bin-slack.js';
import { problemLowerBounds } from './pack-lower-bounds.js';
import { buildPackProblem, type PackProblem } from './pack-problem.js';
import { unitSizes } from './size-functions.js';
import type { PackAlgorithm, PackedHost, PackInput, PackResult, PackStats, PlacedReplica, SizeFunctionName } from './types.js';
import { validatePackInput } from './validate-pack-input.js';

type Constructive = Exclude<PackAlgorithm, 'pipeline'>;

/** Bin-centric heuristics cost O(n²); the pipeline skips them above this many units. */
const BIN_CENTRIC_LIMIT = 4000;
/** The pipeline skips MBS′ and BFD when units × (lower bound on hosts) exceeds this. */
const QUADRATIC_LIMIT = 1e8;

function construct(problem: PackProblem, algorithm: Constructive): Assignment {
  if (algorithm === 'bin-dot') return binCentric(problem, 'dot');
  if (algorithm === 'bin-l2') return binCentric(problem, 'l2');
  if (algorithm === 'mbs') {
    // bound the subset search so that large inputs stay fast (about 2·10⁸ nodes at most in all)
    const a = minimumBinSlack(problem, { nodeLimit: Math.max(2000, Math.min(20_000, Math.floor(2e8 / Math.max(problem.n, 1)))) });
    if (problem.d !== 1 || problem.t !== 1) return a;
    const b = minimumBinSlack(problem, { seedRule: 'constrained' });
    return b.bins < a.bins ? b : a;
  }
  const fn = algorithm.slice(4) as SizeFunctionName;
  return algorithm.startsWith('ffd') ? firstFitDecreasing(problem, fn) : bestFitDecreasing(problem, fn);
}

interface Candidate {
  readonly algorithm: Constructive;
  /** The problem, possibly with another host type preferred for new hosts. */
  readonly problem: PackProblem;
}

/**
 * The constructions the pipeline tries, most promising first. In one dimension every size
 * function orders units alike, so one FFD and one BFD suffice. MBS′ and BFD are skipped on very
 * large inputs, the bin-centric heuristics above 4000 units. For the cost objective with
 * several host types, FFD and MBS′ are also tried preferring each host type in turn.
 */
function pipelineCandidates(problem: PackProblem, hostsBound: number): Candidate[] {
  // MBS′ and BFD cost about units × hosts: skipped when that is too large
  const quadratic = problem.n * hostsBound <= QUADRATIC_LIMIT;
  const names: Constructive[] = ['ffd-sum'];
  if (quadratic) names.push('mbs');
  if (problem.d > 1) names.push('ffd-max', 'ffd-l2', 'ffd-dot');
  if (quadratic) names.push(...(problem.d > 1 ? (['bfd-sum', 'bfd-max', 'bfd-l2', 'bfd-dot'] as const) : (['bfd-sum'] as const)));
  if (problem.n <= BIN_CENTRIC_LIMIT) names.push('bin-dot', 'bin-l2');
  const list: Candidate[] = names.map((algorithm) => ({ algorithm, problem }));
  if (problem.objective === 'cost' && problem.t > 1) {
    for (let i = 1; i < problem.t; i++) {
      const first = problem.typeRank[i] as number;
      const typeRank = Int32Array.from([first, ...Array.from(problem.typeRank).filter((t) => t !== first)]);
      const variant = { ...problem, typeRank };
      list.push({ algorithm: 'ffd-sum', problem: variant });
      if (quadratic) list.push({ algorithm: 'mbs', problem: variant });
    }
  }
  return list;
}

/**
 * Packs container replicas onto as few hosts as possible (objective `'hosts'`), or onto hosts
 * of least total cost (`'cost'`), never exceeding any host's capacity in any dimension.
 *
 * The default `'pipeline'` runs several constructive heuristics (first-fit and best-fit
 * decreasing under the sum/max/L2/dot size functions, and the bin-centric dot-product and
 * L2 heuristics), keeps the best, and then runs an improvement search that tries to empty
 * hosts until the number of hosts meets the lower bound or the time or iteration budget runs
 * out. Each host finally gets the cheapest type that holds its load. The result reports the
 * L1 and Martello–Toth L2 lower bounds and the gap to them.
 *
 * @param input - Items, host types, objective and options.
 * @throws PodsimError listing every problem in the input at once (bad quantities, items that
 *   fit no host type, …), or when the host types' `max` limits run out.
 * @example
 * ```ts
 * const r = pack({
 *   items: [
 *     { name: 'web', request: { cpu: 500, memory: 512 * 2 ** 20 }, replicas: 6 },
 *     { name: 'db', request: { cpu: 2000, memory: 8 * 2 ** 30 } },
 *   ],
 *   hostTypes: [{ name: 'm5.xlarge', capacity: { cpu: 4000, memory: 16 * 2 ** 30 } }],
 * });
 * r.hostCount; // 2
 * r.hosts[0].replicas; // [{ item: 0, replica: 0, name: 'web' }, …]
 * r.gap.hosts; // 0: proven minimal
 * ```
 */
export function pack(input: PackInput): PackResult {
  const started = performance.now();
  const issues = validatePackInput(input);
  if (issues.length > 0) throw new PodsimError(issues, 'invalid pack() input');
  if (kubeAware(input)) return packKube(input, started);
  return packResources(input, started);
}

/**
 * Packing under kube-scheduler's filters: the pod limit becomes the `pods` dimension; when nothing
 * but resources and the pod limit constrain the items, the usual pipeline runs; otherwise
 * first-fit decreasing through the filters (two orders, the better kept). Either way every host is
 * checked with the filters, and the lower bounds take the constraints' own bound into account.
 */
function packKube(original: PackInput, started: number): PackResult {
  const input = withPodDimension(original);
  const { feasible, reasons } = staticFeasibility(input);
  const none: Issue[] = [];
  input.items.forEach((it, i) => {
    if ((it.replicas ?? 1) > 0 && (feasible[i] as number[]).length === 0) none.push({ code: 'does_not_fit', path: `items[${i}]`, message: noTypeMessage(reasons[i] as string[]) });
  });
  if (none.length > 0) throw new PodsimError(none, 'pack() could not place every replica');
  const cb = constraintBound(input, feasible);
  const cheapest = Math.min(...input.hostTypes.map((h) => h.cost ?? 1));
  if (onlyResources(input, feasible)) {
    const r = packResources(input, started);
    if (kubeCheckPacking(input, r.hosts).length === 0) return withConstraintBound(r, cb, cheapest);
  }
  const problem = buildPackProblem(input);
  const bounds = problemLowerBounds(problem);
  const units = Array.from(problem.unitItem);
  const { n } = problem;
  const sum = unitSizes(problem, 'sum');
  const max = unitSizes(problem, 'max');
  const choices = (u: number) => (feasible[units[u] as number] as number[]).length;
  const orderBy = (key: Float64Array) => Array.from({ length: n }, (_, u) => u).sort((a, b) => choices(a) - choices(b) || (key[b] as number) - (key[a] as number) || a - b);
  let best: Assignment | undefined;
  let bad: Issue[] = [];
  let construction: PackStats['construction'] = 'ffd-sum';
  for (const [name, key] of [['ffd-sum', sum], ['ffd-max', max]] as const) {
    if (best !== undefined && best.bins <= Math.max(bounds.hosts, cb.hosts)) break;
    const r = kubeFirstFitOnFinalHosts(input, units, orderBy(key), problem.typeRank, feasible);
    const binOf = new Int32Array(n);
    r.placed.forEach((list, b) => { for (const u of list) binOf[u] = b; });
    const a: Assignment = { bins: r.types.length, binType: Int32Array.from(r.types), binOf };
    if (best === undefined || isBetter(problem, a, best)) { best = a; bad = r.issues; construction = name; }
  }
  const result = buildResult(input, problem, best as Assignment, bounds, original.algorithm ?? 'pipeline', {
    construction,
    iterations: 0,
    elapsedMs: performance.now() - started,
    stoppedBy: 'construction',
  });
  if (bad.length > 0) throw new PodsimError(bad, 'pack(): internal error, a host fails the filters');
  return withConstraintBound(result, cb, cheapest);
}

function withConstraintBound(r: PackResult, cb: { hosts: number; note: string }, cheapest: number): PackResult {
  const hosts = Math.max(r.lowerBound.hosts, cb.hosts);
  const lowerBound = {
    ...r.lowerBound,
    constraint: cb.hosts,
    ...(cb.hosts > r.lowerBound.hosts ? { note: cb.note } : {}),
    hosts,
    cost: Math.max(r.lowerBound.cost, hosts * cheapest),
  };
  const gapHosts = r.hostCount - hosts;
  return {
    ...r,
    lowerBound,
    gap: { hosts: gapHosts, relative: hosts > 0 ? gapHosts / hosts : 0, cost: r.cost - lowerBound.cost },
    provenOptimal: gapHosts === 0 || r.provenOptimal,
  };
}

function packResources(input: PackInput, started: number): PackResult {
  const problem = buildPackProblem(input);
  const bounds = problemLowerBounds(problem);
  const algorithm: PackAlgorithm = input.algorithm ?? 'pipeline';
  const timeLimit = input.timeLimitMs ?? 1000;
  const maxIterations = input.maxIterations ?? Infinity;

  let construction: Constructive;
  let best: Assignment;
  let iterations = 0;
  let stoppedBy: PackStats['stoppedBy'] = 'construction';
  if (algorithm !== 'pipeline') {
    construction = algorithm;
    best = retype(problem, construct(problem, algorithm));
  } else {
    const candidates = pipelineCandidates(problem, bounds.hosts);
    // the search stops a little early to leave time for building the result
    const deadline = started + timeLimit * 0.98;
    const meetsBound = (a: Assignment): boolean =>
      a.bins <= bounds.hosts && (problem.objective === 'hosts' || assignmentCost(problem, a) <= bounds.cost + 1e-9);
    const first = candidates[0] as Candidate;
    construction = first.algorithm;
    best = retype(problem, construct(first.problem, first.algorithm));
    for (const c of candidates.slice(1)) {
      if (meetsBound(best)) break;
      // keep time for the search: stop constructing once half the budget is gone
      if (performance.now() > started + timeLimit / 2) break;
      const a = retype(problem, construct(c.problem, c.algorithm));
      if (isBetter(problem, a, best)) {
        best = a;
        construction = c.algorithm;
      }
    }
    if (meetsBound(best)) stoppedBy = 'bound';
    else if (problem.n > 0) {
      const improved = improveAssignment(problem, best, {
        seed: input.seed ?? 1,
        deadline,
        maxIterations,
        targetHosts: bounds.hosts,
        targetCost: bounds.cost,
      });
      iterations = improved.iterations;
      stoppedBy = improved.stoppedBy;
      best = retype(problem, improved.assignment);
    }
  }
  return buildResult(input, problem, best, bounds, algorithm, {
    construction,
    iterations,
    elapsedMs: performance.now() - started,
    stoppedBy,
  });
}

function buildResult(
  input: PackInput,
  problem: PackProblem,
  a: Assignment,
  bounds: PackResult['lowerBound'],
  algorithm: PackAlgorithm,
  stats: PackStats,
): PackResult {
  const { d, n, size, unitItem, unitReplica, zeroItem, zeroReplica } = problem;
  let bins = a.bins;
  let binType = a.binType;
  const zeros = zeroItem.length;
  if (bins === 0 && zeros > 0) {
    // only empty requests: one host of the cheapest type allowed holds them all
    let t = -1;
    for (let j = 0; j < problem.t; j++) {
      if ((problem.max[j] as number) >= 1 && (t < 0 || (problem.cost[j] as number) < (problem.cost[t] as number))) t = j;
    }
    if (t < 0) {
      throw new PodsimError(
        [{ code: 'capacity_exhausted', path: 'hostTypes', message: 'every host type has max 0, so no host can be opened for the replicas' }],
        'pack() could not place every replica',
      );
    }
    bins = 1;
    binType = Int32Array.of(t);
  }
  const lists: PlacedReplica[][] = Array.from({ length: bins }, () => []);
  const used: Record<string, number>[] = Array.from({ length: bins }, () => Object.fromEntries(problem.reportDims.map((k) => [k, 0])));
  for (let u = 0; u < n; u++) {
    const b = a.binOf[u] as number;
    const item = unitItem[u] as number;
    (lists[b] as PlacedReplica[]).push({ item, replica: unitReplica[u] as number, name: (input.items[item] as { name: string }).name });
    const rec = used[b] as Record<string, number>;
    for (let k = 0; k < d; k++) rec[problem.dims[k] as string] = (rec[problem.dims[k] as string] as number) + (size[u * d + k] as number);
  }
  for (let z = 0; z < zeros; z++) {
    const item = zeroItem[z] as number;
    (lists[0] as PlacedReplica[]).push({ item, replica: zeroReplica[z] as number, name: (input.items[item] as { name: string }).name });
  }
  const hosts: PackedHost[] = [];
  let cost = 0;
  for (let b = 0; b < bins; b++) {
    const t = binType[b] as number;
    const list = (lists[b] as PlacedReplica[]).sort((x, y) => x.item - y.item || x.replica - y.replica);
    const c = problem.cost[t] as number;
    cost += c;
    hosts.push({ type: (input.hostTypes[t] as { name: string }).name, typeIndex: t, cost: c, replicas: list, used: used[b] as Record<string, number> });
  }
  const gapHosts = bins - bounds.hosts;
  return {
    hosts,
    hostCount: bins,
    cost,
    objective: problem.objective,
    algorithm,
    lowerBound: bounds,
    gap: { hosts: gapHosts, relative: bounds.hosts > 0 ? gapHosts / bounds.hosts : 0, cost: cost - bounds.cost },
    provenOptimal: gapHosts === 0 || (stats.stoppedBy === 'proven' && problem.objective === 'hosts'),
    stats,
  };
}
