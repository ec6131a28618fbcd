import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { filterOptions } from "@/lib/graph/filter";
import { containerDetail } from "@/lib/inspect/container-detail";
import { buildTopology } from "@/lib/topology/build";
import { projectOf } from "@/lib/topology/describe";
import {
  builtInHidesKey,
  builtInHidesValue,
  DEFAULT_LABEL_POLICY,
  describeLabelPolicy,
  HIDDEN_VALUE,
  hidesLabel,
  isHiddenValue,
  keyWords,
  type LabelPolicy,
  parseLabelPolicy,
  redactContainerDetail,
  redactDriverOptions,
  redactLabels,
  redactNetworkInspect,
  redactTopology,
} from "@/lib/topology/label-policy";
import type { Topology } from "@/lib/topology/types";
import { loadFixture, must, rawContainer, rawNetwork, snapshotOf } from "./helpers/fixtures";
import { network } from "./helpers/topology";
import { recreateNetworkCommand } from "@/lib/insights/advisor";
import { networkNamed, sandboxOwnedBy } from "./helpers/topology";

function policy(input: { hide?: string; keep?: string }): LabelPolicy {
  const r = parseLabelPolicy(input);
  if (!r.ok) throw new Error(r.error);
  return r.policy;
}

function parseError(input: { hide?: string; keep?: string }): string {
  const r = parseLabelPolicy(input);
  if (r.ok) throw new Error(`expected an error for ${JSON.stringify(input)}`);
  return r.error;
}

/** What docker compose v2 puts on a service container (api/labels.go), from a project in /home/alice/src/shop. */
const COMPOSE_LABELS: Record<string, string> = {
  "com.docker.compose.project": "shop",
  "com.docker.compose.service": "web",
  "com.docker.compose.container-number": "1",
  "com.docker.compose.oneoff": "False",
  "com.docker.compose.config-hash": "9b1f8bb6d3a1c1e0e5f2b9a0d4c2e0f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1",
  "com.docker.compose.image": "sha256:4ff3ca91275773af45cb4b0834e12b7eb47d1c18f770a0b151381cd227f4c253",
  "com.docker.compose.version": "2.29.7",
  "com.docker.compose.depends_on": "db:service_started:false",
  "com.docker.compose.project.working_dir": "/home/alice/src/shop",
  "com.docker.compose.project.config_files": "/home/alice/src/shop/compose.yaml,/home/alice/src/shop/compose.override.yaml",
  "com.docker.compose.project.environment_file": "/home/alice/src/shop/.env",
};

const COMPOSE_NETWORK_LABELS: Record<string, string> = {
  "com.docker.compose.project": "shop",
  "com.docker.compose.network": "default",
  "com.docker.compose.version": "2.29.7",
};

type Model = Omit<Topology, "engine">;

/** The captured local engine, with fx-web, fx-sidecar (in fx-web's namespace) and fx-front labelled as compose would. */
function composeModel(): Model {
  const f = loadFixture("local");
  const web = rawContainer(f, "fx-web");
  web.Labels = { ...web.Labels, ...COMPOSE_LABELS };
  const sidecar = rawContainer(f, "fx-sidecar");
  sidecar.Labels = {
    ...sidecar.Labels,
    ...COMPOSE_LABELS,
    "com.docker.compose.service": "sidecar",
    "traefik.http.middlewares.auth.basicauth.users": "alice:$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/",
    "org.opencontainers.image.source": "https://ci-bot:ghp_abcdefghijklmnop@github.com/acme/shop",
  };
  const front = rawNetwork(f, "fx-front");
  front.Labels = { ...front.Labels, ...COMPOSE_NETWORK_LABELS };
  return buildTopology(snapshotOf(f));
}

function containerLabels(t: Model, owner: string, name: string): Record<string, string> {
  return must(
    sandboxOwnedBy(t, owner).containers.find((c) => c.name === name),
    `container ${name}`,
  ).labels;
}

