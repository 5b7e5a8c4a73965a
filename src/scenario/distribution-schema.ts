import { z } from 'zod';
import { checkDistribution, type DistributionSpec } from '../random/distributions.js';
import { parsePath, type Issue } from '../errors.js';

// The distribution schema lives on its own so that src/dynamics/schema.ts can use it while
// src/scenario/schema.ts spreads the dynamics shapes (no import cycle).

const finite = () => z.number().refine(Number.isFinite, { message: 'must be a finite number' });

function forward(ctx: z.RefinementCtx, issues: Issue[]): void {
  for (const i of issues) ctx.addIssue({ code: 'custom', message: i.message, path: parsePath(i.path), params: { podsimCode: i.code } });
}

/** A probability distribution, discriminated by `distribution`. */
export const distributionSchema = z
  .discriminatedUnion(
    'distribution',
    [
      z.strictObject({ distribution: z.literal('constant'), value: finite() }),
      z.strictObject({ distribution: z.literal('uniform'), min: finite(), max: finite() }),
      z.strictObject({ distribution: z.literal('exponential'), mean: finite() }),
      z.strictObject({ distribution: z.literal('normal'), mean: finite(), stddev: finite() }),
      z.strictObject({ distribution: z.literal('lognormal'), mean: finite(), stddev: finite() }),
      z.strictObject({ distribution: z.literal('pareto'), scale: finite(), shape: finite() }),
      z.strictObject({ distribution: z.literal('weibull'), scale: finite(), shape: finite() }),
      z.strictObject({ distribution: z.literal('empirical'), values: z.array(finite()), weights: z.array(finite()).optional() }),
    ],
    { error: (iss) => (iss.code === 'invalid_union' ? `unknown distribution ${JSON.stringify((iss.input as { distribution?: unknown } | undefined)?.distribution)}; expected one of constant, uniform, exponential, normal, lognormal, pareto, weibull, empirical` : undefined) },
  )
  .superRefine((spec, ctx) => {
    const issues: Issue[] = [];
    checkDistribution(spec as DistributionSpec, '', issues);
    forward(ctx, issues);
  })
  .meta({ description: 'A distribution of non-negative values (seconds, CPU-seconds, bytes).' });

