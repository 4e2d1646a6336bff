/** The video conformance suite on Wan 2.2 through fal's queue, behind the Hugging Face router. */
import { describeVideoConformance, startFakeHuggingFace } from "@path/testing";
import { createHuggingFace } from "./hf-provider.js";

describeVideoConformance(
  "hf Wan 2.2 on fal-ai",
  // fal's CDN link is the same on every fetch of the result, so an expired one is not renewed;
  // a cancelled run answers client_cancelled, a request fal no longer knows a 404.
  { seed: true, renewsLinks: false, cancelled: true, expired: true },
  async () => {
    const token = "hf_test_wan";
    const server = await startFakeHuggingFace({ token });
    const provider = createHuggingFace({ token, fetch: server.fetch });
    return {
      textModel: provider.videoModel!("Wan-AI/Wan2.2-T2V-A14B"),
      imageModel: provider.videoModel!("Wan-AI/Wan2.2-I2V-A14B"),
      server: server.api,
      book: server.book,
      startPath: "/fal-ai/fal-ai/wan/v2.2-a14b/text-to-video",
      statusPath: /\/requests\/[\w-]+\/status$/,
      close: () => server.close(),
    };
  },
);
