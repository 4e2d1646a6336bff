import { ApiCallError, type DownloadHints, InvalidInputError, type PathError } from "@path/core";
import type { HubFile } from "./hugging-face-hub.js";

/** Advice added to download errors: where a mirror, a token or a local file helps. */
export const hubHints: DownloadHints = {
  offline:
    "offline? set HF_ENDPOINT to a mirror (e.g. https://hf-mirror.com), point GENAI_LOCAL_MODEL at a .gguf file, or configure a provider",
  unauthorized:
    "the repository is gated or private: accept its licence on the model page and set HF_TOKEN",
};

export function httpFailure(repo: string, url: URL, status: number, body: string): PathError {
  const message =
    status === 404
      ? `repository ${repo} was not found (check the name${url.host === "huggingface.co" ? "" : `, or whether the mirror ${url.host} has it`})`
      : status === 401 || status === 403
        ? `${repo}: ${hubHints.unauthorized}`
        : `listing ${repo} failed`;
  return new ApiCallError({
    provider: url.host,
    status,
    message,
    url: url.href,
    responseBody: body,
  });
}

export function missingFile(repo: string, path: string, files: HubFile[]): PathError {
  const ggufs = files.filter((file) => file.path.endsWith(".gguf")).map((file) => file.path);
  return new InvalidInputError(
    `${repo} has no file ${path}.` +
      (ggufs.length > 0
        ? ` Its GGUF files: ${ggufs.slice(0, 12).join(", ")}.`
        : " It has no GGUF files."),
  );
}
