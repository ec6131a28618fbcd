import { describe, expect, it } from "vitest";
import {
  candidateStatus,
  dockerExecCommand,
  interpretProbe,
  lookupAddresses,
  needsMissing,
  pingCounts,
  probeCandidates,
  probeSpec,
  probeUrl,
  programOf,
  PROBE_TOOL_NAMES,
  type ExecResult,
} from "@/lib/probe/commands";
import { checkProbeArgv, PROBE_TOOLS } from "@/lib/docker/engine";

const ran = (exitCode: number, output: string): ExecResult => ({ started: true, exitCode, output, timedOut: false });
const ctx = { from: "web", target: "db" };

// Outputs as busybox 1.35 (cnmap-test-busybox) and Docker 20.10 wrote them.
const OCI_NOT_FOUND =
  'OCI runtime exec failed: exec failed: unable to start container process: exec: "ping": executable file not found in $PATH: unknown\r\n';
const PING_OK =
  "PING db (172.20.0.3): 56 data bytes\n64 bytes from 172.20.0.3: seq=0 ttl=64 time=0.365 ms\n64 bytes from 172.20.0.3: seq=1 ttl=64 time=0.111 ms\n\n--- db ping statistics ---\n2 packets transmitted, 2 packets received, 0% packet loss\nround-trip min/avg/max = 0.111/0.238/0.365 ms\n";
const PING_LOST = "PING 172.21.0.2 (172.21.0.2): 56 data bytes\n\n--- 172.21.0.2 ping statistics ---\n1 packets transmitted, 0 packets received, 100% packet loss\n";
const NSLOOKUP_OK =
  "Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nNon-authoritative answer:\nName:\tdb\nAddress: 172.20.0.3\n\nNon-authoritative answer:\n\n";
const NSLOOKUP_NX = "Server:\t\t10.255.255.53\nAddress:\t10.255.255.53:53\n\n** server can't find db: NXDOMAIN\n\n** server can't find db: NXDOMAIN\n\n";
const NC_USAGE =
  "nc: invalid option -- 'z'\nBusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n\nUsage: nc [-iN] [-wN] [-l] [-p PORT] [-f FILE|IPADDR PORT] [-e PROG]\n";

describe("probeSpec", () => {
  it("fills the defaults per kind", () => {
    expect(probeSpec({ kind: "ping", target: "db" })).toEqual({ kind: "ping", target: "db", count: 3, timeoutSeconds: 3, path: "/" });
    expect(probeSpec({ kind: "http", target: "db" })).toMatchObject({ port: 80, path: "/" });
    expect(probeSpec({ kind: "tcp", target: "db", port: 5432, timeoutSeconds: 1 })).toMatchObject({ port: 5432, timeoutSeconds: 1, count: 1 });
    expect(probeSpec({ kind: "dns", target: "db" })).not.toHaveProperty("port");
  });
});

