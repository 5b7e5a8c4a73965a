import { describe, expect, it } from 'vitest';
import { workerExecArgv } from '../../src/util/worker-exec-argv.js';

describe('workerExecArgv: the options a worker thread inherits', () => {
  const tsxArgv = ['--require', '/p/node_modules/tsx/dist/preflight.cjs', '--import', 'file:///p/node_modules/tsx/dist/loader.mjs'];

  it('drops tsx\'s loader when the worker module is compiled JavaScript, keeping the rest', () => {
    expect(workerExecArgv([...tsxArgv, '--max-old-space-size=8192', '--conditions', 'development'], false))
      .toEqual(['--max-old-space-size=8192', '--conditions', 'development']);
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
});
