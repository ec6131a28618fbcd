import { describe, expect, it } from "vitest";
import { defaultRouteInterface, localUplinkMtu } from "@/lib/net/uplink";

const ROUTES = `Iface	Destination	Gateway 	Flags	RefCnt	Use	Metric	Mask		MTU	Window	IRTT
docker0	000011AC	00000000	0001	0	0	0	0000FFFF	0	0	0
wlan0	00000000	0101A8C0	0003	0	0	600	00000000	0	0	0
eth0	00000000	010200C0	0003	0	0	100	00000000	0	0	0
`;

describe("the host's uplink", () => {
  it("is the default route with the lowest metric", () => {
    expect(defaultRouteInterface(ROUTES)).toBe("eth0");
    expect(defaultRouteInterface(ROUTES.split("\n").filter((l) => !l.startsWith("eth0")).join("\n"))).toBe("wlan0");
  });

  it("is unknown without a default route", () => {
    expect(defaultRouteInterface(ROUTES.split("\n").slice(0, 2).join("\n"))).toBeUndefined();
    expect(defaultRouteInterface("")).toBeUndefined();
  });

  it("has no MTU cnmap can read for a remote engine", () => {
    expect(localUplinkMtu("tcp://10.0.0.5:2375")).toBeUndefined();
  });
});