describe("probeCandidates", () => {
  it("ping: count, per-reply wait and an overall deadline", () => {
    const [c, ...rest] = probeCandidates(probeSpec({ kind: "ping", target: "db", count: 3, timeoutSeconds: 2 }));
    expect(c).toEqual({ argv: ["ping", "-c", "3", "-W", "2", "-w", "4", "db"], deadlineSeconds: 4 });
    expect(rest).toEqual([]);
  });

  it("dns: nslookup, then getent, each under `timeout -s KILL` (never bare: a silent server keeps nslookup retrying)", () => {
    const candidates = probeCandidates(probeSpec({ kind: "dns", target: "db", timeoutSeconds: 2 }));
    expect(candidates).toEqual([
      { argv: ["timeout", "-s", "KILL", "2", "nslookup", "db"], deadlineSeconds: 2 },
      { argv: ["timeout", "-s", "KILL", "2", "getent", "hosts", "db"], deadlineSeconds: 2 },
    ]);
    expect(probeCandidates(probeSpec({ kind: "dns", target: "db" })).map((c) => c.argv.slice(0, 5))[0]).toEqual(["timeout", "-s", "KILL", "3", "nslookup"]);
  });

  it("every candidate ends by itself: a bounding flag of the tool's own, or `timeout`", () => {
    const bounded = (argv: string[]): boolean =>
      argv[0] === "timeout" || argv.includes("-w") || argv.includes("-T") || argv.includes("-m");
    for (const kind of ["ping", "dns", "tcp", "http"] as const) {
      for (const c of probeCandidates(probeSpec({ kind, target: "db", ...(kind === "tcp" ? { port: 1 } : {}) }))) {
        expect(bounded(c.argv), c.argv.join(" ")).toBe(true);
      }
    }
  });

  it("tcp: nc -z, then busybox's nc with -e true last", () => {
    expect(probeCandidates(probeSpec({ kind: "tcp", target: "db", port: 5432, timeoutSeconds: 2 })).map((c) => c.argv)).toEqual([
      ["nc", "-z", "-w", "2", "db", "5432"],
      ["nc", "-w", "2", "db", "5432", "-e", "true"],
    ]);
  });

  it("http: wget with a timeout, wget under `timeout` (never bare: it could run forever), curl", () => {
    expect(probeCandidates(probeSpec({ kind: "http", target: "fd00::2", port: 8080, path: "/health", timeoutSeconds: 1 })).map((c) => c.argv)).toEqual([
      ["wget", "-q", "-O", "-", "-T", "1", "http://[fd00::2]:8080/health"],
      ["timeout", "-s", "KILL", "1", "wget", "-q", "-O", "-", "http://[fd00::2]:8080/health"],
      ["curl", "-sS", "-i", "-m", "1", "http://[fd00::2]:8080/health"],
    ]);
  });

  it("uses only allow-listed tools, never a shell", () => {
    for (const kind of ["ping", "dns", "tcp", "http"] as const) {
      for (const c of probeCandidates(probeSpec({ kind, target: "db", ...(kind === "tcp" ? { port: 1 } : {}) }))) {
        expect(PROBE_TOOL_NAMES).toContain(programOf(c.argv));
        if (c.argv[0] !== programOf(c.argv)) expect(c.argv.slice(0, 3)).toEqual(["timeout", "-s", "KILL"]);
        expect(c.argv).not.toContain("sh");
        // The target is one argument of its own (or inside the URL), never a flag's neighbour that a shell would split.
        expect(c.argv.filter((a) => a === "db" || a === "http://db/")).toHaveLength(1);
      }
    }
  });

  it("the engine's allow-list holds exactly these tools", () => {
    expect([...PROBE_TOOLS].sort()).toEqual([...PROBE_TOOL_NAMES].sort());
  });

  it("execProbe refuses any other program before asking the engine", async () => {
    expect(() => checkProbeArgv(["sh", "-c", "id"])).toThrow(/not an allowed probe tool/);
    expect(() => checkProbeArgv(["/bin/ping", "db"])).toThrow(/not an allowed probe tool/);
    expect(() => checkProbeArgv([])).toThrow(/not an allowed probe tool/);
  });
});

describe("probeUrl and dockerExecCommand", () => {
  it("brackets IPv6 literals and leaves port 80 out", () => {
    expect(probeUrl("db", 80, "/")).toBe("http://db/");
    expect(probeUrl("172.20.0.3", 8080, "/a/b")).toBe("http://172.20.0.3:8080/a/b");
    expect(probeUrl("fd00::2", 80, "/")).toBe("http://[fd00::2]/");
  });

  it("quotes what a shell would read", () => {
    expect(dockerExecCommand("web", ["ping", "-c", "3", "db"])).toBe("docker exec web ping -c 3 db");
    expect(dockerExecCommand("web", ["wget", "-q", "-O", "-", "http://[fd00::2]/"])).toBe("docker exec web wget -q -O - 'http://[fd00::2]/'");
    expect(dockerExecCommand("web", ["nslookup", "a'b"])).toBe("docker exec web nslookup 'a'\\''b'");
  });
});

