import type { HostCpu } from '../host-cpu.js';

/**
 * @internal The cluster's CPU and memory in use, integrated over time for utilisation by usage:
 * CPU from the fluid rates (Σ rates is constant between CPU changes), memory from the
 * piecewise-linear sum of the containers' profiles (integrated exactly, by trapezoids).
 * Call {@link UsageIntegral.advance} before either sum changes.
 */
export class UsageIntegral {
  /** Σ memory in use over the cluster at the last advance, bytes. */
  memSum = 0;
  /** Σ slopes of memory in use, bytes/s. */
  memRate = 0;
  cpuIntegral = 0;
  memIntegral = 0;
  private lastT = 0;

  constructor(private readonly cpu: HostCpu) {}

  /** Integrates up to `now`. */
  advance(now: number): void {
    const dt = now - this.lastT;
    if (dt > 0) {
      this.cpuIntegral += this.cpu.usageSum * dt;
      // Without memory in use nor a slope (no memory profiles) both sums would add exactly 0.
      if (this.memSum !== 0 || this.memRate !== 0) {
        this.memIntegral += this.memSum * dt + (this.memRate * dt * dt) / 2;
        this.memSum += this.memRate * dt;
      }
    }
    this.lastT = now;
  }
}
