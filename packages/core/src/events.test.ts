import { startFakeOpenAI } from "@path/testing";
import { describe, expect, it } from "vitest";
import { embed } from "./embed/embed.js";
import { onEvent, type PathEvent } from "./events.js";
import { createOpenAICompatible } from "./providers/openai/openai-provider.js";
import { openAICompatiblePresets } from "./providers/openai/presets.js";
import { generateText } from "./text/generate-text.js";
import { streamText } from "./text/stream-text.js";

const openai = openAICompatiblePresets.find((preset) => preset.id === "openai")!;

describe("events", () => {
  it("reports start, retry, usage with cost, and finish, to the call and to global listeners", async () => {
    const server = await startFakeOpenAI();
    const provider = createOpenAICompatible(openai, { apiKey: "sk-events", baseURL: server.url });
    server.inject({ status: 429, headers: { "retry-after-ms": "1", "retry-after": "0" } });
    const callEvents: PathEvent[] = [];
    const globalEvents: PathEvent[] = [];
    const stop = onEvent((event) => globalEvents.push(event));
    const result = await generateText({
      model: provider.textModel!("gpt-4o-mini"),
      prompt: "events please",
      onEvent: (event) => callEvents.push(event),
    });
    stop();
    expect(callEvents.map((event) => event.type)).toEqual(["start", "retry", "usage", "finish"]);
    expect(globalEvents.map((event) => event.type)).toEqual(["start", "retry", "usage", "finish"]);
    const usage = callEvents.find((event) => event.type === "usage");
    expect(usage && "cost" in usage && usage.cost?.currency).toBe("USD");
    expect(result.cost?.amount).toBeGreaterThan(0);
    expect(new Set(callEvents.map((event) => event.callId)).size).toBe(1);
    await server.close();
  });

  it("reports an error event when a call fails, and a listener that throws breaks nothing", async () => {
    const server = await startFakeOpenAI();
    const provider = createOpenAICompatible(openai, { apiKey: "sk-events", baseURL: server.url });
    server.inject({ status: 400 });
    const types: string[] = [];
    await expect(
      generateText({
        model: provider.textModel!("gpt-4o-mini"),
        prompt: "bad",
        onEvent: (event) => {
          types.push(event.type);
          throw new Error("a broken progress bar");
        },
      }),
    ).rejects.toMatchObject({ status: 400 });
    expect(types).toEqual(["start", "error"]);
    await server.close();
  });

  it("streams report usage at the end, and embeddings report tokens", async () => {
    const server = await startFakeOpenAI();
    const provider = createOpenAICompatible(openai, { apiKey: "sk-events", baseURL: server.url });
    const types: string[] = [];
    const stream = streamText({
      model: provider.textModel!("gpt-4o-mini"),
      prompt: "stream",
      onEvent: (event) => types.push(event.type),
    });
    await stream.final;
    expect(types).toEqual(["start", "usage", "finish"]);
    const vectors = await embed({
      model: provider.embeddingModel!("text-embedding-3-small"),
      values: ["一", "二"],
    });
    expect(vectors.usage.inputTokens).toBeGreaterThan(0);
    await server.close();
  });
});
