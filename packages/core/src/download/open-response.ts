/**
 * One GET with redirects followed by hand, so credentials go only where they belong: on a
 * redirect to another origin the caller's headers are dropped, except the ones the caller
 * explicitly keeps (Civitai's signed storage URLs need the token to travel).
 */
import { proxyAwareFetch } from "../proxy-fetch.js";
import { aborted, type DownloadHints, noAnswerInTime, unreachable } from "./download-errors.js";

export interface OpenResponseOptions {
  headers: Record<string, string>;
  /** Header names (any case) to keep across a redirect to another origin. */
  keepHeadersAcrossOrigins: string[];
  /** Aborts the request and, later, the body. */
  signal: AbortSignal;
  /** Time allowed until response headers arrive, per hop. */
  connectTimeoutMs: number;
  fetch: typeof globalThis.fetch | undefined;
  hints: DownloadHints;
  method?: "GET" | "HEAD";
}

const harmlessHeaders = new Set(["user-agent", "accept", "accept-language", "range", "if-range"]);
const maxRedirects = 10;

/** Resolves to the final non-redirect response and the URL it came from. */
export async function openResponse(
  url: URL,
  options: OpenResponseOptions,
): Promise<{ response: Response; url: URL }> {
  let current = url;
  let headers = { ...options.headers };
  const keep = new Set(options.keepHeadersAcrossOrigins.map((name) => name.toLowerCase()));
  for (let hop = 0; hop <= maxRedirects; hop++) {
    const response = await fetchWithTimeout(current, headers, options);
    const location = response.headers.get("location");
    if (response.status < 300 || response.status >= 400 || !location) {
      return { response, url: current };
    }
    await response.body?.cancel().catch(() => {});
    const next = new URL(location, current);
    if (next.origin !== current.origin) {
      headers = Object.fromEntries(
        Object.entries(headers).filter(([name]) => {
          const lower = name.toLowerCase();
          return harmlessHeaders.has(lower) || keep.has(lower);
        }),
      );
    }
    current = next;
  }
  throw unreachable(current, new Error(`more than ${maxRedirects} redirects`), options.hints);
}

async function fetchWithTimeout(
  url: URL,
  headers: Record<string, string>,
  options: OpenResponseOptions,
): Promise<Response> {
  if (options.signal.aborted) throw aborted();
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), options.connectTimeoutMs);
  const fetch = options.fetch ?? proxyAwareFetch;
  try {
    return await fetch(url, {
      method: options.method ?? "GET",
      headers,
      redirect: "manual",
      signal: AbortSignal.any([options.signal, timeout.signal]),
    });
  } catch (error) {
    if (options.signal.aborted) throw aborted();
    if (timeout.signal.aborted) throw noAnswerInTime(url, options.connectTimeoutMs, options.hints);
    throw unreachable(url, error, options.hints);
  } finally {
    clearTimeout(timer);
  }
}
