import { modelCacheDir, readSetting } from "@path/core";
import { formatBytes } from "@path/kit-cli";
import {
  catalogDefaults,
  findCachedModel,
  findCatalogModel,
  findLlamaInstall,
  gpuStatus,
} from "@path/local";
import { type Finding, notOk, ok, oneLine } from "./finding.js";

/** The embedded models (cached or still to download, and their size) and what llama.cpp sees. */
export async function checkEmbedded(): Promise<Finding[]> {
  const cacheDir = modelCacheDir();
  const findings: Finding[] = [];
  for (const job of ["text", "embed"] as const) {
    const id =
      job === "text"
        ? (readSetting("GENAI_LOCAL_MODEL") ?? catalogDefaults.text)
        : catalogDefaults.embed;
    const size = findCatalogModel(id)?.bytes;
    const cached = await findCachedModel(id, cacheDir).catch(() => undefined);
    const name = `local ${job} model`;
    findings.push(
      cached?.path
        ? ok("embedded", name, `${id} cached in ${cacheDir}`)
        : notOk(
            "embedded",
            name,
            "missing",
            `${id} not downloaded yet${size ? ` (${formatBytes(size)})` : ""}`,
            `it downloads on first use; to fetch it now: npm run local -- pull ${id}`,
          ),
    );
  }
  findings.push(await checkLlama());
  return findings;
}

async function checkLlama(): Promise<Finding> {
  try {
    const status = await gpuStatus({ install: await findLlamaInstall() });
    if ("error" in status.loaded) {
      return notOk(
        "embedded",
        "llama.cpp",
        "broken",
        status.loaded.error,
        "run `npm ci` again; `npm run local -- gpu status` says more",
      );
    }
    const where =
      status.loaded.gpu === false
        ? "CPU"
        : `${status.loaded.gpu} (${status.loaded.deviceNames.join(", ")})`;
    const finding = ok(
      "embedded",
      "llama.cpp",
      `node-llama-cpp ${status.nodeLlamaCppVersion} runs on the ${where}`,
    );
    const advice = status.advice[0];
    return advice && status.loaded.gpu === false
      ? { ...finding, detail: `${finding.detail}; ${advice}` }
      : finding;
  } catch (error) {
    return notOk(
      "embedded",
      "llama.cpp",
      "broken",
      oneLine(error),
      "run `npm ci` at the repository root",
    );
  }
}