describe("parseLabelPolicy", () => {
  it("no settings, empty or blank ones give the default", () => {
    for (const input of [{}, { hide: "", keep: "" }, { hide: "  ", keep: "\t" }]) {
      expect(parseLabelPolicy(input)).toEqual({ ok: true, policy: DEFAULT_LABEL_POLICY });
    }
    expect(DEFAULT_LABEL_POLICY).toEqual({ keep: null, hide: [], builtIn: true });
  });

  it("reads comma-separated globs, trimming each entry", () => {
    expect(policy({ keep: " com.docker.compose.project , com.docker.compose.service,app.* ", hide: "acme.*.dsn,x_y-z/w" })).toEqual({
      keep: ["com.docker.compose.project", "com.docker.compose.service", "app.*"],
      hide: ["acme.*.dsn", "x_y-z/w"],
      builtIn: true,
    });
  });

  it("`none` turns the built-in rules off, in any case", () => {
    expect(policy({ hide: "none" })).toEqual({ keep: null, hide: [], builtIn: false });
    expect(policy({ hide: " NONE ", keep: "app.*" })).toEqual({ keep: ["app.*"], hide: [], builtIn: false });
  });

  it("refuses empty entries, naming the variable and the entry", () => {
    expect(parseError({ keep: "app.*,,x" })).toBe(
      'CNMAP_LABELS_KEEP: entry 2 of "app.*,,x" is empty; give comma-separated label-key globs such as "com.example.*", without empty entries.',
    );
    expect(parseError({ hide: "a," })).toMatch(/^CNMAP_LABELS_HIDE: entry 2 of "a," is empty/);
    expect(parseError({ hide: ", a" })).toMatch(/^CNMAP_LABELS_HIDE: entry 1 of ", a" is empty/);
  });

  it("refuses characters a glob may not hold, saying which are allowed", () => {
    expect(parseError({ hide: "app.[ab]" })).toBe(
      'CNMAP_LABELS_HIDE: "app.[ab]" has "[", but a label-key glob may hold only letters, digits, ".", "-", "_", "/" and "*" (any run of characters).',
    );
    expect(parseError({ keep: "app.?" })).toMatch(/^CNMAP_LABELS_KEEP: "app\.\?" has "\?"/);
    expect(parseError({ keep: "a b" })).toMatch(/^CNMAP_LABELS_KEEP: "a b" has " "/);
    expect(parseError({ keep: "key=value" })).toMatch(/has "="/);
  });

  it("refuses `none` beside other globs", () => {
    expect(parseError({ hide: "none,app.*" })).toMatch(/^CNMAP_LABELS_HIDE: "none" must stand alone/);
  });

  it("reports the keep error first when both are wrong, and each error names only its own variable", () => {
    const err = parseError({ keep: "a,,b", hide: "[" });
    expect(err).toMatch(/^CNMAP_LABELS_KEEP/);
    expect(err).not.toContain("CNMAP_LABELS_HIDE");
  });

  it("describes the policy in one line for the startup log", () => {
    expect(describeLabelPolicy(DEFAULT_LABEL_POLICY)).toBe("label values that look like secrets or host paths are hidden");
    expect(describeLabelPolicy(policy({ hide: "none", keep: "app.*" }))).toBe(
      "no built-in label hiding; only these keys show values: app.*, com.docker.compose.project",
    );
    expect(describeLabelPolicy(policy({ hide: "acme.*" }))).toContain("also hidden: acme.*");
  });
});

