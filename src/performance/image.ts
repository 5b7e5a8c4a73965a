/**
 * One image layer: its content digest and its size in bytes (compressed, as pulled).
 *
 * @example
 * ```ts
 * const base: Layer = { digest: 'sha256:aa…', size: 30_000_000 };
 * ```
 */
export interface Layer {
  /** The layer's content digest; two images with the same digest share the layer. */
  readonly digest: string;
  /** Bytes pulled and stored. */
  readonly size: number;
}

/**
 * A container image: an ordered list of layers, base first.
 *
 * @example
 * ```ts
 * const web: Image = { name: 'registry.example.com/web:1.2', layers: [base, app] };
 * ```
 */
export interface Image {
  /** The image reference, such as `nginx:1.27` or `registry.example.com/team/web:1.2`. */
  readonly name: string;
  /** The layers, base first. */
  readonly layers: ReadonlyArray<Layer>;
  /** The registry serving it. @defaultValue the registry named in {@link Image.name} (see {@link registryOf}) */
  readonly registry?: string | undefined;
}

/**
 * A container registry: where images are pulled from, with the bandwidth one pull gets from it
 * and the latency of a request to it.
 *
 * @example
 * ```ts
 * const hub: Registry = { name: 'docker.io', bandwidth: 800e6, latency: 0.2 };
 * ```
 */
export interface Registry {
  /** Host name as image references name it (`docker.io`, `registry.example.com:5000`). */
  readonly name: string;
  /** Most bit/s one pull gets from this registry. */
  readonly bandwidth: number;
  /** Seconds per request (manifest round trip, connection set-up), paid once per pull. */
  readonly latency: number;
}

/**
 * The registry an image reference names, as Docker reads it: the first path component when it
 * contains a `.` or a `:` or is `localhost`, else `docker.io`. An explicit `image.registry` wins.
 *
 * @example
 * ```ts
 * registryOf('nginx:1.27');                        // 'docker.io'
 * registryOf('registry.example.com/team/web:1.2'); // 'registry.example.com'
 * registryOf({ name: 'web', layers: [], registry: 'local' }); // 'local'
 * ```
 */
export function registryOf(image: string | Image): string {
  if (typeof image !== 'string' && image.registry !== undefined) return image.registry;
  const name = typeof image === 'string' ? image : image.name;
  const slash = name.indexOf('/');
  if (slash < 0) return 'docker.io';
  const first = name.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost' ? first : 'docker.io';
}
