import type { Toleration } from '../kube/pod-fields-schema.js';
import type { Taint } from '../kube/node-fields-schema.js';
import { tolerates } from '../kube/selectors.js';

/** The NoExecute taint the node lifecycle controller puts on a node whose Ready condition is False. @example `TAINT_NOT_READY.key; // 'node.kubernetes.io/not-ready'` */
export const TAINT_NOT_READY: Taint = Object.freeze({ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' });
/** The NoExecute taint for a node whose Ready condition is Unknown (it stopped reporting: a failed host). @example `TAINT_UNREACHABLE.key` */
export const TAINT_UNREACHABLE: Taint = Object.freeze({ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' });

/**
 * Node lifecycle defaults, with upstream's names, in seconds.
 *
 * @example
 * ```ts
 * NODE_LIFECYCLE_DEFAULTS.nodeMonitorGracePeriod; // 40
 * ```
 */
export const NODE_LIFECYCLE_DEFAULTS = Object.freeze({
  /** kube-controller-manager `--node-monitor-grace-period`: a node silent this long is marked Unknown (NotReady). */
  nodeMonitorGracePeriod: 40,
  /** kube-apiserver `--default-not-ready-toleration-seconds` and `--default-unreachable-toleration-seconds` (DefaultTolerationSeconds admission). */
  defaultTolerationSeconds: 300,
});

/**
 * When the control plane sees a failed host as NotReady and taints it `unreachable:NoExecute`: after
 * `nodeMonitorGracePeriod` without status updates (pkg/controller/nodelifecycle/node_lifecycle_controller.go
 * `tryUpdateNodeHealth`). Upstream's moment also depends on the kubelet's heartbeat phase (up to one lease
 * renewal, 10 s, earlier) and the controller's 5 s monitor period (later); podsim takes the grace period
 * from the failure itself.
 *
 * @example
 * ```ts
 * nodeNotReadyAt(1000); // 1040
 * ```
 */
export function nodeNotReadyAt(failedAt: number, nodeMonitorGracePeriod: number = NODE_LIFECYCLE_DEFAULTS.nodeMonitorGracePeriod): number {
  return failedAt + nodeMonitorGracePeriod;
}

/**
 * A pod's tolerations after the DefaultTolerationSeconds admission plugin
 * (plugin/pkg/admission/defaulttolerationseconds/admission.go): unless a toleration already covers
 * `not-ready` (or `unreachable`) NoExecute — same key or empty key, NoExecute or empty effect — one with
 * `operator: Exists` and `tolerationSeconds` is added. Returns the input when nothing is added.
 *
 * @param tolerations - The pod's own tolerations.
 * @param seconds - The plugin's setting. @defaultValue 300
 * @example
 * ```ts
 * withDefaultTolerations([]).map((t) => t.tolerationSeconds); // [300, 300]
 * ```
 */
export function withDefaultTolerations(tolerations: readonly Toleration[] | undefined, seconds: number = NODE_LIFECYCLE_DEFAULTS.defaultTolerationSeconds): readonly Toleration[] {
  const own = tolerations ?? [];
  const covers = (key: string) => own.some((t) => ((t.key ?? '') === key || (t.key ?? '') === '') && ((t.effect ?? '') === 'NoExecute' || (t.effect ?? '') === ''));
  const notReady = covers(TAINT_NOT_READY.key), unreachable = covers(TAINT_UNREACHABLE.key);
  if (notReady && unreachable) return own;
  const out = [...own];
  if (!notReady) out.push({ key: TAINT_NOT_READY.key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds });
  if (!unreachable) out.push({ key: TAINT_UNREACHABLE.key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds });
  return out;
}

/**
 * The tolerations the DaemonSet controller gives its pods so that they stay on NotReady and unreachable
 * nodes (pkg/controller/daemon/util/daemonset_util.go `AddOrUpdateDaemonPodTolerations`): NoExecute,
 * Exists, without tolerationSeconds.
 *
 * @example
 * ```ts
 * noExecuteEvictionDelay(DAEMONSET_TOLERATIONS, [TAINT_UNREACHABLE]); // Infinity
 * ```
 */
export const DAEMONSET_TOLERATIONS: readonly Toleration[] = Object.freeze([
  { key: TAINT_NOT_READY.key, operator: 'Exists', effect: 'NoExecute' },
  { key: TAINT_UNREACHABLE.key, operator: 'Exists', effect: 'NoExecute' },
] as Toleration[]);

/**
 * Seconds after a node gets its NoExecute taints until the taint-eviction controller deletes a pod
 * (pkg/controller/tainteviction/taint_eviction.go `processPodOnNode` and `getMinTolerationTime`): Infinity
 * without NoExecute taints; 0 when one is not tolerated; otherwise the smallest `tolerationSeconds` among
 * the tolerations used (0 for any ≤ 0), or Infinity when none of them sets one (the pod stays).
 *
 * @example
 * ```ts
 * noExecuteEvictionDelay(withDefaultTolerations([]), [TAINT_UNREACHABLE]); // 300
 * noExecuteEvictionDelay([], [TAINT_UNREACHABLE]); // 0
 * ```
 */
export function noExecuteEvictionDelay(tolerations: readonly Toleration[], taints: readonly Taint[]): number {
  let min = Infinity;
  for (const taint of taints) {
    if (taint.effect !== 'NoExecute') continue;
    let tolerated = false;
    for (const t of tolerations) {
      if (!tolerates(t, taint)) continue;
      tolerated = true;
      const s = t.tolerationSeconds;
      if (s !== undefined) {
        if (s <= 0) return 0;
        if (s < min) min = s;
      }
    }
    if (!tolerated) return 0;
  }
  return min;
}
