/** The host's network interfaces as /sys sees them: shared by the data path and the labs. */
import { readdirSync } from "node:fs";

export const SYS_NET = "/sys/class/net";

/** The names of this network namespace's interfaces; none when /sys cannot be read. */
export function sysNetNames(): string[] {
  try {
    return readdirSync(SYS_NET);
  } catch {
    return [];
  }
}
