import { grown } from '../util/grown.js';

/**
 * Interns names (machine ids, job keys) as small integer indices. Names that are canonical
 * non-negative integers (digits without a leading zero, up to 15 of them) are looked up by their
 * value, without making a string per lookup, and stored as that value (8 bytes), their text made
 * again when asked for; other names through a Map. A name has the same index whichever way it is
 * looked up. About 20 bytes per numeric name (its value and its share of an open-addressing table
 * of indices), where a string and a Map entry would take about 90.
 *
 * A name may be forgotten ({@link Interner.forget}): it is no longer found, and its index is given to
 * the next new name, so that an interner whose names come and go holds only those in use.
 *
 * @example
 * ```ts
 * const machines = new Interner();
 * machines.ofText('m_12');                  // 0
 * machines.addNumber(4155527081, '4155527081'); // 1
 * machines.findNumber(4155527081);          // 1
 * machines.ofText('4155527081');            // 1
 * machines.name(0);                          // 'm_12'
 * ```
 */
export class Interner {
  /** Each index's name: its value for a numeric name, −1 − (its position in `texts`) for another. */
  private values = new Float64Array(64);
  private n = 0;
  private readonly texts: string[] = [];
  private readonly text = new Map<string, number>();
  /** Open addressing over the numeric names: 1 + index, 0 empty; at most half full. */
  private slots = new Int32Array(128);
  private numeric = 0;
  /** Indices of forgotten names (given again first), and positions in `texts` free again. */
  private freeIndex: number[] = [];
  private freeText: number[] = [];
  private count = 0;

  /**
   * How many names were interned: every name once, unless it was forgotten and interned again (then
   * once more). Without {@link Interner.forget}, the number of names, and the indices are 0 to size − 1.
   */
  get size(): number {
    return this.count;
  }

  /** Indices are below this (forgotten ones included): the length of an array indexed by them. */
  get bound(): number {
    return this.n;
  }

  /** The names, by index (a copy: prefer {@link Interner.name} or {@link Interner.namesFrom}). */
  get names(): string[] {
    return this.namesFrom(0);
  }

  /** The names from index `start` on, in index order (a forgotten index: `''`). */
  namesFrom(start: number): string[] {
    const out: string[] = [];
    for (let i = start; i < this.n; i++) out.push(this.name(i));
    return out;
  }

  /** The name at `index`. */
  name(index: number): string {
    const v = this.values[index] as number;
    return v >= 0 ? String(v) : v === v ? (this.texts[-1 - v] as string) : '';
  }

  /**
   * Forgets the name at `index`: it is found no more, and the index goes to the next new name (the
   * caller makes sure nothing refers to it any longer). Nothing happens for an index already forgotten.
   */
  forget(index: number): void {
    const v = this.values[index] as number;
    if (v !== v || index >= this.n) return;
    if (v >= 0) {
      this.unplace(index);
      this.numeric--;
    } else {
      const t = -1 - v;
      this.text.delete(this.texts[t] as string);
      this.texts[t] = '';
      this.freeText.push(t);
    }
    this.values[index] = NaN;
    this.freeIndex.push(index);
  }

