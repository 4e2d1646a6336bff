/** The video conformance suite on MiniMax Hailuo (API v1) and H3 (API v2) against the fake MiniMax. */
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

describeVideoConformance(
  "minimax H3 (API v2)",
  // No seed; content.url is renewed on every query; a queued task can be cancelled, and the
  // mainland docs name an expired state.
  { seed: false, renewsLinks: true, cancelled: true, expired: true },
  async () => {
    const apiKey = "sk-api-minimax-h3-conformance";
    const fake = await startFakeMiniMax({ apiKey });
    const provider = createMiniMax({ apiKey, baseURL: fake.url });
    return {
      textModel: provider.videoModel!("MiniMax-H3"),
      imageModel: provider.videoModel!("MiniMax-H3-Max"),
      server: fake.api,
      book: fake.book,
      startPath: "/v2/video_generation",
      statusPath: /\/v2\/query\/video_generation\/\d+$/,
      close: () => fake.close(),
    };
  },
);
