/** A pure parser of /etc/resolv.conf, and what it says about Docker's embedded DNS server. */

/** The address Docker's embedded DNS server answers on inside a sandbox on a user-defined network. */
export const EMBEDDED_DNS = "127.0.0.11";

export interface ResolvConf {
  nameservers: string[];
  search: string[];
  options: string[];
  /** Whether the embedded DNS server is among the nameservers. */
  embedded: boolean;
}

export function parseResolvConf(text: string): ResolvConf {
  const nameservers: string[] = [];
  let search: string[] = [];
  const options: string[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.replace(/[#;].*$/, "").trim();
    const [key, ...values] = line.split(/\s+/);
    if (key === "nameserver" && values[0]) nameservers.push(values[0]);
    // The last search (or domain) line wins, as in the resolver.
    else if (key === "search" || key === "domain") search = values;
    else if (key === "options") options.push(...values);
  }
  return { nameservers, search, options, embedded: nameservers.includes(EMBEDDED_DNS) };
}
