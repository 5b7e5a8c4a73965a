import { describe, expect, it } from 'vitest';
import { isRequired, onPath, program } from '../helpers/requires.js';

describe('test requirements (skip visibly unless required)', () => {
  it('program() finds an executable by path or on PATH, and says what is missing otherwise', () => {
    const sh = program({ name: 'sh', env: 'X', command: 'sh', install: 'apt-get install dash' });
    expect(sh.missing).toBeUndefined();
    expect(sh.path).toBe(onPath('sh'));
    expect(program({ name: 'sh', env: 'X', path: sh.path as string, install: '' }).missing).toBeUndefined();
    const none = program({ name: 'nothing', env: 'X', path: '/nonexistent/podsim-tool', install: '' });
    expect(none.path).toBeUndefined();
    expect(none.missing).toBe('no executable /nonexistent/podsim-tool');
    expect(program({ name: 'nothing', env: 'X', command: 'podsim-no-such-tool', install: '' }).missing).toBe('no executable podsim-no-such-tool on PATH');
  });

  it('isRequired() reads PODSIM_REQUIRE_* as 1, true or yes', () => {
    const env = 'PODSIM_REQUIRE_TEST_ONLY';
    for (const [v, want] of [['1', true], ['true', true], ['YES', true], ['0', false], ['', false], [undefined, false]] as const) {
      if (v === undefined) delete process.env[env];
      else process.env[env] = v;
      expect(isRequired({ env }), String(v)).toBe(want);
    }
    delete process.env[env];
  });
});
