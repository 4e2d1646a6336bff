import { type ProviderEntry, providerEntries, readSetting } from "@path/core";
import { type Finding, notOk, ok } from "./finding.js";

/**
 * Each provider: configured or not (keys are never printed, only whether they are set), its
 * server URL when one is set and whether it is a URL. Fallbacks (local, system) are checked
 * under "embedded" and "tools".
 */
export function checkProviders(entries: ProviderEntry[] = providerEntries()): Finding[] {
  return entries.filter((entry) => !entry.fallback && entry.variables).map(checkProvider);
}

function checkProvider(entry: ProviderEntry): Finding {
  const { keys = [], url } = entry.variables ?? {};
  const urlValue = url ? readSetting(url) : undefined;
  if (url && urlValue !== undefined && !isUrl(withScheme(urlValue))) {
    return notOk(
      "providers",
      entry.id,
      "broken",
      `${url}="${urlValue}" is not a URL`,
      `set ${url} to a full address such as https://api.example.com/v1, or remove it`,
    );
  }
  const jobs = entry.jobs.join(", ");
  if (!entry.isConfigured()) {
    return notOk("providers", entry.id, "missing", `not configured (${jobs})`, entry.setup);
  }
  const setKeys = keys.filter((key) => readSetting(key) !== undefined);
  const parts = [
    ...(setKeys.length > 0 ? [`${setKeys.join(" + ")} set`] : []),
    ...(urlValue ? [`${url}=${urlValue}`] : []),
    jobs,
  ];
  return ok("providers", entry.id, parts.join(" · "));
}

/** Proxy and mirror settings in effect, each checked for being a URL. */
export function checkNetworkSettings(): Finding[] {
  const findings: Finding[] = [];
  for (const name of ["HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "HF_ENDPOINT"]) {
    const value = readSetting(name) ?? readSetting(name.toLowerCase());
    if (value === undefined) continue;
    const what = name === "HF_ENDPOINT" ? "Hugging Face mirror" : "proxy";
    findings.push(
      isUrl(withScheme(value))
        ? ok("settings", name, `${what}: ${redactUrl(value)}`)
        : notOk(
            "settings",
            name,
            "broken",
            `${name}="${value}" is not a URL`,
            `set ${name} to an address such as http://127.0.0.1:7890`,
          ),
    );
  }
  return findings;
}

/** Ollama's host is often written without a scheme (127.0.0.1:11434). */
export const withScheme = (value: string) =>
  /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;

function isUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === "http:" || url.protocol === "https:" || url.protocol.startsWith("socks")) &&
      url.hostname !== ""
    );
  } catch {
    return false;
  }
}

/** A proxy URL may carry a password: never print it. */
function redactUrl(value: string): string {
  try {
    const url = new URL(withScheme(value));
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return value;
  }
}
