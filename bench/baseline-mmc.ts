// The baseline for the simulate() benchmark: a minimal hand-written M/M/c event loop over typed
// arrays, with no generality at all (one resource, c identical servers, a FIFO queue). It uses the
// same seeded generator as podsim, so the two differ only in the engine around the draws.
import seedrandom from 'seedrandom';

export interface MmcStats { customers: number; meanWait: number; events: number }

export function baselineMmc(c: number, lambda: number, mu: number, customers: number, seed = 1): MmcStats {
  const rngA = seedrandom.xor4096(`a${seed}`);
  const rngS = seedrandom.xor4096(`s${seed}`);
  // Binary heap of (time, kind, id); kind 0 = arrival, 1 = departure.
  let cap = 1024;
  let ht = new Float64Array(cap), hs = new Float64Array(cap), hk = new Int32Array(cap);
  let n = 0, seq = 0;
  const push = (t: number, k: number) => {
    if (n === cap) {
      cap *= 2;
      const a = new Float64Array(cap); a.set(ht); ht = a;
      const b = new Float64Array(cap); b.set(hs); hs = b;
      const d = new Int32Array(cap); d.set(hk); hk = d;
    }
    let i = n++;
    const s = seq++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (ht[p]! < t || (ht[p] === t && hs[p]! < s)) break;
      ht[i] = ht[p]!; hs[i] = hs[p]!; hk[i] = hk[p]!;
      i = p;
    }
    ht[i] = t; hs[i] = s; hk[i] = k;
  };
  let popT = 0, popK = 0;
  const pop = () => {
    popT = ht[0]!; popK = hk[0]!;
    const t = ht[--n]!, s = hs[n]!, k = hk[n]!;
    let i = 0;
    for (;;) {
      let ch = 2 * i + 1;
      if (ch >= n) break;
      if (ch + 1 < n && (ht[ch + 1]! < ht[ch]! || (ht[ch + 1] === ht[ch] && hs[ch + 1]! < hs[ch]!))) ch++;
      if (t < ht[ch]! || (t === ht[ch] && s < hs[ch]!)) break;
      ht[i] = ht[ch]!; hs[i] = hs[ch]!; hk[i] = hk[ch]!;
      i = ch;
    }
    ht[i] = t; hs[i] = s; hk[i] = k;
  };
  let qcap = 1024, q = new Float64Array(qcap), qh = 0, ql = 0;
  let busy = 0, arrived = 0, served = 0, waitSum = 0, events = 0;
  push(-Math.log(1 - rngA()) / lambda, 0);
  while (n > 0) {
    pop();
    events++;
    const now = popT;
    if (popK === 0) {
      arrived++;
      if (arrived < customers) push(now - Math.log(1 - rngA()) / lambda, 0);
      if (busy < c) { busy++; served++; push(now - Math.log(1 - rngS()) / mu, 1); }
      else {
        if (ql === qcap) { const b = new Float64Array(qcap * 2); for (let i = 0; i < ql; i++) b[i] = q[(qh + i) % qcap]!; q = b; qh = 0; qcap *= 2; }
        q[(qh + ql++) % qcap] = now;
      }
    } else if (ql > 0) {
      const t = q[qh]!; qh = (qh + 1) % qcap; ql--;
      waitSum += now - t; served++;
      push(now - Math.log(1 - rngS()) / mu, 1);
    } else busy--;
  }
  return { customers: served, meanWait: waitSum / served, events };
}
