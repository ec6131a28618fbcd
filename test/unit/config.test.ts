import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseFlag, readConfig } from "@/lib/config";
import { DEFAULT_LABEL_POLICY } from "@/lib/topology/label-policy";

describe("readConfig", () => {
  it("has safe defaults with nothing set", () => {
    expect(readConfig({})).toEqual({
      engines: [{ id: "local", name: "local", address: "unix:///var/run/docker.sock", endpoint: { kind: "environment" }, origin: { kind: "environment", variable: "DOCKER_HOST" } }],
      engineTimeoutMs: 8000,
      resyncMs: 10_000,
      readOnly: false,
      allowedHosts: [],
      debug: false,
      labelPolicy: DEFAULT_LABEL_POLICY,
      dataDir: path.resolve("data"),
      publicUrl: "http://127.0.0.1:3000",
      oidc: null,
      labImage: "busybox:latest",
    });
  });

  it("reads yes/no in the common spellings, any case", () => {
    for (const v of ["1", "true", "TRUE", "Yes", "on", " ON "]) expect(parseFlag("X", v), v).toBe(true);
    for (const v of [undefined, "", "0", "false", "False", "no", "OFF"]) expect(parseFlag("X", v), String(v)).toBe(false);
  });

  it("names the variable and its allowed values for a bad setting", () => {
    const bad: [Record<string, string>, RegExp][] = [
      [{ CNMAP_READ_ONLY: "maybe" }, /^CNMAP_READ_ONLY="maybe" is not a yes\/no value: use one of 1, true, yes, on, 0, false, no, off/],
      [{ CNMAP_DEBUG: "2" }, /^CNMAP_DEBUG="2"/],
      [{ CNMAP_ENGINE_TIMEOUT_MS: "50" }, /^CNMAP_ENGINE_TIMEOUT_MS="50" must be a whole number of milliseconds from 100 to 120000/],
      [{ CNMAP_ENGINE_TIMEOUT_MS: "1.5" }, /^CNMAP_ENGINE_TIMEOUT_MS/],
      [{ CNMAP_RESYNC_MS: "100" }, /^CNMAP_RESYNC_MS="100" must be a whole number of milliseconds from 500 to 600000/],
      [{ CNMAP_RESYNC_MS: "soon" }, /^CNMAP_RESYNC_MS/],
      [{ DOCKER_HOST: "ftp://x" }, /^DOCKER_HOST="ftp:\/\/x" is not an engine address/],
      [{ DOCKER_HOST: "tcp://" }, /^DOCKER_HOST/],
      [{ CNMAP_ALLOWED_HOSTS: "ok.example,bad host" }, /^CNMAP_ALLOWED_HOSTS: "bad host" is not a host name/],
      [{ CNMAP_ALLOWED_HOSTS: "host:3000" }, /^CNMAP_ALLOWED_HOSTS: "host:3000"/],
      [{ CNMAP_LABELS_HIDE: "app.[ab]" }, /^CNMAP_LABELS_HIDE: "app.\[ab\]"/],
      [{ CNMAP_LABELS_KEEP: "a,,b" }, /^CNMAP_LABELS_KEEP/],
      [{ CNMAP_LAB_IMAGE: "Busybox Latest" }, /^CNMAP_LAB_IMAGE="Busybox Latest" is not an image reference/],
      [{ CNMAP_LAB_IMAGE: "busybox;rm" }, /^CNMAP_LAB_IMAGE/],
    ];
    for (const [env, message] of bad) {
      expect(() => readConfig(env), JSON.stringify(env)).toThrow(ConfigError);
      expect(() => readConfig(env)).toThrow(message);
    }
  });

  it("accepts the engine address forms docker-modem reads", () => {
    for (const a of ["unix:///run/docker.sock", "tcp://10.0.0.5:2376", "ssh://me@lab", "127.0.0.1:2375"]) {
      expect(readConfig({ DOCKER_HOST: a }).engines[0]?.address).toBe(a);
    }
    expect(readConfig({ CNMAP_ALLOWED_HOSTS: " Dash.Example , [::1] " }).allowedHosts).toEqual(["dash.example", "[::1]"]);
  });

  it("takes the labs' image as docker names images", () => {
    for (const image of ["cnmap-test-busybox:latest", "busybox", "registry.example.org:5000/tools/busybox:1.36", `busybox@sha256:${"a".repeat(64)}`]) {
      expect(readConfig({ CNMAP_LAB_IMAGE: image }).labImage).toBe(image);
    }
  });
});
