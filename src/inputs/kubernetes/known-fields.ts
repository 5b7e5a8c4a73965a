// Field names of the Kubernetes objects podsim reads (Kubernetes API 1.34). Unknown fields close to
// one of these are reported as likely typos; other unknown fields are warned about and ignored.

const set = (...names: string[]): ReadonlySet<string> => new Set(names);

/** Keys at the top of any Kubernetes object. @example `OBJECT_FIELDS.has('kind'); // true` */
export const OBJECT_FIELDS = set('apiVersion', 'kind', 'metadata', 'spec', 'status', 'items');

/** ObjectMeta. @example `METADATA_FIELDS.has('name'); // true` */
export const METADATA_FIELDS = set(
  'name', 'generateName', 'namespace', 'labels', 'annotations', 'uid', 'resourceVersion', 'generation',
  'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'ownerReferences', 'finalizers',
  'managedFields', 'selfLink', 'clusterName',
);

/** PodSpec. @example `POD_SPEC_FIELDS.has('containers'); // true` */
export const POD_SPEC_FIELDS = set(
  'activeDeadlineSeconds', 'affinity', 'automountServiceAccountToken', 'containers', 'dnsConfig', 'dnsPolicy',
  'enableServiceLinks', 'ephemeralContainers', 'hostAliases', 'hostIPC', 'hostNetwork', 'hostPID', 'hostUsers',
  'hostname', 'hostnameOverride', 'imagePullSecrets', 'initContainers', 'nodeName', 'nodeSelector', 'os', 'overhead',
  'preemptionPolicy', 'priority', 'priorityClassName', 'readinessGates', 'resourceClaims', 'resources',
  'restartPolicy', 'runtimeClassName', 'schedulerName', 'schedulingGates', 'securityContext', 'serviceAccount',
  'serviceAccountName', 'setHostnameAsFQDN', 'shareProcessNamespace', 'subdomain', 'terminationGracePeriodSeconds',
  'tolerations', 'topologySpreadConstraints', 'volumes',
);

/** Container. @example `CONTAINER_FIELDS.has('image'); // true` */
export const CONTAINER_FIELDS = set(
  'args', 'command', 'env', 'envFrom', 'image', 'imagePullPolicy', 'lifecycle', 'livenessProbe', 'name', 'ports',
  'readinessProbe', 'resizePolicy', 'resources', 'restartPolicy', 'restartPolicyRules', 'securityContext', 'startupProbe',
  'stdin', 'stdinOnce', 'terminationMessagePath', 'terminationMessagePolicy', 'tty', 'volumeDevices', 'volumeMounts',
  'workingDir',
);

/** ResourceRequirements. @example `RESOURCES_FIELDS.has('requests'); // true` */
export const RESOURCES_FIELDS = set('requests', 'limits', 'claims');

/** PodTemplateSpec. @example `TEMPLATE_FIELDS.has('spec'); // true` */
export const TEMPLATE_FIELDS = set('metadata', 'spec');

/** Spec fields per workload kind. @example `WORKLOAD_SPEC_FIELDS['Deployment']?.has('replicas'); // true` */
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

/** JobTemplateSpec (inside a CronJob). @example `JOB_TEMPLATE_FIELDS.has('spec'); // true` */
export const JOB_TEMPLATE_FIELDS = set('metadata', 'spec');

/** NodeSpec. @example `NODE_SPEC_FIELDS.has('taints'); // true` */
export const NODE_SPEC_FIELDS = set('podCIDR', 'podCIDRs', 'providerID', 'unschedulable', 'taints', 'configSource', 'externalID');

/** NodeStatus. @example `NODE_STATUS_FIELDS.has('allocatable'); // true` */
export const NODE_STATUS_FIELDS = set(
  'capacity', 'allocatable', 'phase', 'conditions', 'addresses', 'daemonEndpoints', 'nodeInfo', 'images', 'volumesInUse',
  'volumesAttached', 'config', 'runtimeHandlers', 'features', 'declaredFeatures',
);

/** Taint. @example `TAINT_FIELDS.has('effect'); // true` */
export const TAINT_FIELDS = set('key', 'value', 'effect', 'timeAdded');

/** Top-level fields of a PriorityClass (it has no spec). @example `PRIORITY_CLASS_FIELDS.has('value'); // true` */
export const PRIORITY_CLASS_FIELDS = set('apiVersion', 'kind', 'metadata', 'value', 'globalDefault', 'preemptionPolicy', 'description');

/** HorizontalPodAutoscaler spec (v1 and v2). @example `HPA_SPEC_FIELDS.has('maxReplicas'); // true` */
export const HPA_SPEC_FIELDS = set('scaleTargetRef', 'minReplicas', 'maxReplicas', 'metrics', 'behavior', 'targetCPUUtilizationPercentage');

/** PodDisruptionBudget spec (policy/v1). @example `PDB_SPEC_FIELDS.has('minAvailable'); // true` */
export const PDB_SPEC_FIELDS = set('selector', 'minAvailable', 'maxUnavailable', 'unhealthyPodEvictionPolicy');

/** The kinds podsim turns into scenario parts. @example `(SUPPORTED_KINDS as readonly string[]).includes('CronJob'); // true` */
export const SUPPORTED_KINDS = [
  'Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod',
  'Node', 'PriorityClass', 'Namespace', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'List',
] as const;

/** Common kinds that podsim reads and deliberately ignores (they do not consume cluster capacity). @example `KNOWN_IGNORED_KINDS.has('Service'); // true` */
export const KNOWN_IGNORED_KINDS: ReadonlySet<string> = set(
  'Service', 'ServiceAccount', 'ConfigMap', 'Secret', 'Ingress', 'IngressClass', 'NetworkPolicy', 'Role', 'RoleBinding',
  'ClusterRole', 'ClusterRoleBinding', 'PersistentVolume', 'PersistentVolumeClaim', 'StorageClass',
  'LimitRange', 'ResourceQuota', 'CustomResourceDefinition', 'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration', 'Endpoints', 'EndpointSlice', 'Event', 'Lease', 'PodTemplate', 'ControllerRevision',
  'APIService', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'RuntimeClass', 'Gateway', 'HTTPRoute', 'Kustomization',
  'VerticalPodAutoscaler', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'PriorityLevelConfiguration',
  'FlowSchema', 'CertificateSigningRequest', 'ComponentStatus', 'Binding',
);

/** The preemption policies of a pod and of a PriorityClass. @example `PREEMPTION_POLICIES.includes('Never'); // true` */
export const PREEMPTION_POLICIES = ['PreemptLowerPriority', 'Never'] as const;
