/**
 * The conformance suite against the real services, for whoever has a key. Each runs only when
 * its LIVE_* variable is set (the test setup clears the ordinary ones, so a developer's own
 * keys never reach the other tests):
 *
 *   LIVE_OPENAI_API_KEY=sk-… npx vitest run packages/core/src/providers/live.test.ts
 */
import { describeTextConformance } from "@path/testing";
import { describe, it } from "vitest";
import type { Provider } from "../spec/index.js";
import { createHuggingFace } from "./hf/hf-provider.js";
import { createOllama } from "./ollama/ollama-provider.js";
import { createOpenAICompatible } from "./openai/openai-provider.js";
import { openAICompatiblePresets } from "./openai/presets.js";

const preset = (id: string) => openAICompatiblePresets.find((candidate) => candidate.id === id)!;

const services: {
  name: string;
  variable: string;
  provider: (value: string) => Provider;
  text: string;
  embed?: string;
}[] = [
  {
    name: "openai",
    variable: "LIVE_OPENAI_API_KEY",
    provider: (apiKey) => createOpenAICompatible(preset("openai"), { apiKey }),
    text: "gpt-4o-mini",
    embed: "text-embedding-3-small",
  },
  {
    name: "deepseek",
    variable: "LIVE_DEEPSEEK_API_KEY",
    provider: (apiKey) => createOpenAICompatible(preset("deepseek"), { apiKey }),
    text: "deepseek-chat",
  },
  {
    name: "hf",
    variable: "LIVE_HF_TOKEN",
    provider: (token) => createHuggingFace({ token }),
    text: "Qwen/Qwen2.5-7B-Instruct",
    embed: "BAAI/bge-m3",
  },
  {
    name: "ollama",
    variable: "LIVE_OLLAMA_HOST",
    provider: (host) => createOllama({ host }),
    text: "qwen2.5:0.5b",
    embed: "nomic-embed-text",
  },
];

for (const service of services) {
  const value = process.env[service.variable];
  if (!value) {
    describe.skip(`live ${service.name} (skipped: set ${service.variable} to run it against the real service)`, () => {
      it("runs the text conformance suite", () => {});
    });
    continue;
  }
  describeTextConformance(
    `live ${service.name}`,
    {
      noFakeServer: true,
      deterministic: false,
      embeddings: service.embed !== undefined,
      longAnswerTokens: 400,
    },
    async () => {
      const provider = service.provider(value);
      return {
        textModel: provider.textModel!(service.text),
        embeddingModel: service.embed ? provider.embeddingModel!(service.embed) : undefined,
      };
    },
  );
}
