import type { TraceDictionary } from '../trace-dictionary.js';

/**
 * The dictionary entries a worker made since its last batch, sent with the batch so that the
 * reading thread can translate the batch's indices into its own dictionary. @internal
 * @example
 * ```ts
 * const delta: DictionaryDelta = { machines: ['5'], labels: [[0, { platform: 'p' }]], jobIndex: [0], jobs: ['7'], styles: ['{job}/'], members: [] };
 * ```
 */
export interface DictionaryDelta {
  readonly machines: string[];
  /** Labels of machines (worker indices) that are new or changed. */
  readonly labels: [number, Readonly<Record<string, string>>][];
  /** The worker's index of each job in `jobs`: new, or given again after its job was forgotten (the worker's dictionary forgets jobs). */
  readonly jobIndex: number[];
  readonly jobs: string[];
  /** The id style of each new job. */
  readonly styles: string[];
  readonly members: string[];
}

/**
 * The worker side: what has been sent, and the entries made since. @internal
 * @example
 * ```ts
 * const sent = new DeltaWriter(dict);
 * port.postMessage({ batch, delta: sent.next() });
 * ```
 */
export class DeltaWriter {
  private machines = 0;
  private members = 0;
  private readonly labels: (Readonly<Record<string, string>> | undefined)[] = [];

  /** Journals `dict`'s job indices, and lets it forget the jobs its readers no longer hold (the reading thread keeps its own). */
  constructor(private readonly dict: TraceDictionary) {
    dict.forgetJobs = true;
    dict.journalJobs();
  }

  next(): DictionaryDelta {
    const d = this.dict;
    const labels: [number, Readonly<Record<string, string>>][] = [];
    for (let i = 0; i < d.machineLabels.length; i++) {
      const l = d.machineLabels[i];
      if (l !== undefined && l !== this.labels[i]) {
        labels.push([i, l]);
        this.labels[i] = l;
      }
    }
    const jobIndex = d.drainJobs();
    const delta: DictionaryDelta = {
      machines: d.machines.namesFrom(this.machines),
      labels,
      jobIndex,
      jobs: jobIndex.map((j) => d.jobs.name(j)),
      styles: jobIndex.map((j) => d.styleOf(j)),
      members: d.members.namesFrom(this.members),
    };
    this.machines = d.machines.bound;
    this.members = d.members.bound;
    return delta;
  }
}

/**
 * The reading side: maps a worker's indices to the reading thread's dictionary. @internal
 * @example
 * ```ts
 * const map = new DeltaReader(stream.dictionary);
 * map.apply(message.delta);
 * batch.machine[i] = map.machine(batch.machine[i]);
 * ```
 */
export class DeltaReader {
  private readonly machines: number[] = [];
  /** By the worker's job index: the reading thread's (holding a reference to it), -1 for none. */
  private readonly jobs: number[] = [];
  private readonly members: number[] = [];

  constructor(private readonly dict: TraceDictionary) {}

  apply(delta: DictionaryDelta): void {
    const d = this.dict;
    for (const name of delta.machines) this.machines.push(d.machines.ofText(name));
    for (const [i, labels] of delta.labels) d.labelMachine(this.machines[i] as number, labels);
    const jobs = this.jobs;
    delta.jobs.forEach((key, i) => {
      const w = delta.jobIndex[i] as number;
      const mine = d.job(key, delta.styles[i] as string);
      d.retainJob(mine);
      while (jobs.length <= w) jobs.push(-1);
      const before = jobs[w] as number;
      if (before >= 0) d.releaseJob(before);
      jobs[w] = mine;
    });
    // Worker indices given again let go of their old jobs: those now held by nothing are forgotten here.
    d.sweepJobs();
    for (const id of delta.members) this.members.push(d.members.ofText(id));
  }

  /** A worker machine index (or -1) in the reading thread's dictionary. */
  machine(m: number): number {
    return m < 0 ? m : (this.machines[m] as number);
  }

  job(j: number): number {
    return this.jobs[j] as number;
  }

  /** A member value (negative ones index the members). */
  member(v: number): number {
    return v >= 0 ? v : -1 - (this.members[-1 - v] as number);
  }
}
