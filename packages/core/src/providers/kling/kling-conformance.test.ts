import { describeVideoConformance, startFakeKling } from "@path/testing";
import { createKling } from "./kling-provider.js";

describeVideoConformance(
  "kling kling-v2-5-turbo",
  // Kling takes no seed, has no cancel or expired state (a task it forgot answers 404, which
  // the adapter reports as expired), and hands out one link per video.
  { seed: false, renewsLinks: false, cancelled: false, expired: true },
  async () => {
    const fake = await startFakeKling();
    const provider = createKling({
      accessKey: fake.accessKey,
      secretKey: fake.secretKey,
      baseURL: fake.url,
    });
    return {
      textModel: provider.videoModel!("kling-v2-5-turbo"),
      imageModel: provider.videoModel!("kling-v2-1"),
      server: fake.api,
      book: fake.book,
      startPath: /^\/v1\/videos\/(text2video|image2video)$/,
      statusPath: /^\/v1\/videos\/(text2video|image2video)\/[^/]+$/,
      close: () => fake.close(),
    };
  },
);
