/** Subnets that collide with networks already on the engine. Pure. */
import { cidrsOverlap, parseCidr } from "../net/cidr";
import type { Network } from "../topology/types";

export interface Overlap {
  network: string;
  subnet: string;
}

/**
 * Every existing network subnet that shares an address with `subnet`.
 * Config-only networks are left out: they hold a configuration, not addresses.
 */
export function findOverlaps(subnet: string, networks: readonly Network[]): Overlap[] {
  const cidr = parseCidr(subnet);
  if (!cidr) return [];
  const out: Overlap[] = [];
  for (const n of networks) {
    if (n.configOnly) continue;
    for (const c of n.ipam) {
      const other = parseCidr(c.subnet);
      if (other && cidrsOverlap(cidr, other)) out.push({ network: n.name, subnet: c.subnet });
    }
  }
  return out;
}
