import { CompensatedSum } from '../metrics/compensated-sum.js';

/**
 * The exact integral of a piecewise-constant signal over time: call {@link StepIntegral.set} whenever the
 * value changes; the area accumulates with compensated summation, so months of small steps lose nothing.
 * The building block of availability, cost and energy.
 *
 * @example
 * ```ts
 * const s = new StepIntegral(0, 2); // value 2 from t = 0
 * s.set(10, 5);                     // 5 from t = 10
 * s.integral(20);                   // 2·10 + 5·10 = 70
 * s.mean(20);                       // 3.5
 * ```
 */
export class StepIntegral {
  private readonly area = new CompensatedSum();
  private t: number;
  private v: number;

  constructor(readonly start: number, value: number) {
    this.t = start;
    this.v = value;
  }

  /** The current value. */
  get value(): number {
    return this.v;
  }

  /** The signal takes `value` from time `t` (t must not go back). */
  set(t: number, value: number): void {
    if (t > this.t) {
      this.area.add(this.v * (t - this.t));
      this.t = t;
    }
    this.v = value;
  }

  /** ∫ from the start to `t` (t ≥ the last change). */
  integral(t: number): number {
    return this.area.value + this.v * (t - this.t);
  }

  /** The time-average from the start to `t` (the value itself over an empty interval). */
  mean(t: number): number {
    return t > this.start ? this.integral(t) / (t - this.start) : this.v;
  }
}
