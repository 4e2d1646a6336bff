import { InferenceClient, setLogger } from "@huggingface/inference";
import { type FakeHuggingFace, startFakeHuggingFace } from "@path/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { embed } from "../../embed/embed.js";
import { generateImage } from "../../image/generate-image.js";
import { generateText } from "../../text/generate-text.js";
import { createHuggingFace } from "./hf-provider.js";

const token = "hf_test_logger";
let server: FakeHuggingFace;
let logged: string[];

beforeEach(async () => {
  server = await startFakeHuggingFace({ token });
  logged = [];
  const record = (...parts: unknown[]) => {
    logged.push(parts.join(" "));
  };
  // What a host app does to see the client's messages in its own log.
  setLogger({ debug: record, info: record, log: record, warn: record, error: record });
});
afterEach(async () => {
  setLogger(console);
  await server.close();
});

describe("hf provider and the client's logger", () => {
  it("leaves the host app's logger in place and logs nothing through it", async () => {
    const provider = createHuggingFace({ token, fetch: server.fetch });
    await generateImage({
      model: provider.imageModel!("black-forest-labs/FLUX.1-schnell"),
      prompt: "a red fox",
    });
    await embed({ model: provider.embeddingModel!("BAAI/bge-m3"), values: ["a"] });
    await generateText({ model: provider.textModel!("Qwen/Qwen2.5-7B-Instruct"), prompt: "hi" });
    expect(logged).toEqual([]);

    // The host app's own client still reports to the host app's logger.
    const hostClient = new InferenceClient(token, { fetch: server.fetch });
    await hostClient.featureExtraction({ model: "BAAI/bge-m3", provider: "auto", inputs: "a" });
    expect(logged).toEqual(["Auto selected provider: hf-inference"]);
  });

  it("resolves auto to the provider the Hub lists first, asking the Hub once per model", async () => {
    const provider = createHuggingFace({ token, fetch: server.fetch });
    const model = provider.embeddingModel!("BAAI/bge-small-zh-v1.5");
    await embed({ model, values: ["a"] });
    await embed({ model, values: ["b"] });
    const posts = server.requests.filter((request) => request.method === "POST");
    expect(posts.map((request) => request.path)).toEqual([
      "/hf-inference/models/BAAI/bge-small-zh-v1.5/pipeline/feature-extraction",
      "/hf-inference/models/BAAI/bge-small-zh-v1.5/pipeline/feature-extraction",
    ]);
    // One lookup here, one by the client for the named provider (it caches its own).
    const lookups = server.requests.filter((request) => request.path.startsWith("/api/models/"));
    expect(lookups).toHaveLength(2);
    expect(lookups[0]?.headers.authorization).toBe(`Bearer ${token}`);
  });
});
