/**
 * Saved views and presentation links, the pure and stored parts: the limits a
 * view is held to, capturing the screen, the browser's store, the server's
 * store, link tokens (hashed, revocable, their streams ended) and the query a
 * link may add.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { openAuthContext } from "@/lib/auth/context-open";
import { cookieValue } from "@/lib/auth/cookies";
import { linkQuery, linkTarget } from "@/lib/auth/present-api";
import { linkCookie } from "@/lib/auth/present-open";
import { browserViews, removeBrowserView, saveBrowserView, type KeyValueStore } from "@/lib/views/browser-store";
import { captureView, viewHref } from "@/lib/views/capture";
import { newViewSchema, VIEW_LIMITS, type NewView } from "@/lib/views/schema";

const NET = "a".repeat(64);
const SBX = "b".repeat(64);

const good: NewView = {
  name: "backend",
  filter: { networks: ["backend"], drivers: [], projects: [], states: [], hidePredefined: false },
  selection: `net:${NET}`,
  viewport: { x: 1, y: 2, zoom: 1.5 },
  positions: { [`net:${NET}`]: { x: 1, y: 2 } },
};

function issues(value: unknown): string {
  const r = newViewSchema.safeParse(value);
  return r.success ? "" : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
}

async function context() {
  return openAuthContext(mkdtempSync(path.join(os.tmpdir(), "cnmap-views-")), "http://127.0.0.1:3000", {});
}

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe("a view's limits", () => {
  it("accepts a view within them", () => {
    expect(issues(good)).toBe("");
    expect(issues({ ...good, selection: null, positions: {} })).toBe("");
  });

  it("refuses each kind of bad input, naming the field", () => {
    const positions = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`sbx:${i.toString(16).padStart(64, "0")}`, { x: 0, y: 0 }]));
    expect(issues({ ...good, positions: positions(VIEW_LIMITS.positions) })).toBe("");
    expect(issues({ ...good, positions: positions(VIEW_LIMITS.positions + 1) })).toMatch(/positions: at most 2000/);
    expect(issues({ ...good, name: "" })).toMatch(/^name/);
    expect(issues({ ...good, name: "   " })).toMatch(/^name/);
    expect(issues({ ...good, name: "x".repeat(VIEW_LIMITS.name + 1) })).toMatch(/^name/);
    expect(issues({ ...good, name: "bell\u0007" })).toMatch(/control/);
    expect(issues({ ...good, selection: "sbx:zzz" })).toMatch(/^selection/);
    expect(issues({ ...good, viewport: { x: 0, y: 0, zoom: 0 } })).toMatch(/^viewport.zoom/);
    expect(issues({ ...good, viewport: { x: Number.MAX_VALUE, y: 0, zoom: 1 } })).toMatch(/^viewport.x/);
    expect(issues({ ...good, positions: { "<script>": { x: 0, y: 0 } } })).toMatch(/positions/);
    expect(issues({ ...good, positions: { [`net:${NET}`]: { x: "1", y: 0 } } })).toMatch(/positions/);
    expect(issues({ ...good, filter: { ...good.filter, networks: Array(VIEW_LIMITS.filterValues + 1).fill("n") } })).toMatch(/^filter.networks/);
    expect(issues({ ...good, engine: "local" })).toMatch(/engine|Unrecognized/i);
    expect(issues({ ...good, extra: 1 })).toMatch(/Unrecognized/i);
  });
});

describe("capturing the screen as a view", () => {
  it("takes the filter and the selection from the URL, the viewport and positions from the canvas", () => {
    const params = new URLSearchParams(`engine=lab&net=backend,front&hidePredefined=1&select=sbx:${SBX}&group=none`);
    const captured = captureView(" mine ", { params, viewport: { x: 5, y: 6, zoom: 0.5 }, nodes: [{ id: `sbx:${SBX}`, position: { x: 10.4, y: 20.6 } }] });
    expect(captured).toEqual({
      ok: true,
      view: {
        name: "mine",
        filter: { networks: ["backend", "front"], drivers: [], projects: [], states: [], hidePredefined: true },
        selection: `sbx:${SBX}`,
        viewport: { x: 5, y: 6, zoom: 0.5 },
        positions: { [`sbx:${SBX}`]: { x: 10, y: 21 } },
      },
    });
  });

  it("drops a selection that does not parse, and says why it cannot save", () => {
    const c = captureView("x", { params: new URLSearchParams("select=bogus"), viewport: { x: 0, y: 0, zoom: 1 }, nodes: [] });
    expect(c.ok && c.view.selection).toBeNull();
    const tooMany = Array.from({ length: VIEW_LIMITS.positions + 1 }, (_, i) => ({ id: `sbx:${i}`, position: { x: 0, y: 0 } }));
    expect(captureView("x", { params: new URLSearchParams(), viewport: { x: 0, y: 0, zoom: 1 }, nodes: tooMany })).toMatchObject({ ok: false, reason: /at most 2000/ });
    expect(captureView("", { params: new URLSearchParams(), viewport: { x: 0, y: 0, zoom: 1 }, nodes: [] })).toMatchObject({ ok: false, reason: /name/ });
  });

  it("addresses a view by ID, or carries it in the fragment", () => {
    expect(viewHref("lab", { id: "0b1e0f3c-1111-4222-8333-444455556666" })).toBe("/?engine=lab&view=0b1e0f3c-1111-4222-8333-444455556666");
    expect(viewHref("local", { encoded: "abc" })).toBe("/?engine=local#view=abc");
  });
});

describe("views kept in the browser", () => {
  it("saves per engine, replaces by name keeping the ID, removes, and skips entries that are not views", () => {
    const store = memoryStore();
    let n = 0;
    const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;
    const first = saveBrowserView(store, { ...good, engine: "local" }, new Date("2026-01-01"), id);
    saveBrowserView(store, { ...good, name: "Alpha", engine: "local" }, new Date("2026-01-02"), id);
    saveBrowserView(store, { ...good, engine: "lab" }, new Date("2026-01-03"), id);
    const again = saveBrowserView(store, { ...good, viewport: { x: 9, y: 9, zoom: 1 }, engine: "local" }, new Date("2026-01-04"), id);
    expect(again.id).toBe(first.id);
    expect(again.createdAt).toBe(first.createdAt);
    expect(browserViews(store, "local").map((v) => [v.name, v.viewport.x])).toEqual([["Alpha", 1], ["backend", 9]]);
    expect(browserViews(store, "lab")).toHaveLength(1);
    // A hand-edited entry is left out, not handed to the canvas.
    const raw = JSON.parse(store.data.get("cnmap.views.v1") ?? "[]") as unknown[];
    store.setItem("cnmap.views.v1", JSON.stringify([...raw, { id: "local-x", name: "bad", engine: "local", createdAt: "", updatedAt: "", positions: { evil: 1 } }, 5]));
    expect(browserViews(store, "local")).toHaveLength(2);
    expect(removeBrowserView(store, first.id)).toBe(true);
    expect(removeBrowserView(store, first.id)).toBe(false);
    expect(browserViews(store, "local").map((v) => v.name)).toEqual(["Alpha"]);
    store.setItem("cnmap.views.v1", "{not json");
    expect(browserViews(store, "local")).toEqual([]);
  });
});

describe("views kept on the server", () => {
  it("are the owner's, per engine; a name saved again replaces the view and keeps its ID; removed by their owner only", async () => {
    const ctx = await context();
    const a = ctx.views.save("u1", "local", good);
    expect(a.created).toBe(true);
    const b = ctx.views.save("u1", "local", { ...good, viewport: { x: 7, y: 7, zoom: 1 } });
    expect(b).toMatchObject({ created: false, view: { id: a.view.id, viewport: { x: 7 } } });
    ctx.views.save("u1", "lab", good);
    ctx.views.save("u2", "local", good);
    expect(ctx.views.list("u1", "local")).toHaveLength(1);
    expect(ctx.views.count("u1", "lab")).toBe(1);
    expect(ctx.views.get(a.view.id)).toMatchObject({ userId: "u1", engine: "local", name: "backend", positions: good.positions });
    expect(ctx.views.remove("u2", a.view.id)).toBe(false);
    expect(ctx.views.remove("u1", a.view.id)).toBe(true);
    expect(ctx.views.get(a.view.id)).toBeNull();
  });
});

describe("presentation links", () => {
  it("keep only a hash of the token, and verify, note the use of, and revoke a link", async () => {
    const ctx = await context();
    const { token, link } = ctx.links.create({ label: "Wall", engine: "local", view: null, query: "", createdBy: "ada" });
    expect(token).toMatch(/^cnmap_p_[A-Za-z0-9_-]{43}$/);
    expect(link.prefix).toBe(token.slice(0, 14));
    expect(JSON.stringify(ctx.links.list())).not.toContain(token.slice(14));
    const seen = ctx.links.verify(token);
    expect(seen).toMatchObject({ id: link.id, engine: "local" });
    expect("lastUsedAt" in seen && seen.lastUsedAt).toBeTruthy();
    expect(ctx.links.verify(`${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`)).toEqual({ refused: "unknown presentation link" });
    expect(ctx.links.verify("cnmap_abc")).toEqual({ refused: "not a presentation link" });
    const ended = ctx.links.ended(link.id);
    expect(ended.aborted).toBe(false);
    expect(ctx.links.revoke(link.id)).toMatchObject({ id: link.id });
    expect(ended.aborted).toBe(true);
    expect(ctx.links.verify(token)).toEqual({ refused: "the presentation link was revoked" });
    expect(ctx.links.revoke(link.id)).toBeNull();
  });

  it("end with their engine", async () => {
    const ctx = await context();
    const lab = ctx.links.create({ label: "Lab", engine: "lab", view: null, query: "", createdBy: "ada" });
    const local = ctx.links.create({ label: "Local", engine: "local", view: null, query: "", createdBy: "ada" });
    expect(ctx.links.revokeEngine("lab").map((l) => l.id)).toEqual([lab.link.id]);
    expect(ctx.links.verify(lab.token)).toHaveProperty("refused");
    expect(ctx.links.verify(local.token)).toHaveProperty("id");
  });

  it("add only /present parameters to where they land, never another engine or view", () => {
    expect(linkQuery("?theme=dark&cycle=30&net=a,b")).toBe("theme=dark&cycle=30&net=a%2Cb");
    expect(linkQuery("")).toBe("");
    for (const bad of ["engine=lab", "view=x", "link=1", "next=/", `theme=${"x".repeat(1000)}`, "theme=a%0Ab"]) {
      expect(() => linkQuery(bad), bad).toThrow(ApiError);
    }
    expect(linkTarget({ engine: "lab", view: "v1", query: "theme=dark" })).toBe("/present?engine=lab&view=v1&theme=dark");
    expect(linkTarget({ engine: "local", view: null, query: "" })).toBe("/present?engine=local");
  });

  it("travel in an httpOnly, SameSite=Strict cookie, read back by name", () => {
    expect(linkCookie("cnmap_p_x", false)).toBe("cnmap_present=cnmap_p_x; Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000");
    expect(linkCookie("cnmap_p_x", true)).toMatch(/; Secure$/);
    expect(cookieValue("a=1; cnmap_present=tok; b=2", "cnmap_present")).toBe("tok");
    expect(cookieValue("xcnmap_present=tok", "cnmap_present")).toBeNull();
    expect(cookieValue(null, "cnmap_present")).toBeNull();
  });
});
