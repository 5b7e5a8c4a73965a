import { z } from 'zod';
import { scenarioSchema } from '../scenario/schema.js';
import type { PathKey } from './types.js';

/** The `$id` of podsim's published scenario JSON Schema: where the package's copy can be fetched. @example `# yaml-language-server: $schema=https://unpkg.com/podsim/schema/scenario.schema.json` */
export const SCENARIO_SCHEMA_ID = 'https://unpkg.com/podsim/schema/scenario.schema.json';

/**
 * The JSON Schema of scenario files, generated from the zod `scenarioSchema` (the same source as the
 * TypeScript types) with `z.toJSONSchema(scenarioSchema, { io: 'input' })`, plus an `$id`.
 * `scripts/gen-schema.ts` writes it to `schema/scenario.schema.json`. Checks written as zod
 * refinements (quantity syntax, distinct names) are not expressible in JSON Schema; podsim's
 * validation still applies them.
 *
 * @example
 * ```ts
 * const schema = scenarioJsonSchema();
 * schema.$id; // 'https://unpkg.com/podsim/schema/scenario.schema.json'
 * ```
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(scenarioSchema, { io: 'input' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, $id: SCENARIO_SCHEMA_ID, ...rest };
}

type Json = Record<string, unknown>;
let cached: Json | undefined;

function branches(node: Json, root: Json, out: Json[], depth = 0): void {
  if (depth > 20) return;
  const ref = node['$ref'];
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    let target: unknown = root;
    for (const part of ref.slice(2).split('/')) target = (target as Json | undefined)?.[part];
    if (target !== null && typeof target === 'object') branches(target as Json, root, out, depth + 1);
  }
  out.push(node);
  for (const k of ['anyOf', 'oneOf', 'allOf']) {
    const list = node[k];
    if (Array.isArray(list)) for (const b of list) if (b !== null && typeof b === 'object') branches(b as Json, root, out, depth + 1);
  }
}

/**
 * The keys the scenario schema allows in the object at a path (for "did you mean" hints): the
 * union over every branch that can apply there.
 *
 * @example
 * ```ts
 * knownKeysAt(['hosts', 0]); // ['name', 'count', 'capacity', 'labels', 'taints', 'unschedulable', 'maxPods']
 * ```
 */
export function knownKeysAt(path: readonly PathKey[]): string[] {
  const root = (cached ??= scenarioJsonSchema());
  let nodes: Json[] = [root];
  for (const key of path) {
    const next: Json[] = [];
    for (const n of nodes) {
      const all: Json[] = [];
      branches(n, root, all);
      for (const b of all) {
        if (typeof key === 'number') {
          const items = b['items'];
          if (items !== null && typeof items === 'object' && !Array.isArray(items)) next.push(items as Json);
        } else {
          const props = b['properties'] as Json | undefined;
          const p = props?.[key];
          if (p !== null && typeof p === 'object') next.push(p as Json);
          else if (b['additionalProperties'] !== null && typeof b['additionalProperties'] === 'object') next.push(b['additionalProperties'] as Json);
        }
      }
    }
    nodes = next;
    if (nodes.length === 0) return [];
  }
  const keys = new Set<string>();
  for (const n of nodes) {
    const all: Json[] = [];
    branches(n, root, all);
    for (const b of all) {
      const props = b['properties'];
      if (props !== null && typeof props === 'object') for (const k of Object.keys(props)) keys.add(k);
    }
  }
  return [...keys];
}

/**
 * The text of `schema/scenario.schema.json`: {@link scenarioJsonSchema} as JSON, indented by two
 * spaces, with a final newline. A test checks the committed file equals a fresh rendering.
 *
 * @example
 * ```ts
 * writeFileSync('schema/scenario.schema.json', renderScenarioJsonSchema());
 * ```
 */
export function renderScenarioJsonSchema(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
