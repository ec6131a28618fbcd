/**
 * An OIDC sign-in driven over HTTP the way a browser does it: cnmap's start
 * route (its state cookie kept), the provider's authorization endpoint and
 * login form (the provider's own cookies kept), and back to cnmap's callback
 * with what the provider put in the URL.
 */
import { expect } from "vitest";
import { send, type RawResponse } from "./mutate";

export interface OidcRun {
  /** cnmap's answer to the start (302 to the provider). */
  start: RawResponse;
  /** The authorization request cnmap sent the browser to. */
  authorization: URL;
  /** cnmap's state cookie (`name=value`), as the browser would send it back. */
  stateCookie: string;
  /** The URL the provider sent the browser back to (cnmap's callback with code, state, iss). */
  callbackUrl: URL;
  /** cnmap's answer to the callback. */
  callback: RawResponse;
  /** The new session's cookie (`name=value`), when the sign-in was let in. */
  sessionCookie: string | null;
}

function cookiesOf(res: RawResponse | Response): string[] {
  const raw = res instanceof Response ? res.headers.getSetCookie() : ([] as string[]).concat(res.headers["set-cookie"] ?? []);
  return raw.map((c) => c.split(";")[0] ?? "").filter((c) => !/=$/.test(c));
}

/** The provider's side: authorization request, login form, back to the redirect URI. Returns where the provider sent the browser. */
export async function providerLogin(authorization: URL, login: string, password: string): Promise<URL> {
  const jar = new Map<string, string>();
  const keep = (res: Response): void => {
    for (const c of cookiesOf(res)) jar.set(c.slice(0, c.indexOf("=")), c);
  };
  const cookie = (): string => [...jar.values()].join("; ");
  let res = await fetch(authorization, { redirect: "manual" });
  keep(res);
  let location = new URL(res.headers.get("location") ?? "", authorization);
  res = await fetch(location, { headers: { cookie: cookie() } });
  keep(res);
  const form = await res.text();
  const action = /<form[^>]*action="([^"]+)"/.exec(form)?.[1];
  expect(action, form.slice(0, 500)).toBeDefined();
  res = await fetch(new URL(action ?? "", location), {
    method: "POST",
    redirect: "manual",
    headers: { cookie: cookie(), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ login, password }),
  });
  keep(res);
  expect(res.status, await res.clone().text()).toBe(303);
  // The provider resumes the authorization, then redirects to the client with the code.
  for (let hop = 0; hop < 5; hop++) {
    location = new URL(res.headers.get("location") ?? "", location);
    if (location.origin !== authorization.origin) return location;
    res = await fetch(location, { redirect: "manual", headers: { cookie: cookie() } });
    keep(res);
  }
  throw new Error(`the provider did not send the browser back (last at ${location.href})`);
}

/** The whole sign-in: cnmap's start, the provider, cnmap's callback (sent as the cross-site navigation it is). */
export async function oidcSignIn(base: string, login: string, password: string, next?: string): Promise<OidcRun> {
  const start = await send(base, "GET", `/api/session/oidc${next ? `?next=${encodeURIComponent(next)}` : ""}`, { headers: { accept: "text/html" } });
  expect(start.status, start.text).toBe(302);
  const authorization = new URL(String(start.headers.location));
  const stateCookie = cookiesOf(start).find((c) => c.startsWith("cnmap.state=")) ?? "";
  expect(stateCookie, String(start.headers["set-cookie"])).not.toBe("");
  const callbackUrl = await providerLogin(authorization, login, password);
  const callback = await finishAt(base, callbackUrl, stateCookie);
  const sessionCookie = cookiesOf(callback).find((c) => c.startsWith("cnmap.session_token=")) ?? null;
  return { start, authorization, stateCookie, callbackUrl, callback, sessionCookie };
}

/** cnmap's callback, as the browser's cross-site navigation from the provider (with or without the state cookie). */
export function finishAt(base: string, callbackUrl: URL, stateCookie: string | null): Promise<RawResponse> {
  return send(base, "GET", `${callbackUrl.pathname}${callbackUrl.search}`, {
    headers: { accept: "text/html", "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate", ...(stateCookie ? { cookie: stateCookie } : {}) },
  });
}
