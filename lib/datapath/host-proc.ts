/**
 * Pure readers of what /proc says about the engine's host: whether the
 * engine's socket listens in cnmap's own network namespace, and the
 * docker-proxy processes (the userland proxy) that serve published ports.
 */

/**
 * Whether /proc/net/unix (of cnmap's network namespace) lists a listening
 * socket bound at one of `paths`. A daemon in another network namespace is
 * not listed; a relay to another machine's engine (ssh -L, socat) is, which
 * bridgesOnThisHost tells apart.
 */
export function socketListening(procNetUnix: string, paths: readonly string[]): boolean {
  for (const line of procNetUnix.split("\n").slice(1)) {
    // Num RefCount Protocol Flags Type St Inode Path
    const f = line.trim().split(/\s+/);
    const flags = parseInt(f[3] ?? "", 16);
    const path = f[7];
    // __SO_ACCEPTCON (0x10000): a listening socket.
    if (path !== undefined && paths.includes(path) && (flags & 0x10000) !== 0) return true;
  }
  return false;
}

export interface DockerProxy {
  protocol: string;
  hostIp: string;
  hostPort: number;
  /** "172.17.0.2:80" */
  to: string;
}

/** A docker-proxy's argv: `-proto tcp -host-ip 0.0.0.0 -host-port 8080 -container-ip 172.17.0.2 -container-port 80`. */
export function parseDockerProxyArgs(argv: readonly string[]): DockerProxy | null {
  if (!/(^|\/)docker-proxy$/.test(argv[0] ?? "")) return null;
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(`-${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const protocol = arg("proto");
  const hostIp = arg("host-ip");
  const hostPort = Number(arg("host-port"));
  const ip = arg("container-ip");
  const port = arg("container-port");
  if (!protocol || !hostIp || !Number.isInteger(hostPort) || !ip || !port) return null;
  return { protocol, hostIp, hostPort, to: `${ip}:${port}` };
}

/**
 * Whether the engine's bridges are this host's: some bridge network's device
 * holds its gateway address among `interfaces` (os.networkInterfaces()).
 * Null when the engine has no bridge network with a gateway to tell by. A
 * socket forwarded from another machine (ssh -L, socat) listens here too;
 * its engine's bridges are not here.
 */
export function bridgesOnThisHost(
  networks: readonly { device: string | null; gateways: readonly string[] }[],
  interfaces: Readonly<Record<string, readonly { address: string }[] | undefined>>,
): boolean | null {
  const telling = networks.filter((n) => n.device !== null && n.gateways.length > 0);
  if (telling.length === 0) return null;
  return telling.some((n) => (interfaces[n.device ?? ""] ?? []).some((a) => n.gateways.includes(a.address)));
}
