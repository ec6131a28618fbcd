import { describe, expect, it } from "vitest";
import { autoLayout, blockLayout, dagreLayout, type LayoutNode } from "@/lib/graph/layout";
import { DETAIL_ZOOM, GROUP_AUTO_FROM, SMALL_DETAIL_ZOOM, SMALL_GRAPH, detailAt, parseFocus, parseGroup, resolveGroup } from "@/lib/graph/view";

describe("the canvas's grouping and focus in the URL", () => {
  it("reads a known grouping and takes anything else as auto", () => {
    expect(parseGroup("network")).toBe("network");
    expect(parseGroup("project")).toBe("project");
    expect(parseGroup("none")).toBe("none");
    expect(parseGroup(null)).toBe("auto");
    expect(parseGroup("everything")).toBe("auto");
  });

  it("groups by network automatically past GROUP_AUTO_FROM sandboxes, and never overrides a choice", () => {
    expect(resolveGroup("auto", GROUP_AUTO_FROM)).toBe("none");
    expect(resolveGroup("auto", GROUP_AUTO_FROM + 1)).toBe("network");
    expect(resolveGroup("none", 10_000)).toBe("none");
    expect(resolveGroup("project", 3)).toBe("project");
  });

  it("accepts a focus that can name a canvas node, and nothing else", () => {
    expect(parseFocus("sbx:0123abc")).toBe("sbx:0123abc");
    expect(parseFocus("cluster:network:0123abc")).toBe("cluster:network:0123abc");
    expect(parseFocus("host:engine")).toBe("host:engine");
    expect(parseFocus("<script>")).toBeNull();
    expect(parseFocus("sbx:" + "a".repeat(300))).toBeNull();
    expect(parseFocus(null)).toBeNull();
  });
});

describe("autoLayout's blocks option", () => {
  const nodes: LayoutNode[] = [
    { id: "n1", width: 260, height: 90 },
    { id: "n2", width: 260, height: 90 },
    { id: "c1", width: 240, height: 150 },
    { id: "c2", width: 240, height: 150 },
  ];
  const edges = [
    { source: "n1", target: "c1" },
    { source: "n2", target: "c2" },
    { source: "n2", target: "c1" },
  ];

  it("lays a small graph out in blocks when asked, and with dagre otherwise", () => {
    expect(autoLayout(nodes, edges, { blocks: true })).toEqual(blockLayout(nodes, edges));
    expect(autoLayout(nodes, edges)).toEqual(dagreLayout(nodes, edges));
  });
});

describe("the level of detail", () => {
  it("draws a large graph compact below DETAIL_ZOOM, a small one only below SMALL_DETAIL_ZOOM", () => {
    expect(detailAt(DETAIL_ZOOM, SMALL_GRAPH + 1)).toBe("full");
    expect(detailAt(DETAIL_ZOOM - 0.01, SMALL_GRAPH + 1)).toBe("compact");
    expect(detailAt(DETAIL_ZOOM - 0.01, SMALL_GRAPH)).toBe("full");
    expect(detailAt(SMALL_DETAIL_ZOOM - 0.01, SMALL_GRAPH)).toBe("compact");
    expect(detailAt(1, 0)).toBe("full");
  });
});
