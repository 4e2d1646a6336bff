import { ApiCallError } from "../../errors.js";
import { readJson, type ServerConnection, serverFetch } from "../server-http.js";

/** `owner/name`, the form the Hub gives a Space. */
export function isSpaceId(reference: string): boolean {
  return /^[\w.-]+\/[\w.-]+$/.test(reference);
}

/**
 * The app URL of a Space, from the Hub's `GET /api/spaces/{id}/host`. Done here rather than by
 * `@gradio/client` so the lookup honours `HF_ENDPOINT` (a mirror) and the proxy.
 */
export async function resolveSpaceHost(
  spaceId: string,
  options: { hubURL: string; token?: string; fetch: typeof globalThis.fetch; signal?: AbortSignal },
): Promise<string> {
  const server: ServerConnection = {
    provider: "gradio",
    fetch: options.fetch,
    unreachableHint: `the Hugging Face Hub (${options.hubURL}) does not answer; offline, or behind a proxy? Set HTTPS_PROXY, or HF_ENDPOINT for a mirror`,
  };
  const response = await serverFetch(server, `${options.hubURL}/api/spaces/${spaceId}/host`, {
    headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
    signal: options.signal,
  }).catch((error: unknown) => {
    if (error instanceof ApiCallError && (error.status === 401 || error.status === 404)) {
      throw new ApiCallError({
        provider: "gradio",
        status: 404,
        message: `there is no Space "${spaceId}"${options.token ? "" : " (a private Space needs HF_TOKEN)"}; check the name on huggingface.co/spaces`,
        url: error.url,
        cause: error,
      });
    }
    throw error;
  });
  const { host } = await readJson<{ host?: unknown }>(server, response);
  if (typeof host !== "string" || !/^https?:\/\//.test(host)) {
    throw new ApiCallError({
      provider: "gradio",
      status: response.status,
      message: `the Hub gave no app URL for the Space "${spaceId}"`,
    });
  }
  return host.replace(/\/+$/, "");
}
