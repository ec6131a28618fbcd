/**
 * Turns the engine's refusal of a mutation into cnmap's error vocabulary, by
 * what happened rather than by the engine's status code: engines differ
 * (Docker 20.10 answers "not connected" with a 500, a swarm manager answers
 * an unknown network with a 500 carrying an rpc NotFound). The engine's own
 * words are kept in the message.
 */
import { ApiError, type ErrorCode } from "../api/errors";
import { engineStatus } from "./errors";

const RULES: [RegExp, ErrorCode][] = [
  [/is not connected to (the )?network|not connected to the network/i, "conflict"],
  [/endpoint with name .* already exists|already exists in network/i, "conflict"],
  [/has active endpoints/i, "conflict"],
  [/pool overlaps|overlaps with other one/i, "conflict"],
  [/address already in use|no available addresses|could not find an available|already in use/i, "conflict"],
  [/network with name .* already exists/i, "conflict"],
  [/pre-?defined network/i, "forbidden"],
  [/container sharing network namespace|cannot be disconnected from host network|connected to host network|conflicting options/i, "conflict"],
  [/user specified IP address is supported|network-scoped alias is supported only/i, "conflict"],
  [/not attachable|config-only network|configuration network/i, "conflict"],
  [/not a swarm manager|node is not part of a swarm|swarm mode/i, "conflict"],
  [/update out of sequence/i, "conflict"],
  [/no such network|network .*not found|rpc error: code = NotFound/i, "not_found"],
  [/no such container/i, "not_found"],
  [/invalid|bad parameter|malformed|unknown option|not supported/i, "invalid_input"],
];

/** Maps an error thrown by an engine mutation; anything not from the engine is rethrown as is. */
export function refusal(err: unknown, what: string): unknown {
  const engine = engineStatus(err);
  if (!engine) return err;
  const message = engine.message.replace(/^\(HTTP code \d+\)\s*[a-z ]*-\s*/i, "").trim();
  const rule = RULES.find(([re]) => re.test(message));
  let code: ErrorCode;
  if (rule) code = rule[1];
  else if (engine.status === 404) code = "not_found";
  else if (engine.status === 409 || engine.status === 403) code = "conflict";
  else if (engine.status === 400) code = "invalid_input";
  else code = "engine_error";
  return new ApiError(code, `${what}: the engine said "${message}".`, message);
}

/** Interface names as Linux and Docker make them: docker0, br-<id>, veth…, eth0, ens3, enp0s3, wlan0, bond0, vxlan…, docker_gwbridge. */
const INTERFACE_NAME = /\b(docker0|docker_gwbridge|br-[0-9a-f]{12}|veth[0-9a-f]{4,}|eth\d+|ens\d+\w*|enp\d+\w*|eno\d+\w*|wlan\d+|wlp\w+|bond\d+|vxlan\w*|ov-\w+)\b/;

/** Whether an engine message names one of the host's network interfaces (by pattern, or one of `interfaces`). Pure. */
export function mentionsHostInterface(message: string, interfaces: readonly string[]): boolean {
  if (INTERFACE_NAME.test(message)) return true;
  return interfaces.some((name) => name.length >= 2 && name !== "lo" && new RegExp(`(^|[^\\w.-])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\w.-])`).test(message));
}
