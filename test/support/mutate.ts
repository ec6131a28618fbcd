/**
 * Helpers for the mutation API tests: raw HTTP on node:http (fetch forbids
 * setting Host, and may add headers of its own), error-body assertions, a
 * free port, and a snapshot of the engine state a refused request must
 * leave as it was.
 */
import http from "node:http";
import { expect } from "vitest";
import type { ErrorBody, ErrorCode } from "@/lib/api/errors";
import type { Network } from "@/lib/topology/types";
import { docker, inspect, RUN_ID } from "./docker-cli";
import type { ContainerInspect, InspectEndpoint } from "./api";

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export interface SendOptions {
  /** A value to send as JSON, or a string sent as is. */
  body?: unknown;
  /** Extra headers; `content-type` defaults to application/json when there is a body. */
  headers?: Record<string, string>;
  /** Send the body chunked, without Content-Length. */
  chunked?: boolean;
}

/** One HTTP request on node:http; never throws for an HTTP status. */
export function send(base: string, method: string, path: string, opts: SendOptions = {}): Promise<RawResponse> {
  const url = new URL(base);
  const payload =
    opts.body === undefined ? undefined : typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
  const headers: Record<string, string> = { accept: "application/json" };
  if (payload !== undefined) {
    headers["content-type"] = "application/json";
    if (!opts.chunked) headers["content-length"] = String(Buffer.byteLength(payload));
  }
  for (const [k, v] of Object.entries(opts.headers ?? {})) headers[k.toLowerCase()] = v;
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method, path, headers, setHost: headers.host === undefined },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
        res.on("error", reject);
      },
    );
    // The server may answer (413) before the whole body is written and close.
    req.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code !== "EPIPE" && err.code !== "ECONNRESET") reject(err);
    });
    if (payload !== undefined) {
      if (opts.chunked) {
        const chunk = 8192;
        for (let i = 0; i < payload.length; i += chunk) req.write(payload.slice(i, i + chunk));
      } else {
        req.write(payload);
      }
    }
    req.end();
  });
}

export const post = (base: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<RawResponse> =>
  send(base, "POST", path, { body, headers });
export const del = (base: string, path: string, headers?: Record<string, string>): Promise<RawResponse> =>
  send(base, "DELETE", path, { headers });

export function json<T>(res: RawResponse): T {
  try {
    return JSON.parse(res.text) as T;
  } catch {
    throw new Error(`${res.status}, not JSON: ${res.text.slice(0, 500)}`);
  }
}

/** The response is the API's error JSON with this status and code, and a message matching `message`. */
export function expectError(res: RawResponse, status: number, code: ErrorCode, message?: RegExp): string {
  expect(res.status, `status of ${res.text.slice(0, 300)}`).toBe(status);
  expect(String(res.headers["content-type"])).toMatch(/^application\/json/);
  const body = json<ErrorBody>(res);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  expect(body.error.message.length).toBeGreaterThan(10);
  if (message) expect(body.error.message).toMatch(message);
  return body.error.message;
}

/** The created network of a 201. */
export function createdNetwork(res: RawResponse): Network {
  expect(res.status, res.text.slice(0, 500)).toBe(201);
  return json<{ network: Network }>(res).network;
}

// ------------------------------------------------------------- engine state

export interface EngineState {
  /** `docker network ls --format '{{.ID}} {{.Name}}'`: this run's networks and the predefined ones (other runs share the engine). */
  networks: string[];
  /** `docker inspect` NetworkSettings.Networks of the given containers. */
  containers: Record<string, Record<string, InspectEndpoint> | null>;
}

const PREDEFINED = new Set(["bridge", "host", "none"]);

export function networkLs(): string[] {
  return docker("network", "ls", "--no-trunc", "--format", "{{.ID}} {{.Name}}").split("\n").filter(Boolean);
}

/**
 * The engine state that matters to a refused request. Every name a test
 * uses carries the run ID, so a network created (or removed) by mistake
 * shows up; other test runs' networks, which may come and go meanwhile, are
 * left out.
 */
export function engineState(containers: string[] = []): EngineState {
  const networks = networkLs()
    .filter((line) => {
      const name = line.slice(line.indexOf(" ") + 1);
      return name.includes(RUN_ID) || PREDEFINED.has(name);
    })
    .sort();
  const out: EngineState["containers"] = {};
  if (containers.length > 0) {
    for (const c of inspect<ContainerInspect>(...containers)) out[c.Id] = c.NetworkSettings.Networks;
  }
  return { networks, containers: out };
}

/** Runs `refused` and checks that the engine state is the same after it as before. */
export async function expectUnchanged<T>(containers: string[], refused: () => Promise<T>): Promise<T> {
  const before = engineState(containers);
  const result = await refused();
  expect(engineState(containers)).toEqual(before);
  return result;
}

export const rand = (n: number): number => Math.floor(Math.random() * n);

/** A random 10.a.b.0/24 (a in 64..191), as [a, b]. */
export function randomSubnet(): [number, number] {
  return [64 + rand(128), rand(256)];
}

/** A random fd00:x:y:z::/64 prefix (without the trailing "::/64"). */
export function randomV6Prefix(): string {
  const group = (): string => (1 + rand(0xfffe)).toString(16);
  return `fd00:${group()}:${group()}:${group()}`;
}

/** Creates a network by the API on a random 10.a.b.0/24, trying another while it overlaps an existing one. */
export async function apiCreateOnFreeSubnet(
  base: string,
  body: (a: number, b: number) => Record<string, unknown>,
): Promise<{ network: Network; a: number; b: number }> {
  for (let attempt = 1; ; attempt++) {
    const [a, b] = randomSubnet();
    const res = await post(base, "/api/networks", body(a, b));
    if (res.status === 409 && /overlaps/i.test(res.text) && attempt < 10) continue;
    return { network: createdNetwork(res), a, b };
  }
}

/** Runs a docker CLI creation on a random 10.a.b.0/24, trying others while the engine says the pool overlaps. */
export function cliOnFreeSubnet<T>(create: (a: number, b: number) => T): T {
  for (let attempt = 1; ; attempt++) {
    const [a, b] = randomSubnet();
    try {
      return create(a, b);
    } catch (err) {
      const stderr = String((err as { stderr?: unknown }).stderr ?? err);
      if (attempt >= 10 || !/overlap|in use|already/i.test(stderr)) throw err;
    }
  }
}
