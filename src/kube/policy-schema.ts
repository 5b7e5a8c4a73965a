import { z } from 'zod';
import { labelSelectorSchema } from './pod-fields-schema.js';

/**
 * A `PriorityClass`: a name mapped to an integer priority, optionally the cluster default.
 *
 * @example
 * ```ts
 * priorityClassSchema.parse({ name: 'high', value: 1000, preemptionPolicy: 'PreemptLowerPriority' });
 * ```
 */
export const priorityClassSchema = z.strictObject({
  name: z.string().min(1),
  value: z.number().int(),
  globalDefault: z.boolean().optional(),
  preemptionPolicy: z.enum(['PreemptLowerPriority', 'Never']).optional(),
  description: z.string().optional(),
});

const intOrPercent = () =>
  z.union([z.number().int().min(0), z.string()]).meta({ description: 'A count, or a percentage such as "50%".' });

/**
 * A `PodDisruptionBudget`: pods matched by `selector` in `namespace` that preemption should not take
 * below `minAvailable` (or above `maxUnavailable` missing). Exactly one of the two is given.
 *
 * @example
 * ```ts
 * podDisruptionBudgetSchema.parse({ name: 'web-pdb', selector: { matchLabels: { app: 'web' } }, minAvailable: 2 });
 * ```
 */
export const podDisruptionBudgetSchema = z.strictObject({
  name: z.string().min(1),
  namespace: z.string().optional().meta({ description: 'Default "default".' }),
  selector: labelSelectorSchema.optional().meta({ description: 'Pods the budget covers; absent or empty selects none, as in policy/v1.' }),
  minAvailable: intOrPercent().optional(),
  maxUnavailable: intOrPercent().optional(),
});

/** A priority class. @example `const c: PriorityClass = { name: 'high', value: 1000 };` */
export type PriorityClass = z.infer<typeof priorityClassSchema>;
/** A pod disruption budget. @example `const b: PodDisruptionBudget = { name: 'b', selector: { matchLabels: { app: 'web' } }, maxUnavailable: '25%' };` */
export type PodDisruptionBudget = z.infer<typeof podDisruptionBudgetSchema>;
