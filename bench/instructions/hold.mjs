// node hold.mjs <dist dir> <events> <pending> [resched]: the hold model on the Simulator alone, from a
// built package. N events pending, four handlers alike (a megamorphic dispatch), each event scheduling
// the next at now + Exp(mean N) from a seeded xorshift; with `resched`, every other event also moves
// one of N stored timers by `reschedule`, or schedules it again if it fired (the churn's setHostEvent).
import { pathToFileURL } from 'node:url';
const [dist, evArg, nArg, mode] = process.argv.slice(2);
const { Simulator } = await import(pathToFileURL(`${dist.replace(/\/$/, '')}/esm/engine/simulator.js`).href);
const E = Number(evArg), N = Number(nArg), resched = mode === 'resched';
let s0 = 0x9e3779b9 | 0, s1 = 0x243f6a88 | 0;
function rnd() { let x = s0; const y = s1; s0 = y; x ^= x << 23; x ^= x >>> 17; x ^= y ^ (y >>> 26); s1 = x; return ((s0 + s1) >>> 0) / 4294967296; }
const sim = new Simulator();
const timers = new Array(N).fill(-1);
let left = E, sum = 0;
function body(d, s) {
  sum += d;
  if (--left <= 0) return;
  if (resched && (left & 1) === 0) {
    const h = (rnd() * N) | 0, e = timers[h], at = s.now + 1 + rnd() * N;
    if (e < 0 || !s.reschedule(e, at)) timers[h] = s.scheduleAt(at, T, h);
  }
  s.schedule(-Math.log(1 - rnd()) * N, K[d & 3], (d + 1) & 1023);
}
const K = [sim.on((d, s) => body(d, s)), sim.on((d, s) => body(d, s)), sim.on((d, s) => body(d, s)), sim.on((d, s) => body(d, s))];
const T = sim.on(() => { sum++; });
for (let i = 0; i < N; i++) sim.schedule(rnd() * N, K[i & 3], i & 1023);
sim.run();
console.log('events', sim.eventsProcessed, 'sum', sum, 'now', sim.now.toFixed(6));
