/**
 * Pure readers of what /proc says about the engine's host: whether the
 * engine's socket listens in cnmap's own network namespace, and the
 * docker-proxy processes (the userland proxy) that serve published ports.
 */

/**
 * Whether /proc/net/unix (of cnmap's network namespace) lists a listening
 * socket bound at one of `paths`. A daemon in another network namespace
 * (or on another machine behind a forwarded socket) is not listed.
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
