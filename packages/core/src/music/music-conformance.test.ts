/** The music conformance suite on every music provider that speaks to a fake server. */
import { describeMusicConformance, startFakeHuggingFace, startFakeMiniMax } from "@path/testing";
import { createHuggingFace } from "../providers/hf/hf-provider.js";
import { createMiniMax } from "../providers/minimax/minimax-provider.js";

describeMusicConformance(
  "minimax music-2.6",
  { duration: false, seed: false, sings: true, progress: true, unsupportedFormat: "ogg" },
  async () => {
    const apiKey = "sk-api-minimax-test";
    const fake = await startFakeMiniMax({ apiKey });
    return {
      musicModel: createMiniMax({ apiKey, baseURL: fake.url }).musicModel!("music-2.6"),
      server: fake.api,
      musicPath: "/v1/music_generation",
      close: () => fake.close(),
    };
  },
);

for (const [modelId, supports] of [
  [
    "facebook/musicgen-small",
    { duration: true, seed: false, sings: false, progress: false, unsupportedFormat: "ogg" },
  ],
  [
    "stabilityai/stable-audio-open-1.0",
    { duration: true, seed: true, sings: false, progress: true, unsupportedFormat: "ogg" },
  ],
] as const) {
  describeMusicConformance(`hf ${modelId}`, supports, async () => {
    const token = "hf_test_music";
    const server = await startFakeHuggingFace({ token });
    const provider = createHuggingFace({ token, fetch: server.fetch, pollIntervalMs: 5 });
    return {
      musicModel: provider.musicModel!(modelId),
      server,
      musicPath: modelId.startsWith("facebook")
        ? `/hf-inference/models/${modelId}`
        : `/fal-ai/fal-ai/stable-audio`,
      close: () => server.close(),
    };
  });
}
