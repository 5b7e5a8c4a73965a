import { z } from 'zod';

// Shapes follow the Kubernetes core/v1 API (PodSpec, Affinity, Toleration, TopologySpreadConstraint).
// Operators are plain strings here so that `validateKubeConfig` can say precisely what is wrong
// with a malformed term (bad operator, Gt with two values, In with none) and where.

const labelMap = () => z.record(z.string(), z.string());

/**
 * One requirement of a label selector or node selector term: `key`, `operator`, `values`.
 * Label selectors take `In`, `NotIn`, `Exists`, `DoesNotExist`; node selector terms also take `Gt` and `Lt`.
 *
 * @example
 * ```ts
 * selectorRequirementSchema.parse({ key: 'tier', operator: 'In', values: ['web', 'api'] });
 * ```
 */
export const selectorRequirementSchema = z.strictObject({
  key: z.string().meta({ description: 'The label key the requirement applies to.' }),
  operator: z.string().meta({ description: 'In, NotIn, Exists, DoesNotExist (and Gt, Lt in node selector terms).' }),
  values: z.array(z.string()).optional().meta({ description: 'Values for In/NotIn (non-empty), exactly one integer for Gt/Lt, none for Exists/DoesNotExist.' }),
});

/**
 * A Kubernetes `LabelSelector`: `matchLabels` and `matchExpressions`, ANDed. An empty selector
 * (`{}`) selects everything; an absent one selects nothing.
 *
 * @example
 * ```ts
 * labelSelectorSchema.parse({ matchLabels: { app: 'web' } });
 * ```
 */
export const labelSelectorSchema = z.strictObject({
  matchLabels: labelMap().optional(),
  matchExpressions: z.array(selectorRequirementSchema).optional(),
});

/**
 * A `NodeSelectorTerm`: `matchExpressions` over node labels and `matchFields` over node fields
 * (only `metadata.name` is supported, as in Kubernetes). Requirements are ANDed.
 *
 * @example
 * ```ts
 * nodeSelectorTermSchema.parse({ matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }] });
 * ```
 */
export const nodeSelectorTermSchema = z.strictObject({
  matchExpressions: z.array(selectorRequirementSchema).optional(),
  matchFields: z.array(selectorRequirementSchema).optional(),
});

/**
 * `NodeAffinity`: required terms (ORed) and weighted preferred terms.
 *
 * @example
 * ```ts
 * nodeAffinitySchema.parse({
 *   requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] },
 * });
 * ```
 */
export const nodeAffinitySchema = z.strictObject({
  requiredDuringSchedulingIgnoredDuringExecution: z
    .strictObject({ nodeSelectorTerms: z.array(nodeSelectorTermSchema) })
    .optional(),
  preferredDuringSchedulingIgnoredDuringExecution: z
    .array(z.strictObject({ weight: z.number().int().min(1).max(100), preference: nodeSelectorTermSchema }))
    .optional(),
});

/**
 * A `PodAffinityTerm`: the pods selected by `labelSelector` in `namespaces` (plus those whose namespace
 * matches `namespaceSelector`; both absent means the pod's own namespace), counted per `topologyKey` domain.
 *
 * @example
 * ```ts
 * podAffinityTermSchema.parse({ labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'topology.kubernetes.io/zone' });
 * ```
 */
export const podAffinityTermSchema = z.strictObject({
  labelSelector: labelSelectorSchema.optional(),
  namespaces: z.array(z.string()).optional(),
  namespaceSelector: labelSelectorSchema.optional(),
  topologyKey: z.string(),
  matchLabelKeys: z.array(z.string()).optional().meta({ description: 'Pod label keys whose values are added to labelSelector as `key In (value)`.' }),
  mismatchLabelKeys: z.array(z.string()).optional().meta({ description: 'Pod label keys whose values are added to labelSelector as `key NotIn (value)`.' }),
});

/**
 * `PodAffinity` / `PodAntiAffinity`: required terms (all must hold) and weighted preferred terms.
 *
 * @example
 * ```ts
 * podAffinitySchema.parse({ requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] });
 * ```
 */
