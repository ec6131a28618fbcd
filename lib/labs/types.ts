/**
 * The guided labs (issue 11, part 4): the Docker networking tutorial's
 * scenarios as steps that run on the live engine. Pure types, shared by the
 * catalogue, the server's runner, the routes and the UI.
 *
 * A step is a short list of operations from a small allow-list (create a
 * network, run a container, connect one, make a veth pair on the host, make
 * a swarm service) and
 * the probes that prove its point. Objects are named in the catalogue by a
 * short name; on the engine they are `cnmap-lab-<lab>-<short>` and carry the
 * label `cnmap.lab=<lab>` (lib/labs/names.ts).
 */
import type { ProbeOutcome } from "../probe/types";

export type LabId = "dns" | "isolation" | "container-mode" | "publish" | "internal" | "aliases" | "macvlan" | "overlay";

/** A network a lab container starts on: one of the lab's own, or Docker's default bridge. */
export type NetworkRef = { lab: string } | { predefined: "bridge" };

export type LabOp =
  /**
   * `docker network create`: a bridge (optionally --internal), the macvlan
   * network on the chosen parent, or an attachable overlay (swarm scope; a
   * swarm manager only).
   */
  | { op: "network.create"; network: string; internal?: true; macvlan?: true; overlay?: true }
  /**
   * `docker run -d`: on a network, or in another lab container's namespace
   * (`--network container:X`); `serve` runs busybox httpd on port 80 instead
   * of sleeping; `publish` publishes a container port at a port the engine
   * picks, on one of this machine's own addresses: 127.0.0.1, or a lab
   * network's gateway (never every interface).
   */
  | { op: "container.run"; container: string; network: NetworkRef | { container: string }; aliases?: string[]; serve?: true; publish?: Publish }
  /** `docker network connect`. */
  | { op: "network.connect"; network: string; container: string }
  /** The macvlan lab's parent: a veth pair on the host, made only when no host interface was picked. */
  | { op: "parent.create" }
  /**
   * `docker service create --no-resolve-image`: one sleeping task of the lab
   * image on a lab overlay, pinned (`--constraint node.hostname==…`) to a
   * ready node other than this engine's (the swarm plan's `other`).
   */
  | { op: "service.create"; service: string; network: string };

export interface Publish {
  port: number;
  on: "loopback" | { gatewayOf: string };
}

/** Whom a probe asks for. */
export type ProbeTarget =
  /** A lab container by its name, through Docker's DNS. */
  | { container: string }
  /** A network alias, through Docker's DNS. */
  | { alias: string }
  /** A lab container's address on a network. */
  | { addressOf: string; on: NetworkRef }
  /** A lab network's gateway: an address of the host. */
  | { gatewayOf: string }
  /** The host's own address on a macvlan network's parent interface. */
  | { parentAddressOf: string }
  /** The probing container itself. */
  | { localhost: true }
  /** The host address and port where a lab container's port is published. */
  | { publishedPortOf: string; port: number }
  /** The address of a lab service's running task on a network (the task may run on another node). */
  | { taskOf: string; on: NetworkRef }
  /** Swarm DNS's name for a lab service's tasks: `tasks.<service>`. */
  | { tasksOf: string };

export type Expect = "works" | "fails";

export type LabProbe =
  /** A probe run inside a lab container with the probes' fixed tools (lib/probe/commands.ts). */
  | {
      probe: "ping" | "dns" | "http";
      from: string;
      target: ProbeTarget;
      expect: Expect;
      /**
       * dns: the answer must list each of these containers' addresses on `on`
       * (round-robin), or the addresses of a lab service's running tasks there.
       */
      answers?: { containers: string[]; on: NetworkRef } | { tasksOf: string; on: NetworkRef };
      /** What the probe proves, in a sentence. */
      proves: string;
    }
  /** An HTTP request from cnmap's host to a lab container's port published on 127.0.0.1. */
  | { probe: "host-http"; container: string; port: number; expect: Expect; proves: string }
  /**
   * What the swarm manager says, read rather than run: a lab network is an
   * attachable overlay of swarm scope (`docker network inspect`), or a lab
   * service's one task runs on another node than this engine (`docker service ps`).
   */
  | { probe: "overlay-network"; network: string; expect: Expect; proves: string }
  | { probe: "task-node"; service: string; expect: Expect; proves: string };

export interface LabStep {
  title: string;
  /** What the step does and why, for people. */
  explain: string;
  ops: LabOp[];
  probes: LabProbe[];
}

