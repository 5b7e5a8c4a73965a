import { tryParseQuantity } from '../resources/quantity.js';

/**
 * Normalises an image name the way ImageLocality does: a name without a tag gets `:latest`.
 * @example
 * ```ts
 * normalizedImageName('nginx'); // 'nginx:latest'
 * normalizedImageName('registry:5000/app'); // 'registry:5000/app:latest'
 * ```
 */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

/**
 * Parses an image reference into a normalised name and a size in bytes (0 when unknown or invalid).
 * @example
 * ```ts
 * parseImage({ name: 'redis', size: '100Mi' }); // { name: 'redis:latest', size: 104857600 }
 * ```
 */
export function parseImage(img: string | { readonly name: string; readonly size?: number | string | undefined }): { name: string; size: number } {
  if (typeof img === 'string') return { name: normalizedImageName(img), size: 0 };
  let size = 0;
  if (img.size !== undefined) {
    const r = tryParseQuantity(img.size, 'memory');
    if (r.ok) size = r.value;
  }
  return { name: normalizedImageName(img.name), size };
}
