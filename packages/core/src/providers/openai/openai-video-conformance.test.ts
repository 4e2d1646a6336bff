import { describeVideoConformance, startFakeOpenAI } from "@path/testing";
import { createOpenAICompatible } from "./openai-provider.js";
import { openAICompatiblePresets } from "./presets.js";

const preset = openAICompatiblePresets.find((candidate) => candidate.id === "openai")!;

describeVideoConformance(
  "openai sora-2",
  // Sora takes no seed and has no cancelled state; a completed video whose files are gone
  // reads as expired. Its result link is the content endpoint, the same URL on every status
  // call, and core renews only a link that changed (video/video-job.ts, renewedLink), so a
  // failed download is not tried again yet: renewsLinks becomes true when core accepts an
  // unchanged link that carries its own headers.
  { seed: false, renewsLinks: false, cancelled: false, expired: true },
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