describe("candidateStatus", () => {
  it("Docker 20.10: exec starts, says the executable is not found, exit 126, no process", () => {
    expect(candidateStatus(["ping"], { started: false, exitCode: null, output: OCI_NOT_FOUND, timedOut: false })).toEqual({
      status: "missing",
      missing: "ping",
      reason: "ping not found",
    });
  });

  it("newer engines: the same message with exit 126 or 127 from a started exec", () => {
    expect(candidateStatus(["ping"], ran(127, OCI_NOT_FOUND)).status).toBe("missing");
    expect(candidateStatus(["ping"], ran(126, OCI_NOT_FOUND)).status).toBe("missing");
  });

  it("an unknown option or a crash means the next candidate", () => {
    expect(candidateStatus(["nc", "-z"], ran(1, NC_USAGE))).toMatchObject({ status: "unusable" });
    // Debian's busybox-static wget on -T: SIGSEGV, no output.
    expect(candidateStatus(["wget", "-T", "1"], ran(139, ""))).toMatchObject({ status: "unusable", reason: expect.stringContaining("crashed") });
  });

  it("under `timeout`: a missing wrapper, a missing program, each named", () => {
    const wrapped = ["timeout", "-s", "KILL", "2", "wget", "-q", "-O", "-", "http://db/"];
    expect(candidateStatus(wrapped, { started: false, exitCode: null, output: OCI_NOT_FOUND.replace("ping", "timeout"), timedOut: false })).toEqual({
      status: "missing",
      missing: "timeout",
      reason: "timeout not found (wget runs only under it, so that it cannot outlive the probe)",
    });
    // busybox, then coreutils.
    expect(candidateStatus(wrapped, ran(127, "timeout: can't execute 'wget': No such file or directory\n"))).toEqual({ status: "missing", missing: "wget", reason: "wget not found" });
    expect(candidateStatus(wrapped, ran(127, "timeout: failed to run command 'wget': No such file or directory\n"))).toEqual({
      status: "missing",
      missing: "wget",
      reason: "wget not found",
    });
  });

  it("dns without `timeout`: the wrapper is what is missing, and no candidate runs nslookup bare", () => {
    const [nslookup, getent] = probeCandidates(probeSpec({ kind: "dns", target: "db", timeoutSeconds: 1 })).map((c) => c.argv);
    const noWrapper: ExecResult = { started: false, exitCode: null, output: OCI_NOT_FOUND.replace("ping", "timeout"), timedOut: false };
    const status = candidateStatus(nslookup ?? [], noWrapper);
    expect(status).toEqual({ status: "missing", missing: "timeout", reason: "timeout not found (nslookup runs only under it, so that it cannot outlive the probe)" });
    // The next candidate needs the same wrapper: skipped, not run bare.
    expect(needsMissing(getent ?? [], new Set(["timeout"]))).toBe(true);
  });

  it("dns with `timeout` but no nslookup: getent is still tried", () => {
    const [nslookup, getent] = probeCandidates(probeSpec({ kind: "dns", target: "db", timeoutSeconds: 1 })).map((c) => c.argv);
    const status = candidateStatus(nslookup ?? [], ran(127, "timeout: can't execute 'nslookup': No such file or directory\n"));
    expect(status).toMatchObject({ status: "missing", missing: "nslookup" });
    expect(needsMissing(getent ?? [], new Set(["nslookup"]))).toBe(false);
    // A tool found missing bare is missing under the wrapper too.
    expect(needsMissing(["timeout", "-s", "KILL", "1", "wget", "http://db/"], new Set(["wget"]))).toBe(true);
    expect(needsMissing(["curl", "http://db/"], new Set(["wget", "timeout"]))).toBe(false);
  });

  it("a tool's own failure is an answer", () => {
    expect(candidateStatus(["nc"], ran(1, "nc: can't connect to remote host (172.20.0.3): Connection refused\n")).status).toBe("ran");
    expect(candidateStatus(["ping"], ran(1, PING_LOST)).status).toBe("ran");
    expect(candidateStatus(["ping"], { started: true, exitCode: null, output: "", timedOut: true }).status).toBe("ran");
  });
});

