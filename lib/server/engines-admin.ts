/**
 * The engine routes' work: global admins add engines to the running server
 * (kept in the data folder, served at once, no restart) and remove the ones
 * they added (the session closed, the engine's roles removed). Configured
 * engines are refused with where to change them. Every step is audited by
 * the door; the roles removed with an engine get a record each.
 */
import "server-only";
import { describeIssues } from "../api/body";
import { ApiError } from "../api/errors";
import type { ApiContext } from "../api/with-api";
import { requireGlobalAdmin } from "../auth/global-admin";
import { addEngineCommand, removeEngineCommand } from "../commands/docker-cli";
import { addedEngine, certProblem, newEngineSchema, type NewEngineInput } from "../engines/added";
import { ENGINE_NAME, parseEndpoint } from "../engines/config";
import { missingCertFiles } from "../engines/contexts";
import type { EngineSummary } from "../engines/types";

const TASK = "Managing engines";

type AdminContext = Pick<ApiContext<object>, "engines" | "auth" | "actor" | "client" | "audit">;

/**
 * Adds an engine and answers its summary: connected or not, and why. The
 * caller is checked before the input (a refusal names the engine all the
 * same), then the input with the form's own checks.
 */
export async function addEngine(ctx: AdminContext, body: NewEngineInput): Promise<EngineSummary> {
  const endpoint = parseEndpoint(body.address);
  ctx.audit({
    engine: ENGINE_NAME.test(body.name) ? body.name.toLowerCase() : "",
    target: `${body.name.slice(0, 80)} (${body.address.slice(0, 300)})`,
    command: endpoint.ok ? addEngineCommand(body.name, body.address, endpoint.value) : "",
  });
  requireGlobalAdmin(ctx.auth, ctx.actor, TASK);
  const checked = newEngineSchema.safeParse(body);
  if (!checked.success) throw new ApiError("invalid_input", `Invalid input: ${describeIssues(checked.error)}.`);
  const input = checked.data;
  const id = input.name.toLowerCase();
  const row = { id, name: input.name, address: input.address, createdAt: new Date().toISOString(), createdBy: ctx.actor.name };
  const engine = addedEngine(row);
  if (!engine.ok) throw new ApiError("invalid_input", engine.error);
  const certs = certProblem(engine.value, missingCertFiles);
  if (certs) throw new ApiError("invalid_input", certs);
  ctx.engines.checkFree(engine.value);
  ctx.auth.engines.save(row);
  const session = ctx.engines.add(engine.value);
  return session.summary();
}

/** Removes an engine an admin added: forgotten, its roles removed (each audited), its session closed. */
export function removeEngine(ctx: AdminContext, id: string): void {
  const session = ctx.engines.get(id);
  ctx.audit({ engine: session.id, target: `${session.name} (${session.address})`, command: removeEngineCommand(session.name) });
  requireGlobalAdmin(ctx.auth, ctx.actor, TASK);
  ctx.engines.checkRemovable(session);
  ctx.auth.engines.remove(session.id);
  const roles = ctx.auth.accounts.removeEngineRoles(session.id);
  // Like its roles, its presentation links end with it: an engine added later under the same name is another engine.
  const links = ctx.auth.links.revokeEngine(session.id);
  ctx.engines.remove(session.id, ctx.actor.name);
  for (const l of links) {
    ctx.auth.audit.record({ actor: ctx.actor.name, engine: session.id, action: "present-link.revoke", target: `${l.label} (${l.prefix}…): revoked with the engine`, command: "", outcome: "ok", client: ctx.client });
  }
  for (const r of roles) {
    ctx.auth.audit.record({
      actor: ctx.actor.name,
      engine: session.id,
      action: "user.role",
      target: `${r.username} (${r.role} on ${session.id}: removed with the engine)`,
      command: "",
      outcome: "ok",
      client: ctx.client,
    });
  }
}