describe("the built-in rules", () => {
  const shown = [
    "com.docker.compose.project",
    "com.docker.compose.service",
    "com.docker.compose.config-hash",
    "com.docker.compose.container-number",
    "com.docker.compose.oneoff",
    "com.docker.compose.image",
    "com.docker.compose.image.builder",
    "com.docker.compose.version",
    "com.docker.compose.depends_on",
    "com.docker.compose.network",
    "com.docker.compose.volume",
    "com.docker.compose.replace",
    "com.docker.compose.slug",
    "com.docker.stack.namespace",
    "com.docker.swarm.service.name",
    "com.docker.swarm.task.name",
    "org.opencontainers.image.authors",
    "org.opencontainers.image.source",
    "org.opencontainers.image.revision",
    "org.opencontainers.image.licenses",
    "org.opencontainers.image.ref.name",
    "maintainer",
    "traefik.enable",
    "traefik.http.routers.web.rule",
    "traefik.http.services.web.loadbalancer.passhostheader",
    "app.kubernetes.io/name",
    "io.x-k8s.kind.cluster",
    "com.centurylinklabs.watchtower.enable",
    "cnmap.fixture",
  ];
  it.each(shown)("shows the value of %s", (key) => {
    expect(builtInHidesKey(key)).toBe(false);
  });

  const hidden = [
    "com.docker.compose.project.working_dir",
    "com.docker.compose.project.config_files",
    "com.docker.compose.project.environment_file",
    "devcontainer.local_folder",
    "devcontainer.config_file",
    "devcontainer.metadata",
    "traefik.http.middlewares.auth.basicauth.users",
    "traefik.http.middlewares.dig.digestauth.users",
    "app.db.password",
    "MYSQL_ROOT_PASSWORD",
    "db_passwd",
    "gpg.passphrase",
    "my.secret",
    "vault.secrets",
    "github.token",
    "authToken",
    "aws.credentials",
    "api_key",
    "api-key",
    "com.example.apikey",
    "com.example.apiKey",
    "AWSAccessKeyId",
    "ssh.privateKey",
    "tls.private",
    "signing.key",
    "license.keys",
    "auth",
    "proxy.authorization",
    "oauth2.client",
    "db.pass",
    "MYSQL_PWD",
  ];
  it.each(hidden)("hides the value of %s", (key) => {
    expect(builtInHidesKey(key)).toBe(true);
  });

  it("splits keys into words at separators and camelCase humps", () => {
    expect(keyWords("com.docker.compose.project")).toEqual(["com", "docker", "compose", "project"]);
    expect(keyWords("com.example.apiKey")).toEqual(["com", "example", "api", "key"]);
    expect(keyWords("app.kubernetes.io/part-of")).toEqual(["app", "kubernetes", "io", "part", "of"]);
    expect(keyWords("MY_API_KEY")).toEqual(["my", "api", "key"]);
  });

  const pathsAndSecrets = [
    "/home/alice/src/shop",
    "/",
    "~/src/shop",
    "~alice/src",
    "~",
    "C:\\Users\\alice\\shop",
    "d:/work/shop",
    "\\\\fileserver\\share",
    "file:///home/alice/shop",
    "  /leading/space",
    "https://user:pass@registry.example.com/v2",
    "postgres://app:hunter2@db:5432/shop",
    "https://ghp_abcdefghijklmnop@github.com/acme/shop",
    "docker run -e PASSWORD=hunter2 acme/shop",
    "Server=db;User Id=app;Password=hunter2;",
    "api_key: abc123",
    "token=abc",
    "Bearer abc.def.ghi",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n-----END OPENSSH PRIVATE KEY-----",
  ];
  it.each(pathsAndSecrets)("hides the value %j whatever its key", (value) => {
    expect(builtInHidesValue(value)).toBe(true);
    expect(hidesLabel("com.example.note", value, DEFAULT_LABEL_POLICY)).toBe(true);
  });

  const plainValues = [
    "shop",
    "web",
    "1",
    "True",
    "",
    "2.29.7",
    "db:service_started:false",
    "sha256:4ff3ca91275773af45cb4b0834e12b7eb47d1c18f770a0b151381cd227f4c253",
    "https://github.com/acme/shop",
    "Host(`shop.example.com`) && PathPrefix(`/api`)",
    "Alice <alice@example.com>",
    "app/web:1.2",
    "tokens: 5",
    "eth0.10",
    "172.18.0.0/16",
  ];
  it.each(plainValues)("shows the value %j", (value) => {
    expect(builtInHidesValue(value)).toBe(false);
    expect(hidesLabel("com.example.note", value, DEFAULT_LABEL_POLICY)).toBe(false);
  });
});

