import { afterEach, describe, expect, it } from "vitest";
import {
  InvalidInputError,
  NoProviderError,
  UnknownProviderError,
  UnsupportedJobError,
} from "./errors.js";
import { onEvent } from "./events.js";
import { defaultProviderFor, parseModelString, resolveModel } from "./registry.js";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe("parseModelString", () => {
  it("splits at the first colon only", () => {
    expect(parseModelString("ollama:qwen2.5:0.5b")).toEqual({
      provider: "ollama",
      modelId: "qwen2.5:0.5b",
    });
    expect(parseModelString("hf:black-forest-labs/FLUX.1-schnell")).toEqual({
      provider: "hf",
      modelId: "black-forest-labs/FLUX.1-schnell",
    });
    expect(parseModelString("deepseek")).toEqual({ provider: "deepseek", modelId: undefined });
  });
});

describe("resolveModel", () => {
  it("suggests the provider a typo was meant to be and lists the known ones", async () => {
    const error = await resolveModel("text", "opnai:gpt-4o-mini").catch((caught) => caught);
    expect(error).toBeInstanceOf(UnknownProviderError);
    expect(error.message).toContain('Did you mean "openai"?');
    expect(error.message).toContain("deepseek");
  });

  it("names the providers that can do a job the chosen one cannot", async () => {
    const error = await resolveModel("image", "deepseek:deepseek-chat").catch((caught) => caught);
    expect(error).toBeInstanceOf(UnsupportedJobError);
    expect(error.message).toMatch(/^deepseek does not do image\./);
    expect(error.message).toMatch(/Providers that do: .*\bopenai\b.*\bhf\b.*\bcomfyui\b/);
  });

  it("uses the provider's default model when only the provider is named", async () => {
    const model = await resolveModel("text", "deepseek");
    expect(model.modelId).toBe("deepseek-chat");
  });

  it("asks for a model id when a provider has no default, naming the provider", async () => {
    const error = await resolveModel("text", "compat").catch((caught) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toMatch(/"compat" names no model: write "compat:<model>"/);
  });

  it("picks the first provider with a key, then GENAI_TEXT_MODEL over it", async () => {
    process.env.DASHSCOPE_API_KEY = "sk-dashscope-test-key";
    expect(defaultProviderFor("text")).toBe("qwen");
    expect((await resolveModel("text", undefined)).modelId).toBe("qwen-plus");
    process.env.GENAI_TEXT_MODEL = "ollama:qwen2.5:0.5b";
    expect((await resolveModel("text", undefined)).provider).toBe("ollama");
  });

  it("falls back to the embedded provider when nothing is configured, and says so once", async () => {
    expect(defaultProviderFor("text")).toBe("local");
    const notices: string[] = [];
    const stop = onEvent((event) => {
      if (event.type === "notice") notices.push(event.message);
    });
    await resolveModel("embed", undefined);
    await resolveModel("embed", undefined);
    stop();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/embedded local model.*OPENAI_API_KEY/);
  });

  it("says how to configure a provider when none can serve the job, naming each and its variable", async () => {
    const error = await resolveModel("image", undefined).catch((caught) => caught);
    expect(error).toBeInstanceOf(NoProviderError);
    expect(error.message).toMatch(/^No provider is configured for image\./);
    expect(error.message).toMatch(/- openai: set OPENAI_API_KEY\b/);
    expect(error.message).toMatch(/- hf: set HF_TOKEN\b/);
    expect(error.message).toMatch(/- comfyui: .*COMFYUI_URL=/);
    const video = await resolveModel("video", undefined).catch((caught) => caught);
    expect(video).toBeInstanceOf(NoProviderError);
    expect(video.message).toMatch(/^No provider is configured for video\./);
    expect(video.message).toMatch(/- runway: set RUNWAYML_API_SECRET\b/);
    expect(video.message).toMatch(/- kling: set KLING_ACCESS_KEY and KLING_SECRET_KEY\b/);
  });
});
