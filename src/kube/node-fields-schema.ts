import { z } from 'zod';
import { kubeImageSchema } from './pod-fields-schema.js';

/**
 * A node `Taint`: pods without a matching toleration are kept off (`NoSchedule`, `NoExecute`)
 * or steered away (`PreferNoSchedule`).
 *
 * @example
 * ```ts
 * taintSchema.parse({ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' });
 * ```
 */
export const taintSchema = z.strictObject({
  key: z.string().min(1),
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
});

/**
 * The per-host-group scheduling fields as a zod shape, to spread into the host group schema.
 * Labels stay on the host group itself.
 *
 * @example
 * ```ts
 * const hostGroup = z.strictObject({ name: z.string(), ...kubeNodeFieldsShape });
 * ```
 */
export const kubeNodeFieldsShape = {
  taints: z.array(taintSchema).optional(),
  unschedulable: z.boolean().optional().meta({ description: 'Cordoned: NodeUnschedulable keeps new pods off. Default false.' }),
  maxPods: z.number().int().min(0).optional().meta({ description: 'Most pods a host takes (NodeResourcesFit). Default 110.' }),
  images: z.array(kubeImageSchema).optional().meta({ description: 'Images already present on each host of the group, with sizes, for ImageLocality.' }),
};

/**
 * The scheduling fields of a host group: taints, cordoning, the pod limit and the images present.
 *
 * @example
 * ```ts
 * kubeNodeFieldsSchema.parse({ taints: [{ key: 'gpu', effect: 'NoSchedule' }], maxPods: 64 });
 * ```
 */
export const kubeNodeFieldsSchema = z.strictObject(kubeNodeFieldsShape);

/** Parsed per-host-group scheduling fields. @example `const n: KubeNodeFields = { maxPods: 110 };` */
export type KubeNodeFields = z.infer<typeof kubeNodeFieldsSchema>;
/** A taint. @example `const t: Taint = { key: 'gpu', effect: 'NoSchedule' };` */
export type Taint = z.infer<typeof taintSchema>;