describe("redactLabels", () => {
  it("with the default, hides compose's paths and keeps project and service", () => {
    const out = redactLabels(COMPOSE_LABELS, DEFAULT_LABEL_POLICY);
    expect(out).toEqual({
      ...COMPOSE_LABELS,
      "com.docker.compose.project.working_dir": HIDDEN_VALUE,
      "com.docker.compose.project.config_files": HIDDEN_VALUE,
      "com.docker.compose.project.environment_file": HIDDEN_VALUE,
    });
    expect(out["com.docker.compose.project"]).toBe("shop");
    expect(out["com.docker.compose.service"]).toBe("web");
    expect(out["com.docker.compose.config-hash"]).toBe(COMPOSE_LABELS["com.docker.compose.config-hash"]);
    expect(projectOf(out)).toBe("shop");
    expect(COMPOSE_LABELS["com.docker.compose.project.working_dir"]).toBe("/home/alice/src/shop"); // not mutated
  });

  it("keeps every key, so a hidden label still shows that it exists", () => {
    expect(Object.keys(redactLabels(COMPOSE_LABELS, DEFAULT_LABEL_POLICY))).toEqual(Object.keys(COMPOSE_LABELS));
  });

  it("returns the same object when nothing is hidden", () => {
    const labels = { "com.docker.compose.project": "shop", "cnmap.fixture": "1" };
    expect(redactLabels(labels, DEFAULT_LABEL_POLICY)).toBe(labels);
    const empty = {};
    expect(redactLabels(empty, policy({ keep: "app.*" }))).toBe(empty);
    const already = { "com.docker.compose.project.working_dir": HIDDEN_VALUE };
    expect(redactLabels(already, DEFAULT_LABEL_POLICY)).toBe(already);
  });

  it("a keep-list hides every other value, but never the compose project's", () => {
    const p = policy({ keep: "com.docker.compose.service,app.*" });
    expect(
      redactLabels({ ...COMPOSE_LABELS, "app.tier": "front", "app.owner": "/home/alice", "apps.x": "1", "APP.tier": "front" }, p),
    ).toEqual({
      "com.docker.compose.project": "shop",
      "com.docker.compose.service": "web",
      "com.docker.compose.container-number": HIDDEN_VALUE,
      "com.docker.compose.oneoff": HIDDEN_VALUE,
      "com.docker.compose.config-hash": HIDDEN_VALUE,
      "com.docker.compose.image": HIDDEN_VALUE,
      "com.docker.compose.version": HIDDEN_VALUE,
      "com.docker.compose.depends_on": HIDDEN_VALUE,
      "com.docker.compose.project.working_dir": HIDDEN_VALUE,
      "com.docker.compose.project.config_files": HIDDEN_VALUE,
      "com.docker.compose.project.environment_file": HIDDEN_VALUE,
      "app.tier": "front",
      "app.owner": HIDDEN_VALUE, // kept key, but a host path: hiding wins
      "apps.x": HIDDEN_VALUE,
      "APP.tier": HIDDEN_VALUE, // keep matches case exactly
    });
  });

  it("a keep glob of compose's keys still hides its paths unless hide is none", () => {
    expect(redactLabels(COMPOSE_LABELS, policy({ keep: "com.docker.compose.*" }))).toEqual(redactLabels(COMPOSE_LABELS, DEFAULT_LABEL_POLICY));
    expect(redactLabels(COMPOSE_LABELS, policy({ keep: "com.docker.compose.*", hide: "none" }))).toBe(COMPOSE_LABELS);
  });

  it("hide globs add to the built-in rules, matched ignoring case", () => {
    const p = policy({ hide: "acme.*,*.internal-host" });
    const labels = { "acme.region": "eu", "ACME.Zone": "b", "db.internal-host": "db7", "acmex.y": "1", "com.docker.compose.project.working_dir": "/x" };
    expect(redactLabels(labels, p)).toEqual({
      "acme.region": HIDDEN_VALUE,
      "ACME.Zone": HIDDEN_VALUE,
      "db.internal-host": HIDDEN_VALUE,
      "acmex.y": "1",
      "com.docker.compose.project.working_dir": HIDDEN_VALUE,
    });
  });

  it("`*` alone hides or keeps everything", () => {
    expect(Object.values(redactLabels(COMPOSE_LABELS, policy({ hide: "*" }))).every(isHiddenValue)).toBe(true);
    expect(redactLabels(COMPOSE_LABELS, policy({ keep: "*", hide: "none" }))).toBe(COMPOSE_LABELS);
  });

  it("`none` alone shows every label as it is", () => {
    const labels = { ...COMPOSE_LABELS, "db.password": "hunter2" };
    expect(redactLabels(labels, policy({ hide: "none" }))).toBe(labels);
  });

  it("`none` with a keep-list hides exactly what the keep-list leaves out", () => {
    const p = policy({ hide: "none", keep: "com.docker.compose.project.working_dir" });
    const out = redactLabels(COMPOSE_LABELS, p);
    expect(out["com.docker.compose.project.working_dir"]).toBe("/home/alice/src/shop");
    expect(out["com.docker.compose.project"]).toBe("shop");
    expect(out["com.docker.compose.service"]).toBe(HIDDEN_VALUE);
  });

  it("an explicit hide of the compose project wins over everything, and isHiddenValue tells the placeholder", () => {
    const out = redactLabels(COMPOSE_LABELS, policy({ hide: "com.docker.compose.project" }));
    expect(out["com.docker.compose.project"]).toBe(HIDDEN_VALUE);
    expect(isHiddenValue(out["com.docker.compose.project"])).toBe(true);
    expect(isHiddenValue("shop")).toBe(false);
    expect(isHiddenValue(undefined)).toBe(false);
  });
});

