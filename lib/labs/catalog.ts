/**
 * The labs: the scenarios of Docker's networking tutorials, each a few steps
 * that change the live engine and a probe per point that proves it. Pure
 * data; lib/labs/requests.ts turns the operations into the docker commands shown,
 * lib/server/labs.ts runs them.
 */
import type { Lab, LabId } from "./types";

const BRIDGE = { predefined: "bridge" } as const;

export const LABS: readonly Lab[] = [
  {
    id: "dns",
    title: "Names on the default bridge and on your own",
    summary: "The default bridge resolves no container names; a user-defined bridge does, through Docker's DNS server at 127.0.0.11.",
    needs: [],
    steps: [
      {
        title: "Two containers on the default bridge",
        explain:
          "Without --network, a container joins Docker's default bridge. The two can reach each other by address, but nothing answers for their names: Docker's embedded DNS server (127.0.0.11) serves user-defined networks only.",
        ops: [
          { op: "container.run", container: "one", network: BRIDGE },
          { op: "container.run", container: "two", network: BRIDGE },
        ],
        probes: [
          { probe: "ping", from: "one", target: { addressOf: "two", on: BRIDGE }, expect: "works", proves: "one reaches two by its address on the default bridge." },
          { probe: "dns", from: "one", target: { container: "two" }, expect: "fails", proves: "No DNS server at 127.0.0.11 answers for two's name on the default bridge." },
        ],
      },
      {
        title: "Join both to a user-defined bridge",
        explain:
          "A network you create yourself comes with Docker's DNS: every container on it is known by its name (and its aliases) to the others. Connecting a running container switches its resolver to 127.0.0.11.",
        ops: [
          { op: "network.create", network: "net" },
          { op: "network.connect", network: "net", container: "one" },
          { op: "network.connect", network: "net", container: "two" },
        ],
        probes: [
          {
            probe: "dns",
            from: "one",
            target: { container: "two" },
            expect: "works",
            answers: { containers: ["two"], on: { lab: "net" } },
            proves: "Docker's DNS now answers two's name with its address on the user-defined bridge.",
          },
        ],
      },
    ],
  },
  {
    id: "isolation",
    title: "Isolated networks, and a container on both",
    summary: "Two user-defined networks cannot reach each other; a container connected to both reaches each, without routing between them.",
    needs: [],
    steps: [
      {
        title: "A front and a back network",
        explain: "web joins front, db joins back. Docker's rules drop traffic between two bridge networks, so web cannot reach db even by address.",
        ops: [
          { op: "network.create", network: "front" },
          { op: "network.create", network: "back" },
          { op: "container.run", container: "web", network: { lab: "front" } },
          { op: "container.run", container: "db", network: { lab: "back" } },
        ],
        probes: [{ probe: "ping", from: "web", target: { addressOf: "db", on: { lab: "back" } }, expect: "fails", proves: "The two networks are isolated: web gets no reply from db's address." }],
      },
      {
        title: "Connect web to back as well",
        explain:
          "docker network connect gives web a second endpoint, on back: it now reaches db there, by name too. It does not route for others: db still cannot reach web's address on front.",
        ops: [{ op: "network.connect", network: "back", container: "web" }],
        probes: [
          { probe: "ping", from: "web", target: { container: "db" }, expect: "works", proves: "On a shared network, web reaches db by name." },
          { probe: "ping", from: "db", target: { addressOf: "web", on: { lab: "front" } }, expect: "fails", proves: "db still cannot reach front: joining both networks made web a member of each, not a router." },
        ],
      },
    ],
  },
  {
    id: "container-mode",
    title: "--network container:X shares one sandbox",
    summary: "A container started with --network container:X has no network of its own: it lives in X's namespace, with X's addresses and X's localhost.",
    needs: [],
    steps: [
      {
        title: "A web server, and a neighbour with its own namespace",
        explain: "app serves HTTP on port 80. other sits on the same network in a namespace of its own: its localhost is its own, where nothing listens.",
        ops: [
          { op: "network.create", network: "net" },
          { op: "container.run", container: "app", network: { lab: "net" }, serve: true },
          { op: "container.run", container: "other", network: { lab: "net" } },
        ],
        probes: [
          { probe: "http", from: "other", target: { localhost: true }, expect: "fails", proves: "other's localhost is not app's: nothing answers on its port 80." },
          { probe: "http", from: "other", target: { container: "app" }, expect: "works", proves: "other reaches app's server over the network, by name." },
        ],
      },
      {
        title: "A sidecar in app's namespace",
        explain:
          "sidecar starts with --network container:app: no endpoint, no address of its own. It shares app's sandbox (one node on the graph, two containers), so app's server is on its localhost.",
        ops: [{ op: "container.run", container: "sidecar", network: { container: "app" } }],
        probes: [{ probe: "http", from: "sidecar", target: { localhost: true }, expect: "works", proves: "sidecar's localhost is app's: one network namespace, one sandbox." }],
      },
    ],
  },
  {
    id: "publish",
    title: "-p publishes a port through the host",
    summary: "-p maps a port of the host to a container's port: a request to the host's address reaches the container.",
    needs: ["local-engine"],
    steps: [
      {
        title: "A web server with a published port",
        explain:
          "-p 127.0.0.1::80 asks the engine for a free port on the host's 127.0.0.1 and forwards it to port 80 of web (the graph draws it as an edge from the host). cnmap then sends a real HTTP request from the host to that port.",
        ops: [
          { op: "network.create", network: "net" },
          { op: "container.run", container: "web", network: { lab: "net" }, serve: true, publish: { port: 80, on: "loopback" } },
        ],
        probes: [{ probe: "host-http", container: "web", port: 80, expect: "works", proves: "A request to the published port on the host's 127.0.0.1 is answered by web." }],
      },
      {
        title: "Containers need no published port",
        explain: "Publishing is for the host and beyond. On their network, containers reach web's own port 80 directly, by name.",
        ops: [{ op: "container.run", container: "client", network: { lab: "net" } }],
        probes: [{ probe: "http", from: "client", target: { container: "web" }, expect: "works", proves: "client reaches web on port 80 across the network, without the published port." }],
      },
    ],
  },
  {
    id: "internal",
    title: "--internal cuts the way out",
    summary: "A container on an --internal network reaches its neighbours, but no traffic leaves its network: a service on the host, through a published port, is out of reach.",
    needs: [],
    steps: [
      {
        title: "An ordinary network has a way out",
        explain:
          "web serves HTTP and publishes its port 80 on the host, at the service network's gateway (an address of this machine, not of the LAN). out sits on another ordinary network: its traffic leaves through its gateway, the host forwards it, and out reaches web's published port.",
        ops: [
          { op: "network.create", network: "service" },
          { op: "container.run", container: "web", network: { lab: "service" }, serve: true, publish: { port: 80, on: { gatewayOf: "service" } } },
          { op: "network.create", network: "open" },
          { op: "container.run", container: "out", network: { lab: "open" } },
        ],
        probes: [{ probe: "http", from: "out", target: { publishedPortOf: "web", port: 80 }, expect: "works", proves: "From an ordinary network, out reaches a port published on the host, beyond its own network." }],
      },
      {
        title: "An internal network has none",
        explain:
          "closed is created with --internal: Docker drops any traffic from it to another network or out through the host, so in cannot reach the same published port.",
        ops: [
          { op: "network.create", network: "closed", internal: true },
          { op: "container.run", container: "in", network: { lab: "closed" } },
        ],
        probes: [{ probe: "http", from: "in", target: { publishedPortOf: "web", port: 80 }, expect: "fails", proves: "From the internal network, the port published on the host is out of reach: nothing leaves the network." }],
      },
      {
        title: "Inside, neighbours still talk",
        explain: "--internal cuts the way out, not the way between: a second container on closed reaches in, by name.",
        ops: [{ op: "container.run", container: "peer", network: { lab: "closed" } }],
        probes: [{ probe: "ping", from: "peer", target: { container: "in" }, expect: "works", proves: "Containers on the same internal network reach each other by name." }],
      },
    ],
  },
  {
    id: "aliases",
    title: "Aliases and round-robin DNS",
    summary: "--network-alias gives a container another name on a network; several containers sharing one alias are all answered for it.",
    needs: [],
    steps: [
      {
        title: "A container known as app",
        explain: "blue starts with --network-alias app: on this network, app is another name for it.",
        ops: [
          { op: "network.create", network: "net" },
          { op: "container.run", container: "blue", network: { lab: "net" }, aliases: ["app"] },
          { op: "container.run", container: "client", network: { lab: "net" } },
        ],
        probes: [
          {
            probe: "dns",
            from: "client",
            target: { alias: "app" },
            expect: "works",
            answers: { containers: ["blue"], on: { lab: "net" } },
            proves: "Docker's DNS answers the alias app with blue's address.",
          },
        ],
      },
      {
        title: "A second container with the same alias",
        explain: "green takes the alias app too. Docker's DNS now answers app with both addresses, in turn: round-robin between them.",
        ops: [{ op: "container.run", container: "green", network: { lab: "net" }, aliases: ["app"] }],
        probes: [
          {
            probe: "dns",
            from: "client",
            target: { alias: "app" },
            expect: "works",
            answers: { containers: ["blue", "green"], on: { lab: "net" } },
            proves: "The shared alias app resolves to both blue's and green's addresses.",
          },
        ],
      },
    ],
  },
  {
    id: "macvlan",
    title: "macvlan: containers on the parent's wire",
    summary: "A macvlan network puts containers straight on a host interface's link, with addresses from an --ip-range; they reach each other, but not the host through that parent.",
    needs: ["local-engine"],
    steps: [
      {
        title: "A macvlan network on a parent",
        explain:
          "The parent is a host interface: one you pick, or a veth pair the lab makes (then the host takes the subnet's .2 on it). --ip-range keeps container addresses in the upper half of the subnet. a joins it.",
        ops: [
          { op: "parent.create" },
          { op: "network.create", network: "net", macvlan: true },
          { op: "container.run", container: "a", network: { lab: "net" } },
        ],
        probes: [{ probe: "ping", from: "a", target: { parentAddressOf: "net" }, expect: "fails", proves: "A macvlan container cannot reach the host through its own parent interface." }],
      },
      {
        title: "A second container on the same parent",
        explain: "b joins the macvlan network too. The two talk to each other over the parent's link, as two machines on one LAN would.",
        ops: [{ op: "container.run", container: "b", network: { lab: "net" } }],
        probes: [{ probe: "ping", from: "a", target: { addressOf: "b", on: { lab: "net" } }, expect: "works", proves: "Containers on one macvlan network reach each other." }],
      },
    ],
  },
  {
    id: "overlay",
    title: "An overlay between two swarm nodes",
    summary:
      "An attachable overlay network spans the swarm's nodes: a standalone container on this node reaches a service's task on another node at its overlay address (VXLAN between the nodes), and swarm DNS answers tasks.<service> with that address.",
    needs: ["swarm"],
    steps: [
      {
        title: "An attachable overlay network",
        explain:
          "On a swarm manager, docker network create -d overlay makes a network of swarm scope: every node that runs a task on it gets it, and the nodes carry its traffic to each other in VXLAN over their own network. --attachable also lets plain docker run containers join it, not only services' tasks.",
        ops: [{ op: "network.create", network: "net", overlay: true }],
        probes: [
          {
            probe: "overlay-network",
            network: "net",
            expect: "works",
            proves: "The manager holds net as an overlay of swarm scope that standalone containers may attach to.",
          },
        ],
      },
      {
        title: "A service with its one task on the other node",
        explain:
          "docker service create asks the swarm for one task of the lab image on net; --constraint node.hostname==… pins it to another node than this engine's. --no-resolve-image sends the image by name, asking no registry: it must be on that node already. The task gets its own address on net, on the other node.",
        ops: [{ op: "service.create", service: "remote", network: "net" }],
        probes: [
          {
            probe: "task-node",
            service: "remote",
            expect: "works",
            proves: "The scheduler placed remote's task on the other node, not on this engine's, as the constraint asked.",
          },
        ],
      },
      {
        title: "A container here, on the same overlay",
        explain:
          "here is a plain docker run container on this node, joined to net because it is attachable. It reaches remote's task at the task's overlay address, though the task runs on the other node: the two nodes tunnel net's frames in VXLAN (UDP port 4789). Swarm DNS at 127.0.0.11 answers tasks.<service> with the task addresses. (The lab uses the task's own address, never the service's virtual IP: the VIP and the ingress routing mesh rely on the kernel's IPVS, which some kernels lack, and the lab works without it.)",
        ops: [{ op: "container.run", container: "here", network: { lab: "net" } }],
        probes: [
          {
            probe: "ping",
            from: "here",
            target: { taskOf: "remote", on: { lab: "net" } },
            expect: "works",
            proves: "here, on this node, reaches remote's task on the other node at its overlay address: VXLAN between the nodes.",
          },
          {
            probe: "dns",
            from: "here",
            target: { tasksOf: "remote" },
            expect: "works",
            answers: { tasksOf: "remote", on: { lab: "net" } },
            proves: "Swarm DNS answers tasks.<service> with the task's overlay address on the other node.",
          },
        ],
      },
    ],
  },
];

export function findLab(id: string): Lab | undefined {
  return LABS.find((l) => l.id === id);
}

export const LAB_IDS: readonly LabId[] = LABS.map((l) => l.id);
