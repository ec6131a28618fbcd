/**
 * Saved views and presentation links (issue 11, part 2) against built
 * servers: one with sign-in on, serving the test engine (`local`) and a
 * second engine (`lab`), and one without accounts. Views are each person's
 * own and shared read-only by their ID with whoever has a role on the engine;
 * a presentation link's holder reads exactly one engine and nothing else, and
 * loses it the moment the link is revoked. The engine is checked unchanged
 * after every refused change.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { NewPresentLinkBody, PresentLinksBody } from "@/lib/auth/present-api";
import type { AuditBody, SessionBody } from "@/lib/auth/types";
import type { HealthBody } from "@/lib/api/health";
import type { EnginesBody } from "@/lib/engines/types";
import type { NewView, SavedView, ViewsBody } from "@/lib/views/schema";
import { addUser, signIn, usersCli } from "../support/accounts";
import { cleanupLabelled, createNetwork, runContainer, uniqueName } from "../support/docker-cli";
import { expectError, expectUnchanged, json, send, type RawResponse } from "../support/mutate";
import { freePort, freshDataDir, startServer, type RunningServer } from "../support/server";

const engine2 = inject("engine2Host");
const local = process.env.DOCKER_HOST || "unix:///var/run/docker.sock";
const HEX = (c: string): string => c.repeat(64);

function view(name: string, over: Partial<NewView> = {}): NewView {
  return {
    name,
    filter: { networks: ["backend"], drivers: [], projects: [], states: ["running"], hidePredefined: true },
    selection: `sbx:${HEX("b")}`,
    viewport: { x: 12.5, y: -40, zoom: 0.75 },
    positions: { [`net:${HEX("a")}`]: { x: 100, y: 200 }, [`sbx:${HEX("b")}`]: { x: -50, y: 320 } },
    ...over,
  };
}

/** Reads a streamed body to its end; resolves true when the server ends it, false if still open after `ms`. */
async function endsWithin(res: Response, ms: number): Promise<boolean> {
  const reader = res.body?.getReader();
  if (!reader) return true;
  const deadline = new Promise<false>((resolve) => setTimeout(() => resolve(false), ms));
  const drained = (async (): Promise<true> => {
    for (;;) if ((await reader.read()).done) return true;
  })();
  const ended = await Promise.race([drained, deadline]);
  if (!ended) await reader.cancel().catch(() => undefined);
  return ended;
}