describe("redactTopology on the captured local engine", () => {
  it("hides compose's paths on every container, owners and joiners alike, and keeps project and service", () => {
    const t = composeModel();
    const r = redactTopology(t, DEFAULT_LABEL_POLICY);
    const web = containerLabels(r, "fx-web", "fx-web");
    const sidecar = containerLabels(r, "fx-web", "fx-sidecar");
    for (const labels of [web, sidecar]) {
      expect(labels["com.docker.compose.project"]).toBe("shop");
      expect(labels["com.docker.compose.project.working_dir"]).toBe(HIDDEN_VALUE);
      expect(labels["com.docker.compose.project.config_files"]).toBe(HIDDEN_VALUE);
      expect(labels["com.docker.compose.project.environment_file"]).toBe(HIDDEN_VALUE);
      expect(labels["cnmap.fixture"]).toBe("1");
    }
    expect(web["com.docker.compose.service"]).toBe("web");
    expect(sidecar["com.docker.compose.service"]).toBe("sidecar");
    expect(sidecar["traefik.http.middlewares.auth.basicauth.users"]).toBe(HIDDEN_VALUE);
    expect(sidecar["org.opencontainers.image.source"]).toBe(HIDDEN_VALUE);
    const text = JSON.stringify(r);
    for (const leak of ["/home/alice", "$apr1$", "ghp_"]) expect(text).not.toContain(leak);
    // The unredacted model is untouched: the server's own rules (prune filters, recreate) read it.
    expect(containerLabels(t, "fx-web", "fx-web")["com.docker.compose.project.working_dir"]).toBe("/home/alice/src/shop");
  });

  it("the filter bar still offers the compose project", () => {
    const r = redactTopology(composeModel(), DEFAULT_LABEL_POLICY);
    expect(filterOptions(r).projects.map((p) => p.value)).toEqual(["shop"]);
  });

  it("shares every object that did not change", () => {
    const t = composeModel();
    const r = redactTopology(t, DEFAULT_LABEL_POLICY);
    expect(r).not.toBe(t);
    expect(r.endpoints).toBe(t.endpoints);
    expect(r.networks).toBe(t.networks); // fx-front's compose labels hide nothing
    const changed = sandboxOwnedBy(r, "fx-web");
    expect(changed).not.toBe(sandboxOwnedBy(t, "fx-web"));
    expect(changed.ports).toBe(sandboxOwnedBy(t, "fx-web").ports);
    for (const s of r.sandboxes) if (s.containers[0]?.name !== "fx-web") expect(s).toBe(t.sandboxes.find((x) => x.id === s.id));
  });

  it("is the topology itself when nothing is hidden", () => {
    const t = buildTopology(snapshotOf(loadFixture("local")));
    expect(redactTopology(t, DEFAULT_LABEL_POLICY)).toBe(t);
    expect(redactTopology(composeModel(), policy({ hide: "none" }))).toEqual(composeModel());
    const plain = composeModel();
    expect(redactTopology(plain, policy({ hide: "none" }))).toBe(plain);
  });

  it("a keep-list hides network labels too, but not the network's compose project", () => {
    const r = redactTopology(composeModel(), policy({ keep: "com.docker.compose.service" }));
    expect(networkNamed(r, "fx-front").labels).toEqual({
      "cnmap.fixture": HIDDEN_VALUE,
      "com.docker.compose.project": "shop",
      "com.docker.compose.network": HIDDEN_VALUE,
      "com.docker.compose.version": HIDDEN_VALUE,
    });
    expect(filterOptions(r).projects.map((p) => p.value)).toEqual(["shop"]);
  });

  it("keeps the full Topology type, engine included", () => {
    const t: Topology = { engine: { host: "unix:///var/run/docker.sock", version: "27.0.0", apiVersion: "1.46", swarm: "inactive" }, ...composeModel() };
    const r: Topology = redactTopology(t, DEFAULT_LABEL_POLICY);
    expect(r.engine).toBe(t.engine);
  });

  it("applies the built-in rules to network options, not the settings' globs", () => {
    const t = composeModel();
    const front = t.networks.findIndex((n) => n.name === "fx-front");
    const n = must(t.networks[front], "fx-front");
    t.networks[front] = { ...n, options: { "com.docker.network.bridge.name": "br-front", "acme.password": "hunter2", "acme.socket": "/run/acme.sock" } };
    const r = redactTopology(t, policy({ hide: "*.name", keep: "nothing" }));
    expect(networkNamed(r, "fx-front").options).toEqual({ "com.docker.network.bridge.name": "br-front", "acme.password": HIDDEN_VALUE, "acme.socket": HIDDEN_VALUE });
    expect(networkNamed(redactTopology(t, policy({ hide: "none" })), "fx-front").options["acme.password"]).toBe("hunter2");
  });

  it("leaves every option of the captured engines' networks as it is", () => {
    for (const name of ["local", "swarm"] as const) {
      const t = buildTopology(snapshotOf(loadFixture(name)));
      for (const n of t.networks) expect(redactDriverOptions(n.options, DEFAULT_LABEL_POLICY)).toBe(n.options);
    }
  });
});

