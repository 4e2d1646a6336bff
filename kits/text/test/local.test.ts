import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { type FakeHub, makeTinyGguf, startFakeHub } from "@path/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir, processTimeout, runCli } from "./run-cli.js";

// With no provider configured, core falls back to the embedded `local` provider, which
// downloads its default catalog model from the Hugging Face hub once. Here the hub is a fake
// serving a tiny synthetic GGUF at the catalog default's path, so llama.cpp really runs.
const catalogDefault = "Qwen/Qwen2.5-0.5B-Instruct-GGUF/qwen2.5-0.5b-instruct-q4_k_m.gguf";

let hub: FakeHub;
beforeAll(async () => {
  const folder = await makeTempDir();
  const model = await makeTinyGguf(join(folder, "tiny.gguf"));
  hub = await startFakeHub({
    files: { [catalogDefault]: await readFile(model.path) },
    bytesPerSecond: 4_000_000,
  });
});
afterAll(() => hub.close());

describe("ask with no provider configured", { timeout: processTimeout }, () => {
  it("downloads the embedded model once, with notices and a progress bar, then answers", {
    timeout: 60_000,
  }, async () => {
    const cache = await makeTempDir();
    const result = await runCli(["ask", "hello", "--max-tokens", "8"], {
      env: { HF_ENDPOINT: hub.url, GENAI_CACHE_DIR: cache },
    });
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).not.toBe("");
    expect(result.stderr).toMatch(/^note: Downloading qwen2\.5-0\.5b-instruct/m);
    expect(result.stderr).toMatch(/^downloading qwen2\.5-0\.5b-instruct {2}\[#{20}\] {2}100% {2}/m);
    expect(result.stderr).toMatch(/^local:\S+ · \d+ in \/ \d+ out tokens · .* · free$/m);
  });
});
