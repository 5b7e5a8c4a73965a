import { imageLocalityScore, scaledImageScore } from '../formulas.js';
import { SCORE_OK, SCORE_SKIP, type KubeCycle, type KubePlugin } from '../plugin.js';
import { gather, noArgs } from './common.js';

const SCORE_KEY = 'ImageLocality/score';

// upstream imagelocality/image_locality.go: Σ over the pod's images present on the node of
// size × (nodes with the image / all nodes), clamped and scaled by the number of containers.
function localityScores(c: KubeCycle): Float64Array {
  const cached = c.cls.get(SCORE_KEY) as Float64Array | undefined;
  if (cached !== undefined) return cached;
  const { H, nodes } = c.state;
  const images = c.cls.images;
  const out = new Float64Array(H);
  let any = false;
  for (const img of images) if ((nodes.imageNodes.get(img.name) ?? 0) > 0) any = true;
  if (any) {
    for (let h = 0; h < H; h++) {
      const present = nodes.images[h] as ReadonlyMap<string, number>;
      let sum = 0;
      for (const img of images) {
        const size = present.get(img.name);
        if (size === undefined) continue;
        sum += scaledImageScore(size > 0 ? size : img.size, nodes.imageNodes.get(img.name) ?? 0, H);
      }
      out[h] = imageLocalityScore(sum, images.length);
    }
  }
  c.cls.set(SCORE_KEY, out);
  return out;
}

/**
 * ImageLocality (score): Σ over the pod's images present on the node of size × (nodes with the image /
 * all nodes), clamped to [23Mi, 1000Mi × images] and mapped to 0..100; skipped for a pod without images.
 *
 * @example
 * ```ts
 * s.addPod({ request: { cpu: 100 }, fields: { images: ['nginx:1.27'] } });
 * ```
 */
export const ImageLocality: KubePlugin = {
  name: 'ImageLocality',
  points: ['score'],
  validateArgs: noArgs('ImageLocality'),
  create: () => ({
    score(c, hosts, n, out) {
      if (c.cls.images.length === 0) return SCORE_SKIP;
      gather(localityScores(c), hosts, n, out);
      return SCORE_OK;
    },
  }),
};