describe("the timeout wrapper", () => {
  const wrapped = ["timeout", "-s", "KILL", "2", "wget", "-q", "-O", "-", "http://db/"];
  it("names the program it runs", () => {
    expect(programOf(wrapped)).toBe("wget");
    expect(programOf(["nc", "-z"])).toBe("nc");
  });

  it("a lookup it killed timed out (busybox: exit 137, nothing printed)", () => {
    const argv = ["timeout", "-s", "KILL", "1", "nslookup", "db"];
    expect(interpretProbe("dns", argv, ran(137, ""), { from: "web", target: "db" })).toEqual({
      outcome: "timeout",
      summary: "web: nslookup got no answer for db before the timeout (nslookup did not finish)",
    });
    expect(interpretProbe("dns", argv, ran(0, NSLOOKUP_OK), { from: "web", target: "db" }).outcome).toBe("success");
    expect(interpretProbe("dns", ["timeout", "-s", "KILL", "1", "getent", "hosts", "db"], ran(2, ""), { from: "web", target: "db" })).toMatchObject({
      outcome: "failure",
      summary: "getent could not resolve db from web (no such name)",
    });
  });

  it("a program it stopped timed out", () => {
    for (const code of [124, 137, 143]) {
      expect(interpretProbe("http", wrapped, ran(code, ""), { from: "web", target: "db", port: 80, url: "http://db/" }).outcome).toBe("timeout");
    }
    expect(interpretProbe("http", wrapped, ran(0, "ok\n"), { from: "web", target: "db", port: 80, url: "http://db/" }).outcome).toBe("success");
  });

  it("the engine refuses a wrapper around anything else, or with other options", async () => {
    expect(() => checkProbeArgv(["timeout", "-s", "KILL", "2", "sh", "-c", "id"])).toThrow(/not an allowed probe tool/);
    expect(() => checkProbeArgv(["timeout", "-k", "1", "2", "wget", "http://db/"])).toThrow(/not an allowed probe tool/);
    expect(() => checkProbeArgv(["timeout", "-s", "KILL", "-1", "wget", "http://db/"])).toThrow(/not an allowed probe tool/);
  });
});

describe("parsers", () => {
  it("pingCounts reads busybox and iputils", () => {
    expect(pingCounts(PING_OK)).toEqual({ transmitted: 2, received: 2 });
    expect(pingCounts("3 packets transmitted, 1 received, 66.6667% packet loss, time 2003ms")).toEqual({ transmitted: 3, received: 1 });
    expect(pingCounts("ping: bad address 'x'")).toBeNull();
  });

  it("lookupAddresses skips the server and reads the answer", () => {
    expect(lookupAddresses("nslookup", NSLOOKUP_OK)).toEqual(["172.20.0.3"]);
    expect(lookupAddresses("nslookup", NSLOOKUP_NX)).toEqual([]);
    expect(lookupAddresses("nslookup", "Server:    127.0.0.11\nAddress 1: 127.0.0.11\n\nName:      db\nAddress 1: 172.20.0.3 db.net\nAddress 2: fd00::3\n")).toEqual([
      "172.20.0.3",
      "fd00::3",
    ]);
    expect(lookupAddresses("getent", "172.20.0.3      db  db.net\n")).toEqual(["172.20.0.3"]);
  });
});

