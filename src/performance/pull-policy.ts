import type { Image } from './image.js';
import type { LayerCache, LayerRequest } from './layer-cache.js';

/**
 * When the kubelet pulls a container's image, as in Kubernetes' `imagePullPolicy`.
 *
 * - `IfNotPresent`: pull only the layers the host lacks; no registry contact when it has them all.
 * - `Always`: always ask the registry (one round trip to resolve the tag), then download only the missing layers.
 * - `Never`: never pull; a missing image is the error state `ErrImageNeverPull`.
 *
 * @example
 * ```ts
 * const p: PullPolicy = 'IfNotPresent';
 * ```
 */
export type PullPolicy = 'IfNotPresent' | 'Always' | 'Never';

/**
 * The outcome of {@link planPull}: a layer request and whether the registry is contacted, or the
 * `ErrImageNeverPull` error state.
 *
 * @example
 * ```ts
 * const p: PullPlan = planPull(cache, image, 'Never');
 * if (!p.ok) console.log(p.reason); // 'ErrImageNeverPull'
 * ```
 */
export type PullPlan =
  | (LayerRequest & { readonly ok: true; /** Whether the pull pays the registry's latency. */ readonly contactsRegistry: boolean })
  | { readonly ok: false; readonly reason: 'ErrImageNeverPull'; readonly message: string };

/**
 * Decides what pulling `image` onto a host costs under a pull policy, and records it in the host's
 * cache (hits, misses, in-flight layers; see {@link LayerCache.request}).
 *
 * @param cache - The host's layer cache.
 * @param image - The container's image.
 * @param policy - The pull policy. @defaultValue 'IfNotPresent'
 * @example
 * ```ts
 * const plan = planPull(cache, image, 'IfNotPresent');
 * if (plan.ok && plan.fetch.length > 0) startDownload(plan.fetch);
 * ```
 */
export function planPull(cache: LayerCache, image: Image, policy: PullPolicy = 'IfNotPresent'): PullPlan {
  if (policy === 'Never' && !cache.hasImage(image)) {
    return {
      ok: false,
      reason: 'ErrImageNeverPull',
      message: `image "${image.name}" is not present on the host and its pull policy is Never`,
    };
  }
  const r = cache.request(image);
  const contactsRegistry = policy === 'Always' || r.fetch.length > 0;
  return { ok: true, contactsRegistry, ...r };
}
