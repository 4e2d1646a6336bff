/** The music conformance suite on a singing model through fal's queue (MusicGen and Stable Audio run in music/). */
import { describeMusicConformance, startFakeHuggingFace } from "@path/testing";
import { createHuggingFace } from "./hf-provider.js";

describeMusicConformance(
  "hf ACE-Step on fal-ai (sings)",
  { duration: true, seed: true, sings: true, progress: true, unsupportedFormat: "ogg" },
  async () => {
    const token = "hf_test_ace_step";
    const server = await startFakeHuggingFace({ token });
    const provider = createHuggingFace({ token, fetch: server.fetch, pollIntervalMs: 5 });
    return {
      musicModel: provider.musicModel!("ACE-Step/ACE-Step-v1-3.5B"),
      server,
      musicPath: "/fal-ai/fal-ai/ace-step",
      close: () => server.close(),
    };
  },
);