describe("interpretProbe", () => {
  it("ping", () => {
    expect(interpretProbe("ping", ["ping"], ran(0, PING_OK), ctx)).toEqual({ outcome: "success", summary: "web reached db (2/2 replies)" });
    expect(interpretProbe("ping", ["ping"], ran(1, PING_LOST), { from: "web", target: "172.21.0.2" })).toEqual({
      outcome: "failure",
      summary: "web could not reach 172.21.0.2 (0/1 reply)",
    });
    expect(interpretProbe("ping", ["ping"], ran(1, "ping: bad address 'db'\n"), ctx)).toEqual({
      outcome: "failure",
      summary: "web could not reach db (db does not resolve)",
    });
  });

  it("dns", () => {
    expect(interpretProbe("dns", ["nslookup"], ran(0, NSLOOKUP_OK), ctx)).toEqual({ outcome: "success", summary: "nslookup resolved db to 172.20.0.3 from web" });
    expect(interpretProbe("dns", ["nslookup"], ran(1, NSLOOKUP_NX), ctx)).toEqual({
      outcome: "failure",
      summary: "nslookup could not resolve db from web (no such name)",
    });
    expect(interpretProbe("dns", ["getent"], ran(2, ""), ctx).outcome).toBe("failure");
    expect(interpretProbe("dns", ["nslookup"], ran(1, ";; connection timed out; no servers could be reached\n"), ctx).summary).toContain("no DNS server answered");
    const ptr = "Non-authoritative answer:\n3.0.20.172.in-addr.arpa\tname = db.net\n";
    expect(interpretProbe("dns", ["nslookup"], ran(0, ptr), { from: "web", target: "172.20.0.3" })).toEqual({
      outcome: "success",
      summary: "nslookup resolved 172.20.0.3 to db.net from web",
    });
  });

  it("tcp", () => {
    const c = { ...ctx, port: 5432 };
    expect(interpretProbe("tcp", ["nc"], ran(0, ""), c)).toEqual({ outcome: "success", summary: "web opened a TCP connection to db:5432" });
    expect(interpretProbe("tcp", ["nc"], ran(1, "nc: can't connect to remote host (172.20.0.3): Connection refused\n"), c)).toEqual({
      outcome: "failure",
      summary: "web could not open a TCP connection to db:5432 (connection refused: the path works, nothing listens on the port)",
      pathWorks: true,
    });
    expect(interpretProbe("tcp", ["nc"], ran(1, "nc: timed out\n"), c).summary).toContain("(timed out)");
  });

  it("http: any HTTP answer is a path that works", () => {
    const c = { ...ctx, port: 8080, url: "http://db:8080/" };
    expect(interpretProbe("http", ["wget"], ran(0, "cnmap test page\n"), c)).toEqual({ outcome: "success", summary: "web got an HTTP answer from http://db:8080/ (16 bytes)" });
    expect(interpretProbe("http", ["wget"], ran(1, "wget: server returned error: HTTP/1.1 404 Not Found\n"), c)).toEqual({
      outcome: "success",
      summary: "web got an HTTP answer from http://db:8080/: HTTP/1.1 404 Not Found",
    });
    expect(interpretProbe("http", ["curl"], ran(0, "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n"), c).summary).toContain("HTTP/1.1 200 OK");
    expect(interpretProbe("http", ["wget"], ran(1, "wget: can't connect to remote host (172.20.0.3): Connection refused\n"), c)).toEqual({
      outcome: "failure",
      summary: "web got no HTTP answer from http://db:8080/ (connection refused: the path works, nothing listens on the port)",
      pathWorks: true,
    });
  });

  it("a tool that did not finish is a timeout", () => {
    const r: ExecResult = { started: true, exitCode: null, output: "", timedOut: true };
    expect(interpretProbe("http", ["wget"], r, { ...ctx, url: "http://db/" })).toEqual({
      outcome: "timeout",
      summary: "web: no answer from http://db/ before the timeout (wget did not finish)",
    });
    expect(interpretProbe("dns", ["nslookup"], r, ctx).outcome).toBe("timeout");
  });
});
