/**
 * A pending row of the Google generators, ordered by (time, seq). @internal
 * @example
 * ```ts
 * const p: Pending<string> = { t: 5, seq: 0, row: 'x' };
 * ```
 */
export interface Pending<R> {
  readonly t: number;
  readonly seq: number;
  readonly row: R;
}

/**
 * A minimal binary heap of pending rows, earliest (time, seq) first. @internal
 * @example
 * ```ts
 * const heap = new EventHeap<string>();
 * heap.push({ t: 2, seq: 0, row: 'b' });
 * heap.push({ t: 1, seq: 1, row: 'a' });
 * heap.pop()?.row; // 'a'
 * ```
 */
export class EventHeap<R> {
  private readonly items: Pending<R>[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): Pending<R> | undefined {
    return this.items[0];
  }

  private static less<R>(a: Pending<R>, b: Pending<R>): boolean {
    return a.t < b.t || (a.t === b.t && a.seq < b.seq);
  }

  push(p: Pending<R>): void {
    const h = this.items;
    h.push(p);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!EventHeap.less(h[i] as Pending<R>, h[parent] as Pending<R>)) break;
      [h[i], h[parent]] = [h[parent] as Pending<R>, h[i] as Pending<R>];
      i = parent;
    }
  }

  pop(): Pending<R> | undefined {
    const h = this.items;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last !== undefined) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && EventHeap.less(h[l] as Pending<R>, h[m] as Pending<R>)) m = l;
        if (r < h.length && EventHeap.less(h[r] as Pending<R>, h[m] as Pending<R>)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m] as Pending<R>, h[i] as Pending<R>];
        i = m;
      }
    }
    return top;
  }
}
