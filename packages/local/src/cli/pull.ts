import {
  cancelOnCtrlC,
  parseCommandArgs,
  printJson,
  progressLine,
  UsageError,
} from "@path/kit-cli";
import { createLocalProvider } from "../local-provider.js";

export const help = `Usage: npm run local -- pull <id | hf:owner/repo/file.gguf | hf:owner/repo:QUANT> [--json]

Downloads a model into the cache (resuming an interrupted download), checks its size and
SHA-256, and prints its path. A voice id (melo-tts-zh-en) downloads that speech voice's
files and prints its model's path. Honours HF_ENDPOINT (a mirror), HF_TOKEN and HTTPS_PROXY.`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {});
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const [id] = positionals;
  if (!id || positionals.length > 1) throw new UsageError("pull takes exactly one model id");
  const progress = progressLine();
  const cancel = cancelOnCtrlC();
  try {
    const pulled = await createLocalProvider().pull(id, {
      signal: cancel.signal,
      onProgress: (state) => progress.update(`downloading ${id}`, state),
    });
    progress.end("keep");
    if (values.json) printJson(pulled);
    else {
      if (!pulled.downloaded) process.stderr.write(`${pulled.name} is already downloaded.\n`);
      process.stdout.write(`${pulled.path}\n`);
    }
    return 0;
  } finally {
    progress.end("keep");
    cancel.dispose();
  }
}
