import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeTextConformance, makeTinyGguf } from "@path/testing";
import { createLocalProvider } from "./local-provider.js";

// The same checks as every provider, on real llama.cpp running a tiny synthesised model.
describeTextConformance("local", { noFakeServer: true, longAnswerTokens: 900 }, async () => {
  const directory = await mkdtemp(join(tmpdir(), "local-conformance-"));
  const modelPath = join(directory, "tiny.gguf");
  await makeTinyGguf(modelPath);
  const local = createLocalProvider({
    threads: 1,
    gpu: false,
    download: false,
    cacheDir: directory,
  });
  return {
    textModel: local.textModel(modelPath),
    embeddingModel: local.embeddingModel(modelPath),
    close: async () => {
      await local.dispose();
      await rm(directory, { recursive: true, force: true });
    },
  };
});
