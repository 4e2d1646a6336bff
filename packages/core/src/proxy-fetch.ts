/**
 * The fetch every provider client is given. Without proxy variables it is the global fetch;
 * with `HTTPS_PROXY` / `HTTP_PROXY` set it goes through undici's proxy agent, which honours
 * `NO_PROXY`. Loopback hosts never go through the proxy (local servers, test fakes).
 */
import { readSetting } from "./config.js";

type Fetch = typeof globalThis.fetch;

const proxyVariables = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY"];

export function proxyConfigured(): boolean {
  return proxyVariables.some((name) => readSetting(name) !== undefined);
}

function isLoopback(input: Parameters<Fetch>[0]): boolean {
  const href = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const host = new URL(href).hostname;
  return host === "localhost" || host === "[::1]" || host.startsWith("127.");
}

function proxySettings() {
  const variable = (name: string) => readSetting(name) ?? readSetting(name.toLowerCase());
  return {
    httpProxy: variable("HTTP_PROXY") ?? variable("ALL_PROXY"),
    httpsProxy: variable("HTTPS_PROXY") ?? variable("ALL_PROXY"),
    noProxy: variable("NO_PROXY"),
  };
}

/** The proxied fetch for the proxy variables it was built from, one agent per set of values. */
let proxied: { key: string; fetch: Promise<Fetch> } | undefined;

function proxiedFetch(): Promise<Fetch> {
  const settings = proxySettings();
  const key = JSON.stringify(settings);
  if (proxied?.key !== key) proxied = { key, fetch: loadProxiedFetch(settings) };
  return proxied.fetch;
}

async function loadProxiedFetch(settings: ReturnType<typeof proxySettings>): Promise<Fetch> {
  const undici = await import("undici");
  const dispatcher = new undici.EnvHttpProxyAgent(settings);
  const fetchThroughProxy = (input: Parameters<Fetch>[0], init?: RequestInit) =>
    undici.fetch(input as never, { ...(init as object), dispatcher } as never);
  return fetchThroughProxy as unknown as Fetch;
}

export const proxyAwareFetch: Fetch = async (input, init) => {
  if (!proxyConfigured() || isLoopback(input)) return globalThis.fetch(input, init);
  return (await proxiedFetch())(input, init);
};

/** The fetch a provider's client gets: the caller's own, else the proxy-aware one. */
export function providerFetch(custom?: Fetch): Fetch {
  return custom ?? proxyAwareFetch;
}