describe("saved views and presentation links, with sign-in", () => {
  const dataDir = freshDataDir();
  let server: RunningServer;
  const net = uniqueName("vw-net");
  const box = uniqueName("vw-box");
  const cookies: Record<string, string> = {};
  let adaToken = "";
  const as = (who: string, extra: Record<string, string> = {}): Record<string, string> => ({ cookie: cookies[who] ?? "", ...extra });
  const call = (method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<RawResponse> =>
    send(server.url, method, path, { headers, ...(body !== undefined ? { body } : {}) });
  /** Where a redirect points, as a path of the server. */
  const pathOf = (res: RawResponse): string => {
    const url = new URL(String(res.headers.location ?? ""), server.url);
    return `${url.pathname}${url.search}`;
  };
  const listOf = async (who: string, path = "/api/views"): Promise<SavedView[]> => {
    const res = await call("GET", path, as(who));
    expect(res.status, res.text).toBe(200);
    return json<ViewsBody>(res).views;
  };

  beforeAll(async () => {
    createNetwork(net);
    runContainer(box, ["--network", net]);
    const passwords: Record<string, string> = {
      ada: addUser(dataDir, "ada", "admin"),
      vera: addUser(dataDir, "vera", "viewer"),
      // An operator on `local` alone: `lab` does not exist for him.
      otto: addUser(dataDir, "otto", "operator", "local"),
    };
    adaToken = usersCli(dataDir, ["token", "ada", "--name", "script"]);
    server = await startServer(await freePort(), { CNMAP_DATA_DIR: dataDir, CNMAP_ENGINES: `local=${local};lab=${engine2}` });
    for (const [name, password] of Object.entries(passwords)) cookies[name] = await signIn(server.url, name, password);
  });
  afterAll(async () => {
    await server?.stop();
    cleanupLabelled();
  });

  describe("views", () => {
    it("are saved, listed, opened and deleted per user; a name saved again replaces the view and keeps its ID", async () => {
      const made = await call("POST", "/api/views", as("vera"), view("backend"));
      expect(made.status, made.text).toBe(201);
      const saved = json<{ view: SavedView }>(made).view;
      expect(saved).toMatchObject({ ...view("backend"), engine: "local", mine: true });
      expect(saved.id).toMatch(/^[0-9a-f-]{36}$/);

      const again = await call("POST", "/api/views", as("vera"), view("backend", { viewport: { x: 1, y: 2, zoom: 1.5 } }));
      expect(again.status, again.text).toBe(200);
      expect(json<{ view: SavedView }>(again).view).toMatchObject({ id: saved.id, viewport: { x: 1, y: 2, zoom: 1.5 } });

      expect((await listOf("vera")).map((v) => [v.id, v.name])).toEqual([[saved.id, "backend"]]);
      // The engine-scoped twin is the same list.
      expect((await listOf("vera", "/api/engines/local/views")).map((v) => v.id)).toEqual([saved.id]);
      const opened = await call("GET", `/api/views/${saved.id}`, as("vera"));
      expect(json<{ view: SavedView }>(opened).view).toMatchObject({ id: saved.id, mine: true, viewport: { zoom: 1.5 } });

      const gone = await call("DELETE", `/api/views/${saved.id}`, as("vera"));
      expect(gone.status, gone.text).toBe(204);
      expectError(await call("GET", `/api/views/${saved.id}`, as("vera")), 404, "not_found");
      expect(await listOf("vera")).toEqual([]);
    });

    it("are each person's own: others list none of them, open a shared one read-only, and cannot delete it", async () => {
      const saved = json<{ view: SavedView }>(await call("POST", "/api/views", as("vera"), view("shared"))).view;
      expect(await listOf("ada")).toEqual([]);
      expect(await listOf("otto")).toEqual([]);
      for (const who of ["ada", "otto"]) {
        const opened = await call("GET", `/api/views/${saved.id}`, as(who));
        expect(opened.status, `${who}: ${opened.text}`).toBe(200);
        expect(json<{ view: SavedView }>(opened).view).toMatchObject({ id: saved.id, name: "shared", mine: false });
        expect(opened.text).not.toContain("userId");
        expectError(await call("DELETE", `/api/views/${saved.id}`, as(who)), 404, "not_found");
      }
      // A token acts for its owner: ada's script sees ada's views, not vera's.
      const byToken = await call("GET", "/api/views", { authorization: `Bearer ${adaToken}` });
      expect(json<ViewsBody>(byToken).views).toEqual([]);
      expect((await listOf("vera")).map((v) => v.id)).toEqual([saved.id]);
      // A view of one engine is not one of another's.
      expectError(await call("GET", `/api/engines/lab/views/${saved.id}`, as("vera")), 404, "not_found");
    });

    it("of an engine the opener has no role on do not exist for them", async () => {
      const made = await call("POST", "/api/engines/lab/views", as("vera"), view("lab view"));
      expect(made.status, made.text).toBe(201);
      const saved = json<{ view: SavedView }>(made).view;
      expect(saved.engine).toBe("lab");
      expect((await listOf("vera", "/api/engines/lab/views")).map((v) => v.id)).toContain(saved.id);
      for (const [method, path] of [
        ["GET", `/api/engines/lab/views/${saved.id}`],
        ["GET", "/api/engines/lab/views"],
        ["DELETE", `/api/engines/lab/views/${saved.id}`],
      ] as const) {
        const res = await call(method, path, as("otto"));
        expectError(res, 404, "not_found");
        expect(res.text).not.toContain("lab view");
      }
      // Nor under the engine he does have.
      expectError(await call("GET", `/api/views/${saved.id}`, as("otto")), 404, "not_found");
      expectError(await call("POST", "/api/engines/lab/views", as("otto"), view("mine")), 404, "not_found");
    });

    it("refuse bad input with 400 and a clear message, and keep nothing", async () => {
      const before = await listOf("ada");
      const positions = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`sbx:${i.toString(16).padStart(64, "0")}`, { x: i, y: i }]));
      const bad: [unknown, RegExp][] = [
        [view("x".repeat(81)), /name/],
        [view("   "), /name/],
        [view("ok", { positions: positions(2001) }), /at most 2000 node positions/],
        [view("ok", { selection: "sbx:not-an-id" }), /selection/],
        [view("ok", { viewport: { x: 0, y: 0, zoom: 50 } }), /viewport\.zoom/],
        [view("ok", { positions: { "javascript:alert(1)": { x: 0, y: 0 } } }), /positions/],
        [{ ...view("ok"), owner: "vera" }, /Unrecognized|owner/i],
        [{ ...view("ok"), engine: "lab" }, /Unrecognized|engine/i],
        [{ name: "ok" }, /filter/],
      ];
      for (const [body, message] of bad) expectError(await call("POST", "/api/views", as("ada"), body), 400, "invalid_input", message);
      expectError(await call("POST", "/api/views", as("ada"), "{not json"), 400, "invalid_input", /not valid JSON/);
      expectError(await call("POST", "/api/views", as("ada", { "content-type": "text/plain" }), "{}"), 415, "unsupported_media_type");
      // 2,000 positions fit; a body past 256 KiB does not.
      const full = await call("POST", "/api/views", as("ada"), view("full", { positions: positions(2000) }));
      expect(full.status, full.text.slice(0, 300)).toBe(201);
      expectError(await call("POST", "/api/views", as("ada"), { ...view("huge"), pad: "x".repeat(300 * 1024) }), 413, "payload_too_large");
      expectError(await call("GET", "/api/views/not-a-uuid", as("ada")), 404, "not_found");
      // From another site, nothing is saved.
      expectError(await call("POST", "/api/views", as("ada", { origin: "http://evil.example", "sec-fetch-site": "cross-site" }), view("csrf")), 403, "forbidden");
      const after = await listOf("ada");
      expect(after.map((v) => v.name)).toEqual([...before.map((v) => v.name), "full"].sort());
      const del = await call("DELETE", `/api/views/${after.find((v) => v.name === "full")?.id ?? ""}`, as("ada"));
      expect(del.status).toBe(204);
    });

    it("need sign-in: without credentials every view route is 401", async () => {
      for (const [method, path] of [["GET", "/api/views"], ["POST", "/api/views"], ["GET", `/api/views/${HEX("0").slice(0, 8)}-0000-4000-8000-000000000000`]] as const) {
        expectError(await call(method, path, {}, method === "POST" ? view("x") : undefined), 401, "unauthorized");
      }
    });
  });

  describe("presentation links", () => {
    let sharedView: SavedView;
    let otherView: SavedView;
    let link: NewPresentLinkBody;
    let cookie = "";

    beforeAll(async () => {
      sharedView = json<{ view: SavedView }>(await call("POST", "/api/views", as("ada"), view("wall"))).view;
      otherView = json<{ view: SavedView }>(await call("POST", "/api/views", as("ada"), view("private"))).view;
    });

    it("are made by global admins only, signed in, with checked input", async () => {
      const body = { label: "Wall screen", engine: "local", view: sharedView.id, query: "theme=dark&cycle=30" };
      expectError(await call("POST", "/api/present-links", as("vera"), body), 403, "forbidden");
      expectError(await call("POST", "/api/present-links", as("otto"), body), 403, "forbidden");
      expectError(await call("POST", "/api/present-links", { authorization: `Bearer ${adaToken}` }, body), 403, "forbidden", /not a token/);
      expectError(await call("GET", "/api/present-links", as("vera")), 403, "forbidden");
      expectError(await call("POST", "/api/present-links", {}, body), 401, "unauthorized");
      const bad: [unknown, RegExp][] = [
        [{ ...body, engine: "nosuch" }, /no such engine/],
        [{ ...body, engine: "lab" }, /no saved view/],
        [{ ...body, query: "engine=lab" }, /not a \/present parameter/],
        [{ ...body, label: "" }, /label/],
        [{ ...body, role: "admin" }, /Unrecognized|role/i],
      ];
      for (const [b, message] of bad) expectError(await call("POST", "/api/present-links", as("ada"), b), 400, "invalid_input", message);

      const made = await call("POST", "/api/present-links", as("ada"), body);
      expect(made.status, made.text).toBe(201);
      link = json<NewPresentLinkBody>(made);
      expect(link.path).toMatch(/^\/p\/cnmap_p_[A-Za-z0-9_-]{43}$/);
      expect(link.link).toMatchObject({ label: "Wall screen", engine: "local", view: sharedView.id, query: "theme=dark&cycle=30", createdBy: "ada", revokedAt: null });
      const listed = json<PresentLinksBody>(await call("GET", "/api/present-links", as("ada"))).links;
      expect(listed.map((l) => l.id)).toContain(link.link.id);
      // The token is shown once: no list has it.
      expect(JSON.stringify(listed)).not.toContain(link.path.slice("/p/cnmap_p_".length + 6));
    });

    it("open with no account: the cookie is httpOnly and SameSite=Strict, and the page moves on to /present on the link's engine", async () => {
      // A token that is not one: refused, and any old cookie cleared.
      const wrong = await call("GET", "/p/cnmap_p_" + "A".repeat(43), {});
      expect(wrong.status).toBe(404);
      expect(String(wrong.headers["set-cookie"])).toMatch(/cnmap_present=; .*Max-Age=0/);
      const opened = await call("GET", link.path, {});
      expect(opened.status, opened.text).toBe(200);
      const setCookie = ([] as string[]).concat(opened.headers["set-cookie"] ?? []).find((c) => c.startsWith("cnmap_present="));
      expect(setCookie).toMatch(/^cnmap_present=cnmap_p_[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
      cookie = (setCookie ?? "").split(";")[0] ?? "";
      // The page that moves on sends no Referer (which would carry the token) from there.
      expect(opened.text).toContain('<meta name="referrer" content="no-referrer">');
      expect(opened.headers["cache-control"]).toBe("no-store");
      expect(opened.text).toContain(`url=/present?engine=local&#38;view=${sharedView.id}&#38;theme=dark&#38;cycle=30`);
      const entries = json<PresentLinksBody>(await call("GET", "/api/present-links", as("ada"))).links;
      expect(entries.find((l) => l.id === link.link.id)?.lastUsedAt).toBeTruthy();
    });

    it("give viewer access to exactly that engine's read routes", async () => {
      const holder = { cookie };
      const reads = [
        "/api/topology",
        "/api/engines/local/topology",
        "/api/health",
        "/api/drivers",
        "/api/export?format=json",
        "/api/export?format=mermaid",
        `/api/networks/${net}`,
        `/api/containers/${box}`,
        "/api/datapath",
        `/api/engines/local/views/${sharedView.id}`,
        "/api/engines/local/views",
      ];
      for (const path of reads) {
        const res = await call("GET", path, holder);
        expect(res.status, `${path}: ${res.text.slice(0, 300)}`).toBe(200);
      }
      const health = json<HealthBody>(await call("GET", "/api/health", holder));
      expect(health.you).toEqual({ name: "link:Wall screen", role: "viewer", kind: "link" });
      // The views they list are the link's one view.
      expect(json<ViewsBody>(await call("GET", "/api/views", holder)).views.map((v) => [v.id, v.mine])).toEqual([[sharedView.id, false]]);
      // The engine list names their engine alone.
      expect(json<EnginesBody>(await call("GET", "/api/engines", holder)).engines.map((e) => e.id)).toEqual(["local"]);
      // The session route does not take them for a person.
      expect(json<SessionBody>(await call("GET", "/api/session", holder)).actor).toBeNull();
      const events = await fetch(`${server.url}/api/events`, { headers: holder });
      expect(events.status).toBe(200);
      await events.body?.cancel();
    });

    it("refuse everything else: changes, other views, another engine, people, tokens, the audit trail, other pages", async () => {
      const holder = { cookie };
      const changes: [string, string, unknown][] = [
        ["POST", "/api/networks", { name: uniqueName("vw-nope") }],
        ["DELETE", `/api/networks/${net}`, undefined],
        ["POST", `/api/networks/${net}/connect`, { container: box }],
        ["POST", `/api/networks/${net}/disconnect`, { container: box }],
        ["POST", "/api/engines/local/networks/prune", { dryRun: false }],
        ["POST", "/api/probe", { from: box, kind: "ping", target: "127.0.0.1", count: 1 }],
        ["POST", "/api/views", view("theirs")],
        ["DELETE", `/api/views/${sharedView.id}`, undefined],
      ];
      for (const [method, path, body] of changes) {
        const res = await expectUnchanged([box], () => call(method, path, holder, body));
        expectError(res, 403, "forbidden");
      }
      expectError(await call("GET", `/api/views/${otherView.id}`, holder), 404, "not_found");
      for (const path of ["/api/engines/lab/topology", "/api/engines/lab/events", "/api/engines/lab/health", "/api/engines/lab/views"]) {
        expectError(await call("GET", path, holder), 404, "not_found");
      }
      const elsewhere: [string, string, unknown][] = [
        ["GET", "/api/users", undefined],
        ["POST", "/api/users", { username: "mallory", password: "long enough password", role: "admin" }],
        ["GET", "/api/tokens", undefined],
        ["POST", "/api/tokens", { name: "steal" }],
        ["GET", "/api/audit", undefined],
        ["GET", "/api/present-links", undefined],
        ["POST", "/api/present-links", { label: "more", engine: "local" }],
        ["DELETE", `/api/present-links/${link.link.id}`, undefined],
        ["POST", "/api/engines", { name: "mine", address: "tcp://127.0.0.1:1" }],
        ["DELETE", "/api/engines/lab", undefined],
      ];
      for (const [method, path, body] of elsewhere) {
        const res = await call(method, path, holder, body);
        expectError(res, 401, "unauthorized");
      }
      for (const page of ["/", "/audit", "/?engine=lab"]) {
        const res = await call("GET", page, { ...holder, accept: "text/html" });
        expect(res.status, page).toBe(307);
        expect(pathOf(res)).toMatch(/^\/login\?next=/);
      }
      const present = await call("GET", "/present?engine=local", { ...holder, accept: "text/html" });
      expect(present.status).toBe(200);
      const otherEngine = await call("GET", "/present?engine=lab", { ...holder, accept: "text/html" });
      expect(otherEngine.status).toBe(307);
      expect(pathOf(otherEngine)).toBe(`/present?engine=local&view=${sharedView.id}&theme=dark&cycle=30`);
      const nobody = await call("GET", "/present?engine=local", { accept: "text/html" });
      expect(nobody.status).toBe(307);
      expect(pathOf(nobody)).toMatch(/^\/login\?next=/);
    });

    it("stop at once when revoked: the next request is refused and an open event stream ends", async () => {
      const holder = { cookie };
      const stream = await fetch(`${server.url}/api/events`, { headers: holder });
      expect(stream.status).toBe(200);
      expectError(await call("DELETE", `/api/present-links/${link.link.id}`, as("vera")), 403, "forbidden");
      const revoked = await call("DELETE", `/api/present-links/${link.link.id}`, as("ada"));
      expect(revoked.status, revoked.text).toBe(204);
      expect(await endsWithin(stream, 5000)).toBe(true);
      expectError(await call("GET", "/api/topology", holder), 401, "unauthorized", /revoked/);
      expectError(await call("GET", "/api/events", holder), 401, "unauthorized", /revoked/);
      expect((await call("GET", link.path, {})).status).toBe(404);
      const present = await call("GET", "/present?engine=local", { ...holder, accept: "text/html" });
      expect(present.status).toBe(307);
      expectError(await call("DELETE", `/api/present-links/${link.link.id}`, as("ada")), 404, "not_found");
      const listed = json<PresentLinksBody>(await call("GET", "/api/present-links", as("ada"))).links;
      expect(listed.find((l) => l.id === link.link.id)?.revokedAt).toBeTruthy();
    });

    it("are in the audit trail: made, opened (and refused), revoked; views saved and removed", async () => {
      const audit = async (action: string) => json<AuditBody>(await call("GET", `/api/audit?action=${action}`, as("ada"))).entries;
      const created = await audit("present-link.create");
      expect(created.filter((e) => e.outcome === "ok").map((e) => [e.actor, e.engine, e.target])).toContainEqual(["ada", "local", `Wall screen (${link.link.prefix}…)`]);
      expect(created.some((e) => e.actor === "vera" && e.outcome === "refused")).toBe(true);
      const opened = await audit("present-link.open");
      expect(opened.some((e) => e.outcome === "ok" && e.actor === "link:Wall screen" && e.engine === "local")).toBe(true);
      expect(opened.some((e) => e.outcome === "refused" && /revoked/.test(e.message ?? ""))).toBe(true);
      expect(opened.some((e) => e.outcome === "refused" && /unknown/.test(e.message ?? ""))).toBe(true);
      const revoked = await audit("present-link.revoke");
      expect(revoked.some((e) => e.outcome === "ok" && e.actor === "ada" && e.engine === "local")).toBe(true);
      // No token in the trail.
      const all = JSON.stringify(json<AuditBody>(await call("GET", "/api/audit?limit=5000", as("ada"))).entries);
      expect(all).not.toContain(link.path.slice("/p/cnmap_p_".length + 6));
      expect((await audit("view.save")).some((e) => e.actor === "vera" && e.outcome === "ok")).toBe(true);
      expect((await audit("view.remove")).some((e) => e.actor === "vera" && e.outcome === "ok")).toBe(true);
    });
  });
});

describe("saved views and presentation links, without sign-in", () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer(await freePort(), { CNMAP_DATA_DIR: freshDataDir() });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("keeps views in the browser, not on the server: the view routes say so (409)", async () => {
    expectError(await send(server.url, "GET", "/api/views"), 409, "conflict", /kept in your browser/);
    expectError(await send(server.url, "POST", "/api/views", { body: view("x") }), 409, "conflict", /kept in your browser/);
    expectError(await send(server.url, "GET", "/api/views/00000000-0000-4000-8000-000000000000"), 409, "conflict");
  });

  it("has no presentation links: they need sign-in (409), and /p/… opens nothing", async () => {
    expectError(await send(server.url, "GET", "/api/present-links"), 409, "conflict", /need sign-in/);
    expectError(await send(server.url, "POST", "/api/present-links", { body: { label: "x", engine: "local" } }), 409, "conflict", /need sign-in/);
    expect((await send(server.url, "GET", `/p/cnmap_p_${"A".repeat(43)}`)).status).toBe(404);
  });
});
