import type { ResolvedAutoscalerOptions } from './autoscaler-options.js';
import { grown } from '../util/grown.js';

/**
 * Node groups' sizes and bounds, as scale-down's deletion step needs them.
 *
 * @example
 * ```ts
 * const g: NodeGroupSizes = { size: Int32Array.of(5), min: Int32Array.of(1) };
 * ```
 */
export interface NodeGroupSizes {
  /** Current target size per group. */
  readonly size: ArrayLike<number>;
  readonly min: ArrayLike<number>;
  /** Deletions already in progress per group. @defaultValue none */
  readonly deleting?: ArrayLike<number> | undefined;
}

/**
 * The cluster autoscaler's scale-down memory between loops: since when each node has been unneeded
 * (core/scaledown/unneeded/nodes.go), and the times that put scale-down in cooldown (static_autoscaler.go
 * `isScaleDownInCooldown`). One slot per host; grow with {@link ScaleDownTracker.ensure}.
 *
 * @example
 * ```ts
 * const t = new ScaleDownTracker(10);
 * t.update(0, [3, 4]);
 * t.unneededFor(3, 620); // 620
 * ```
 */
export class ScaleDownTracker {
  /** Per host: when it became unneeded (NaN when it is not). */
  since: Float64Array<ArrayBuffer>;
  lastScaleUp = -Infinity;
  lastScaleDownDelete = -Infinity;
  lastScaleDownFailure = -Infinity;
  private mark: Uint8Array<ArrayBuffer>;

  constructor(hosts: number) {
    this.since = new Float64Array(hosts).fill(NaN);
    this.mark = new Uint8Array(hosts);
  }

  /** Makes room for `hosts` hosts (new ones not unneeded). */
  ensure(hosts: number): void {
    if (hosts <= this.since.length) return;
    this.since = grown(this.since, Math.max(hosts, this.since.length * 2), NaN);
    this.mark = new Uint8Array(this.since.length);
  }

  /**
   * Records this loop's unneeded hosts (`unneeded.Nodes.Update`): a host that stays unneeded keeps its
   * time; a new one starts now; the others are forgotten.
   */
  update(now: number, unneeded: readonly number[]): void {
    this.mark.fill(0);
    for (const h of unneeded) {
      this.mark[h] = 1;
      if (Number.isNaN(this.since[h] as number)) this.since[h] = now;
    }
    for (let h = 0; h < this.since.length; h++) if (this.mark[h] === 0) this.since[h] = NaN;
  }

  /** Seconds host `h` has been unneeded at `now` (NaN if it is not). */
  unneededFor(h: number, now: number): number {
    return now - (this.since[h] as number);
  }

  /**
   * Whether scale-down waits (`isScaleDownInCooldown`): within `scaleDownDelayAfterAdd` of the last
   * scale-up, `scaleDownDelayAfterDelete` of the last deletion or `scaleDownDelayAfterFailure` of the last
   * failed scale-down.
   */
  inCooldown(now: number, o: ResolvedAutoscalerOptions): boolean {
    return this.lastScaleUp + o.scaleDownDelayAfterAdd > now
      || this.lastScaleDownDelete + o.scaleDownDelayAfterDelete > now
      || this.lastScaleDownFailure + o.scaleDownDelayAfterFailure > now;
  }

  /**
   * The unneeded hosts to delete now (unneeded/nodes.go `RemovableAt` and actuation/budgets.go `CropNodes`):
   * unneeded for longer than `scaleDownUnneededTime` (`scaleDownUnreadyTime` when not ready; strictly longer,
   * as upstream compares with Before), without taking a group to its minimum (counting deletions in
   * progress and those chosen now); empty hosts first, up to `maxScaleDownParallelism`, then hosts to drain,
   * up to `maxDrainParallelism` within what remains.
   *
   * @param now - Seconds.
   * @param unneeded - This loop's unneeded hosts, in order, with `empty` flags alike.
   * @param groupOf - Node group of each host.
   * @param ready - Whether each host is ready (undefined: all are).
   * @example
   * ```ts
   * t.nodesToDelete(620, [3], [true], Int32Array.of(0, 0, 0, 0), undefined, { size: [4], min: [1] }, options);
   * // { empty: [3], drain: [] }
   * ```
   */
  nodesToDelete(
    now: number, unneeded: readonly number[], empty: readonly boolean[], groupOf: ArrayLike<number>,
    ready: ArrayLike<boolean> | undefined, groups: NodeGroupSizes, o: ResolvedAutoscalerOptions,
  ): { empty: number[]; drain: number[] } {
    const left = Array.from({ length: groups.size.length }, (_, g) => (groups.size[g] as number) - (groups.deleting?.[g] ?? 0));
    const outEmpty: number[] = [], outDrain: number[] = [];
    const picked: number[] = [];
    unneeded.forEach((h, i) => {
      const wait = ready === undefined || ready[h] !== false ? o.scaleDownUnneededTime : o.scaleDownUnreadyTime;
      const since = this.since[h] as number;
      if (Number.isNaN(since) || !(since + wait < now)) return;
      const g = groupOf[h] as number;
      if ((left[g] as number) <= (groups.min[g] as number)) return;
      left[g] = (left[g] as number) - 1;
      picked.push(i);
    });
    let budget = o.maxScaleDownParallelism;
    for (const i of picked) if (empty[i] === true && budget > 0) { outEmpty.push(unneeded[i] as number); budget--; }
    let drainBudget = Math.min(budget, o.maxDrainParallelism);
    for (const i of picked) if (empty[i] !== true && drainBudget > 0) { outDrain.push(unneeded[i] as number); drainBudget--; }
    return { empty: outEmpty, drain: outDrain };
  }
}
