import { createLocalProvider } from "../local-provider.js";
import { UsageError } from "./arguments.js";
import { printLine } from "./output.js";
import { progressBar } from "./progress-bar.js";

export const pullHelp = `Usage: npm run local -- pull <id | hf:owner/repo/file.gguf | hf:owner/repo:QUANT>

Downloads a model into the cache (resuming an interrupted download), checks its size and
SHA-256, and prints its path. Honours HF_ENDPOINT (a mirror), HF_TOKEN and HTTPS_PROXY.`;

export async function pull(positionals: string[], signal: AbortSignal): Promise<void> {
  const [id] = positionals;
  if (!id || positionals.length > 1) throw new UsageError("pull takes exactly one model id");
  const bar = progressBar();
  try {
    const pulled = await createLocalProvider().pull(id, { signal, onProgress: bar.update });
    bar.done();
    if (!pulled.downloaded) process.stderr.write(`${pulled.name} is already downloaded.\n`);
    printLine(pulled.path);
  } catch (error) {
    bar.done();
    throw error;
  }
}
