// The embedded provider from its tarball: core loads @path/local (its optional peer) for a
// `local:` model, and llama.cpp runs a tiny synthesised GGUF on one thread.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateText } from "@path/core";
import { disposeLocalModels } from "@path/local";
import { makeTinyGguf } from "@path/testing";

const folder = await mkdtemp(join(tmpdir(), "pack-check-"));
try {
  const tiny = await makeTinyGguf(join(folder, "tiny.gguf"));
  process.env.GENAI_LOCAL_MODEL = tiny.path;
  process.env.GENAI_LOCAL_THREADS = "1";
  const answer = await generateText({ model: "local:default", prompt: "hi", maxOutputTokens: 4 });
  assert.ok(answer.usage.outputTokens > 0, "llama.cpp generated tokens");
  console.log(`@path/local: ${answer.usage.outputTokens} tokens from ${tiny.path}`);
} finally {
  await disposeLocalModels();
  await rm(folder, { recursive: true, force: true });
}
