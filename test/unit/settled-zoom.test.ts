import { describe, expect, it } from "vitest";
import { SettledZoom } from "@/components/graph/canvas/settled-zoom";
import { detailAt, DETAIL_ZOOM, SMALL_DETAIL_ZOOM, SMALL_GRAPH } from "@/lib/graph/view";

describe("SettledZoom", () => {
  it("holds the zoom and the node count, and tells its listeners when either changes", () => {
    const store = new SettledZoom(0.3, 10);
    let calls = 0;
    const stop = store.subscribe(() => calls++);
    store.set(0.3);
    store.setNodes(10);
    expect(calls).toBe(0);
    store.set(0.5);
    store.setNodes(400);
    expect(calls).toBe(2);
    expect([store.get(), store.nodes()]).toEqual([0.5, 400]);
    stop();
    store.set(1);
    expect(calls).toBe(2);
  });

  it("gives a level of detail that follows the node count as well as the zoom", () => {
    // Between the two thresholds, a small graph keeps its detail and a large one turns compact.
    const zoom = (SMALL_DETAIL_ZOOM + DETAIL_ZOOM) / 2;
    const store = new SettledZoom(zoom, SMALL_GRAPH);
    const detail = (): string => detailAt(store.get(), store.nodes());
    expect(detail()).toBe("full");
    store.setNodes(SMALL_GRAPH + 1);
    expect(detail()).toBe("compact");
  });
});