  // Removes `index` from the open-addressing table, moving later entries of its probe run back
  // (backward-shift deletion: no tombstones, so lookups stay as short as in a table never deleted from).
  private unplace(index: number): void {
    const slots = this.slots, values = this.values;
    const mask = slots.length - 1;
    let i = Interner.hash(values[index] as number) & mask;
    while (slots[i] !== index + 1) i = (i + 1) & mask;
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      const s = slots[j] as number;
      if (s === 0) break;
      const home = Interner.hash(values[s - 1] as number) & mask;
      // The entry at j may move to i when its home is not in the cyclic range (i, j].
      if (i <= j ? home <= i || home > j : home <= i && home > j) {
        slots[i] = s;
        i = j;
      }
    }
    slots[i] = 0;
  }

  private static hash(n: number): number {
    const lo = n >>> 0;
    const hi = (n / 4294967296) >>> 0;
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return h ^ (h >>> 16);
  }

  /** The index of the name that is the canonical decimal text of `n` (a non-negative integer up to 15 digits), or -1 when it is not interned. */
  findNumber(n: number): number {
    const { slots, values } = this;
    const mask = slots.length - 1;
    for (let i = Interner.hash(n) & mask; ; i = (i + 1) & mask) {
      const s = slots[i] as number;
      if (s === 0) return -1;
      if (values[s - 1] === n) return s - 1;
    }
  }

  /** Interns `name`, the canonical decimal text of `n`, which must not be interned yet; returns its index. */
  addNumber(n: number, name?: string): number {
    void name; // the text is made again from `n` when asked for
    const index = this.push(n);
    if ((this.numeric + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    this.place(index);
    this.numeric++;
    return index;
  }

  private push(value: number): number {
    this.count++;
    const reuse = this.freeIndex.pop();
    if (reuse !== undefined) {
      this.values[reuse] = value;
      return reuse;
    }
    if (this.n === this.values.length) this.values = grown(this.values, this.values.length * 2);
    this.values[this.n] = value;
    return this.n++;
  }

  private place(index: number): void {
    const slots = this.slots;
    const mask = slots.length - 1;
    let i = Interner.hash(this.values[index] as number) & mask;
    while (slots[i] !== 0) i = (i + 1) & mask;
    slots[i] = index + 1;
  }

  private rehash(capacity: number): void {
    const old = this.slots;
    this.slots = new Int32Array(capacity);
    for (let i = 0; i < old.length; i++) if (old[i] !== 0) this.place((old[i] as number) - 1);
  }

  /** The index of a name given as text. */
  ofText(name: string): number {
    if (isCanonicalInteger(name)) {
      const n = Number(name);
      const found = this.findNumber(n);
      return found >= 0 ? found : this.addNumber(n);
    }
    const found = this.text.get(name);
    if (found !== undefined) return found;
    const t = this.freeText.pop() ?? this.texts.length;
    const index = this.push(-1 - t);
    this.texts[t] = name;
    this.text.set(name, index);
    return index;
  }

  /** The index of `name` if it is interned, else -1 (nothing is added). */
  find(name: string): number {
    if (isCanonicalInteger(name)) return this.findNumber(Number(name));
    return this.text.get(name) ?? -1;
  }
}

/**
 * True when `text` is a non-negative integer written as `String(n)` writes it, up to 15 digits.
 * @internal
 * @example
 * ```ts
 * isCanonicalInteger('42'); // true
 * isCanonicalInteger('042'); // false
 * ```
 */
export function isCanonicalInteger(text: string): boolean {
  const n = text.length;
  if (n === 0 || n > 15 || (n > 1 && text.charCodeAt(0) === 48)) return false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * The names behind the integer columns of a trace's batches: machines (shared by the task and the
 * machine streams of one {@link readTrace}, so that a task's recorded machine index is the index
 * of the machine events' machine), job keys, and the text ids of tasks whose ids do not follow
 * their job's pattern. Grows as a trace is read and never shrinks (indices stay valid for the
 * dictionary's life, across re-reads of a stream), unless {@link TraceDictionary.forgetJobs} is set:
 * then job keys no task refers to any more are forgotten.
 *
 * A task's text id is its job's prefix followed by `member` when its `member` column is ≥ 0 (Google:
 * `6251812952/` + `3`; Alibaba instances: `j_1/M1/ins_` + `12`), else `members.name(-1 − member)`.
 * A job's prefix is its id style with `{job}` replaced by the job key (styles are shared: one small
 * number per job, no string per job beyond its key).
 *
 * @example
 * ```ts
 * const dict = new TraceDictionary();
 * const job = dict.job('6251812952');
 * dict.taskId(job, 3); // '6251812952/3'
 * ```
 */
export class TraceDictionary {
  /** Machine ids. */
  readonly machines = new Interner();
  /** The latest labels of each machine (platform, failure domains, …), by machine index. */
  readonly machineLabels: (Readonly<Record<string, string>> | undefined)[] = [];
  /** Job keys: the workload a task belongs to (Google job or collection id; Alibaba `job/task` or the container's `app_du`). */
  readonly jobs = new Interner();
  /** Each job's id style, by job index (an index into `idStyles`); see {@link TraceDictionary.jobStyle}. */
  private styles = new Uint16Array(64);
  /** Id styles: text-id prefixes with `{job}` standing for the job key (`{job}/`, `{job}/ins_`, `c_`). */
  readonly idStyles = new Interner();
  /** Whole text ids of tasks whose member is not a number (member column −1 − index). */
  readonly members = new Interner();

  /** The index of a job key given as text; `style` (its tasks' id prefix, `{job}` for the key) is used when the job is new. */
  job(key: string, style = '{job}/'): number {
    const before = this.jobs.size;
    const index = this.jobs.ofText(key);
    if (this.jobs.size !== before) this.newJob(index, style);
    return index;
  }

  // ——— forgetting jobs
  //
  // With `forgetJobs`, a job's key is forgotten once nothing refers to its index any more: the
  // readers' task trackers hold a reference for each task alive in them (until the batch with its
  // last row has been taken), and a consumer that keeps indices (a streaming replay's arrival pool,
  // a worker's index map) holds its own. A job whose tasks come again later is interned again, with
  // a new index (the same text). Memory then follows the jobs in use, not the trace.

  /**
   * Whether job keys are forgotten once no reference is held ({@link TraceDictionary.retainJob}); set
   * it before reading. Off, references are not counted and every key stays (a plan's indices stay
   * valid for the dictionary's life). @defaultValue false
   */
  forgetJobs = false;
  private refs = new Int32Array(64);
  private unheld: number[] = [];
  private journal: number[] | undefined;

  /** Holds a reference to job `j` (with {@link TraceDictionary.forgetJobs}; else nothing). */
  retainJob(j: number): void {
    if (!this.forgetJobs) return;
    this.refs[j] = (this.refs[j] as number) + 1;
  }

  /** Lets go of a reference to job `j`: with none left, it is forgotten at the next {@link TraceDictionary.sweepJobs}. */
  releaseJob(j: number): void {
    if (!this.forgetJobs) return;
    const r = (this.refs[j] as number) - 1;
    this.refs[j] = r;
    if (r === 0) this.unheld.push(j);
  }

  /** Forgets the jobs left with no reference (their indices go to new jobs). */
  sweepJobs(): void {
    const unheld = this.unheld;
    if (unheld.length === 0) return;
    for (const j of unheld) if (this.refs[j] === 0) this.jobs.forget(j);
    unheld.length = 0;
    this.lastJobNumber = -1;
  }

  /** Notes each job index given from now on (new or reused), for {@link TraceDictionary.drainJobs}. */
  journalJobs(): void {
    this.journal ??= [];
  }

  /** The job indices given since the last call (with {@link TraceDictionary.journalJobs}). */
  drainJobs(): number[] {
    const out = this.journal ?? [];
    if (this.journal !== undefined) this.journal = [];
    return out;
  }

  private newJob(index: number, style: string): void {
    this.setStyle(index, style);
    if (this.refs.length <= index) this.refs = grown(this.refs, Math.max(index + 1, this.refs.length * 2));
    this.refs[index] = 0;
    this.journal?.push(index);
  }

  private setStyle(job: number, style: string): void {
    const s = this.idStyles.ofText(style);
    if (s > 0xffff) throw new RangeError('more than 65,536 task id styles');
    if (job >= this.styles.length) this.styles = grown(this.styles, Math.max(job + 1, this.styles.length * 2));
    this.styles[job] = s;
  }

  /** The id style of a job, as an index into `idStyles`. */
  jobStyle(job: number): number {
    return this.styles[job] as number;
  }

  /**
   * The index of the job whose key is the canonical integer `n` (≥ 0), interned with the default id
   * style when new; the key's text is made again from the number when asked for (no string per job).
   * The last one asked for is kept: a job's tasks come in runs of rows, so most calls skip the table.
   */
  jobNumber(n: number): number {
    if (n === this.lastJobNumber) return this.lastJobIndex;
    const found = this.jobs.findNumber(n);
    this.lastJobNumber = n;
    return (this.lastJobIndex = found >= 0 ? found : this.addJobNumber(n));
  }

  private lastJobNumber = -1;
  private lastJobIndex = -1;

  /** The index of a job whose key is the canonical integer `n`, or -1 when it is not interned. */
  findJobNumber(n: number): number {
    return this.jobs.findNumber(n);
  }

  /** Interns a job whose key is the canonical text of `n` (not interned yet; `key`, that text, may be given but is not kept), with its tasks' id style. */
  addJobNumber(n: number, key?: string, style = '{job}/'): number {
    const index = this.jobs.addNumber(n, key);
    this.newJob(index, style);
    return index;
  }

  /** The id style of a job. */
  styleOf(job: number): string {
    return this.idStyles.name(this.styles[job] as number);
  }

  /** The prefix of the text ids of a job's tasks. */
  jobPrefix(job: number): string {
    return this.styleOf(job).replace('{job}', this.jobs.name(job));
  }

  /** The member value for a task whose whole text id is `id` (a negative number). */
  memberText(id: string): number {
    return -1 - this.members.ofText(id);
  }

  /** The text id of the task with this job and member. */
  taskId(job: number, member: number): string {
    return member >= 0 ? `${this.jobPrefix(job)}${member}` : this.members.name(-1 - member);
  }

  /** The index of a machine id, with its labels when given (they replace earlier ones). */
  machine(id: string, labels?: Readonly<Record<string, string>>): number {
    const index = this.machines.ofText(id);
    this.labelMachine(index, labels);
    return index;
  }

  /** Records labels of a machine (undefined keeps the earlier ones). */
  labelMachine(index: number, labels: Readonly<Record<string, string>> | undefined): void {
    while (this.machineLabels.length <= index) this.machineLabels.push(undefined);
    if (labels !== undefined) this.machineLabels[index] = labels;
  }
}
