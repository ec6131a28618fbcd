/**
 * Pure parsers of what `ip -o link` and `ip route` print, from iproute2 on
 * the host and from busybox inside a container (its lines lack `state` and
 * `mode`, and carry `M-DOWN`; the fields read here are the same).
 */
import type { DatapathRoute } from "./types";

export interface IpLink {
  ifindex: number;
  name: string;
  /** The peer's ifindex (`eth0@if38`); the interface's own when it has no peer. */
  iflink: number;
  mtu: number;
  /** Lower case; "" when the line shows none. */
  mac: string;
  flags: string[];
  /** iproute2's `state UP`; busybox prints none: "" then. */
  state: string;
  master?: string;
}

/** `38: eth0@if39: <BROADCAST,...,UP> mtu 1500 qdisc noqueue master br-x state UP ... \    link/ether 02:42:ac:11:00:02 ...` */
const LINK_LINE = /^(\d+):\s+([^\s:@]+)(?:@([^\s:]+))?:\s+<([^>]*)>(.*)$/;

/** One interface per line of `ip -o link`; lines that are not one are skipped. */
export function parseIpLink(text: string): IpLink[] {
  const links: IpLink[] = [];
  for (const raw of text.split("\n")) {
    const m = LINK_LINE.exec(raw.trim());
    if (!m) continue;
    const ifindex = Number(m[1]);
    const peer = /^if(\d+)$/.exec(m[3] ?? "");
    const tokens = (m[5] ?? "").replace(/\\/g, " ").trim().split(/\s+/);
    const after = (key: string): string | undefined => {
      const i = tokens.indexOf(key);
      return i >= 0 ? tokens[i + 1] : undefined;
    };
    const mtu = Number(after("mtu"));
    const master = after("master");
    links.push({
      ifindex,
      name: m[2] ?? "",
      iflink: peer ? Number(peer[1]) : ifindex,
      mtu: Number.isFinite(mtu) ? mtu : 0,
      mac: (after("link/ether") ?? "").toLowerCase(),
      flags: (m[4] ?? "").split(",").filter(Boolean),
      state: after("state") ?? "",
      ...(master ? { master } : {}),
    });
  }
  return links;
}

/** `default via 172.18.0.1 dev eth0`, `172.18.0.0/16 dev eth0 scope link  src 172.18.0.2`: one route per line. */
export function parseIpRoute(text: string): DatapathRoute[] {
  const routes: DatapathRoute[] = [];
  for (const raw of text.split("\n")) {
    const tokens = raw.trim().split(/\s+/).filter(Boolean);
    const dst = tokens[0];
    if (!dst || !/^(default|[0-9a-f.:]+(\/\d+)?|unreachable|blackhole|prohibit|broadcast|local)$/i.test(dst)) continue;
    const route: DatapathRoute = { dst };
    for (let i = 1; i < tokens.length - 1; i++) {
      const key = tokens[i];
      const value = tokens[i + 1];
      if (value === undefined) break;
      if (key === "via" || key === "dev" || key === "src") {
        route[key] = value;
        i++;
      }
    }
    routes.push(route);
  }
  return routes;
}
