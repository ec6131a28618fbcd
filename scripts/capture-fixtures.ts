/**
 * Captures raw engine JSON for every CNM case cnmap must draw, for the unit
 * tests of the pure transforms (test/fixtures/engine/*.json).
 *
 * Creates the cases with the docker CLI (all labelled cnmap.fixture=1), reads
 * the exact engine calls cnmap makes (network list, container list with all=1,
 * container inspect, version, info), writes them out and removes what it made.
 * Needs a running engine and the test image: `bash scripts/engine-up.sh`.
 *
 * Usage: npm run capture-fixtures
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import Docker from "dockerode";

const IMAGE = process.env.CNMAP_TEST_IMAGE ?? "cnmap-test-busybox:latest";
const LABEL = "cnmap.fixture=1";
const OUT = path.join(__dirname, "..", "test", "fixtures", "engine");
const docker = new Docker();

function sh(...args: string[]): string {
  return execFileSync("docker", args, { encoding: "utf8" }).trim();
}
function run(name: string, ...args: string[]): void {
  sh("run", "-d", "--label", LABEL, "--name", name, ...args, IMAGE, "sleep", "3600");
}
function net(name: string, ...args: string[]): void {
  sh("network", "create", "--label", LABEL, ...args, name);
}

async function snapshot(file: string, note: string): Promise<void> {
  const [networks, containers, version, info] = await Promise.all([
    docker.listNetworks(),
    docker.listContainers({ all: true }),
    docker.version(),
    docker.info() as Promise<Record<string, unknown>>,
  ]);
  const inspects = await Promise.all(containers.map((c) => docker.getContainer(c.Id).inspect()));
  const data = {
    note,
    capturedWith: `Docker ${version.Version} (API ${version.ApiVersion})`,
    version,
    info: { ServerVersion: info.ServerVersion, Swarm: info.Swarm, Name: info.Name },
    networks,
    containers,
    inspects,
  };
  writeFileSync(path.join(OUT, file), JSON.stringify(data, null, 2) + "\n");
  console.log(`wrote ${file}: ${networks.length} networks, ${containers.length} containers`);
}

function cleanup(): void {
  const ids = sh("ps", "-aq", "--filter", `label=${LABEL}`).split("\n").filter(Boolean);
  if (ids.length) sh("rm", "-f", ...ids);
  const nets = sh("network", "ls", "-q", "--filter", `label=${LABEL}`).split("\n").filter(Boolean);
  for (const n of nets) {
    try { sh("network", "rm", n); } catch { /* already gone */ }
  }
}

async function main(): Promise<void> {
  cleanup();
  const swarmBefore = sh("info", "--format", "{{.Swarm.LocalNodeState}}");
  let vethMade = false;
  try {
    // Local cases: default bridge, user bridges, multi-network, host, none,
    // shared namespaces, stopped containers, published ports, IPv6.
    net("fx-front", "--subnet", "172.31.10.0/24", "--gateway", "172.31.10.1");
    net("fx-back", "--internal", "--subnet", "172.31.11.0/24", "--ip-range", "172.31.11.128/25");
    net("fx-v6", "--ipv6", "--subnet", "fd00:c0de::/64", "--subnet", "172.31.12.0/24");
    net("fx-noicc", "-o", "com.docker.network.bridge.enable_icc=false", "-o", "com.docker.network.bridge.name=cnmapnoicc0");
    run("fx-default", "-p", "8089:80", "-p", "127.0.0.1:8090:81/udp");
    run("fx-web", "--network", "fx-front", "--network-alias", "web", "--network-alias", "www", "-p", "8091:80");
    sh("network", "connect", "--alias", "api", "fx-back", "fx-web");
    run("fx-db", "--network", "fx-back");
    run("fx-sidecar", "--network", "container:fx-web");
    run("fx-sidecar2", "--network", `container:${sh("inspect", "-f", "{{.Id}}", "fx-web")}`);
    run("fx-host", "--network", "host");
    run("fx-none", "--network", "none");
    run("fx-v6c", "--network", "fx-v6");
    run("fx-noicc-a", "--network", "fx-noicc");
    run("fx-stopped", "--network", "fx-front");
    sh("network", "connect", "fx-back", "fx-stopped");
    sh("stop", "-t", "0", "fx-stopped");
    run("fx-stopped-default");
    sh("stop", "-t", "0", "fx-stopped-default");
    sh("create", "--label", LABEL, "--name", "fx-created", "--network", "fx-front", IMAGE, "sleep", "1");
    await snapshot("local.json", "default bridge, user bridges (internal, ip-range, IPv6, ICC off), multi-network, aliases, host, none, container:X by name and by ID, stopped and never-started containers, published ports");

    // Swarm: overlay (attachable), ingress; macvlan on a veth parent; ipvlan.
    if (swarmBefore !== "active") sh("swarm", "init", "--advertise-addr", "127.0.0.1");
    net("fx-overlay", "--driver", "overlay", "--attachable", "--subnet", "10.231.0.0/24");
    run("fx-ov", "--network", "fx-overlay");
    execFileSync("ip", ["link", "add", "cnmapfx0", "type", "veth", "peer", "name", "cnmapfx1"]);
    vethMade = true;
    net("fx-macvlan", "--driver", "macvlan", "-o", "parent=cnmapfx0", "--subnet", "172.31.20.0/24", "--ip-range", "172.31.20.64/26");
    run("fx-mv", "--network", "fx-macvlan", "--ip", "172.31.20.70");
    net("fx-ipvlan", "--driver", "ipvlan", "-o", "parent=cnmapfx1", "-o", "ipvlan_mode=l2", "--subnet", "172.31.21.0/24");
    await snapshot("swarm.json", "swarm manager: ingress, docker_gwbridge, attachable overlay with a container; macvlan on a veth parent with a container; ipvlan network (containers cannot attach on this kernel)");
  } finally {
    cleanup();
    if (vethMade) execFileSync("ip", ["link", "del", "cnmapfx0"]);
    if (swarmBefore !== "active") {
      try { sh("swarm", "leave", "--force"); } catch { /* not in a swarm */ }
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
