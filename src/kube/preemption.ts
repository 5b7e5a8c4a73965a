import type { Rng } from '../random/streams.js';
import { calculateNumCandidates } from './formulas.js';
import type { KubeState } from './plugin.js';
import type { PodTemplate } from './pod-template.js';
import type { Cycle } from './schedule-cycle.js';
import type { CompiledPdb } from './template-store.js';
import { pdbStatus } from '../dynamics/pdb-status.js';

/**
 * A preemption decision: the host the pod is nominated to and the pods to evict first.
 *
 * @example
 * ```ts
 * const p: KubePreemption = { host: 3, victims: [17, 42], pdbViolations: 0 };
 * ```
 */
export interface KubePreemption {
  readonly host: number;
  /** Pod ids, most important first. */
  readonly victims: readonly number[];
  /** How many victims violate a pod disruption budget. */
  readonly pdbViolations: number;
}

/**
 * What DefaultPreemption needs from the scheduler (internal).
 * @internal
 * @example
 * ```ts
 * defaultPreemption(host, pod);
 * ```
 */
export interface PreemptionHost {
  readonly state: KubeState;
  readonly cycle: Cycle;
  readonly rng: Rng;
  priorityOf(pod: number): number;
  /** Prepares the cycle for a pod with its profile. */
  prepare(pod: number): void;
  /** Adds (1) or removes (-1) a bound pod from the per-node indexes, without moving it. */
  applyIndexes(pod: number, host: number, delta: number): void;
}

interface Candidate {
  readonly host: number;
  readonly victims: number[];
  readonly violations: number;
}

// upstream pkg/scheduler/framework/preemption: disruptions each budget still allows, by the one PDB
// rule (pkg/controller/disruption `pdbStatus`, which drains use too).
function pdbAllowed(pdbs: readonly CompiledPdb[]): Int32Array {
  const out = new Int32Array(pdbs.length);
  pdbs.forEach((b, i) => {
    out[i] = pdbStatus({ minAvailable: b.min, maxUnavailable: b.maxUnavailable }, b.expected, b.expected, b.healthy).disruptionsAllowed;
  });
  return out;
}

function moreImportant(x: PreemptionHost, a: number, b: number): boolean {
  const pa = x.priorityOf(a), pb = x.priorityOf(b);
  if (pa !== pb) return pa > pb;
  const start = x.state.pods.start;
  return (start[a] as number) < (start[b] as number);
}

const byImportance = (x: PreemptionHost) => (a: number, b: number): number => (moreImportant(x, a, b) ? -1 : moreImportant(x, b, a) ? 1 : 0);

// Takes a bound pod off its host in the indexes and the what-if overlay, or puts it back.
function virtual(x: PreemptionHost, p: number, h: number, delta: number): void {
  x.applyIndexes(p, h, delta);
  const { D, pods, nodes } = x.state;
  const off = p * D;
  for (let d = 0; d < D; d++) nodes.ovFree[d] = (nodes.ovFree[d] as number) - delta * (pods.demand[off + d] as number);
}

function fitsWhatIf(x: PreemptionHost, pod: number, h: number): boolean {
  x.prepare(pod);
  return x.cycle.filterHost(h) === 0;
}

// upstream defaultpreemption/default_preemption.go SelectVictimsOnNode.
function selectVictimsOnNode(x: PreemptionHost, pod: number, h: number, allowedBase: Int32Array): Candidate | undefined {
  const { nodes, pods, store } = x.state;
  const prio = x.priorityOf(pod);
  const potential = (nodes.hostPods[h] as number[]).filter((p) => x.priorityOf(p) < prio);
  if (potential.length === 0) return undefined;
  nodes.ovHost = h;
  nodes.ovFree.fill(0);
  const removed = new Set<number>();
  try {
    for (const p of potential) {
      virtual(x, p, h, -1);
      removed.add(p);
    }
    if (!fitsWhatIf(x, pod, h)) return undefined;
    potential.sort(byImportance(x));
    // filterPodsWithPDBViolation: budgets are spent in importance order.
    const allowed = allowedBase.slice();
    const violating: number[] = [], nonViolating: number[] = [];
    for (const p of potential) {
      const t = store.templates[pods.tpl[p] as number] as PodTemplate;
      let v = false;
      for (const i of t.pdbs) {
        allowed[i] = (allowed[i] as number) - 1;
        if ((allowed[i] as number) < 0) v = true;
      }
      (v ? violating : nonViolating).push(p);
    }
    const victims: number[] = [];
    let violations = 0;
    const reprieve = (p: number): boolean => {
      virtual(x, p, h, 1);
      removed.delete(p);
      if (fitsWhatIf(x, pod, h)) return true;
      virtual(x, p, h, -1);
      removed.add(p);
      victims.push(p);
      return false;
    };
    for (const p of violating) if (!reprieve(p)) violations++;
    for (const p of nonViolating) reprieve(p);
    if (violating.length > 0 && nonViolating.length > 0) victims.sort(byImportance(x));
    return { host: h, victims, violations };
  } finally {
    for (const p of removed) virtual(x, p, h, 1);
    nodes.ovHost = -1;
    nodes.ovFree.fill(0);
  }
}

