import { describeVideoConformance, startFakeGradio } from "@path/testing";
import { createGradio } from "./gradio-provider.js";

// A Gradio job lives in the process that submitted it (its session ends with the process), so
// the resume checks do not apply; the app has no cancelled or expired state of its own. An app's
// API cannot say that its image input is required, so the suite (which gives a picture only to
// image-only models) runs on a text-to-video app; gradio-video.test.ts covers image-to-video.
// The app pushes its steps rather than being polled, so they are slow enough (150 ms) for the
// first poll after the start to still see the job queued.
describeVideoConformance(
  "gradio (a Wan-like text-to-video app through @gradio/client)",
  { seed: true, renewsLinks: true, cancelled: false, expired: false, inProcessOnly: true },
  async () => {
    const fake = await startFakeGradio({ kind: "text-to-video", stepDelayMs: 150 });
    return {
      textModel: createGradio().videoModel(fake.url),
      server: fake.api,
      book: fake.book,
      startPath: "/gradio_api/queue/join",
      statusPath: "/gradio_api/queue/data",
      close: () => fake.close(),
    };
  },
);
