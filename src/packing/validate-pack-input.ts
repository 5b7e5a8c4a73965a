import { joinPath, type Issue } from '../errors.js';
import { describeAmount } from './describe-amount.js';
import { PACK_ALGORITHMS } from './types.js';

const INPUT_KEYS = new Set(['items', 'hostTypes', 'objective', 'algorithm', 'seed', 'timeLimitMs', 'maxIterations', 'kube']);
const ITEM_KEYS = new Set(['name', 'request', 'replicas', 'kube']);
const HOST_KEYS = new Set(['name', 'capacity', 'cost', 'max', 'labels', 'kube']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' || v === null || v === undefined) return String(v);
  return Array.isArray(v) ? 'an array' : `a ${typeof v}`;
}

function checkKeys(value: Record<string, unknown>, allowed: Set<string>, path: string, issues: Issue[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.has(key)) {
      issues.push({
        code: 'unknown_key',
        path: joinPath(path, key),
        message: `is not a known field (expected one of ${[...allowed].join(', ')})`,
      });
    }
  }
}

function checkName(value: unknown, path: string, issues: Issue[]): value is string {
  if (typeof value !== 'string' || value.trim() === '') {
    issues.push({ code: 'invalid_name', path, message: `must be a non-empty string, got ${describe(value)}` });
    return false;
  }
  return true;
}

function checkCount(value: unknown, path: string, issues: Issue[]): boolean {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    issues.push({ code: 'invalid_count', path, message: `must be a non-negative integer, got ${describe(value)}` });
    return false;
  }
  return true;
}

/** Checks a request or capacity record; returns it as a map of valid entries, or undefined. */
function checkVector(value: unknown, path: string, issues: Issue[]): Map<string, number> | undefined {
  if (!isRecord(value)) {
    issues.push({ code: 'invalid_type', path, message: `must be an object mapping dimension names to integers, got ${describe(value)}` });
    return undefined;
  }
  const out = new Map<string, number>();
  let ok = true;
  for (const [dim, q] of Object.entries(value)) {
    const p = joinPath(path, dim);
    if (typeof q !== 'number' || !Number.isInteger(q) || q < 0) {
      issues.push({ code: 'invalid_quantity', path: p, message: `must be a non-negative integer, got ${describe(q)}` });
      ok = false;
    } else if (!Number.isSafeInteger(q)) {
      issues.push({ code: 'invalid_quantity', path: p, message: `must be at most ${Number.MAX_SAFE_INTEGER}, got ${describe(q)}` });
      ok = false;
    } else {
      out.set(dim, q);
    }
  }
  return ok ? out : undefined;
}

function fitsType(request: Map<string, number>, cap: Map<string, number>): boolean {
  for (const [dim, q] of request) if (q > (cap.get(dim) ?? 0)) return false;
  return true;
}

/**
 * Checks a {@link PackInput} and returns every problem found, as issues with paths such as
 * `items[3].request.cpu`. An empty list means the input is valid. Besides types and ranges it
 * reports items that fit no host type, duplicate host type names, and host types whose `max`
 * limits cannot hold the total demand.
 *
 * @param input - The value to check; anything may be passed.
 * @example
 * ```ts
 * validatePackInput({ items: [{ name: 'a', request: { cpu: -1 } }], hostTypes: [] });
 * // → [{ code: 'invalid_quantity', path: 'items[0].request.cpu', … },
 * //    { code: 'empty', path: 'hostTypes', … }]
 * ```
 */
