import { describeVideoConformance, startFakeComfyUI } from "@path/testing";
import { createComfyUI } from "./comfyui-provider.js";

// ComfyUI's /view link never expires: asking again gives a working link, so it "renews".
describeVideoConformance(
  "comfyui Wan 2.2 (wan2.2-t2v, wan2.2-i2v)",
  { seed: true, renewsLinks: true, cancelled: true, expired: true },
  async () => {
    const fake = await startFakeComfyUI();
    const provider = createComfyUI({ baseURL: fake.url });
    return {
      textModel: provider.videoModel("wan2.2-t2v"),
      imageModel: provider.videoModel("wan2.2-i2v"),
      server: fake.api,
      book: fake.book,
      startPath: "/prompt",
      statusPath: "/queue",
      close: () => fake.close(),
    };
  },
);

describeVideoConformance(
  "comfyui Wan 2.2 image-to-video without the WebSocket (history polling)",
  { seed: true, renewsLinks: true, cancelled: true, expired: true },
  async () => {
    const fake = await startFakeComfyUI({ webSocket: false });
    const provider = createComfyUI({ baseURL: fake.url, webSocket: false });
    return {
      imageModel: provider.videoModel("wan2.2-i2v"),
      server: fake.api,
      book: fake.book,
      startPath: "/prompt",
      statusPath: "/queue",
      close: () => fake.close(),
    };
  },
);
