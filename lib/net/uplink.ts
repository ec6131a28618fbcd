/**
 * The MTU of the host's uplink (the interface of its default route), which
 * the advisor compares network MTUs with. Known only when the engine runs on
 * this machine (a unix socket): a remote engine's host is out of sight.
 * Linux's /proc/net/route and /sys/class/net/<if>/mtu; undefined elsewhere.
 */
import { readText } from "./read-text";

/** The interface of the default route (destination 0.0.0.0/0) with the lowest metric, from /proc/net/route. Pure. */
export function defaultRouteInterface(procNetRoute: string): string | undefined {
  let best: { iface: string; metric: number } | undefined;
  for (const line of procNetRoute.split("\n").slice(1)) {
    const [iface, destination, , , , , metric, mask] = line.trim().split(/\s+/);
    if (!iface || destination !== "00000000" || mask !== "00000000") continue;
    const m = Number(metric);
    if (!best || m < best.metric) best = { iface, metric: m };
  }
  return best?.iface;
}

/** The uplink's MTU when the engine at `engineAddress` is local, else undefined. */
export function localUplinkMtu(engineAddress: string): number | undefined {
  if (!engineAddress.startsWith("unix://")) return undefined;
  const iface = defaultRouteInterface(readText("/proc/net/route") ?? "");
  // The name goes into a path: only what Linux allows in an interface name.
  if (!iface || !/^[A-Za-z0-9_.@-]{1,15}$/.test(iface)) return undefined;
  const mtu = Number((readText(`/sys/class/net/${iface}/mtu`) ?? "").trim());
  return Number.isInteger(mtu) && mtu > 0 ? mtu : undefined;
}
