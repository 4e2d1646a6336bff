import { InvalidInputError, loadApiKey, readSetting } from "@path/core";

/** Where API keys are made: Civitai → Account settings → API Keys. */
export const civitaiTokenPage = "https://civitai.com/user/account";

export interface CivitaiSettings {
  /** `CIVITAI_BASE_URL`, default `https://civitai.com`, without a trailing slash. */
  baseUrl: string;
  /** `CIVITAI_TOKEN`, when set. */
  token: string | undefined;
}

/** Reads `CIVITAI_BASE_URL` and `CIVITAI_TOKEN` (environment, then `.env`). */
export function civitaiSettings(): CivitaiSettings {
  const raw = readSetting("CIVITAI_BASE_URL") ?? "https://civitai.com";
  let baseUrl: URL;
  try {
    baseUrl = new URL(raw);
  } catch {
    throw new InvalidInputError(
      `CIVITAI_BASE_URL is not a URL: "${raw}"; leave it unset for https://civitai.com`,
    );
  }
  if (baseUrl.protocol !== "https:" && baseUrl.protocol !== "http:") {
    throw new InvalidInputError(`CIVITAI_BASE_URL must be an http(s) URL, not "${raw}"`);
  }
  const token = readSetting("CIVITAI_TOKEN");
  // loadApiKey remembers the token, so core masks it in every error message from now on.
  if (token) loadApiKey({ apiKey: token, variable: "CIVITAI_TOKEN", provider: "civitai" });
  return { baseUrl: baseUrl.href.replace(/\/+$/, ""), token };
}
