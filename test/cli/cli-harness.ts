import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../src/cli/cli-io.js';
import { main } from '../../src/cli/main.js';

/** What one in-process CLI call printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `podsim <argv>` in-process in `cwd`, capturing both streams. */
export async function podsim(argv: string[], cwd: string, extra: Partial<CliIo> = {}): Promise<CliRun> {
  let stdout = '', stderr = '';
  const io: CliIo = {
    stdout: { write: (s: string) => { stdout += s; return true; } },
    stderr: { write: (s: string) => { stderr += s; return true; } },
    cwd,
    env: {},
    ...extra,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** A small scenario: 3 hosts, 40 short containers of two kinds, first-fit. */
export const SMALL_SCENARIO = `seed: 3
hosts:
  - name: node
    count: 3
    capacity: { cpu: 2, memory: 4Gi }
workloads:
  - name: web
    count: 30
    arrival: { process: poisson, rate: 2 }
    duration: { distribution: exponential, mean: 3 }
    request: { cpu: 500m, memory: 512Mi }
  - name: batch
    count: 10
    arrival: { process: interval, every: 2 }
    duration: { distribution: constant, value: 8 }
    request: { cpu: 1, memory: 1Gi }
`;

/** A fresh temporary folder holding `files` (name → content). */
export function workspace(files: Record<string, string> = { 'scenario.yaml': SMALL_SCENARIO }): string {
  const dir = mkdtempSync(join(tmpdir(), 'podsim-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** Asserts the shape every bad-input failure must have: exit 2, one line on stderr, no stack. */
export function expectOneLineFailure(r: CliRun): string {
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  if (r.code !== 2 || lines.length !== 1 || /\n\s+at /.test(r.stderr) || r.stderr.includes('Error:')) {
    throw new Error(`expected exit 2 and a single stderr line, got exit ${r.code} and:\n${r.stderr}`);
  }
  return lines[0] as string;
}
