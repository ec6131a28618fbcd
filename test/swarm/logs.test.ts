/**
 * `docker service logs` through cnmap (issue 10, section 5) on the swarm
 * phase's manager (test/swarm/global-setup.ts makes the swarm and starts
 * the dashboard). A labelled service of the test image (never pulled:
 * --no-resolve-image), pinned to the manager so the test can exec into its
 * task, writes known lines on stdout and stderr; it is removed afterwards.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { FollowEnd, LogLine, LogsBody } from "@/lib/logs/types";
import { docker, dockerTry, LABEL, TEST_IMAGE, uniqueName } from "../support/docker-cli";
import { expectError, send } from "../support/mutate";
import { SseClient } from "../support/sse";

const api = inject("apiUrl");
const service = uniqueName("sw-logs");

describe("GET /api/services/{ref}/logs on a swarm manager", () => {
  let serviceId = "";

  beforeAll(async () => {
    expect(docker("info", "--format", "{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}")).toBe("active true");
    serviceId = docker(
      "service", "create", "--detach", "--quiet", "--no-resolve-image",
      "--name", service, "--label", LABEL, "--container-label", LABEL, "--replicas", "1",
      "--constraint", "node.role==manager",
      // After /tmp/go it writes svc-after again and again: a followed service's lines come only once the manager's log
      // subscription is set up, which the stream's opening does not wait for; a line written before that never comes.
      TEST_IMAGE, "sh", "-c", "echo svc-out-1; sleep 0.1; echo svc-err-1 >&2; sleep 0.1; echo svc-out-2; while [ ! -f /tmp/go ]; do sleep 0.1; done; while true; do echo svc-after; sleep 0.2; done",
    );
    const deadline = Date.now() + 60_000;
    while (!docker("service", "logs", "--raw", service).includes("svc-out-2")) {
      if (Date.now() > deadline) throw new Error(`service ${service} wrote nothing within 60 s: ${docker("service", "ps", "--no-trunc", service)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  });

  afterAll(() => {
    dockerTry("service", "rm", service);
  });

  it("returns the service's lines in order, stdout and stderr apart, each naming its task", async () => {
    const res = await fetch(`${api}/api/services/${service}/logs?tail=10`);
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as LogsBody;
    expect(body).toMatchObject({ kind: "service", id: serviceId, name: service, tty: false, command: `docker service logs --timestamps --tail 10 ${service}` });
    expect(body.lines.map((l) => [l.stream, l.text])).toEqual([
      ["stdout", "svc-out-1"],
      ["stderr", "svc-err-1"],
      ["stdout", "svc-out-2"],
    ]);
    const task = docker("service", "ps", "--quiet", "--no-trunc", "--filter", "desired-state=running", service);
    expect(new Set(body.lines.map((l) => l.task))).toEqual(new Set([task]));
    expect(body.lines.every((l) => typeof l.node === "string" && l.node.length > 0)).toBe(true);
    // By ID too, and on the engine-scoped twin.
    const twin = await fetch(`${api}/api/engines/local/services/${serviceId}/logs?tail=1`);
    expect(((await twin.json()) as LogsBody).lines.map((l) => l.text)).toEqual(["svc-out-2"]);
  });

  it("follows: a line written after the stream opened arrives, and the stream ends at its limit", async () => {
    const client = await SseClient.open(`${api}/api/services/${service}/logs?follow=1&tail=0&maxLines=1`);
    try {
      expect(client.response.status).toBe(200);
      await client.waitForMessage((m) => m.event === "open");
      const container = docker("ps", "--quiet", "--filter", `label=com.docker.swarm.service.name=${service}`).split("\n")[0] ?? "";
      docker("exec", container, "sh", "-c", ": > /tmp/go");
      const end = await client.waitForMessage((m) => m.event === "end", 20_000);
      expect(client.dataMessages<LogLine>().map((l) => l.text)).toEqual(["svc-after"]);
      expect(JSON.parse(end.data) as FollowEnd).toMatchObject({ reason: "lines", lines: 1 });
    } finally {
      await client.close();
    }
  });

  it("an unknown service is 404 in Docker's words", async () => {
    const missing = uniqueName("sw-nosuch");
    expectError(await send(api, "GET", `/api/services/${missing}/logs`), 404, "not_found", new RegExp(`No such service: ${missing}`));
  });
});
