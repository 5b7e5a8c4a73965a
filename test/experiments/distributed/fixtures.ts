// Shared by the distributed tests: scenarios, and podsim processes started from the TypeScript source.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Scenario } from '../../../src/index.js';
import { ROOT } from '../../helpers/built-package.js';

/** An M/M/c queue, c = hosts[0].count; `count` jobs set how long a run takes. */
export function mmc(count: number): Scenario {
  return {
    seed: 1,
    hosts: [{ name: 'node', count: 10, capacity: { cpu: 1, memory: '4Gi' } }],
    workloads: [{ name: 'job', count, arrival: { process: 'poisson', rate: 8 }, duration: { distribution: 'exponential', mean: 1 }, request: { cpu: 1, memory: '1Gi' } }],
  };
}

/** The same scenario as YAML, for the command line. */
export function mmcYaml(count: number): string {
  return `seed: 1
hosts:
  - name: node
    count: 10
    capacity: { cpu: 1, memory: 4Gi }
workloads:
  - name: job
    count: ${count}
    arrival: { process: poisson, rate: 8 }
    duration: { distribution: exponential, mean: 1 }
    request: { cpu: 1, memory: 1Gi }
`;
}

/** A podsim process running from the source (through tsx), with its output collected. */
export interface PodsimProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal's name). */
  readonly exit: Promise<number | string>;
  /** Waits until stderr matches, at most `ms`. */
  waitFor(pattern: RegExp, ms: number): Promise<void>;
}

/** tsx's loader, for `node --import`. */
const TSX = pathToFileURL(createRequire(join(ROOT, 'package.json')).resolve('tsx')).href;

/**
 * Starts `podsim <args>` in `cwd` as its own process: node itself with tsx's loader, not the tsx
 * command, which would run podsim in a child of its own that a SIGKILL sent to tsx leaves running.
 */
export function startPodsim(args: readonly string[], cwd: string, env: Record<string, string> = {}): PodsimProcess {
  const child = spawn(process.execPath, ['--import', TSX, join(ROOT, 'src/cli/bin.ts'), ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '', err = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
    for (const w of [...waiters]) if (w.pattern.test(err)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(); }
  });
  const exit = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return {
    child, exit,
    stdout: () => out,
    stderr: () => err,
    waitFor(pattern, ms) {
      if (pattern.test(err)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${pattern} in the stderr of podsim ${args.join(' ')}:\n${err}`)), ms);
        waiters.push({ pattern, resolve: () => { clearTimeout(timer); resolve(); } });
        void exit.then((code) => { clearTimeout(timer); if (!pattern.test(err)) reject(new Error(`podsim ${args.join(' ')} exited (${code}) before printing ${pattern}:\n${err}`)); });
      });
    },
  };
}

/** Resolves when `p` exits, or kills it after `ms` and rejects. */
export async function finished(p: PodsimProcess, ms: number): Promise<number | string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => { p.child.kill('SIGKILL'); reject(new Error(`podsim did not finish within ${ms} ms:\n${p.stderr()}`)); }, ms); });
  try {
    return await Promise.race([p.exit, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
