import { grown } from '../util/grown.js';

/**
 * The scheduler's per-pod state, struct-of-arrays indexed by pod id: template, owner, host, nominated
 * host, liveness, start and queue times, position in the template's member list, the dense demand
 * `[pod * D + d]`, and the non-zero CPU and memory requests scoring counts. The id of a removed pod is
 * given to the next pod added (most recently freed first), so the table holds as many rows as pods were
 * ever registered at once, not as many as were ever registered: a replay of millions of tasks with a
 * hundred thousand alive keeps a hundred thousand rows.
 *
 * @example
 * ```ts
 * const pods = new PodTable(2);
 * const id = pods.add(); // 0
 * pods.host[id]; // -1
 * pods.remove(id);
 * pods.add(); // 0 again
 * ```
 */
export class PodTable {
  /** Rows in use or freed so far: every id is below it (the high-water mark of pods registered at once). */
  n = 0;
  /** Pods registered now. */
  live = 0;
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
  /** Freed ids, a stack: the first `nFree` are free. */
  private free = new Int32Array(64);
  private nFree = 0;

  constructor(
    /** Dimensions per pod. */
    readonly D: number,
  ) {
    this.demand = new Float64Array(1024 * D);
  }

  /** Rows allocated (the length of every per-pod array); grows only while more pods are registered at once than ever before. */
  get capacity(): number {
    return this.tpl.length;
  }

  /** Registers a pod slot (a freed id if there is one) and returns its id; the caller fills the fields. */
  add(): number {
    let id: number;
    if (this.nFree > 0) id = this.free[--this.nFree] as number;
    else {
      id = this.n;
      if (id >= this.tpl.length) this.grow(this.tpl.length * 2);
      this.n++;
    }
    this.live++;
    this.host[id] = -1;
    this.nom[id] = -1;
    this.own[id] = -1;
    this.alive[id] = 1;
    return id;
  }

  /** Frees a registered pod's id for the next {@link PodTable.add}. */
  remove(id: number): void {
    this.alive[id] = 0;
    this.host[id] = -1;
    this.nom[id] = -1;
    this.own[id] = -1;
    this.live--;
    if (this.nFree === this.free.length) this.free = grown(this.free, this.free.length * 2);
    this.free[this.nFree++] = id;
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