/** What a lab needs beyond an engine and the image. */
export type LabNeed =
  /** The engine runs in cnmap's own network namespace (a host port to request, a host interface as parent). */
  | "local-engine"
  /** The engine is a swarm manager with at least two ready nodes (the overlay lab). */
  | "swarm";

export interface Lab {
  id: LabId;
  title: string;
  /** One line: what the lab shows. */
  summary: string;
  needs: LabNeed[];
  steps: LabStep[];
}

/** The macvlan lab's parent, subnet and range, settled when its first step runs (lib/labs/macvlan.ts). */
export interface MacvlanPlan {
  /** The host interface the macvlan network hangs off. */
  parent: string;
  /** Whether the parent is the lab's own veth pair. */
  veth: boolean;
  /** A free /24, e.g. 10.213.7.0/24. */
  subnet: string;
  /** Where containers get their addresses: the upper half of the subnet. */
  ipRange: string;
  /** The host's address on the veth parent (.2), outside the range; none on a picked interface (cnmap never changes it). */
  hostAddress?: string;
}

/** The overlay lab's two nodes, settled when its service is made (lib/labs/swarm.ts). */
export interface SwarmPlan {
  /** This engine's node hostname. */
  here: string;
  /** The node the service's task is pinned to: another ready node. */
  other: string;
}

/** What the CLI text and the engine requests of a step depend on, besides the catalogue. */
export interface LabContext {
  image: string;
  macvlan?: MacvlanPlan;
  swarm?: SwarmPlan;
  /** The gateways of the lab's networks that exist, by short name (a port published on one needs it). */
  gateways?: Record<string, string>;
}

// -------------------------------------------------------------- the API's answers

export type Verdict = "pass" | "fail" | "cannot-tell";

export interface LabProbeResult {
  /** What the probe proves. */
  proves: string;
  expect: Expect;
  /** pass: the probe found what the lab says; fail: it did not; cannot-tell: it could not run (no tool, no host port). */
  verdict: Verdict;
  outcome: ProbeOutcome | "not-run";
  /** One line for people. */
  summary: string;
  output: string;
  /** The probe as a command to paste. */
  command: string;
  /** On a swarm: which node each end of the probe is on. */
  nodes?: { from: ProbeEnd; to: ProbeEnd };
}

/** One end of a probe across swarm nodes. */
export interface ProbeEnd {
  /** The container, or the service's task (`<service>.1`). */
  name: string;
  /** The node's hostname. */
  node: string;
  /** Whether that node is this engine. */
  here: boolean;
  address?: string;
}

export interface LabStepRun {
  /** 1-based. */
  step: number;
  /** The commands the step ran (or found done already). */
  commands: string[];
  results: LabProbeResult[];
  /** ISO 8601. */
  at: string;
}

export interface LabProgress {
  /** Per step: every object it makes is there, as it made it. */
  done: boolean[];
  /** The 1-based step to run next; null when every step is done. */
  next: number | null;
  /** Whether anything labelled for the lab exists (a reset has something to remove). */
  started: boolean;
  /** What carries the lab's label now, by kind. */
  objects: { containers: string[]; networks: string[]; links: string[]; services: string[] };
  /** Names the lab needs, taken by objects without its label: it refuses to run until they are gone. */
  clashes: string[];
}

export interface LabStepView {
  title: string;
  explain: string;
  /** The commands the step runs, as they would run now. */
  commands: string[];
  probes: { proves: string; expect: Expect }[];
}

export interface LabView {
  id: LabId;
  title: string;
  summary: string;
  steps: LabStepView[];
  /** Null when the lab can run here; else why not, and what would fix it. */
  unavailable: string | null;
  progress: LabProgress;
  /** The last run of each done step since the server started (a page reload shows them), by 1-based step. */
  runs: Record<number, LabStepRun>;
}

export interface LabsBody {
  image: { name: string; present: boolean; fix: string | null };
  macvlan: {
    /** Host interfaces an admin may pick as the parent (empty for others: interface names are for admins). */
    parents: string[];
    /** Null when the lab can make its own veth pair as the parent; else why not. */
    veth: string | null;
  };
  labs: LabView[];
}

export interface LabStepAnswer {
  lab: LabView;
  run: LabStepRun;
}

export interface LabResetAnswer {
  /** What the reset removed, by name. */
  removed: { containers: string[]; networks: string[]; links: string[]; services: string[] };
  lab: LabView;
}
