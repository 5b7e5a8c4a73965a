import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/errors.js';
import { checkImageServed, checkLimits, checkMemoryProfile, checkWork, resolveRegistry } from '../../src/performance/index.js';

describe('performance validation', () => {
  it('reports every problem with its path, together', () => {
    const issues: Issue[] = [];
    checkWork({ cpu: undefined }, 'workloads[0]', issues);
    checkWork({ cpu: { distribution: 'constant', value: 0 } }, 'workloads[1]', issues);
    checkWork({ cpu: { distribution: 'exponential', mean: 3 } }, 'workloads[2]', issues);
    checkWork(undefined, 'workloads[3]', issues);
    checkImageServed({ name: 'web:1', registry: 'nope' }, [{ name: 'hub' }], 'images[0]', issues);
    checkImageServed({ name: 'web:1' }, [], 'images[1]', issues);
    checkImageServed({ name: 'web:1' }, [{ name: 'hub' }], 'images[2]', issues);
    checkLimits({ cpu: 1000, memory: 2 ** 30 }, { cpu: 500, memory: 2 ** 30 }, 'workloads[4]', issues);
    checkLimits({ cpu: 1000 }, undefined, 'workloads[5]', issues);
    checkMemoryProfile(-5, 'workloads[6].memory.usage', issues);
    checkMemoryProfile([{ t: 0, bytes: 10 }, { t: 0, bytes: -1 }, { t: -1, bytes: 1.5 }], 'workloads[7].memory.usage', issues);
    checkMemoryProfile([], 'workloads[8].memory.usage', issues);
    checkMemoryProfile([{ t: 0, bytes: 10 }, { t: 5, bytes: 20 }], 'workloads[9].memory.usage', issues);
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['missing_cpu_work', 'workloads[0].work.cpu'],
      ['missing_cpu_work', 'workloads[1].work.cpu'],
      ['image_not_served', 'images[0].registry'],
      ['image_not_served', 'images[1]'],
      ['limit_below_request', 'workloads[4].limit.cpu'],
      ['negative_memory', 'workloads[6].memory.usage'],
      ['invalid_profile_time', 'workloads[7].memory.usage[1].t'],
      ['negative_memory', 'workloads[7].memory.usage[1].bytes'],
      ['invalid_profile_time', 'workloads[7].memory.usage[2].t'],
      ['invalid_memory', 'workloads[7].memory.usage[2].bytes'],
      ['empty_profile', 'workloads[8].memory.usage'],
    ]);
    expect(issues[4]?.message).toBe('CPU limit 500m is below the request 1');
    expect(issues[2]?.message).toContain('"nope"');
  });

  it('resolves an image to its registry: explicit, then named in the reference, then the first', () => {
    const regs = [{ name: 'mirror' }, { name: 'reg.example.com' }];
    expect(resolveRegistry('reg.example.com/a:1', regs)?.name).toBe('reg.example.com');
    expect(resolveRegistry('nginx', regs)?.name).toBe('mirror');
    expect(resolveRegistry({ name: 'nginx', registry: 'reg.example.com' }, regs)?.name).toBe('reg.example.com');
    expect(resolveRegistry({ name: 'nginx', registry: 'x' }, regs)).toBeUndefined();
  });
});
