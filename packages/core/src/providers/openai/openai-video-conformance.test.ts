import { describeVideoConformance, startFakeOpenAI } from "@path/testing";
import { createOpenAICompatible } from "./openai-provider.js";
import { openAICompatiblePresets } from "./presets.js";

const preset = openAICompatiblePresets.find((candidate) => candidate.id === "openai")!;

describeVideoConformance(
  "openai sora-2",
  // Sora takes no seed and has no cancelled state; a completed video whose files are gone
  // reads as expired. Its result link is the content endpoint (with the key), which serves the
  // video on every ask, so a refused download is asked for again.
  { seed: false, renewsLinks: true, cancelled: false, expired: true },
  async () => {
    const fake = await startFakeOpenAI({ apiKey: "sk-test-sora" });
    const provider = createOpenAICompatible(preset, { apiKey: "sk-test-sora", baseURL: fake.url });
    const model = provider.videoModel!("sora-2");
    return {
      textModel: model,
      imageModel: model,
      server: fake.api,
      book: fake.book,
      startPath: "/v1/videos",
      statusPath: /^\/v1\/videos\/[^/]+$/,
      close: () => fake.close(),
    };
  },
);
