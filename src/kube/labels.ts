/**
 * The label kube-scheduler treats as the node's own name; every podsim host has it implicitly.
 *
 * @example
 * ```ts
 * const term = { topologyKey: HOSTNAME_LABEL, labelSelector: { matchLabels: { app: 'web' } } };
 * ```
 */
export const HOSTNAME_LABEL = 'kubernetes.io/hostname';
