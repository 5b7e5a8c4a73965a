import { SlotTable } from './slot-table.js';

/**
 * Interns names (machine ids, job keys) as small integer indices. Names that are canonical
 * non-negative integers (digits without a leading zero, up to 15 of them) are looked up by their
 * value, without making a string per lookup; other names through a Map. A name has the same index
 * whichever way it is looked up.
 *
 * @example
 * ```ts
 * const machines = new Interner();
 * machines.ofText('m_12');                  // 0
 * machines.ofNumber(4155527081, () => '4155527081'); // 1
 * machines.ofText('4155527081');            // 1
 * machines.name(0);                          // 'm_12'
 * ```
 */
export class Interner {
  /** The names, by index. */
  readonly names: string[] = [];
  private readonly numeric = new SlotTable(1024);
  private readonly text = new Map<string, number>();

  /** How many names are interned. */
  get size(): number {
    return this.names.length;
  }

  /** The name at `index`. */
  name(index: number): string {
    return this.names[index] as string;
  }

  /**
   * The index of the name that is the canonical decimal text of `n` (a non-negative integer up to
   * 15 digits); `text` is called only when the name is new.
   */
  ofNumber(n: number, text: () => string): number {
    const found = this.numeric.get(n);
    if (found >= 0) return found;
    const index = this.names.length;
    this.names.push(text());
    this.numeric.set(n, 0, index);
    return index;
  }

  /** The index of a name given as text. */
  ofText(name: string): number {
    if (isCanonicalInteger(name)) return this.ofNumber(Number(name), () => name);
    const found = this.text.get(name);
    if (found !== undefined) return found;
    const index = this.names.length;
    this.names.push(name);
    this.text.set(name, index);
    return index;
  }

  /** The index of `name` if it is interned, else -1 (nothing is added). */
  find(name: string): number {
    if (isCanonicalInteger(name)) return this.numeric.get(Number(name));
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
 * their job's pattern. Grows as a trace is read, never shrinks: indices stay valid for the
 * dictionary's life, across re-reads of a stream.
 *
 * A task's text id is `jobPrefix[job] + member` when its `member` column is ≥ 0 (Google:
 * `6251812952/` + `3`; Alibaba instances: `j_1/M1/ins_` + `12`), else `members.name(-1 − member)`.
 *
 * @example
 * ```ts
 * const dict = new TraceDictionary();
 * const job = dict.job('6251812952', '6251812952/');
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
  /** Text-id prefix of each job's members, by job index. */
  readonly jobPrefix: string[] = [];
  /** Whole text ids of tasks whose member is not a number (member column −1 − index). */
  readonly members = new Interner();

  /** The index of a job key given as text, with the prefix of its tasks' text ids (used when the job is new). */
  job(key: string, prefix: string): number {
    const index = this.jobs.ofText(key);
    if (index === this.jobPrefix.length) this.jobPrefix.push(prefix);
    return index;
  }

  /** The index of a job whose key is the canonical integer `n`; `key` and `prefix` are called only when it is new. */
  jobOfNumber(n: number, key: () => string, prefix: (key: string) => string): number {
    const index = this.jobs.ofNumber(n, key);
    if (index === this.jobPrefix.length) this.jobPrefix.push(prefix(this.jobs.name(index)));
    return index;
  }

  /** The member value for a task whose whole text id is `id` (a negative number). */
  memberText(id: string): number {
    return -1 - this.members.ofText(id);
  }

  /** The text id of the task with this job and member. */
  taskId(job: number, member: number): string {
    return member >= 0 ? `${this.jobPrefix[job] as string}${member}` : this.members.name(-1 - member);
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
