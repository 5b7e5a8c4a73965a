// The pieces of `podsim replay` that do not need the simulator's streaming arrival source: its
// options, checked all at once into the readers' options, and its progress line. The command
// itself is registered once the core can pull arrivals from a trace (issue 15, item 4).
import type { Issue } from '../../errors.js';
import type { TraceFormat, TraceReadOptions, TraceSource } from '../../traces/index.js';
import { formatNumber } from '../../report/format.js';
import { parseDuration } from '../parse-values.js';
import { policyNames } from '../policy-names.js';

/**
 * `podsim replay` flags as commander gives them (strings).
 * @internal
 * @example
 * ```ts
 * const flags: ReplayFlags = { format: 'google2011', dir: 'trace/', mode: 'recorded', out: 'out/' };
 * ```
 */
export interface ReplayFlags {
  format?: string;
  dir?: string;
  window?: string;
  sample?: string;
  seed?: string;
  mode?: string;
  policy?: string;
  hosts?: string;
  out?: string;
  report?: string;
  /** `--shape CPU,MEMORY`: the largest machine (cores, bytes with a unit). */
  shape?: string;
}

/**
 * `podsim replay` options after checking. @internal
 * @example
 * ```ts
 * const o: ReplayCommandOptions = parseReplayFlags(flags).options!;
 * ```
 */
export interface ReplayCommandOptions {
  readonly source: TraceSource;
  readonly read: TraceReadOptions;
  readonly mode: 'reschedule' | 'recorded';
  readonly policy: string;
  /** `--hosts COUNT:CPU:MEMORY`: hosts to use when the trace has no machine table. */
  readonly hosts?: { readonly count: number; readonly cpu: number; readonly memory: number };
  readonly out: string;
  readonly report?: string;
}

const FORMATS: readonly TraceFormat[] = ['google2011', 'google2019', 'alibaba2018'];
const BYTES: Record<string, number> = { '': 1, k: 1e3, m: 1e6, g: 1e9, t: 1e12, ki: 2 ** 10, mi: 2 ** 20, gi: 2 ** 30, ti: 2 ** 40 };
/** Default machine shapes: the largest machine of each trace (Google: normalised to it; Alibaba: 96 cores). */
const SHAPES: Record<TraceFormat, { cpu: number; memory: number }> = {
  google2011: { cpu: 64_000, memory: 256 * 2 ** 30 },
  google2019: { cpu: 64_000, memory: 256 * 2 ** 30 },
  alibaba2018: { cpu: 96_000, memory: 512 * 2 ** 30 },
};

function bytes(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]i?)?b?\s*$/i.exec(text);
  const unit = m === null ? undefined : BYTES[(m[2] ?? '').toLowerCase()];
  return m === null || unit === undefined ? NaN : Math.round(Number(m[1]) * unit);
}

function duration(text: string): number {
  try {
    return parseDuration(text);
  } catch {
    return NaN;
  }
}

/**
 * Checks `podsim replay` flags and turns them into the readers' options; every problem is listed at
 * once, each naming its flag. Defaults: mode `reschedule`, policy `first-fit`, the trace's own
 * machine shape.
 * @internal
 * @example
 * ```ts
 * parseReplayFlags({ format: 'google2011', dir: 'trace', window: '10m..1h', sample: '0.1', out: 'out' });
 * // { options: { source: { format: 'google2011', dir: 'trace' }, read: { shape, window: { start: 600, end: 3600 }, sample: { fraction: 0.1, seed: 0 } }, … } }
 * ```
 */
