import { grown } from '../util/grown.js';
import type { CarbonIntensity } from './carbon-intensity.js';

const J_PER_KWH = 3.6e6;

// Neumaier's compensated add on parallel arrays (see metrics/compensated-sum.ts).
function addTo(sum: Float64Array, comp: Float64Array, i: number, x: number): void {
  const s = sum[i] as number;
  const t = s + x;
  comp[i] = (comp[i] as number) + (Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s);
  sum[i] = t;
}

/**
 * Integrates a piecewise-constant rate per host over the host's lifetime, exactly: cost (rate = price per
 * hour; the cost is `total / 3600`), energy (rate = watts; joules, `HostMeter.kWh` for kWh), and, against a
 * carbon intensity in gCO₂/kWh, CO₂ (`co2kg`). Call {@link HostMeter.set} whenever
 * a host's rate changes (it appears, its utilisation changes, it is removed: rate 0). Struct-of-arrays with
 * compensated sums; nothing is allocated per call once the host table has grown.
 *
 * @example
 * ```ts
 * const power = new HostMeter(2, compileCarbonIntensity(400));
 * power.set(0, 0, 200);     // host 0 draws 200 W from t = 0
 * power.set(0, 3600, 0);    // and is removed after an hour
 * power.total(0, 7200);     // 720 000 J
 * HostMeter.kWh(power.total(0, 7200)); // 0.2
 * power.co2kg(0, 7200);     // 0.08
 * ```
 */
export class HostMeter {
  private last: Float64Array<ArrayBuffer>;
  private rate: Float64Array<ArrayBuffer>;
  private sum: Float64Array<ArrayBuffer>;
  private comp: Float64Array<ArrayBuffer>;
  private wsum: Float64Array<ArrayBuffer>;
  private wcomp: Float64Array<ArrayBuffer>;

  constructor(hosts: number, readonly weight?: CarbonIntensity) {
    const n = Math.max(1, hosts);
    this.last = new Float64Array(n);
    this.rate = new Float64Array(n);
    this.sum = new Float64Array(n);
    this.comp = new Float64Array(n);
    this.wsum = new Float64Array(n);
    this.wcomp = new Float64Array(n);
  }

  /** kWh in `joules`. @example `HostMeter.kWh(3.6e6); // 1` */
  static kWh(joules: number): number {
    return joules / J_PER_KWH;
  }

  private ensure(h: number): void {
    if (h < this.last.length) return;
    const n = Math.max(h + 1, this.last.length * 2);
    this.last = grown(this.last, n); this.rate = grown(this.rate, n);
    this.sum = grown(this.sum, n); this.comp = grown(this.comp, n);
    this.wsum = grown(this.wsum, n); this.wcomp = grown(this.wcomp, n);
  }

  private advance(h: number, t: number): void {
    const t0 = this.last[h] as number, r = this.rate[h] as number;
    if (t > t0 && r !== 0) {
      addTo(this.sum, this.comp, h, r * (t - t0));
      if (this.weight !== undefined) addTo(this.wsum, this.wcomp, h, r * this.weight.integral(t0, t));
    }
    if (t > t0) this.last[h] = t;
  }

  /** Host `h` has rate `rate` from time `t` on (times per host must not go back). */
  set(h: number, t: number, rate: number): void {
    this.ensure(h);
    this.advance(h, t);
    this.rate[h] = rate;
  }

  /** The current rate of host `h`. */
  rateOf(h: number): number {
    return h < this.rate.length ? (this.rate[h] as number) : 0;
  }

  /** ∫ rate dt for host `h` up to `t` (≥ its last change). */
  total(h: number, t: number): number {
    if (h >= this.last.length) return 0;
    const t0 = this.last[h] as number;
    return (this.sum[h] as number) + (this.comp[h] as number) + (this.rate[h] as number) * (t > t0 ? t - t0 : 0);
  }

  /** ∫ rate · weight dt for host `h` up to `t` (0 without a weight). */
  weighted(h: number, t: number): number {
    if (this.weight === undefined || h >= this.last.length) return 0;
    const t0 = this.last[h] as number;
    return (this.wsum[h] as number) + (this.wcomp[h] as number) + (this.rate[h] as number) * (t > t0 ? this.weight.integral(t0, t) : 0);
  }

  /** For a power meter weighted by gCO₂/kWh: kilograms of CO₂ of host `h` up to `t`. */
  co2kg(h: number, t: number): number {
    return this.weighted(h, t) / J_PER_KWH / 1000;
  }
}
