import { registryOf, type Image, type Registry } from './image.js';

/**
 * The registry that serves an image, among the scenario's registries: the one named by
 * `image.registry` when set (`undefined` if no registry has that name); otherwise the one named in
 * the image reference (see {@link registryOf}) when listed; otherwise the first registry, the
 * scenario's default; `undefined` when there are none.
 *
 * @param image - The image, or its reference.
 * @param registries - The scenario's registries.
 * @example
 * ```ts
 * const regs = [{ name: 'mirror', bandwidth: 1e9, latency: 0.1 }];
 * resolveRegistry('nginx:1.27', regs)?.name;                        // 'mirror' (the default)
 * resolveRegistry({ name: 'x', layers: [], registry: 'other' }, regs); // undefined
 * ```
 */
export function resolveRegistry<R extends Pick<Registry, 'name'>>(
  image: string | Pick<Image, 'name' | 'registry'>,
  registries: ReadonlyArray<R>,
): R | undefined {
  if (typeof image !== 'string' && image.registry !== undefined) return registries.find((r) => r.name === image.registry);
  const named = registryOf(typeof image === 'string' ? image : image.name);
  return registries.find((r) => r.name === named) ?? registries[0];
}
