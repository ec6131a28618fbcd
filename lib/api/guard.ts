/**
 * Request checks that every API handler runs itself (never middleware
 * alone, which has been bypassed repeatedly):
 *
 * - Host allow-list, on every request: a DNS-rebinding page (evil.example
 *   resolving to 127.0.0.1) is same-origin with itself, so only the Host
 *   header tells it apart. Accepted: loopback names, IP literals of this
 *   machine's interfaces, its hostname, and CNMAP_ALLOWED_HOSTS.
 * - Same origin, on every request that changes something: `Sec-Fetch-Site` must be same-origin
 *   where the browser sends it, and `Origin` must be this server's own
 *   (`null` is refused). A request with neither comes from a non-browser
 *   client (curl, a script), which no web page can forge.
 *
 * lib/api/with-api.ts runs them, with read-only mode and the role, for every route.
 */
import os from "node:os";
import { serverConfig } from "../config";
import { ApiError } from "./errors";

function hostnameOf(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(0, h.indexOf("]") + 1);
  const colon = h.lastIndexOf(":");
  return colon === -1 ? h : h.slice(0, colon);
}

function localAddresses(): Set<string> {
  const out = new Set<string>();
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) out.add(a.family === "IPv6" ? `[${a.address.toLowerCase()}]` : a.address);
  }
  return out;
}

export function isAllowedHost(hostHeader: string | null): boolean {
  if (!hostHeader) return false;
  const name = hostnameOf(hostHeader);
  if (name === "localhost" || name.endsWith(".localhost") || name === "127.0.0.1" || name === "[::1]") return true;
  if (name === os.hostname().toLowerCase()) return true;
  if (serverConfig().allowedHosts.includes(name)) return true;
  return localAddresses().has(name);
}

export function checkHost(request: Request): void {
  if (!isAllowedHost(request.headers.get("host"))) {
    throw new ApiError(
      "forbidden",
      "This Host is not allowed (protection against DNS rebinding). Open cnmap by an address of this machine, or add the name to CNMAP_ALLOWED_HOSTS.",
    );
  }
}

export function checkSameOrigin(request: Request): void {
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin") {
    throw new ApiError("forbidden", `Cross-site request refused (Sec-Fetch-Site: ${site}).`);
  }
  const origin = request.headers.get("origin");
  if (origin === null) return;
  const host = request.headers.get("host");
  let ok = false;
  if (origin !== "null" && host) {
    try {
      const u = new URL(origin);
      ok = (u.protocol === "http:" || u.protocol === "https:") && u.host.toLowerCase() === host.toLowerCase();
    } catch {
      ok = false;
    }
  }
  if (!ok) throw new ApiError("forbidden", `Request from another origin refused (Origin: ${origin}).`);
}
