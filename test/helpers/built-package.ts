// Tests of the package as users install it need dist/. ensureBuilt() runs `npm run build` when dist/
// is missing or older than any of its inputs, once, even when several test files ask at the same
// time (a lock directory serialises them), so that `npm test` passes on a fresh clone.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const INPUTS = ['src', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'tsconfig.cjs.json', 'scripts/build.mjs', 'scripts/inline-offsets.mjs'];

function newest(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const e of readdirSync(path)) m = Math.max(m, newest(join(path, e)));
  return m;
}

/** Why dist/ needs a build, or undefined when it is up to date. */
export function staleReason(root = ROOT): string | undefined {
  let built: number;
  try {
    // The build writes dist/esm first and dist/cjs/package.json last: the first marks when it
    // started, the second that it finished.
    built = statSync(join(root, 'dist/esm/index.js')).mtimeMs;
    statSync(join(root, 'dist/cjs/package.json'));
  } catch {
    return 'dist/ is missing';
  }
  for (const i of INPUTS) {
    let t: number;
    try {
      t = newest(join(root, i));
    } catch {
      continue;
    }
    if (t > built) return `${i} changed since the last build`;
  }
  return undefined;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds dist/ (`npm run build`) unless it is up to date. Returns what was done, for the log.
 * Synchronous; meant for a `beforeAll` with a generous timeout (a build takes about 20 s).
 */
export function ensureBuilt(root = ROOT): string {
  const lock = join(root, 'node_modules/.cache/podsim-build.lock');
  mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another test file is building; a lock older than the deadline was left by a killed run.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 5 * 60_000) rmdirSync(lock);
      } catch {
        // gone already
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      sleep(250);
    }
  }
  try {
    const why = staleReason(root);
    if (why === undefined) return 'dist/ is up to date';
    try {
      execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'pipe', encoding: 'utf8' });
    } catch (e) {
      const { stdout, stderr } = e as { stdout?: string; stderr?: string };
      throw new Error(`npm run build failed (${why}):\n${stdout ?? ''}${stderr ?? ''}`);
    }
    return `built dist/ (${why})`;
  } finally {
    rmdirSync(lock);
  }
}