describe("redactNetworkInspect", () => {
  it("hides Labels by the policy and Options and IPAM.Options by the built-in rules", () => {
    const f = loadFixture("local");
    const raw = {
      ...rawNetwork(f, "fx-front"),
      Labels: { ...COMPOSE_NETWORK_LABELS, "com.docker.compose.project.working_dir": "/home/alice/src/shop" },
      Options: { "com.docker.network.bridge.name": "br-front", "plugin.password": "hunter2" },
      IPAM: { Driver: "acme", Options: { "acme.url": "https://ipam:s3cret@ipam.example.com" }, Config: [{ Subnet: "172.31.10.0/24" }] },
      Containers: { abc: { Name: "fx-web", EndpointID: "e", MacAddress: "02:42:ac:1f:0a:02", IPv4Address: "172.31.10.2/24", IPv6Address: "" } },
    } as unknown as Record<string, unknown>;
    const out = redactNetworkInspect(raw, DEFAULT_LABEL_POLICY);
    expect(out.Labels).toEqual({ ...COMPOSE_NETWORK_LABELS, "com.docker.compose.project.working_dir": HIDDEN_VALUE });
    expect(out.Options).toEqual({ "com.docker.network.bridge.name": "br-front", "plugin.password": HIDDEN_VALUE });
    expect(out.IPAM).toEqual({ Driver: "acme", Options: { "acme.url": HIDDEN_VALUE }, Config: [{ Subnet: "172.31.10.0/24" }] });
    expect(out.Containers).toBe(raw.Containers);
    expect(JSON.stringify(out)).not.toMatch(/hunter2|s3cret|\/home\/alice/);
    expect((raw.Labels as Record<string, string>)["com.docker.compose.project.working_dir"]).toBe("/home/alice/src/shop");
  });

  it("is the same object for every captured network, and for null Labels and Options", () => {
    for (const name of ["local", "swarm"] as const) {
      for (const n of loadFixture(name).networks) {
        const raw = n as unknown as Record<string, unknown>;
        expect(redactNetworkInspect(raw, DEFAULT_LABEL_POLICY)).toBe(raw);
      }
    }
    const bare = { Name: "x", Labels: null, Options: null, IPAM: null };
    expect(redactNetworkInspect(bare, policy({ keep: "app.*" }))).toBe(bare);
  });

  it("a keep-list applies to Labels only", () => {
    const raw = rawNetwork(loadFixture("local"), "bridge") as unknown as Record<string, unknown>;
    const out = redactNetworkInspect({ ...raw, Labels: { team: "net" } }, policy({ keep: "app.*" }));
    expect(out.Labels).toEqual({ team: HIDDEN_VALUE });
    expect(out.Options).toBe(raw.Options);
  });

  it("hides a non-string label value by its key", () => {
    const out = redactNetworkInspect({ Labels: { "db.password": 42, other: 7 } }, DEFAULT_LABEL_POLICY);
    expect(out.Labels).toEqual({ "db.password": HIDDEN_VALUE, other: 7 });
  });
});

