/**
 * Users and API tokens from the command line, with no UI needed:
 *
 *   npm run users -- add NAME --role admin|operator|viewer [--engine ID] --password-stdin
 *   npm run users -- role NAME --role ROLE|none [--engine ID]
 *   npm run users -- token NAME [--expires 30d] [--role ROLE] [--name LABEL]   (prints only the token)
 *   npm run users -- list
 *   npm run users -- remove NAME
 *
 * The data lives in SQLite under CNMAP_DATA_DIR (default ./data), created on
 * first use and migrated forward by itself. Every change is audited as
 * actor "cli".
 */
import { parseArgs } from "node:util";
import path from "node:path";
import { AccountError } from "../lib/auth/accounts";
import { openAuthContext } from "../lib/auth/context-open";
import { isRole, parseDuration, type Role } from "../lib/auth/roles";

const USAGE = `usage:
  npm run users -- add NAME --role admin|operator|viewer [--engine ID] --password-stdin
  npm run users -- role NAME --role admin|operator|viewer|none [--engine ID]
  npm run users -- token NAME [--expires 30d] [--role ROLE] [--name LABEL]
  npm run users -- list
  npm run users -- remove NAME`;

function fail(message: string): never {
  console.error(`users: ${message}`);
  process.exit(2);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One line: the password, without its line ending.
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

function roleOption(value: string | undefined, required: boolean): Role | undefined {
  if (value === undefined) return required ? fail("--role is required (admin, operator or viewer)") : undefined;
  if (!isRole(value)) fail(`--role ${value}: use admin, operator or viewer`);
  return value;
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      role: { type: "string" },
      engine: { type: "string" },
      "password-stdin": { type: "boolean" },
      expires: { type: "string" },
      name: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, user] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return;
  }
  const dataDir = path.resolve(process.env.CNMAP_DATA_DIR || "data");
  const ctx = await openAuthContext(dataDir, process.env.CNMAP_PUBLIC_URL || "http://127.0.0.1:3000", process.env);
  const audit = (action: string, target: string, outcome: "ok" | "refused" = "ok", message?: string): void => {
    ctx.audit.record({ actor: "cli", engine: values.engine ?? "", action, target, command: "", outcome, client: "cli", ...(message ? { message } : {}) });
  };
  const needUser = (): string => user ?? fail(`${command} needs a user name\n${USAGE}`);

  try {
    switch (command) {
      case "add": {
        const name = needUser();
        const role = roleOption(values.role, true) as Role;
        if (!values["password-stdin"]) fail("give the password on standard input with --password-stdin (never as an argument: it would stay in the shell history)");
        const password = await readStdin();
        const created = await ctx.accounts.add(name, password, role, values.engine);
        audit("user.add", `${created.username} (${role}${values.engine ? ` on ${values.engine}` : ""})`);
        console.log(`added ${created.username}: ${role}${values.engine ? ` on engine ${values.engine}` : ""}`);
        return;
      }
      case "role": {
        const found = ctx.accounts.byName(needUser()) ?? fail(`no user ${user}`);
        if (values.role === "none") {
          ctx.accounts.clearRole(found.id, values.engine ?? "");
          audit("user.role", `${found.username} (no role${values.engine ? ` on ${values.engine}` : " everywhere"})`);
          console.log(`${found.username}: no role${values.engine ? ` on engine ${values.engine}` : " everywhere"}`);
          return;
        }
        const role = roleOption(values.role, true) as Role;
        ctx.accounts.setRole(found.id, role, values.engine ?? "");
        audit("user.role", `${found.username} (${role}${values.engine ? ` on ${values.engine}` : ""})`);
        console.log(`${found.username}: ${role}${values.engine ? ` on engine ${values.engine}` : ""}`);
        return;
      }
      case "token": {
        const found = ctx.accounts.byName(needUser()) ?? fail(`no user ${user}`);
        const expires = values.expires === undefined ? undefined : (parseDuration(values.expires) ?? fail(`--expires ${values.expires}: use 30d, 12h, 45m or seconds`));
        const role = roleOption(values.role, false);
        const label = values.name ?? `cli-${new Date().toISOString().slice(0, 10)}`;
        const { token } = ctx.accounts.createToken(found, { name: label, ...(role ? { role } : {}), ...(expires ? { expiresInSeconds: expires } : {}) });
        audit("token.create", `${found.username}/${label}`);
        // Only the token, so a script can take it: TOKEN=$(npm run -s users -- token alice)
        console.log(token);
        return;
      }
      case "list": {
        for (const u of ctx.accounts.list()) {
          const engines = Object.entries(u.engineRoles).map(([e, r]) => `${r} on ${e}`);
          const tokens = ctx.accounts.listTokens(u.id).filter((t) => !t.revokedAt).length;
          console.log(`${u.username}\t${[u.role ?? "", ...engines].filter(Boolean).join(", ") || "(no role)"}\t${tokens} token${tokens === 1 ? "" : "s"}`);
        }
        return;
      }
      case "remove": {
        const name = needUser();
        if (!ctx.accounts.remove(name)) fail(`no user ${name}`);
        audit("user.remove", name);
        console.log(`removed ${name}`);
        return;
      }
      default:
        fail(`unknown command ${command}\n${USAGE}`);
    }
  } catch (err) {
    if (err instanceof AccountError) fail(err.message);
    throw err;
  }
}

void main();
