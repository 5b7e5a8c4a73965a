import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acceptedByWorkers, workerExecArgv } from '../../src/util/worker-exec-argv.js';

describe('workerExecArgv: the options a worker thread inherits', () => {
  const tsxArgv = ['--require', '/p/node_modules/tsx/dist/preflight.cjs', '--import', 'file:///p/node_modules/tsx/dist/loader.mjs'];

  it('drops tsx\'s loader when the worker module is compiled JavaScript, keeping the rest', () => {
    expect(workerExecArgv([...tsxArgv, '--enable-source-maps', '--conditions', 'development'], false))
      .toEqual(['--enable-source-maps', '--conditions', 'development']);
  });

  it('drops ts-node and the other loaders, in both the spaced and the = forms', () => {
    expect(workerExecArgv(['--loader', 'ts-node/esm', '-r', 'ts-node/register', '--experimental-loader=@swc-node/register/esm', '--import=tsx', '--enable-source-maps'], false))
      .toEqual(['--enable-source-maps']);
  });

  it('keeps modules that are not TypeScript loaders, and a flag left without its value', () => {
    expect(workerExecArgv(['--require', './otel.cjs', '--import', 'file:///p/my-tsxish/setup.mjs', '--import'], false))
      .toEqual(['--require', './otel.cjs', '--import', 'file:///p/my-tsxish/setup.mjs', '--import']);
  });

  it('keeps everything when the worker module is TypeScript (it needs the loader)', () => {
    expect(workerExecArgv(tsxArgv, true)).toEqual(tsxArgv);
  });

  it('drops the options Node refuses in a worker (V8 and per-process ones), keeping the others with their values', () => {
    expect(acceptedByWorkers(['--expose-gc', '--conditions', 'development', '--max-old-space-size=512', '--stack-size', '900', '--title=x', '--no-warnings', '--v8-pool-size=2', '--enable-source-maps']))
      .toEqual(['--conditions', 'development', '--no-warnings', '--enable-source-maps']);
    expect(workerExecArgv(['--expose-gc', ...tsxArgv], true)).toEqual(tsxArgv);
  });

  it('lets a process started with --expose-gc start a worker with the options computed for it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'podsim-exec-argv-'));
    try {
      // A parent run as `node --expose-gc --conditions development script`, starting a worker with
      // its own options as given, then with those workerExecArgv computes from them.
      const script = join(dir, 'start-worker.mjs');
      writeFileSync(script, [
        "import { Worker } from 'node:worker_threads';",
        'const execArgv = JSON.parse(process.argv[2]);',
        "const w = new Worker('require(\"node:worker_threads\").parentPort.postMessage(typeof gc)', { eval: true, execArgv });",
        "w.on('message', (m) => { console.log('worker:', m, 'parent:', typeof gc); });",
      ].join('\n'));
      const parent = ['--expose-gc', '--conditions', 'development'];
      const run = (argv: string[]) => spawnSync(process.execPath, [...parent, script, JSON.stringify(argv)], { encoding: 'utf8' });
      const refused = run(parent);
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain('ERR_WORKER_INVALID_EXEC_ARGV');
      const ok = run(workerExecArgv(parent, false));
      expect(ok.stderr).toBe('');
      // V8's flags are the process's: the worker has gc() without being given --expose-gc.
      expect(ok.stdout.trim()).toBe('worker: function parent: function');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
