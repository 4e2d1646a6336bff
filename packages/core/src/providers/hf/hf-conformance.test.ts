import { describeTextConformance, startFakeHuggingFace } from "@path/testing";
import { afterEach, describe, expect, it } from "vitest";
import { embed } from "../../embed/embed.js";
import { MissingApiKeyError } from "../../errors.js";
import { generateText } from "../../text/generate-text.js";
import { createHuggingFace } from "./hf-provider.js";

describeTextConformance("hf", { echoesPrompt: true }, async () => {
  const server = await startFakeHuggingFace();
  const provider = createHuggingFace({ token: "hf_test_conformance", fetch: server.fetch });
  return {
    server,
    textModel: provider.textModel!("Qwen/Qwen2.5-7B-Instruct"),
    embeddingModel: provider.embeddingModel!("BAAI/bge-small-zh-v1.5"),
    close: () => server.close(),
  };
});

describe("hf adapter", () => {
  afterEach(() => {
    delete process.env.HF_ROUTER_URL;
    delete process.env.HF_ENDPOINT;
    delete process.env.HF_TOKEN;
  });

  it("reaches the router and hub through HF_ROUTER_URL and HF_ENDPOINT", async () => {
    const server = await startFakeHuggingFace({ token: "hf_env_token_123456" });
    process.env.HF_ROUTER_URL = server.origin;
    process.env.HF_ENDPOINT = server.origin;
    process.env.HF_TOKEN = "hf_env_token_123456";
    const provider = createHuggingFace();
    const text = await generateText({
      model: provider.textModel!("deepseek-ai/DeepSeek-V3:fastest"),
      prompt: "你好",
    });
    expect(text.text).toContain("你好");
    const vectors = await embed({
      model: provider.embeddingModel!("BAAI/bge-m3"),
      values: ["a", "b"],
    });
    expect(vectors.embeddings).toHaveLength(2);
    const paths = server.requests.map((request) => `${request.method} ${request.path}`);
    expect(paths).toContain("POST /v1/chat/completions");
    expect(paths).toContain("GET /api/models/BAAI/bge-m3");
    expect(paths).toContain("POST /hf-inference/models/BAAI/bge-m3/pipeline/feature-extraction");
    expect(server.requests[0]!.body).toMatchObject({ model: "deepseek-ai/DeepSeek-V3:fastest" });
    await server.close();
  });

  it("names HF_TOKEN when it is missing", async () => {
    const provider = createHuggingFace();
    await expect(
      generateText({ model: provider.textModel!("x/y"), prompt: "hi" }),
    ).rejects.toBeInstanceOf(MissingApiKeyError);
  });
});
