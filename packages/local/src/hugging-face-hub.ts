/**
 * The two Hugging Face hub calls a download needs: the repository's file list (to pick a
 * quantisation and to learn each file's size and SHA-256) and the file's download URL.
 * `HF_ENDPOINT` points them at a mirror, `HF_TOKEN` opens gated or private repositories.
 */
import { ApiCallError, openResponse, proxyAwareFetch, readSetting } from "@path/core";
import { httpFailure, hubHints, missingFile } from "./hub-errors.js";

export interface HubSettings {
  /** Without a trailing slash, e.g. `https://huggingface.co` or `https://hf-mirror.com`. */
  endpoint: string;
  token: string | undefined;
  fetch: typeof globalThis.fetch | undefined;
}

export interface HubFile {
  /** Path inside the repository. */
  path: string;
  size: number | undefined;
  /** Published for files stored with Git LFS (every model file). */
  sha256: string | undefined;
}

export function hubSettings(options: Partial<HubSettings> = {}): HubSettings {
  const endpoint = options.endpoint ?? readSetting("HF_ENDPOINT") ?? "https://huggingface.co";
  // Core's redaction already masks hf_… tokens in every error message.
  const token = options.token ?? readSetting("HF_TOKEN");
  return { endpoint: endpoint.replace(/\/+$/, ""), token, fetch: options.fetch };
}

export function hubHeaders(settings: HubSettings): Record<string, string> {
  return {
    "user-agent": "genai-path-local",
    ...(settings.token ? { authorization: `Bearer ${settings.token}` } : {}),
  };
}

export function hubDownloadUrl(settings: HubSettings, repo: string, path: string): string {
  const encoded = path.split("/").map(encodeURIComponent).join("/");
  return `${settings.endpoint}/${repo}/resolve/main/${encoded}?download=true`;
}

/** Every file in the repository (or in one folder of it), with sizes and hashes. */
export async function listHubFiles(
  settings: HubSettings,
  repo: string,
  signal?: AbortSignal,
  folder = "",
): Promise<HubFile[]> {
  const suffix = folder === "" ? "" : `/${folder.split("/").map(encodeURIComponent).join("/")}`;
  const url = new URL(`${settings.endpoint}/api/models/${repo}/tree/main${suffix}`);
  const { response } = await openResponse(url, {
    headers: { ...hubHeaders(settings), accept: "application/json" },
    keepHeadersAcrossOrigins: [],
    signal: signal ?? new AbortController().signal,
    connectTimeoutMs: 15_000,
    fetch: settings.fetch ?? proxyAwareFetch,
    hints: hubHints,
  });
  if (!response.ok) {
    throw httpFailure(repo, url, response.status, await response.text().catch(() => ""));
  }
  const entries = (await response.json()) as {
    type?: string;
    path?: string;
    size?: number;
    lfs?: { oid?: string; size?: number };
  }[];
  return entries
    .filter((entry) => entry.type === "file" && typeof entry.path === "string")
    .map((entry) => ({
      path: entry.path!,
      size: entry.lfs?.size ?? entry.size,
      sha256:
        entry.lfs?.oid && /^[0-9a-f]{64}$/i.test(entry.lfs.oid)
          ? entry.lfs.oid.toLowerCase()
          : undefined,
    }));
}

/**
 * One file's size and hash: from the listing of its folder, or, where a mirror does not
 * serve the listing API, from the `x-linked-etag` / `x-linked-size` headers of a HEAD on
 * its download URL. Undefined fields mean the hub did not say.
 */
export async function hubFileInfo(
  settings: HubSettings,
  repo: string,
  path: string,
  signal?: AbortSignal,
): Promise<HubFile> {
  const folder = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
  let files: HubFile[];
  try {
    files = await listHubFiles(settings, repo, signal, folder);
  } catch (error) {
    if (!(error instanceof ApiCallError) || error.status === 401 || error.status === 403)
      throw error;
    return headFileInfo(settings, repo, path, signal);
  }
  const file = files.find((entry) => entry.path === path);
  if (!file) throw missingFile(repo, path, files);
  return file;
}

async function headFileInfo(
  settings: HubSettings,
  repo: string,
  path: string,
  signal: AbortSignal | undefined,
): Promise<HubFile> {
  const fetch = settings.fetch ?? proxyAwareFetch;
  const timeout = AbortSignal.timeout(15_000);
  const response = await fetch(hubDownloadUrl(settings, repo, path), {
    method: "HEAD",
    headers: hubHeaders(settings),
    // The hub answers with a redirect to its CDN; the hash is on the hub's own answer.
    redirect: "manual",
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
  }).catch(() => undefined);
  const etag = response?.headers.get("x-linked-etag")?.replace(/^W\//, "").replaceAll('"', "");
  const size = Number(response?.headers.get("x-linked-size") ?? Number.NaN);
  return {
    path,
    size: Number.isSafeInteger(size) && size > 0 ? size : undefined,
    sha256: etag && /^[0-9a-f]{64}$/i.test(etag) ? etag.toLowerCase() : undefined,
  };
}
