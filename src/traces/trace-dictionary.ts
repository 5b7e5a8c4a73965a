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
 * machines.addNumber(4155527081, '4155527081'); // 1
 * machines.findNumber(4155527081);          // 1
 * machines.ofText('4155527081');            // 1
 * machines.name(0);                          // 'm_12'
 * ```
 */
export class Interner {
  /** The names, by index. */
  readonly names: string[] = [];
  private readonly numeric = new SlotTable(1024, false);
  private readonly text = new Map<string, number>();

  /** How many names are interned. */
  get size(): number {
    return this.names.length;
  }

  /** The name at `index`. */
  name(index: number): string {
    return this.names[index] as string;
  }

  /** The index of the name that is the canonical decimal text of `n` (a non-negative integer up to 15 digits), or -1 when it is not interned. */
  findNumber(n: number): number {
    return this.numeric.get(n);
  }

  /** Interns `name`, the canonical decimal text of `n`, which must not be interned yet; returns its index. */
  addNumber(n: number, name: string): number {
    const index = this.names.length;
    this.names.push(name);
    this.numeric.set(n, 0, index);
    return index;
  }

  /** The index of a name given as text. */
  ofText(name: string): number {
    if (isCanonicalInteger(name)) {
      const n = Number(name);
      const found = this.numeric.get(n);
      return found >= 0 ? found : this.addNumber(n, name);
    }
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
  /** Each job's id style, by job index (an index into `idStyles`). */
  readonly jobStyle: number[] = [];
  /** Id styles: text-id prefixes with `{job}` standing for the job key (`{job}/`, `{job}/ins_`, `c_`). */
  readonly idStyles = new Interner();
  /** Whole text ids of tasks whose member is not a number (member column −1 − index). */
  readonly members = new Interner();

  /** The index of a job key given as text; `style` (its tasks' id prefix, `{job}` for the key) is used when the job is new. */
  job(key: string, style = '{job}/'): number {
    const index = this.jobs.ofText(key);
    if (index === this.jobStyle.length) this.jobStyle.push(this.idStyles.ofText(style));
    return index;
  }

  /** The index of a job whose key is the canonical integer `n`, or -1 when it is not interned. */
  findJobNumber(n: number): number {
    return this.jobs.findNumber(n);
  }

  /** Interns a job whose key is `key`, the canonical text of `n` (not interned yet), with its tasks' id style. */
  addJobNumber(n: number, key: string, style = '{job}/'): number {
    const index = this.jobs.addNumber(n, key);
    this.jobStyle.push(this.idStyles.ofText(style));
    return index;
  }

  /** The id style of a job. */
  styleOf(job: number): string {
    return this.idStyles.name(this.jobStyle[job] as number);
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
