/**
 * Every route handler under app/api goes through the one door (withApi) and
 * declares the access it needs; a route written without it, or with a
 * looser access than this table says, fails here.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const API_DIR = path.resolve(__dirname, "..", "..", "app", "api");

/** The access each route's methods need: reading, operating (connect, probe) or administering (create, remove, prune). */
const EXPECTED: Record<string, Record<string, "public" | "read" | "operate" | "administer">> = {
  "containers/[idOrName]": { GET: "read" },
  "containers/[idOrName]/logs": { GET: "read" },
  "services/[idOrName]/logs": { GET: "read" },
  drivers: { GET: "read" },
  events: { GET: "read" },
  health: { GET: "read" },
  networks: { POST: "administer" },
  "networks/[idOrName]": { GET: "read", DELETE: "administer" },
  "networks/[idOrName]/connect": { POST: "operate" },
  "networks/[idOrName]/disconnect": { POST: "operate" },
  "networks/prune": { POST: "administer" },
  probe: { POST: "operate" },
  "services/[idOrName]/networks": { POST: "operate" },
  "services/[idOrName]/networks/[networkIdOrName]": { DELETE: "operate" },
  labs: { GET: "read" },
  "labs/[lab]/steps/[step]": { POST: "operate" },
  "labs/[lab]/reset": { POST: "operate" },
  datapath: { GET: "read" },
  export: { GET: "read" },
  topology: { GET: "read" },
  engines: { GET: "read", POST: "administer" },
  "engines/[engine]": { DELETE: "administer" },
  session: { GET: "public", POST: "public", DELETE: "public" },
  "session/oidc": { GET: "public" },
  "session/oidc/callback": { GET: "public" },
  tokens: { GET: "read", POST: "read" },
  "tokens/[id]": { DELETE: "read" },
  audit: { GET: "read" },
  users: { GET: "administer", POST: "administer" },
  "users/[name]": { PATCH: "administer", DELETE: "administer" },
  views: { GET: "read", POST: "read" },
  "views/[id]": { GET: "read", DELETE: "read" },
  "present-links": { GET: "administer", POST: "administer" },
  "present-links/[id]": { DELETE: "administer" },
};

/** Routes about no single engine: no /api/engines/{engine}/ twin. */
const UNSCOPED = ["engines", "engines/[engine]", "session", "session/oidc", "session/oidc/callback", "tokens", "tokens/[id]", "audit", "users", "users/[name]", "present-links", "present-links/[id]"];

/** Engine-scoped routes re-export a top-level route's handlers, which resolve the engine from the path. */
const ENGINE_SCOPED = /^engines\/\[engine\]\/(.+)$/;
const REEXPORT = /^export \{ ([A-Z, ]+) \} from "@\/app\/api\/(.+)\/route";$/m;

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return entry === "route.ts" || entry === "route.tsx" ? [full] : [];
  });
}

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

describe("every API route goes through withApi", () => {
  const files = routeFiles(API_DIR);
  const found: Record<string, Record<string, string>> = {};

  it("finds the route files", () => {
    expect(files.length).toBeGreaterThanOrEqual(Object.keys(EXPECTED).length);
  });

  for (const file of files) {
    const route = path.relative(API_DIR, path.dirname(file)).split(path.sep).join("/");
    const scoped = ENGINE_SCOPED.exec(route);
    if (scoped) {
      it(`${route}: re-exports every handler of /api/${scoped[1]}, and nothing else`, () => {
        const source = readFileSync(file, "utf8");
        const reexport = REEXPORT.exec(source);
        expect(reexport, `${route} must be \`export { METHODS } from "@/app/api/${scoped[1]}/route";\``).not.toBeNull();
        expect(reexport?.[2]).toBe(scoped[1]);
        expect(source.match(/^export /gm)).toHaveLength(1);
        const methods = (reexport?.[1] ?? "").split(",").map((m) => m.trim()).sort();
        expect(methods).toEqual(Object.keys(EXPECTED[scoped[1] ?? ""] ?? {}).sort());
        found[route] = Object.fromEntries(methods.map((m) => [m, EXPECTED[scoped[1] ?? ""]?.[m] ?? ""]));
      });
      continue;
    }
    it(`${route}: each exported method is withApi with its declared access, and nothing else is exported`, () => {
      const source = readFileSync(file, "utf8");
      const methods: Record<string, string> = {};
      for (const m of source.matchAll(/^export\s+(?:const|let|var|async\s+function|function|\{)\s*([A-Za-z_]\w*)?/gm)) {
        const name = m[1] ?? "";
        expect(HTTP_METHODS, `${route} exports "${m[0]}": only HTTP method handlers may be exported`).toContain(name);
        const wrapped = new RegExp(`^export const ${name} = withApi(?:<[^>]*>)?\\(\\{ access: "(public|read|operate|administer)"([^}]*)\\}`, "m").exec(source);
        expect(wrapped, `${route} ${name} is not \`export const ${name} = withApi({ access: ... }, handler)\``).not.toBeNull();
        methods[name] = wrapped?.[1] ?? "";
        // Every change and every probe is audited, allowed or refused.
        if (name !== "GET" && (methods[name] === "operate" || methods[name] === "administer")) expect(wrapped?.[2], `${route} ${name} names no audited action`).toMatch(/action: "[a-z.-]+"/);
      }
      found[route] = methods;
      expect(methods).toEqual(EXPECTED[route] ?? { unexpected: "add this route to EXPECTED with the access it needs" });
    });
  }

  it("the one route outside /api, GET /p/{token} (a presentation link), goes through withApi too, audited", () => {
    const source = readFileSync(path.resolve(API_DIR, "..", "p", "[token]", "route.ts"), "utf8");
    expect(source.match(/^export /gm)).toHaveLength(1);
    expect(source).toMatch(/^export const GET = withApi<\{ token: string \}>\(\{ access: "public", scope: "none", action: "present-link.open" \}/m);
  });

  it("covers every route in the table, and every engine-scoped route but the engine list", () => {
    const scopedExpected = Object.keys(EXPECTED).filter((r) => !UNSCOPED.includes(r)).map((r) => `engines/[engine]/${r}`);
    expect(Object.keys(found).sort()).toEqual([...Object.keys(EXPECTED), ...scopedExpected].sort());
  });
});
