/**
 * A lab operation as the engine request it makes and as the command a
 * person would type for it. Pure: both come from the catalogue and the
 * run's context (the image, the macvlan plan), never from a request's text.
 */
import { shellQuote } from "../commands/docker-cli";
import type { EngineContainerCreate, EngineNetworkCreate, EngineServiceCreate } from "../docker/engine";
import { labLabel, LAB_LABEL, networkName, objectName, VETH } from "./names";
import { hostnameConstraint } from "./swarm";
import type { LabContext, LabId, LabOp, MacvlanPlan, Publish, SwarmPlan } from "./types";

/** How long a lab container sleeps: a week, then it stops (a reset clears it). */
export const SLEEP_SECONDS = "604800";

/** The command of a lab container: sleep, or busybox httpd on port 80 serving a page that names the container. */
export function containerCommand(name: string, serve: boolean): string[] {
  if (!serve) return ["sleep", SLEEP_SECONDS];
  return ["sh", "-c", `mkdir -p /www && echo 'hello from ${name}' > /www/index.html && exec httpd -f -p 80 -h /www`];
}

function docker(args: string[]): string {
  return ["docker", ...args].map(shellQuote).join(" ");
}

function ip(args: string[]): string {
  return ["ip", ...args].map(shellQuote).join(" ");
}

/** The network mode of a container.run: a network's name, or `container:<name>`. */
function networkMode(lab: LabId, op: Extract<LabOp, { op: "container.run" }>): string {
  return "container" in op.network ? `container:${objectName(lab, op.network.container)}` : networkName(lab, op.network);
}

/**
 * The host address a port is published on: 127.0.0.1, or a lab network's
 * gateway. For the command of a network not made yet, the shell's way to
 * read it; for the engine request, null until the network exists.
 */
export function publishAddress(lab: LabId, publish: Publish, ctx: LabContext, forShell: boolean): string | null {
  if (publish.on === "loopback") return "127.0.0.1";
  const known = ctx.gateways?.[publish.on.gatewayOf];
  if (known) return known;
  return forShell ? `$(docker network inspect --format '{{(index .IPAM.Config 0).Gateway}}' ${objectName(lab, publish.on.gatewayOf)})` : null;
}

export function macvlanNeeded(ctx: LabContext): MacvlanPlan {
  if (!ctx.macvlan) throw new Error("the macvlan network needs a plan (parent, subnet)");
  return ctx.macvlan;
}

export function swarmNeeded(ctx: LabContext): SwarmPlan {
  if (!ctx.swarm) throw new Error("the service needs a swarm plan (the node to pin its task to)");
  return ctx.swarm;
}

/** The `ip` commands that make the veth parent (as root on the engine's host). */
export function vethCommands(plan: MacvlanPlan, lab: LabId): string[][] {
  const out = [
    ["link", "add", VETH.parent, "type", "veth", "peer", "name", VETH.peer],
    ["link", "set", VETH.parent, "alias", labLabel(lab)],
    ["link", "set", VETH.peer, "alias", labLabel(lab)],
    ["link", "set", VETH.parent, "up"],
    ["link", "set", VETH.peer, "up"],
  ];
  if (plan.hostAddress) out.push(["addr", "add", `${plan.hostAddress}/${plan.subnet.split("/")[1] ?? "24"}`, "dev", VETH.parent]);
  return out;
}

/** The commands an operation runs, as a person would type them. */
export function opCommands(lab: LabId, op: LabOp, ctx: LabContext): string[] {
  switch (op.op) {
    case "parent.create": {
      const plan = macvlanNeeded(ctx);
      return plan.veth ? vethCommands(plan, lab).map(ip) : [];
    }
    case "network.create": {
      const args = ["network", "create"];
      if (op.macvlan) {
        const plan = macvlanNeeded(ctx);
        args.push("--driver", "macvlan", "--subnet", plan.subnet, "--ip-range", plan.ipRange, "--opt", `parent=${plan.parent}`);
      }
      if (op.overlay) args.push("--driver", "overlay", "--attachable");
      if (op.internal) args.push("--internal");
      args.push("--label", labLabel(lab), objectName(lab, op.network));
      return [docker(args)];
    }
    case "service.create": {
      const plan = swarmNeeded(ctx);
      const args = [
        "service", "create", "--detach", "--no-resolve-image",
        "--name", objectName(lab, op.service),
        "--label", labLabel(lab), "--container-label", labLabel(lab),
        "--network", objectName(lab, op.network),
        "--constraint", hostnameConstraint(plan.other),
        "--replicas", "1", "--restart-condition", "none",
        ctx.image, ...containerCommand(objectName(lab, op.service), false),
      ];
      return [docker(args)];
    }
    case "container.run": {
      const name = objectName(lab, op.container);
      const args = ["run", "--detach", "--name", name, "--label", labLabel(lab), "--network", networkMode(lab, op)];
      for (const a of op.aliases ?? []) args.push("--network-alias", a);
      const head = docker(args);
      const tail = [ctx.image, ...containerCommand(name, op.serve === true)].map(shellQuote).join(" ");
      if (!op.publish) return [`${head} ${tail}`];
      const address = publishAddress(lab, op.publish, ctx, true) ?? "";
      // A gateway not known yet is read by the shell: the command substitution stays unquoted, in double quotes.
      const binding = address.startsWith("$(") ? `"${address}::${op.publish.port}"` : shellQuote(`${address}::${op.publish.port}`);
      return [`${head} --publish ${binding} ${tail}`];
    }
    case "network.connect":
      return [docker(["network", "connect", objectName(lab, op.network), objectName(lab, op.container)])];
  }
}

