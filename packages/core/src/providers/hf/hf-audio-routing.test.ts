import { startFakeHuggingFace } from "@path/testing";
import { afterEach, describe, expect, it } from "vitest";
import { generateMusic } from "../../music/generate-music.js";
import { generateSpeech } from "../../speech/generate-speech.js";
import { createHuggingFace } from "./hf-provider.js";

const token = "hf_test_routing_1234";

describe("hf speech and music: every request goes where the settings say", () => {
  afterEach(() => {
    delete process.env.HF_ROUTER_URL;
    delete process.env.HF_ENDPOINT;
    delete process.env.HF_TOKEN;
  });

  it("reaches the Hub, the fal queue (submit, status, result) and the router through HF_ENDPOINT and HF_ROUTER_URL", async () => {
    const model = "fake-org/env-routed-audio";
    const server = await startFakeHuggingFace({
      token,
      providers: { [model]: [{ provider: "fal-ai", providerId: "fal-ai/stable-audio" }] },
      tasks: { [model]: "text-to-audio" },
    });
    try {
      process.env.HF_ROUTER_URL = server.origin;
      process.env.HF_ENDPOINT = server.origin;
      process.env.HF_TOKEN = token;
      const provider = createHuggingFace({ pollIntervalMs: 5 });
      const result = await generateMusic({ model: provider.musicModel!(model), prompt: "drums" });
      expect(result.audio.durationSeconds).toBeGreaterThan(0);
      const seen = server.requests.map((request) => `${request.method} ${request.path}`);
      const queue = "/fal-ai/fal-ai/stable-audio/requests/";
      expect(seen).toContain(`GET /api/models/${model}`);
      expect(seen).toContain("POST /fal-ai/fal-ai/stable-audio");
      expect(
        seen.filter((line) => line.startsWith(`GET ${queue}`) && line.endsWith("/status")),
      ).not.toHaveLength(0);
      expect(seen.at(-1)).toMatch(new RegExp(`^GET ${queue}[\\w-]+$`));
      expect(server.falFiles.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it("sends the Hub lookup, submit, status polls, result and file download through the provider's fetch (the proxy's path)", async () => {
    const server = await startFakeHuggingFace({
      token,
      fal: { fileBaseUrl: "https://v3.fal.media/files" },
    });
    try {
      const urls: string[] = [];
      const recording: typeof fetch = (input, init) => {
        urls.push(
          typeof input === "string" ? input : input instanceof URL ? input.href : input.url,
        );
        return server.fetch(input, init);
      };
      const provider = createHuggingFace({ token, fetch: recording, pollIntervalMs: 5 });
      await generateMusic({
        model: provider.musicModel!("stabilityai/stable-audio-open-1.0"),
        prompt: "drums",
        durationSeconds: 1,
      });
      const router = "https://router.huggingface.co/fal-ai/fal-ai/stable-audio";
      expect(urls).toContain(
        "https://huggingface.co/api/models/stabilityai/stable-audio-open-1.0?expand[]=inferenceProviderMapping",
      );
      expect(urls).toContain(`${router}?_subdomain=queue`);
      expect(
        urls.filter((url) => /\/requests\/[\w-]+\/status\?_subdomain=queue$/.test(url)),
      ).not.toHaveLength(0);
      expect(urls.every((url) => url.startsWith("https://"))).toBe(true);
      expect(urls.at(-2)).toMatch(new RegExp(`^${router}/requests/[\\w-]+\\?_subdomain=queue$`));
      expect(urls.at(-1)).toMatch(/^https:\/\/v3\.fal\.media\/files\/[\w-]+\.wav$/);

      urls.length = 0;
      await generateSpeech({ model: provider.speechModel!("hexgrad/Kokoro-82M"), text: "Hi." });
      expect(urls.at(-2)).toBe(
        "https://router.huggingface.co/fal-ai/fal-ai/kokoro/american-english",
      );
      expect(urls.at(-1)).toMatch(/^https:\/\/v3\.fal\.media\/files\/[\w-]+\.wav$/);
      expect(server.falFiles.requests).toHaveLength(2);
    } finally {
      await server.close();
    }
  });
});
