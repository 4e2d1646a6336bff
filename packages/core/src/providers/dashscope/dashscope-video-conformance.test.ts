/** The video conformance suite on Wan through DashScope's async tasks, against the fake DashScope. */
import { describeVideoConformance, startFakeDashScope } from "@path/testing";
import { dashScopeVideoModel } from "./dashscope-provider.js";

describeVideoConformance(
  "qwen Wan 2.6",
  // A task's video_url is one link for 24 hours (asking again gives the same one); PENDING tasks
  // can be cancelled (CANCELED), and a task DashScope no longer keeps answers UNKNOWN.
  { seed: true, renewsLinks: false, cancelled: true, expired: true },
  async () => {
    const apiKey = "sk-dashscope-conformance";
    const fake = await startFakeDashScope({ apiKey });
    const settings = { apiKey, baseURL: fake.url };
    return {
      textModel: dashScopeVideoModel("wan2.6-t2v", settings),
      imageModel: dashScopeVideoModel("wan2.6-i2v-flash", settings),
      server: fake.api,
      book: fake.book,
      startPath: "/api/v1/services/aigc/video-generation/video-synthesis",
      statusPath: /\/api\/v1\/tasks\/[^/]+$/,
      close: () => fake.close(),
    };
  },
);