export const podAffinitySchema = z.strictObject({
  requiredDuringSchedulingIgnoredDuringExecution: z.array(podAffinityTermSchema).optional(),
  preferredDuringSchedulingIgnoredDuringExecution: z
    .array(z.strictObject({ weight: z.number().int().min(1).max(100), podAffinityTerm: podAffinityTermSchema }))
    .optional(),
});

/**
 * A pod's `affinity`: `nodeAffinity`, `podAffinity` and `podAntiAffinity`, exactly as in Kubernetes.
 *
 * @example
 * ```ts
 * affinitySchema.parse({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] } });
 * ```
 */
export const affinitySchema = z.strictObject({
  nodeAffinity: nodeAffinitySchema.optional(),
  podAffinity: podAffinitySchema.optional(),
  podAntiAffinity: podAffinitySchema.optional(),
});

/**
 * A `Toleration`. An empty `key` with operator `Exists` tolerates every taint; an empty `effect` matches every effect.
 *
 * @example
 * ```ts
 * tolerationSchema.parse({ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' });
 * ```
 */
export const tolerationSchema = z.strictObject({
  key: z.string().optional(),
  operator: z.enum(['Equal', 'Exists']).optional().meta({ description: 'Default Equal.' }),
  value: z.string().optional(),
  effect: z.enum(['', 'NoSchedule', 'PreferNoSchedule', 'NoExecute']).optional(),
  tolerationSeconds: z.number().int().optional().meta({ description: 'Not modelled (a not_modelled warning): a pod tolerating a NoExecute taint stays on its host. The scheduler ignores it, as upstream does.' }),
});

/**
 * A `TopologySpreadConstraint`.
 *
 * @example
 * ```ts
 * topologySpreadConstraintSchema.parse({ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } });
 * ```
 */
export const topologySpreadConstraintSchema = z.strictObject({
  maxSkew: z.number().int().min(1),
  topologyKey: z.string(),
  whenUnsatisfiable: z.enum(['DoNotSchedule', 'ScheduleAnyway']),
  labelSelector: labelSelectorSchema.optional(),
  minDomains: z.number().int().min(1).optional().meta({ description: 'Only with DoNotSchedule: below this many eligible domains the global minimum counts as 0.' }),
  nodeAffinityPolicy: z.enum(['Honor', 'Ignore']).optional().meta({ description: 'Default Honor: only nodes matching the pod\'s nodeSelector/required node affinity count.' }),
  nodeTaintsPolicy: z.enum(['Honor', 'Ignore']).optional().meta({ description: 'Default Ignore: tainted nodes count too.' }),
  matchLabelKeys: z.array(z.string()).optional(),
});

/**
 * A container image: a name, or a name with its size (bytes as a number, or a quantity such as `"300Mi"`),
 * for the ImageLocality plugin.
 *
 * @example
 * ```ts
 * kubeImageSchema.parse({ name: 'nginx:1.27', size: '180Mi' });
 * ```
 */
export const kubeImageSchema = z.union([
  z.string().min(1),
  z.strictObject({ name: z.string().min(1), size: z.union([z.number(), z.string()]).optional() }),
]);

/**
 * A `ContainerPort`: the port a container listens on and, with `hostPort`, the port it takes on the
 * node (NodePorts keeps two pods wanting the same protocol, host IP and host port off one node). Compose
 * `ports` published in host mode and `docker run -p HOST:CONTAINER` become a `hostPort`.
 *
 * @example
 * ```ts
 * containerPortSchema.parse({ containerPort: 80, hostPort: 8080, protocol: 'TCP' });
 * ```
 */
export const containerPortSchema = z.strictObject({
  containerPort: z.number().int().min(1).max(65535),
  hostPort: z.number().int().min(0).max(65535).optional().meta({ description: 'The port taken on the node; absent or 0 takes none.' }),
  protocol: z.enum(['TCP', 'UDP', 'SCTP']).optional().meta({ description: 'Default TCP.' }),
  hostIP: z.string().optional().meta({ description: 'The node address the host port binds; default 0.0.0.0, every address.' }),
  name: z.string().optional(),
});

