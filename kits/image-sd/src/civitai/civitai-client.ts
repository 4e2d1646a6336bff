/**
 * A small client for Civitai's public REST API: model search and model versions. Plain fetch
 * (through a proxy when HTTPS_PROXY is set), core's retry layer for 429/5xx/dropped
 * connections, and core's error types with Civitai's own message in them.
 */
import {
  AbortedError,
  ApiCallError,
  ConnectionError,
  InvalidResponseError,
  type PathError,
  proxyAwareFetch,
  type RetryOptions,
  withRetry,
} from "@path/core";
import { type CivitaiSettings, civitaiSettings } from "./civitai-settings.js";
import type { CivitaiModelVersion, CivitaiSearchReply } from "./civitai-types.js";

export interface SearchModelsQuery {
  query?: string;
  /** Civitai's own names: `Checkpoint`, `LORA`, … (see search-options.ts). */
  types?: string[];
  /** `SD 1.5`, `SDXL 1.0`, … */
  baseModels?: string[];
  /** `Highest Rated`, `Most Downloaded`, `Newest`. */
  sort?: string;
  /** 1–100. */
  limit?: number;
  /** Include NSFW models. Default false. */
  nsfw?: boolean;
  /** `metadata.nextCursor` of the previous page. */
  cursor?: string;
}

export interface CivitaiClientOptions extends Partial<CivitaiSettings> {
  fetch?: typeof globalThis.fetch;
  /** Per request. Default 30 s. */
  timeoutMs?: number;
  retry?: RetryOptions;
}

export interface CivitaiClient {
  readonly baseUrl: string;
  readonly token: string | undefined;
  searchModels(query: SearchModelsQuery, signal?: AbortSignal): Promise<CivitaiSearchReply>;
  getModelVersion(versionId: number, signal?: AbortSignal): Promise<CivitaiModelVersion>;
  /** The web page of a model (version), for people to open. */
  pageUrl(modelId: number, versionId?: number): string;
}

/** Settings not given come from `CIVITAI_BASE_URL` and `CIVITAI_TOKEN`. */
export function createCivitaiClient(options: CivitaiClientOptions = {}): CivitaiClient {
  const environment =
    options.baseUrl !== undefined && "token" in options ? undefined : civitaiSettings();
  const baseUrl = (options.baseUrl ?? environment?.baseUrl ?? "").replace(/\/+$/, "");
  const token = "token" in options ? options.token : environment?.token;
  const fetch = options.fetch ?? proxyAwareFetch;
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function getJson<T>(path: string, params: URLSearchParams, signal?: AbortSignal) {
    const url = new URL(`${baseUrl}${path}`);
    url.search = params.toString();
    return withRetry(() => getOnce<T>(url, signal), { ...options.retry, signal });
  }

  async function getOnce<T>(url: URL, signal: AbortSignal | undefined): Promise<T> {
    const timeout = AbortSignal.timeout(timeoutMs);
    let response: Response;
    try {
      response = await fetch(url, {
        headers: {
          accept: "application/json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (signal?.aborted) throw new AbortedError();
      const reason = timeout.aborted ? `no answer within ${timeoutMs / 1000} s` : causeOf(error);
      throw new ConnectionError(
        url.host,
        `${reason}: check the network, or set HTTPS_PROXY if you are behind a proxy`,
        error,
      );
    }
    const text = await response.text();
    if (!response.ok) throw apiError(url, response, text);
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new InvalidResponseError(
        url.host,
        `expected JSON from ${url.pathname}, got "${text.slice(0, 80)}"`,
        error,
      );
    }
  }

  return {
    baseUrl,
    token,
    searchModels(query, signal) {
      const params = new URLSearchParams();
      if (query.query) params.set("query", query.query);
      for (const type of query.types ?? []) params.append("types", type);
      for (const base of query.baseModels ?? []) params.append("baseModels", base);
      if (query.sort) params.set("sort", query.sort);
      if (query.limit !== undefined) params.set("limit", String(query.limit));
      params.set("nsfw", String(query.nsfw ?? false));
      if (query.cursor) params.set("cursor", query.cursor);
      return getJson<CivitaiSearchReply>("/api/v1/models", params, signal);
    },
    async getModelVersion(versionId, signal) {
      try {
        return await getJson<CivitaiModelVersion>(
          `/api/v1/model-versions/${versionId}`,
          new URLSearchParams(),
          signal,
        );
      } catch (error) {
        if (error instanceof ApiCallError && error.status === 404) {
          throw new ApiCallError({
            provider: "civitai",
            status: 404,
            message: `model version ${versionId} does not exist (or is not published). The version id is the number after modelVersionId= in a model page's address, or the "version" column of \`models search\`.`,
            url: error.url,
            responseBody: error.responseBody,
          });
        }
        throw error;
      }
    },
    pageUrl(modelId, versionId) {
      const page = `${baseUrl}/models/${modelId}`;
      return versionId === undefined ? page : `${page}?modelVersionId=${versionId}`;
    },
  };
}

/** Civitai's `{"error": "...", "message": "..."}`, or the first line of an HTML/text page. */
function apiError(url: URL, response: Response, text: string): PathError {
  let message = text.trim().split("\n")[0]?.slice(0, 200) ?? "";
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown };
    const parts = [body.error, body.message].filter((part) => typeof part === "string");
    if (parts.length > 0) message = parts.join(": ");
  } catch {
    // Not JSON: keep the text.
  }
  if (response.status === 429) message = `rate limited (${message || "too many requests"})`;
  return new ApiCallError({
    provider: "civitai",
    status: response.status,
    message: message || `${url.pathname} failed`,
    url: url.href,
    responseBody: text,
    retryAfterMs: retryAfter(response.headers.get("retry-after")),
  });
}

function retryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code === "ECONNREFUSED") return "connection refused";
  if (cause?.code === "ENOTFOUND" || cause?.code === "EAI_AGAIN") return "host not found";
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
}
