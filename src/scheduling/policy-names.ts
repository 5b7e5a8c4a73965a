import type { KubePreset } from '../kube/resolve-profile.js';

/**
 * The classic bin-packing policies, by name: the one list the CLI, the conformance suite and
 * {@link createPolicy} use.
 *
 * @example
 * ```ts
 * POLICIES.includes('best-fit'); // true
 * ```
 */
export const POLICIES = ['first-fit', 'best-fit', 'worst-fit', 'random', 'round-robin'] as const;

/** A classic policy's name. @example `const p: ClassicPolicyName = 'best-fit';` */
export type ClassicPolicyName = (typeof POLICIES)[number];

/**
 * The kube-scheduler-based policies, by name, and the profile each one starts from: `kube` is the
 * framework with the scenario's profiles (on the default one), the others a preset profile.
 *
 * @example
 * ```ts
 * KUBE_POLICY_PRESETS.binpack; // 'binpack'
 * KUBE_POLICY_PRESETS.kube;    // 'default'
 * ```
 */
export const KUBE_POLICY_PRESETS: Readonly<Record<KubePolicyName, KubePreset>> = { kube: 'default', tetris: 'tetris', spread: 'spread', binpack: 'binpack' };

/** A kube policy's name. @example `const p: KubePolicyName = 'spread';` */
export type KubePolicyName = 'kube' | 'tetris' | 'spread' | 'binpack';

/**
 * The kube-scheduler-based policy names: the keys of {@link KUBE_POLICY_PRESETS}.
 *
 * @example
 * ```ts
 * KUBE_POLICIES.includes('binpack'); // true
 * ```
 */
export const KUBE_POLICIES: readonly string[] = Object.keys(KUBE_POLICY_PRESETS);
