import type { LineWriter } from '../line-writer.js';
import type { GeneratedMachine, GeneratedMachineEvent } from './generate-types.js';
import { pick, token, type Rng } from './random-helpers.js';

const US = 1e6;

/**
 * Writes a Google machine table: every machine added at time 0 (the largest has CPU 1 and memory 1),
 * then, with `dynamics`, removals followed by a return some minutes later, capacity updates and a
 * machine that joins late, spread over `[600 s, 600 s + span]`, in time order. Returns the machine
 * ids tasks may use (the late one included) and the truth.
 * @internal
 * @example
 * ```ts
 * const { ids } = await writeGoogleMachines(writer, rng, { v2019: false, machines: 10, span: 3600, dynamics: true });
 * ```
 */
export async function writeGoogleMachines(
  w: LineWriter,
  rng: Rng,
  o: { readonly v2019: boolean; readonly machines: number; readonly span: number; readonly dynamics: boolean },
): Promise<{ ids: string[]; machines: GeneratedMachine[]; events: GeneratedMachineEvent[] }> {
  const { v2019 } = o;
  const platforms = [token(rng), token(rng), token(rng)];
  const ids: string[] = [];
  const machines: GeneratedMachine[] = [];
  const platformOf: string[] = [];
  const idOf = (i: number): string => String(v2019 ? 100000000 + i * 7919 : 1000 + i * 37);
  for (let i = 0; i < o.machines; i++) {
    ids.push(idOf(i));
    machines.push({ id: idOf(i), cpu: i === 0 ? 1 : pick(rng, [0.25, 0.5, 0.5, 0.5, 1]), memory: i === 0 ? 1 : pick(rng, [0.2493, 0.4995, 0.4995, 0.749, 1]) });
    platformOf.push(pick(rng, platforms));
  }
  type Ev = { t: number; seq: number; i: number; kind: 'add' | 'remove' | 'update'; cpu: number; memory: number };
  const later: Ev[] = [];
  let seq = 0;
  if (o.dynamics && o.machines >= 2) {
    const spanUs = Math.max(60, o.span) * US;
    const at = (): number => 600 * US + Math.floor(rng() * spanUs);
    for (let k = 0; k < Math.max(1, Math.floor(o.machines / 8)); k++) {
      const i = 1 + Math.floor(rng() * (o.machines - 1));
      const m = machines[i] as GeneratedMachine;
      const t = at();
      if (rng() < 0.5) {
        // A failure or maintenance: removed, back a few minutes later.
        later.push({ t, seq: seq++, i, kind: 'remove', cpu: m.cpu, memory: m.memory });
        later.push({ t: t + Math.round((60 + rng() * 540) * US), seq: seq++, i, kind: 'add', cpu: m.cpu, memory: m.memory });
      } else later.push({ t, seq: seq++, i, kind: 'update', cpu: m.cpu === 1 ? 0.5 : 1, memory: m.memory });
    }
    // A machine that joins after the start.
    const i = o.machines;
    ids.push(idOf(i));
    machines.push({ id: idOf(i), cpu: 0.5, memory: 0.4995 });
    platformOf.push(pick(rng, platforms));
    later.push({ t: at(), seq: seq++, i, kind: 'add', cpu: 0.5, memory: 0.4995 });
  }
  later.sort((a, b) => a.t - b.t || a.seq - b.seq);
  // Events must be consistent per machine (no removal of a removed machine): drop those that are not.
  const present = machines.map((_, i) => i < o.machines);
  const events: GeneratedMachineEvent[] = machines.slice(0, o.machines).map((m) => ({ id: m.id, time: 0, event: 'add', cpu: m.cpu, memory: m.memory }));
  const current = machines.map((m) => ({ cpu: m.cpu, memory: m.memory }));
  const write = async (t: number, i: number, kind: 'add' | 'remove' | 'update', cpu: number, memory: number): Promise<void> => {
    const id = Number(ids[i]);
    const type = v2019 ? { add: 1, remove: 2, update: 3 }[kind] : { add: 0, remove: 1, update: 2 }[kind];
    const platform = platformOf[i] as string;
    const line = v2019
      ? kind === 'remove'
        ? `{"time": ${t}, "machine_id": ${id}, "type": ${type}, "switch_id": "sw${i % 8}", "capacity": null, "platform_id": "${platform}", "missing_data_reason": null}`
        : `{"time": ${t}, "machine_id": ${id}, "type": ${type}, "switch_id": "sw${i % 8}", "capacity": {"cpus": ${cpu}, "memory": ${memory}}, "platform_id": "${platform}", "missing_data_reason": null}`
      : kind === 'remove'
        ? `${t},${id},${type},,,`
        : `${t},${id},${type},${platform},${cpu},${memory}`;
    if (w.push(line)) await w.flush();
  };
  for (let i = 0; i < o.machines; i++) await write(0, i, 'add', (machines[i] as GeneratedMachine).cpu, (machines[i] as GeneratedMachine).memory);
  for (const e of later) {
    const here = present[e.i] as boolean;
    if ((e.kind === 'add' && here) || (e.kind !== 'add' && !here)) continue;
    if (e.kind === 'update' && current[e.i]?.cpu === e.cpu && current[e.i]?.memory === e.memory) continue;
    present[e.i] = e.kind !== 'remove';
    if (e.kind !== 'remove') current[e.i] = { cpu: e.cpu, memory: e.memory };
    const c = current[e.i] as { cpu: number; memory: number };
    events.push({ id: ids[e.i] as string, time: e.t / US, event: e.kind, cpu: c.cpu, memory: c.memory });
    await write(e.t, e.i, e.kind, e.cpu, e.memory);
  }
  await w.close();
  return { ids, machines, events };
}