// upstream framework/preemption/preemption.go pickOneNodeForPreemption.
function pickOneNodeForPreemption(x: PreemptionHost, candidates: Candidate[]): Candidate {
  const prio = (p: number) => x.priorityOf(p);
  const start = x.state.pods.start;
  const fns: Array<(c: Candidate) => number> = [
    (c) => -c.violations,
    (c) => -prio(c.victims[0] as number),
    (c) => -c.victims.reduce((s, p) => s + prio(p) + 2147483648, 0),
    (c) => -c.victims.length,
    (c) => {
      const top = prio(c.victims[0] as number);
      let earliest = Infinity;
      for (const p of c.victims) if (prio(p) === top && (start[p] as number) < earliest) earliest = start[p] as number;
      return earliest;
    },
  ];
  let all = candidates;
  for (const f of fns) {
    let best = -Infinity;
    let sel: Candidate[] = [];
    for (const c of all) {
      const s = f(c);
      if (s > best) {
        best = s;
        sel = [c];
      } else if (s === best) sel.push(c);
    }
    if (sel.length === 1) return sel[0] as Candidate;
    all = sel;
  }
  return all[0] as Candidate;
}

/**
 * DefaultPreemption for a pod that found no host (upstream framework/plugins/defaultpreemption): the
 * hosts whose rejection is resolvable, dry-run from a random offset until enough candidates are found,
 * fewest victims per host (reprieving the most important first, PDB-violating ones before the rest), then
 * pickOneNodeForPreemption. Nominates the pod to the chosen host. The caller has checked that the pod's
 * profile enables DefaultPreemption and that the pod may preempt.
 * @internal
 * @example
 * ```ts
 * const p = defaultPreemption(host, pod);
 * ```
 */
export function defaultPreemption(x: PreemptionHost, pod: number): KubePreemption | undefined {
  const { H, nodes, pods, store } = x.state;
  const c = x.cycle;
  x.prepare(pod);
  const potential: number[] = [];
  for (let k = 0; k < H; k++) {
    const h = nodes.order[k] as number;
    const s = c.onlyHost !== -1 && h !== c.onlyHost ? -1 : c.filterHost(h);
    if (s !== 0 && !c.unresolvable(s)) potential.push(h);
  }
  if (potential.length === 0) return undefined;
  const args = c.fw.profile.defaultPreemption;
  const offset = Math.floor(x.rng.next() * potential.length);
  const want = calculateNumCandidates(potential.length, args.minCandidateNodesPercentage, args.minCandidateNodesAbsolute);
  const allowed = pdbAllowed(store.pdbs);
  const nonViolating: Candidate[] = [];
  const violating: Candidate[] = [];
  for (let i = 0; i < potential.length; i++) {
    const h = potential[(offset + i) % potential.length] as number;
    const r = selectVictimsOnNode(x, pod, h, allowed);
    if (r === undefined || r.victims.length === 0) continue;
    (r.violations === 0 ? nonViolating : violating).push(r);
    if (nonViolating.length > 0 && nonViolating.length + violating.length >= want) break;
  }
  const candidates = [...nonViolating, ...violating];
  if (candidates.length === 0) return undefined;
  const chosen = candidates.length === 1 ? (candidates[0] as Candidate) : pickOneNodeForPreemption(x, candidates);
  pods.nom[pod] = chosen.host;
  return { host: chosen.host, victims: chosen.victims, pdbViolations: chosen.violations };
}
