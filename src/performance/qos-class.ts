/**
 * A pod's Kubernetes quality-of-service class.
 *
 * @example
 * ```ts
 * const q: QosClass = qosClass({ cpu: 500 }, {}); // 'Burstable'
 * ```
 */
export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

/** CPU and memory in base units (millicores, bytes); other dimensions are ignored. */
type Amounts = Readonly<Record<string, number | undefined>>;

const QOS_RESOURCES = ['cpu', 'memory'] as const;

/**
 * Derives the QoS class of a single-container pod as Kubernetes does (`GetPodQOS` in
 * `pkg/apis/core/v1/helper/qos/qos.go`), after API defaulting sets an unset request to its limit:
 *
 * - **BestEffort**: no positive CPU or memory request or limit;
 * - **Guaranteed**: positive limits for both CPU and memory, and the requests (defaulted) equal to them;
 * - **Burstable**: anything else.
 *
 * Only `cpu` and `memory` count; zero means unset for limits. An explicit request of 0 stays 0
 * (it is not defaulted), which makes the pod Burstable as in Kubernetes.
 *
 * @param requests - Requests in millicores and bytes.
 * @param limits - Limits in millicores and bytes. @defaultValue none
 * @example
 * ```ts
 * qosClass({}, {});                                   // 'BestEffort'
 * qosClass({}, { cpu: 1000, memory: 2 ** 30 });       // 'Guaranteed' (requests default to limits)
 * qosClass({ cpu: 500 }, { cpu: 1000, memory: 2 ** 30 }); // 'Burstable'
 * ```
 */
export function qosClass(requests: Amounts | undefined, limits?: Amounts): QosClass {
  let nReq = 0;
  let nLim = 0;
  let guaranteed = true;
  for (const r of QOS_RESOURCES) {
    const lim = limits?.[r];
    const hasLim = lim !== undefined && lim > 0;
    const req = requests?.[r] ?? (hasLim ? lim : undefined);
    const hasReq = req !== undefined && req > 0;
    if (hasReq) nReq++;
    if (hasLim) nLim++;
    else guaranteed = false;
    if (hasReq && (!hasLim || req !== lim)) guaranteed = false;
  }
  if (nReq === 0 && nLim === 0) return 'BestEffort';
  return guaranteed && nReq === nLim ? 'Guaranteed' : 'Burstable';
}
