// Field names of the Kubernetes objects podsim reads (Kubernetes API 1.34). Unknown fields close to
// one of these are reported as likely typos; other unknown fields are warned about and ignored.

const set = (...names: string[]): ReadonlySet<string> => new Set(names);

/** Keys at the top of any Kubernetes object. */
export const OBJECT_FIELDS = set('apiVersion', 'kind', 'metadata', 'spec', 'status', 'items');

/** ObjectMeta. */
export const METADATA_FIELDS = set(
  'name', 'generateName', 'namespace', 'labels', 'annotations', 'uid', 'resourceVersion', 'generation',
  'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'ownerReferences', 'finalizers',
  'managedFields', 'selfLink', 'clusterName',
);

/** PodSpec. */
export const POD_SPEC_FIELDS = set(
  'activeDeadlineSeconds', 'affinity', 'automountServiceAccountToken', 'containers', 'dnsConfig', 'dnsPolicy',
  'enableServiceLinks', 'ephemeralContainers', 'hostAliases', 'hostIPC', 'hostNetwork', 'hostPID', 'hostUsers',
  'hostname', 'hostnameOverride', 'imagePullSecrets', 'initContainers', 'nodeName', 'nodeSelector', 'os', 'overhead',
  'preemptionPolicy', 'priority', 'priorityClassName', 'readinessGates', 'resourceClaims', 'resources',
  'restartPolicy', 'runtimeClassName', 'schedulerName', 'schedulingGates', 'securityContext', 'serviceAccount',
  'serviceAccountName', 'setHostnameAsFQDN', 'shareProcessNamespace', 'subdomain', 'terminationGracePeriodSeconds',
  'tolerations', 'topologySpreadConstraints', 'volumes',
);

/** Container. */
export const CONTAINER_FIELDS = set(
  'args', 'command', 'env', 'envFrom', 'image', 'imagePullPolicy', 'lifecycle', 'livenessProbe', 'name', 'ports',
  'readinessProbe', 'resizePolicy', 'resources', 'restartPolicy', 'restartPolicyRules', 'securityContext', 'startupProbe',
  'stdin', 'stdinOnce', 'terminationMessagePath', 'terminationMessagePolicy', 'tty', 'volumeDevices', 'volumeMounts',
  'workingDir',
);

/** ResourceRequirements. */
export const RESOURCES_FIELDS = set('requests', 'limits', 'claims');

/** PodTemplateSpec. */
export const TEMPLATE_FIELDS = set('metadata', 'spec');

/** Spec fields per workload kind. */
export const WORKLOAD_SPEC_FIELDS: Readonly<Record<string, ReadonlySet<string>>> = {
  Deployment: set('replicas', 'selector', 'template', 'strategy', 'minReadySeconds', 'revisionHistoryLimit', 'paused', 'progressDeadlineSeconds'),
  ReplicaSet: set('replicas', 'selector', 'template', 'minReadySeconds'),
  ReplicationController: set('replicas', 'selector', 'template', 'minReadySeconds'),
  StatefulSet: set(
    'replicas', 'selector', 'template', 'serviceName', 'volumeClaimTemplates', 'podManagementPolicy', 'updateStrategy',
    'revisionHistoryLimit', 'minReadySeconds', 'persistentVolumeClaimRetentionPolicy', 'ordinals',
  ),
  DaemonSet: set('selector', 'template', 'updateStrategy', 'minReadySeconds', 'revisionHistoryLimit', 'templateGeneration'),
  Job: set(
    'parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'backoffLimitPerIndex', 'maxFailedIndexes',
    'selector', 'manualSelector', 'template', 'ttlSecondsAfterFinished', 'completionMode', 'suspend', 'podFailurePolicy',
    'podReplacementPolicy', 'successPolicy', 'managedBy',
  ),
  CronJob: set(
    'schedule', 'timeZone', 'startingDeadlineSeconds', 'concurrencyPolicy', 'suspend', 'jobTemplate',
    'successfulJobsHistoryLimit', 'failedJobsHistoryLimit',
  ),
};

/** JobTemplateSpec (inside a CronJob). */
export const JOB_TEMPLATE_FIELDS = set('metadata', 'spec');

/** NodeSpec. */
export const NODE_SPEC_FIELDS = set('podCIDR', 'podCIDRs', 'providerID', 'unschedulable', 'taints', 'configSource', 'externalID');

/** NodeStatus. */
export const NODE_STATUS_FIELDS = set(
  'capacity', 'allocatable', 'phase', 'conditions', 'addresses', 'daemonEndpoints', 'nodeInfo', 'images', 'volumesInUse',
  'volumesAttached', 'config', 'runtimeHandlers', 'features', 'declaredFeatures',
);

/** Taint. */
export const TAINT_FIELDS = set('key', 'value', 'effect', 'timeAdded');

/** Top-level fields of a PriorityClass (it has no spec). */
export const PRIORITY_CLASS_FIELDS = set('apiVersion', 'kind', 'metadata', 'value', 'globalDefault', 'preemptionPolicy', 'description');

/** HorizontalPodAutoscaler spec (v1 and v2). */
export const HPA_SPEC_FIELDS = set('scaleTargetRef', 'minReplicas', 'maxReplicas', 'metrics', 'behavior', 'targetCPUUtilizationPercentage');

/** The kinds podsim turns into scenario parts. */
export const SUPPORTED_KINDS = [
  'Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod',
  'Node', 'PriorityClass', 'Namespace', 'HorizontalPodAutoscaler', 'List',
] as const;

/** Common kinds that podsim reads and deliberately ignores (they do not consume cluster capacity). */
export const KNOWN_IGNORED_KINDS: ReadonlySet<string> = set(
  'Service', 'ServiceAccount', 'ConfigMap', 'Secret', 'Ingress', 'IngressClass', 'NetworkPolicy', 'Role', 'RoleBinding',
  'ClusterRole', 'ClusterRoleBinding', 'PersistentVolume', 'PersistentVolumeClaim', 'StorageClass', 'PodDisruptionBudget',
  'LimitRange', 'ResourceQuota', 'CustomResourceDefinition', 'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration', 'Endpoints', 'EndpointSlice', 'Event', 'Lease', 'PodTemplate', 'ControllerRevision',
  'APIService', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'RuntimeClass', 'Gateway', 'HTTPRoute', 'Kustomization',
  'VerticalPodAutoscaler', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'PriorityLevelConfiguration',
  'FlowSchema', 'CertificateSigningRequest', 'ComponentStatus', 'Binding',
);
