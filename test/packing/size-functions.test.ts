import { describe, expect, it } from 'vitest';
import { SIZE_FUNCTIONS, vectorSize } from '../../src/packing/index.js';

describe('vector size functions (Panigrahy et al.), normalised by capacity', () => {
  const cap = { cpu: 1000, memory: 4000 };

  it('sum adds the normalised components', () => {
    expect(vectorSize('sum', { cpu: 500, memory: 2000 }, cap)).toBeCloseTo(1);
  });

  it('max takes the largest normalised component', () => {
    expect(vectorSize('max', { cpu: 500, memory: 1000 }, cap)).toBeCloseTo(0.5);
  });

  it('l2 is the Euclidean norm of the normalised vector', () => {
    expect(vectorSize('l2', { cpu: 300, memory: 1600 }, cap)).toBeCloseTo(0.5);
  });

  it('dot weighs each normalised component', () => {
    expect(vectorSize('dot', { cpu: 500, memory: 2000 }, cap, { cpu: 0.2, memory: 0.6 })).toBeCloseTo(0.4);
    expect(vectorSize('dot', { cpu: 500 }, { cpu: 1000 })).toBeCloseTo(0.5);
  });

  it('ignores dimensions without capacity and treats missing requests as zero', () => {
    expect(vectorSize('sum', { cpu: 500 }, { cpu: 1000, gpu: 0 })).toBeCloseTo(0.5);
    expect(vectorSize('max', {}, cap)).toBe(0);
  });

  it('lists the four functions', () => {
    expect(SIZE_FUNCTIONS).toEqual(['sum', 'max', 'l2', 'dot']);
  });
});