export function validatePackInput(input: unknown): Issue[] {
  const issues: Issue[] = [];
  if (!isRecord(input)) {
    issues.push({ code: 'invalid_type', path: '', message: `pack() input must be an object with items and hostTypes, got ${describe(input)}` });
    return issues;
  }
  checkKeys(input, INPUT_KEYS, '', issues);

  // host types
  const hostCaps: (Map<string, number> | undefined)[] = [];
  const hostMax: number[] = [];
  let hostsOk = true;
  const hostTypes = input['hostTypes'];
  if (!Array.isArray(hostTypes)) {
    issues.push({ code: 'invalid_type', path: 'hostTypes', message: `must be an array of host types, got ${describe(hostTypes)}` });
    hostsOk = false;
  } else if (hostTypes.length === 0) {
    issues.push({ code: 'empty', path: 'hostTypes', message: 'must list at least one host type' });
    hostsOk = false;
  } else {
    const seen = new Map<string, number>();
    hostTypes.forEach((h: unknown, t: number) => {
      const path = joinPath('hostTypes', t);
      if (!isRecord(h)) {
        issues.push({ code: 'invalid_type', path, message: `must be an object with name and capacity, got ${describe(h)}` });
        hostsOk = false;
        hostCaps.push(undefined);
        hostMax.push(Infinity);
        return;
      }
      checkKeys(h, HOST_KEYS, path, issues);
      if (checkName(h['name'], joinPath(path, 'name'), issues)) {
        const prev = seen.get(h['name']);
        if (prev !== undefined) {
          issues.push({ code: 'duplicate_name', path: joinPath(path, 'name'), message: `"${h['name']}" is also the name of hostTypes[${prev}]` });
        } else seen.set(h['name'], t);
      }
      const cap = checkVector(h['capacity'], joinPath(path, 'capacity'), issues);
      if (cap === undefined) hostsOk = false;
      hostCaps.push(cap);
      const cost = h['cost'];
      if (cost !== undefined && (typeof cost !== 'number' || !Number.isFinite(cost) || cost < 0)) {
        issues.push({ code: 'invalid_cost', path: joinPath(path, 'cost'), message: `must be a finite non-negative number, got ${describe(cost)}` });
      }
      const max = h['max'];
      if (max !== undefined && !checkCount(max, joinPath(path, 'max'), issues)) hostsOk = false;
      hostMax.push(typeof max === 'number' && Number.isSafeInteger(max) && max >= 0 ? max : Infinity);
    });
  }

  // items
  const items = input['items'];
  const demand = new Map<string, bigint>();
  let itemsOk = true;
  if (!Array.isArray(items)) {
    issues.push({ code: 'invalid_type', path: 'items', message: `must be an array of items, got ${describe(items)}` });
    itemsOk = false;
  } else {
    items.forEach((it: unknown, i: number) => {
      const path = joinPath('items', i);
      if (!isRecord(it)) {
        issues.push({ code: 'invalid_type', path, message: `must be an object with name and request, got ${describe(it)}` });
        itemsOk = false;
        return;
      }
      checkKeys(it, ITEM_KEYS, path, issues);
      checkName(it['name'], joinPath(path, 'name'), issues);
      const replicas = it['replicas'];
      const replicasOk = replicas === undefined || checkCount(replicas, joinPath(path, 'replicas'), issues);
      const request = checkVector(it['request'], joinPath(path, 'request'), issues);
      if (request === undefined || !replicasOk) {
        itemsOk = false;
        return;
      }
      const copies = replicas === undefined ? 1 : (replicas as number);
      if (copies === 0) return;
      for (const [dim, q] of request) demand.set(dim, (demand.get(dim) ?? 0n) + BigInt(q) * BigInt(copies));
      if (!hostsOk) return;
      const caps = hostCaps as Map<string, number>[];
      if (caps.some((cap) => fitsType(request, cap))) return;
      const tooBig: string[] = [];
      for (const [dim, q] of request) {
        let largest = 0;
        for (const cap of caps) largest = Math.max(largest, cap.get(dim) ?? 0);
        if (q > largest) tooBig.push(`${dim} ${describeAmount(q, dim)} exceeds the largest host's ${describeAmount(largest, dim)}`);
      }
      issues.push({
        code: 'does_not_fit',
        path: joinPath(path, 'request'),
        message:
          tooBig.length > 0
            ? `fits no host type: ${tooBig.join('; ')}`
            : `fits no host type: no single host type has room for all of ${[...request].filter(([, q]) => q > 0).map(([d, q]) => `${d} ${describeAmount(q, d)}`).join(', ')}`,
      });
    });
  }

  // limited host types must be able to hold the demand
  if (hostsOk && itemsOk && hostMax.every((m) => Number.isFinite(m))) {
    const caps = hostCaps as Map<string, number>[];
    for (const [dim, need] of demand) {
      let supply = 0n;
      caps.forEach((cap, t) => {
        supply += BigInt(cap.get(dim) ?? 0) * BigInt(hostMax[t] as number);
      });
      if (need > supply) {
        issues.push({
          code: 'insufficient_capacity',
          path: 'hostTypes',
          message: `the host types' max counts offer ${describeAmount(Number(supply), dim)} of ${dim} in total, but the items request ${describeAmount(Number(need), dim)}`,
        });
      }
    }
  }

  // objective and options
  const objective = input['objective'];
  if (objective !== undefined && objective !== 'hosts' && objective !== 'cost') {
    issues.push({ code: 'invalid_objective', path: 'objective', message: `must be 'hosts' or 'cost', got ${describe(objective)}` });
  }
  const algorithm = input['algorithm'];
  if (algorithm !== undefined && !(PACK_ALGORITHMS as readonly unknown[]).includes(algorithm)) {
    issues.push({ code: 'invalid_algorithm', path: 'algorithm', message: `must be one of ${PACK_ALGORITHMS.join(', ')}, got ${describe(algorithm)}` });
  }
  const seed = input['seed'];
  if (seed !== undefined && (typeof seed !== 'number' || !Number.isSafeInteger(seed))) {
    issues.push({ code: 'invalid_seed', path: 'seed', message: `must be an integer, got ${describe(seed)}` });
  }
  const time = input['timeLimitMs'];
  const timeOk = time === undefined || (typeof time === 'number' && !Number.isNaN(time) && time >= 0);
  if (!timeOk) issues.push({ code: 'invalid_time_limit', path: 'timeLimitMs', message: `must be a non-negative number of milliseconds, got ${describe(time)}` });
  const iters = input['maxIterations'];
  const itersOk = iters === undefined || (typeof iters === 'number' && (iters === Infinity || (Number.isSafeInteger(iters) && iters >= 0)));
  if (!itersOk) issues.push({ code: 'invalid_iterations', path: 'maxIterations', message: `must be a non-negative integer or Infinity, got ${describe(iters)}` });
  if (timeOk && itersOk && time === Infinity && (iters === undefined || iters === Infinity)) {
    issues.push({
      code: 'unbounded_search',
      path: 'timeLimitMs',
      message: 'cannot be Infinity unless maxIterations is finite: the search would have no budget',
    });
  }
  return issues;
}
