/**
 * What `GET /api/containers/{idOrName}` answers: the network side of
 * `docker inspect` for one container, laid out for the inspector. Only
 * network-related fields leave the server (never Env, Cmd, Mounts or
 * anything else that can hold secrets).
 */

export interface ContainerEndpointDetail {
  /** The network's name, as the key of NetworkSettings.Networks. */
  network: string;
  networkId: string;
  /** "" while the container is not running. */
  endpointId: string;
  /** Without prefix length; "" when none. */
  ipv4: string;
  ipv4PrefixLen: number;
  ipv6: string;
  ipv6PrefixLen: number;
  gateway: string;
  ipv6Gateway: string;
  mac: string;
  aliases: string[];
  /** DNSNames (API 1.44+); [] on older engines. */
  dnsNames: string[];
  links: string[];
  /** The fixed addresses asked for with `--ip` / `--ip6`, if any. */
  ipamConfig: { ipv4?: string; ipv6?: string } | null;
}

export interface ContainerPortDetail {
  /** "80/tcp" */
  containerPort: string;
  /** Empty when exposed but not published. */
  bindings: { hostIp: string; hostPort: string }[];
}

export interface ContainerDetail {
  id: string;
  /** Without the leading slash. */
  name: string;
  image: string;
  state: string;
  hostname: string;
  domainname: string;
  networkMode: string;
  sandboxId: string;
  /** The namespace path, e.g. /var/run/docker/netns/0123abcd; "" when not running. */
  sandboxKey: string;
  /** `--dns` */
  dns: string[];
  /** `--dns-search` */
  dnsSearch: string[];
  /** `--dns-option` */
  dnsOptions: string[];
  /** `--add-host`, as "name:address". */
  extraHosts: string[];
  publishAllPorts: boolean;
  ports: ContainerPortDetail[];
  endpoints: ContainerEndpointDetail[];
  /** The network-related part of the engine's inspect JSON, as the engine returned it. */
  raw: Record<string, unknown>;
}

export interface ContainerDetailBody {
  container: ContainerDetail;
}

/** `GET /api/networks/{idOrName}`: the engine's `docker network inspect` JSON, unchanged. */
export interface NetworkDetailBody {
  network: Record<string, unknown>;
}
