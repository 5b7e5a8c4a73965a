/**
 * One host port a pod asks for, normalised as kube-scheduler's HostPortInfo does: protocol `TCP` and
 * host IP `0.0.0.0` (every address) when not given, with the map keys the conflict check reads.
 *
 * @example
 * ```ts
 * const p: HostPort = hostPortOf({ containerPort: 80, hostPort: 8080 })!;
 * p.key; // 'TCP/0.0.0.0/8080'
 * ```
 */
export interface HostPort {
  readonly protocol: string;
  readonly ip: string;
  readonly port: number;
  /** `protocol/ip/port`. */
  readonly key: string;
  /** `protocol/0.0.0.0/port`: the same port on every address. */
  readonly wildKey: string;
  /** `protocol/port`: the port on any address. */
  readonly anyKey: string;
}

/** The address that stands for every address of a node (upstream framework.DefaultBindAllHostIP). @example `BIND_ALL_HOST_IP; // '0.0.0.0'` */
export const BIND_ALL_HOST_IP = '0.0.0.0';

/**
 * Normalises a container port into the host port it takes, or `undefined` when it takes none
 * (`hostPort` absent or 0), as HostPortInfo.Add and CheckConflict ignore ports ≤ 0
 * (upstream pkg/scheduler/framework/types.go, HostPortInfo.sanitize).
 *
 * @example
 * ```ts
 * hostPortOf({ containerPort: 53, hostPort: 53, protocol: 'UDP', hostIP: '10.0.0.1' })?.key; // 'UDP/10.0.0.1/53'
 * hostPortOf({ containerPort: 80 }); // undefined
 * ```
 */
export function hostPortOf(p: { readonly hostPort?: number | undefined; readonly protocol?: string | undefined; readonly hostIP?: string | undefined }): HostPort | undefined {
  const port = p.hostPort ?? 0;
  if (port <= 0) return undefined;
  const protocol = p.protocol === undefined || p.protocol === '' ? 'TCP' : p.protocol;
  const ip = p.hostIP === undefined || p.hostIP === '' ? BIND_ALL_HOST_IP : p.hostIP;
  return { protocol, ip, port, key: `${protocol}/${ip}/${port}`, wildKey: `${protocol}/${BIND_ALL_HOST_IP}/${port}`, anyKey: `${protocol}/${port}` };
}

/**
 * The host ports in use on one node, counted per (protocol, ip, port) and per (protocol, port), so that
 * a pod leaving frees its ports even where two bound pods share one.
 *
 * @example
 * ```ts
 * const used = new UsedHostPorts();
 * used.add([hostPortOf({ hostPort: 8080 })!], 1);
 * used.conflicts(hostPortOf({ hostPort: 8080, hostIP: '127.0.0.1' })!); // true: 0.0.0.0 covers every address
 * ```
 */
export class UsedHostPorts {
  private readonly exact = new Map<string, number>();
  private readonly any = new Map<string, number>();

  /** Adds (`delta` 1) or removes (`delta` -1) a pod's ports. */
  add(ports: readonly HostPort[], delta: number): void {
    for (const p of ports) {
      bump(this.exact, p.key, delta);
      bump(this.any, p.anyKey, delta);
    }
  }

  /**
   * Whether a wanted port conflicts with the ports in use: on `0.0.0.0`, with the same protocol and
   * port on any address; on a specific address, with the same protocol and port on that address or on
   * `0.0.0.0` (upstream HostPortInfo.CheckConflict).
   */
  conflicts(p: HostPort): boolean {
    if (p.ip === BIND_ALL_HOST_IP) return (this.any.get(p.anyKey) ?? 0) > 0;
    return (this.exact.get(p.wildKey) ?? 0) > 0 || (this.exact.get(p.key) ?? 0) > 0;
  }
}

function bump(m: Map<string, number>, k: string, delta: number): void {
  const v = (m.get(k) ?? 0) + delta;
  if (v === 0) m.delete(k);
  else m.set(k, v);
}
