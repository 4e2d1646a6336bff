import { createHash } from "node:crypto";

/**
 * The key of a request: a SHA-256 over the provider, model, settings (keys sorted, undefined
 * left out) and the bytes of every input file. Running the same request again finds the job
 * it started instead of paying for a second one.
 */
export function requestKey(request: {
  provider: string;
  modelId: string;
  settings: Record<string, unknown>;
  inputs?: Uint8Array[];
}): string {
  const hash = createHash("sha256");
  hash.update(canonicalJson([request.provider, request.modelId, request.settings]));
  for (const input of request.inputs ?? []) {
    // Each input's length goes first so two inputs can never run together into one.
    hash.update(`\n${input.length}\n`);
    hash.update(input);
  }
  return hash.digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, item]) => `${JSON.stringify(name)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
