// Shared helpers for benchmarks: medians of repeated timings, and markdown tables.
import { cpus } from 'node:os';

/** Runs `fn` `runs` times (after one warm-up) and returns each duration in ms. */
export function timeRuns(runs: number, fn: () => void): number[] {
  fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/** The median of some numbers. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** A markdown table. */
export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** One line naming the date, machine and Node version. */
export function machine(): string {
  const c = cpus();
  return `${new Date().toISOString().slice(0, 10)}, ${c.length} cores (${c[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}`;
}
