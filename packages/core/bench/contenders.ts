/**
 * The three ways to make the same chat call: the raw `openai` client, `@path/core`, and the
 * Vercel AI SDK. Each sends the same request (streams ask for usage too) to `baseURL`.
 * Core is its built output (run-all.ts builds it first), as users run it: loaded from its
 * TypeScript source, tsx would wrap every function it creates in a `__name` helper call.
 */
import { createOpenAICompatible as createAiSdkProvider } from "@ai-sdk/openai-compatible";
import { generateText as aiGenerateText, streamText as aiStreamText } from "ai";
import OpenAI from "openai";
import {
  createOpenAICompatible,
  generateText,
  openAICompatiblePresets,
  streamText,
} from "../dist/index.js";
import type { ContenderName } from "./contender-names.js";

export interface Contender {
  name: ContenderName;
  /** One non-streamed call; resolves to the answer. */
  call(prompt: string): Promise<string>;
  /** One streamed call; `onDelta` sees every non-empty text delta. */
  stream(prompt: string, onDelta: () => void): Promise<void>;
}

const modelId = "gpt-4o-mini";
const apiKey = "sk-bench";

type Fetch = typeof globalThis.fetch;

function rawOpenAI(baseURL: string, fetch?: Fetch): Contender {
  const client = new OpenAI({ apiKey, baseURL, maxRetries: 0, fetch });
  const messages = (prompt: string) => [{ role: "user" as const, content: prompt }];
  return {
    name: "raw openai",
    async call(prompt) {
      const response = await client.chat.completions.create({
        model: modelId,
        messages: messages(prompt),
      });
      return response.choices[0]?.message.content ?? "";
    },
    async stream(prompt, onDelta) {
      const stream = await client.chat.completions.create({
        model: modelId,
        messages: messages(prompt),
        stream: true,
        stream_options: { include_usage: true },
      });
      for await (const chunk of stream) if (chunk.choices[0]?.delta.content) onDelta();
    },
  };
}

function core(baseURL: string, fetch?: Fetch): Contender {
  const preset = openAICompatiblePresets.find((p) => p.id === "openai")!;
  const model = createOpenAICompatible(preset, { apiKey, baseURL, fetch }).textModel!(modelId);
  return {
    name: "core",
    async call(prompt) {
      return (await generateText({ model, prompt })).text;
    },
    async stream(prompt, onDelta) {
      for await (const delta of streamText({ model, prompt }).textStream) if (delta) onDelta();
    },
  };
}

function aiSdk(baseURL: string, fetch?: Fetch): Contender {
  const settings = { name: "bench", baseURL, apiKey, includeUsage: true, fetch };
  const model = createAiSdkProvider(settings)(modelId);
  return {
    name: "ai-sdk",
    async call(prompt) {
      return (await aiGenerateText({ model, prompt, maxRetries: 0 })).text;
    },
    async stream(prompt, onDelta) {
      const result = aiStreamText({ model, prompt, maxRetries: 0 });
      for await (const delta of result.textStream) if (delta) onDelta();
    },
  };
}

/** `fetch` replaces the network (see in-memory-fetch.ts); by default each uses its own. */
export function createContender(
  name: Contender["name"],
  baseURL: string,
  fetch?: Fetch,
): Contender {
  const create = { "raw openai": rawOpenAI, core, "ai-sdk": aiSdk }[name];
  return create(baseURL, fetch);
}
