/** The video conformance suite on MiniMax Hailuo (API v1) against the fake MiniMax. */
import { describeVideoConformance, startFakeMiniMax } from "@path/testing";
import { createMiniMax } from "./minimax-provider.js";

describeVideoConformance(
  "minimax Hailuo",
  // Hailuo takes no seed; files/retrieve hands out a fresh link on every call; API v1 has no
  // cancel and no expired state (a task it does not know is an invalid-params code).
  { seed: false, renewsLinks: true, cancelled: false, expired: false },
  async () => {
    const apiKey = "sk-api-minimax-conformance";
    const fake = await startFakeMiniMax({ apiKey });
    const provider = createMiniMax({ apiKey, baseURL: fake.url });
    return {
      textModel: provider.videoModel!("MiniMax-Hailuo-02"),
      imageModel: provider.videoModel!("MiniMax-Hailuo-2.3-Fast"),
      server: fake.api,
      book: fake.book,
      startPath: "/v1/video_generation",
      statusPath: "/v1/query/video_generation",
      close: () => fake.close(),
    };
  },
);
