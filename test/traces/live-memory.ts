import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * The live heap plus array buffers, after full collections, once it has settled: V8 releases the
 * backing stores of collected array buffers on a background task, so on a busy machine the figure
 * right after `gc()` may still count a collected plan. Collects and waits until two readings agree
 * within 64 KiB (at most 20 tries).
 */
export async function liveBytes(): Promise<number> {
  let last = Infinity;
  for (let i = 0; i < 20; i++) {
    gc();
    gc();
    await new Promise((r) => setTimeout(r, 10));
    const m = process.memoryUsage();
    const now = m.heapUsed + m.arrayBuffers;
    if (Math.abs(now - last) < 65_536) return now;
    last = now;
  }
  return last;
}
