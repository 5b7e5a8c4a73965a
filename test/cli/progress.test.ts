import { describe, expect, it } from 'vitest';
import { podsim, workspace } from './cli-harness.js';

// Enough events (about 8,000) for the progress bar to be polled several times.
const BUSY = `seed: 1
hosts:
  - name: node
    count: 4
    capacity: { cpu: 4, memory: 8Gi }
workloads:
  - name: web
    count: 4000
    arrival: { process: poisson, rate: 20 }
    duration: { distribution: exponential, mean: 0.5 }
    request: { cpu: 500m, memory: 256Mi }
`;

function capture(isTTY: boolean) {
  const s = { text: '', isTTY, columns: 100, write(t: string) { s.text += t; return true; } };
  return s;
}

/** A clock that moves `step` ms every time it is read. */
function ticking(step: number) {
  let t = 0;
  return () => (t += step);
}

describe('the progress bar', () => {
  const dir = workspace({ 'busy.yaml': BUSY });

  it('draws on a TTY stderr once the run has taken more than a second', async () => {
    const stderr = capture(true);
    const r = await podsim(['run', 'busy.yaml'], dir, { stderr, clock: ticking(400) });
    expect(r.code).toBe(0);
    expect(stderr.text).toContain('simulating [');
    expect(stderr.text).toMatch(/\d+ events/);
  });

  it('writes nothing when stderr is not a TTY, however long the run', async () => {
    const stderr = capture(false);
    const r = await podsim(['run', 'busy.yaml'], dir, { stderr, clock: ticking(400) });
    expect(r.code).toBe(0);
    expect(stderr.text).toBe('');
  });

  it('writes nothing on a TTY when the run is quicker than a second', async () => {
    const stderr = capture(true);
    const r = await podsim(['run', 'busy.yaml'], dir, { stderr, clock: () => 0 });
    expect(r.code).toBe(0);
    expect(stderr.text).toBe('');
  });

  it('does not change what is printed on stdout', async () => {
    const a = await podsim(['run', 'busy.yaml'], dir, { stderr: capture(true), clock: ticking(400) });
    const b = await podsim(['run', 'busy.yaml'], dir);
    expect(a.stdout).toBe(b.stdout);
  });
});