/**
 * The per-workload scheduling fields as a zod shape, to spread into another object schema
 * (`z.strictObject({ name: z.string(), ...kubePodFieldsShape })`).
 *
 * @example
 * ```ts
 * const workload = z.strictObject({ name: z.string(), ...kubePodFieldsShape });
 * ```
 */
export const kubePodFieldsShape = {
  namespace: z.string().optional().meta({ description: 'Kubernetes namespace. Default "default".' }),
  labels: labelMap().optional().meta({ description: 'Pod labels.' }),
  priorityClassName: z.string().optional().meta({ description: 'A PriorityClass name; sets priority and the default preemptionPolicy.' }),
  priority: z.number().int().optional().meta({ description: 'Pod priority when no priorityClassName is given. Default: the globalDefault class, else 0.' }),
  preemptionPolicy: z.enum(['PreemptLowerPriority', 'Never']).optional().meta({ description: 'Default: the priority class\'s, else PreemptLowerPriority.' }),
  schedulerName: z.string().optional().meta({ description: 'The profile that schedules this pod. Default "default-scheduler".' }),
  nodeSelector: labelMap().optional(),
  affinity: affinitySchema.optional(),
  tolerations: z.array(tolerationSchema).optional(),
  topologySpreadConstraints: z.array(topologySpreadConstraintSchema).optional(),
  images: z.array(kubeImageSchema).optional().meta({ description: 'Images of the pod\'s containers, for ImageLocality.' }),
  ports: z.array(containerPortSchema).optional().meta({ description: 'The containers\' ports; those with a hostPort take it on the node (NodePorts).' }),
  nodeName: z.string().min(1).optional().meta({ description: 'Run only on the host of this name (NodeName).' }),
};

/**
 * The scheduling fields of a workload's pods, shaped like a Kubernetes PodSpec.
 *
 * @example
 * ```ts
 * const fields = kubePodFieldsSchema.parse({
 *   labels: { app: 'web' },
 *   priorityClassName: 'high',
 *   tolerations: [{ key: 'dedicated', operator: 'Exists' }],
 *   topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }],
 * });
 * ```
 */
export const kubePodFieldsSchema = z.strictObject(kubePodFieldsShape);

/** Parsed per-workload scheduling fields. @example `const f: KubePodFields = { labels: { app: 'web' } };` */
export type KubePodFields = z.infer<typeof kubePodFieldsSchema>;
/** A label selector. @example `const s: LabelSelector = { matchLabels: { app: 'web' } };` */
export type LabelSelector = z.infer<typeof labelSelectorSchema>;
/** A selector requirement. @example `const r: SelectorRequirement = { key: 'a', operator: 'Exists' };` */
export type SelectorRequirement = z.infer<typeof selectorRequirementSchema>;
/** A node selector term. @example `const t: NodeSelectorTerm = { matchExpressions: [{ key: 'a', operator: 'Exists' }] };` */
export type NodeSelectorTerm = z.infer<typeof nodeSelectorTermSchema>;
/** A pod affinity term. @example `const t: PodAffinityTerm = { topologyKey: 'kubernetes.io/hostname', labelSelector: {} };` */
export type PodAffinityTerm = z.infer<typeof podAffinityTermSchema>;
/** A pod's affinity. @example `const a: Affinity = { nodeAffinity: {} };` */
export type Affinity = z.infer<typeof affinitySchema>;
/** A toleration. @example `const t: Toleration = { operator: 'Exists' };` */
export type Toleration = z.infer<typeof tolerationSchema>;
/** A topology spread constraint. @example `const c: TopologySpreadConstraint = { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway' };` */
export type TopologySpreadConstraint = z.infer<typeof topologySpreadConstraintSchema>;
/** A container port. @example `const p: ContainerPort = { containerPort: 80, hostPort: 80 };` */
export type ContainerPort = z.infer<typeof containerPortSchema>;
/** An image reference. @example `const i: KubeImage = { name: 'nginx', size: '100Mi' };` */
export type KubeImage = z.infer<typeof kubeImageSchema>;