/** The body of `POST /networks/create` for a network.create. */
export function networkRequest(lab: LabId, op: Extract<LabOp, { op: "network.create" }>, ctx: LabContext): EngineNetworkCreate {
  const body: EngineNetworkCreate = { Name: objectName(lab, op.network), CheckDuplicate: true, Labels: { [LAB_LABEL]: lab } };
  if (op.internal) body.Internal = true;
  if (op.overlay) {
    body.Driver = "overlay";
    body.Attachable = true;
  }
  if (op.macvlan) {
    const plan = macvlanNeeded(ctx);
    body.Driver = "macvlan";
    body.IPAM = { Config: [{ Subnet: plan.subnet, IPRange: plan.ipRange }] };
    body.Options = { parent: plan.parent };
  }
  return body;
}

/** The body of `POST /containers/create` for a container.run. */
export function containerRequest(lab: LabId, op: Extract<LabOp, { op: "container.run" }>, ctx: LabContext): EngineContainerCreate {
  const name = objectName(lab, op.container);
  const mode = networkMode(lab, op);
  const body: EngineContainerCreate = {
    Image: ctx.image,
    Cmd: containerCommand(name, op.serve === true),
    Labels: { [LAB_LABEL]: lab },
    HostConfig: { NetworkMode: mode },
  };
  if (op.publish) {
    const hostIp = publishAddress(lab, op.publish, ctx, false);
    if (hostIp === null) throw new Error(`${name} publishes on a network that does not exist yet`);
    const key = `${op.publish.port}/tcp`;
    body.ExposedPorts = { [key]: {} };
    // HostPort "": the engine picks a free port.
    body.HostConfig.PortBindings = { [key]: [{ HostIp: hostIp, HostPort: "" }] };
  }
  if (op.aliases?.length && !("container" in op.network)) {
    body.NetworkingConfig = { EndpointsConfig: { [mode]: { Aliases: [...op.aliases] } } };
  }
  return body;
}

/** The body of `POST /services/create` for a service.create: one task, pinned to the plan's other node, never resolved against a registry. */
export function serviceRequest(lab: LabId, op: Extract<LabOp, { op: "service.create" }>, ctx: LabContext): EngineServiceCreate {
  const plan = swarmNeeded(ctx);
  const name = objectName(lab, op.service);
  return {
    Name: name,
    Labels: { [LAB_LABEL]: lab },
    TaskTemplate: {
      ContainerSpec: { Image: ctx.image, Args: containerCommand(name, false), Labels: { [LAB_LABEL]: lab } },
      Placement: { Constraints: [hostnameConstraint(plan.other)] },
      Networks: [{ Target: objectName(lab, op.network) }],
      // A task that fails is not started again elsewhere or in a loop: the step says why it did not run.
      RestartPolicy: { Condition: "none" },
    },
    Mode: { Replicated: { Replicas: 1 } },
  };
}

/** What a reset of the lab does, as the commands a person would type (services first: their tasks hold the networks). */
export function resetCommand(lab: string, swarm: boolean): string {
  const label = `label=${LAB_LABEL}=${lab}`;
  const parts = [
    `docker rm --force $(docker ps -aq --filter ${label})`,
    `docker network rm $(docker network ls -q --filter ${label})`,
  ];
  if (swarm) parts.unshift(`docker service rm $(docker service ls -q --filter ${label})`);
  return parts.join(" && ");
}