describe("redactContainerDetail on a captured inspect", () => {
  const fixture = JSON.parse(readFileSync(fileURLToPath(new URL("../fixtures/engine/container-detail.json", import.meta.url)), "utf8")) as {
    inspects: (Record<string, unknown> & { Name: string })[];
  };
  const inspect = must(
    fixture.inspects.find((i) => i.Name === "/cd-web"),
    "inspect of cd-web",
  );

  it("the detail carries no labels, and redaction leaves it as it is", () => {
    const d = containerDetail(inspect);
    expect(JSON.stringify(d)).not.toContain("cnmap.fixture");
    expect(redactContainerDetail(d, DEFAULT_LABEL_POLICY)).toBe(d);
    expect(redactContainerDetail(d, policy({ keep: "app.*", hide: "*" }))).toBe(d);
  });

  it("hides endpoint DriverOpts by the built-in rules, sharing the rest", () => {
    const edited = structuredClone(inspect) as unknown as { NetworkSettings: { Networks: Record<string, Record<string, unknown>> } };
    const back = must(edited.NetworkSettings.Networks["cd-back"], "cd-back endpoint");
    back.DriverOpts = { "com.example.vlan": "10", "com.example.token": "abc" };
    const d = containerDetail(edited);
    const r = redactContainerDetail(d, DEFAULT_LABEL_POLICY);
    const networks = (r.raw.NetworkSettings as { Networks: Record<string, { DriverOpts: unknown }> }).Networks;
    expect(networks["cd-back"]?.DriverOpts).toEqual({ "com.example.vlan": "10", "com.example.token": HIDDEN_VALUE });
    const before = (d.raw.NetworkSettings as { Networks: Record<string, unknown> }).Networks;
    expect(networks["cd-front"]).toBe(before["cd-front"]);
    expect(r.endpoints).toBe(d.endpoints);
    expect(r.sandboxKey).toBe(d.sandboxKey);
    expect(redactContainerDetail(d, policy({ hide: "none" }))).toBe(d);
  });
});

describe("hidden values downstream", () => {
  it("a hidden compose project is no project, and a recreate command leaves hidden labels out", () => {
    expect(projectOf({ "com.docker.compose.project": HIDDEN_VALUE })).toBeNull();
    const n = network("shopnet", { labels: { team: "shop", "api.token": HIDDEN_VALUE } });
    const command = recreateNetworkCommand(n);
    expect(command).toContain("--label team=shop");
    expect(command).not.toContain("api.token");
    expect(command).not.toContain(HIDDEN_VALUE);
  });
});
