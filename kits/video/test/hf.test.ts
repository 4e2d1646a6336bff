/** `make` through Hugging Face's router on fal's queue: the place in the queue shows in the progress. */
import { join } from "node:path";
import { type FakeHuggingFace, startFakeHuggingFace, useTempDir } from "@path/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectVideo, videosIn } from "./fixtures.js";
import { runVideo } from "./run-video.js";

const folder = useTempDir("video-hf-");
const token = "hf_test_video_kit";
let hf: FakeHuggingFace;
beforeAll(async () => {
  hf = await startFakeHuggingFace({ token });
});
afterAll(async () => {
  await hf.close();
});

describe("Hugging Face (fal's queue)", { timeout: 120_000 }, () => {
  it("shows the place in the queue, then running, and saves the video", async () => {
    hf.book.planNext({ queuedPolls: 3 });
    const out = join(folder(), "out");
    const result = await runVideo(
      [
        "make",
        "a paper boat",
        "--seconds",
        "5",
        "--ar",
        "16:9",
        "--model",
        "hf:Wan-AI/Wan2.2-T2V-A14B",
        "--yes",
        "--out",
        out,
      ],
      {
        cwd: folder(),
        env: {
          HF_TOKEN: token,
          HF_ROUTER_URL: hf.origin,
          HF_ENDPOINT: hf.origin,
          GENAI_JOBS_DIR: join(folder(), "jobs"),
          GENAI_VIDEO_POLL_MS: "5",
        },
      },
    );
    expect(result.stderr).not.toMatch(/^error/m);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^queued \(queue position \d+\) · \d+ s$/m);
    expect(result.stderr.indexOf("queued (queue position")).toBeLessThan(
      result.stderr.indexOf("running"),
    );
    expect(result.stderr).toMatch(/^running( \d+%)? · \d+ s$/m);
    expect(hf.book.created).toBe(1);
    const [name] = await videosIn(out);
    await expectVideo(join(out, name!), { seconds: 5, width: 64, height: 36 });
  });
});
