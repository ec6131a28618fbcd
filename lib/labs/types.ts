/**
 * The guided labs (issue 11, part 4): the Docker networking tutorial's
 * scenarios as steps that run on the live engine. Pure types, shared by the
 * catalogue, the server's runner, the routes and the UI.
 *
 * A step is a short list of operations from a small allow-list (create a
 * network, run a container, connect one, make a veth pair on the host) and
 * the probes that prove its point. Objects are named in the catalogue by a
 * short name; on the engine they are `cnmap-lab-<lab>-<short>` and carry the
 * label `cnmap.lab=<lab>` (lib/labs/names.ts).
 */
import type { ProbeOutcome } from "../probe/types";

export type LabId = "dns" | "isolation" | "container-mode" | "publish" | "internal" | "aliases" | "macvlan";

/** A network a lab container starts on: one of the lab's own, or Docker's default bridge. */
export type NetworkRef = { lab: string } | { predefined: "bridge" };

export type LabOp =
  /** `docker network create`: a bridge (optionally --internal), or the macvlan network on the chosen parent. */
  | { op: "network.create"; network: string; internal?: true; macvlan?: true }
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
  | { op: "parent.create" };

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
  | { publishedPortOf: string; port: number };

export type Expect = "works" | "fails";

export type LabProbe =
  /** A probe run inside a lab container with the probes' fixed tools (lib/probe/commands.ts). */
  | {
      probe: "ping" | "dns" | "http";
      from: string;
      target: ProbeTarget;
      expect: Expect;
      /** dns: the answer must list each of these containers' addresses on `on` (round-robin). */
      answers?: { containers: string[]; on: NetworkRef };
      /** What the probe proves, in a sentence. */
      proves: string;
    }
  /** An HTTP request from cnmap's host to a lab container's port published on 127.0.0.1. */
  | { probe: "host-http"; container: string; port: number; expect: Expect; proves: string };

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
  "local-engine";

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

/** What the CLI text and the engine requests of a step depend on, besides the catalogue. */
export interface LabContext {
  image: string;
  macvlan?: MacvlanPlan;
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
  objects: { containers: string[]; networks: string[]; links: string[] };
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
  removed: { containers: string[]; networks: string[]; links: string[] };
  lab: LabView;
}
