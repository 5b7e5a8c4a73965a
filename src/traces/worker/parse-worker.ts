// The entry of a parse worker thread: reads one stream of a trace with the ordinary readers and posts
// its typed-array batches (their buffers transferred, not copied) with the dictionary entries made
// since the last batch. At most IN_FLIGHT batches wait to be taken, so memory stays bounded when the
// reading thread is slower than the parser.
import { parentPort, workerData } from 'node:worker_threads';
import { PodsimError } from '../../errors.js';
import { readTrace } from '../read-trace.js';
import { DeltaWriter } from './dictionary-delta.js';
import { IN_FLIGHT, type FromWorker, type WorkerJob } from './worker-messages.js';

function buffersOf(batch: unknown): ArrayBuffer[] {
  if (Array.isArray(batch)) return [];
  const out: ArrayBuffer[] = [];
  for (const v of Object.values(batch as Record<string, unknown>)) if (ArrayBuffer.isView(v)) out.push(v.buffer as ArrayBuffer);
  return out;
}

async function run(job: WorkerJob): Promise<void> {
  const port = parentPort;
  if (port === null) return;
  let credit = IN_FLIGHT;
  let wake: (() => void) | undefined;
  port.on('message', () => {
    credit++;
    wake?.();
  });
  const records = readTrace(job.source, { ...job.options, worker: false });
  const stream = job.table === 'tasks' ? records.tasks : job.table === 'machines' ? records.machines : records.collections;
  if (stream === undefined) {
    port.postMessage({ type: 'end', report: records.tasks.report } satisfies FromWorker);
    return;
  }
  const delta = new DeltaWriter(stream.dictionary);
  try {
    for await (const batch of stream.batches(job.order)) {
      while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      credit--;
      port.postMessage({ type: 'batch', batch, delta: delta.next(), rows: stream.report.rows } satisfies FromWorker, buffersOf(batch));
    }
    port.postMessage({ type: 'end', report: stream.report } satisfies FromWorker);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    port.postMessage({ type: 'error', message, ...(e instanceof PodsimError ? { issues: e.issues } : {}), report: stream.report } satisfies FromWorker);
  }
  port.close();
}

void run(workerData as WorkerJob);
