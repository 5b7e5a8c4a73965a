import { joinPath, type Issue } from '../errors.js';
import type { Image, Registry } from './image.js';
import { resolveRegistry } from './resolve-registry.js';

/**
 * Checks that some registry serves an image (see {@link resolveRegistry}), appending an
 * `image_not_served` issue otherwise: at `path.registry` when the image names an unknown registry,
 * at `path` when there are no registries at all.
 *
 * @param image - The image as the scenario lists it.
 * @param registries - The scenario's registries.
 * @param path - The image's path, such as `images[1]`.
 * @param issues - Receives the problem.
 * @example
 * ```ts
 * const issues: Issue[] = [];
 * checkImageServed({ name: 'web', layers: [], registry: 'nope' }, [{ name: 'hub' }], 'images[0]', issues);
 * // issues[0]: { code: 'image_not_served', path: 'images[0].registry', … }
 * ```
 */
export function checkImageServed(
  image: Pick<Image, 'name' | 'registry'>,
  registries: ReadonlyArray<Pick<Registry, 'name'>>,
  path: string,
  issues: Issue[],
): void {
  if (resolveRegistry(image, registries) !== undefined) return;
  if (image.registry !== undefined) {
    const known = registries.map((r) => `"${r.name}"`).join(', ');
    issues.push({
      code: 'image_not_served',
      path: joinPath(path, 'registry'),
      message: `no registry named "${image.registry}" serves image "${image.name}"${known === '' ? '' : ` (registries: ${known})`}`,
    });
  } else {
    issues.push({ code: 'image_not_served', path, message: `no registry serves image "${image.name}": the scenario lists no registries` });
  }
}