export function parseReplayFlags(flags: ReplayFlags): { options?: ReplayCommandOptions; issues: Issue[] } {
  const issues: Issue[] = [];
  const bad = (path: string, message: string): void => void issues.push({ code: 'invalid_argument', path, message });
  const format = flags.format as TraceFormat | undefined;
  if (format === undefined) bad('--format', `is required: one of ${FORMATS.join(', ')}`);
  else if (!FORMATS.includes(format)) bad('--format', `"${format}" is not one of ${FORMATS.join(', ')}`);
  if (flags.dir === undefined || flags.dir === '') bad('--dir', 'is required: the folder holding the trace tables');
  if (flags.out === undefined || flags.out === '') bad('--out', 'is required: the folder to write results into');
  let window: { start: number; end?: number } | undefined;
  if (flags.window !== undefined) {
    const m = /^\s*([^.]*)\.\.([^.]*)\s*$/.exec(flags.window);
    const start = m === null || (m[1] as string).trim() === '' ? 0 : duration(m[1] as string);
    const end = m === null || (m[2] as string).trim() === '' ? Infinity : duration(m[2] as string);
    if (m === null || Number.isNaN(start) || Number.isNaN(end)) bad('--window', `"${flags.window}" is not START..END in seconds of trace time (such as 600..4200, 10m..2h, or 1d..)`);
    else if (!(end > start)) bad('--window', `ends (${end} s) before or when it starts (${start} s)`);
    else window = end === Infinity ? { start } : { start, end };
  }
  let fraction: number | undefined;
  if (flags.sample !== undefined) {
    fraction = Number(flags.sample);
    if (!(fraction > 0 && fraction <= 1)) bad('--sample', `"${flags.sample}" is not a fraction in (0, 1]`);
  }
  const mode = flags.mode ?? 'reschedule';
  if (mode !== 'reschedule' && mode !== 'recorded') bad('--mode', `"${mode}" is not reschedule or recorded`);
  const policy = flags.policy ?? 'first-fit';
  if (!policyNames().includes(policy)) bad('--policy', `"${policy}" is not one of ${policyNames().join(', ')}`);
  let hosts: ReplayCommandOptions['hosts'];
  if (flags.hosts !== undefined) {
    const [count, cpu, memory] = flags.hosts.split(':');
    const h = { count: Number(count), cpu: Math.round(Number(cpu) * 1000), memory: bytes(memory ?? '') };
    if (!(Number.isSafeInteger(h.count) && h.count > 0 && h.cpu > 0 && h.memory > 0)) bad('--hosts', `"${flags.hosts}" is not COUNT:CPU:MEMORY (such as 12500:32:128Gi)`);
    else hosts = h;
  }
  let shape = format !== undefined && FORMATS.includes(format) ? SHAPES[format] : SHAPES.google2011;
  if (flags.shape !== undefined) {
    const [cpu, memory] = flags.shape.split(',');
    const s = { cpu: Math.round(Number(cpu) * 1000), memory: bytes(memory ?? '') };
    if (!(s.cpu > 0 && s.memory > 0)) bad('--shape', `"${flags.shape}" is not CPU,MEMORY of the largest machine (such as 64,256Gi)`);
    else shape = s;
  }
  if (issues.length > 0) return { issues };
  const read: TraceReadOptions = {
    shape,
    ...(window === undefined ? {} : { window }),
    ...(fraction === undefined || fraction === 1 ? {} : { sample: { fraction, seed: flags.seed ?? 0 } }),
    worker: true,
  };
  return {
    options: {
      source: { format: format as TraceFormat, dir: flags.dir as string },
      read,
      mode: mode as 'reschedule' | 'recorded',
      policy,
      ...(hosts === undefined ? {} : { hosts }),
      out: flags.out as string,
      ...(flags.report === undefined ? {} : { report: flags.report }),
    },
    issues,
  };
}

/**
 * The progress line of a replay: rows read, simulated time reached, tasks placed. @internal
 * @example
 * ```ts
 * replayProgressLine({ rows: 1_250_000, simulatedSeconds: 7200, placed: 380_000, pending: 12 });
 * // 'rows 1,250,000 · simulated 2.0 h · placed 380,000 · pending 12'
 * ```
 */
export function replayProgressLine(p: { rows: number; simulatedSeconds: number; placed: number; pending: number }): string {
  const t = p.simulatedSeconds;
  const time = t >= 86_400 ? `${(t / 86_400).toFixed(1)} d` : t >= 3600 ? `${(t / 3600).toFixed(1)} h` : t >= 60 ? `${(t / 60).toFixed(1)} min` : `${t.toFixed(0)} s`;
  return `rows ${formatNumber(p.rows)} · simulated ${time} · placed ${formatNumber(p.placed)} · pending ${formatNumber(p.pending)}`;
}
