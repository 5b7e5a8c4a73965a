import { grown } from '../util/grown.js';

/**
 * The scheduler's per-pod state, struct-of-arrays indexed by pod id (ids are 0, 1, 2, … and never
 * reused): template, owner, host, nominated host, liveness, start and queue times, position in the template's
 * member list, the dense demand `[pod * D + d]`, and the non-zero CPU and memory requests scoring counts.
 *
 * @example
 * ```ts
 * const pods = new PodTable(2);
 * const id = pods.add(); // 0
 * pods.host[id]; // -1
 * ```
 */
export class PodTable {
  /** Pods registered so far (the next id). */
  n = 0;
  /** Template id per pod. */
  tpl = new Int32Array(1024);
  /** Owner id per pod (see `TemplateStore.ownerOf`), or -1 for a pod without an owner. */
  own = new Int32Array(1024).fill(-1);
  /** Bound host per pod, or -1. */
  host = new Int32Array(1024).fill(-1);
  /** Host nominated by preemption per pod, or -1. */
  nom = new Int32Array(1024).fill(-1);
  /** 1 while the pod is registered. */
  alive = new Uint8Array(1024);
  /** Start time (bind time) per pod, for preemption's tie-breaks. */
  start = new Float64Array(1024);
  /** Queue timestamp per pod, for PrioritySort's FIFO order. */
  ts = new Float64Array(1024);
  /** Index of the pod in its template's member list. */
  pos = new Int32Array(1024);
  /** Every pod's demand, `[pod * D + d]`. */
  demand: Float64Array;
  /** The CPU request scoring counts: the request, or 100m when the pod sets none (GetNonzeroRequestForResource). */
  nzCpu = new Float64Array(1024);
  /** The memory request scoring counts: the request, or 200Mi when the pod sets none. */
  nzMem = new Float64Array(1024);

  constructor(
    /** Dimensions per pod. */
    readonly D: number,
  ) {
    this.demand = new Float64Array(1024 * D);
  }

  /** Registers a pod slot and returns its id; the caller fills the fields. */
  add(): number {
    const id = this.n;
    if (id >= this.tpl.length) this.grow(this.tpl.length * 2);
    this.n++;
    this.host[id] = -1;
    this.nom[id] = -1;
    this.own[id] = -1;
    this.alive[id] = 1;
    return id;
  }

  private grow(cap: number): void {
    this.tpl = grown(this.tpl, cap);
    this.own = grown(this.own, cap, -1);
    this.host = grown(this.host, cap, -1);
    this.nom = grown(this.nom, cap, -1);
    this.alive = grown(this.alive, cap);
    this.start = grown(this.start, cap);
    this.ts = grown(this.ts, cap);
    this.pos = grown(this.pos, cap);
    this.demand = grown(this.demand, cap * this.D);
    this.nzCpu = grown(this.nzCpu, cap);
    this.nzMem = grown(this.nzMem, cap);
  }
}
