/** `make` on a Gradio app: free, no price asked, and honest that its job lives in this process. */
import { join } from "node:path";
import { type FakeGradio, startFakeGradio, useTempDir } from "@path/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectVideo, videosIn } from "./fixtures.js";
import { runVideo } from "./run-video.js";

const folder = useTempDir("video-gradio-");
let app: FakeGradio;
beforeAll(async () => {
  app = await startFakeGradio({ kind: "text-to-video" });
});
afterAll(async () => {
  await app.close();
});

describe("a Gradio video app", { timeout: 120_000 }, () => {
  it("makes the clip, asks no price, and says to keep the process running rather than promising a rerun", async () => {
    const out = join(folder(), "out");
    const result = await runVideo(
      [
        "make",
        "a paper boat on a rainy street",
        "--seconds",
        "3",
        "--model",
        `gradio:${app.url}`,
        "--out",
        out,
      ],
      { cwd: folder(), env: { GENAI_JOBS_DIR: join(folder(), "jobs"), GENAI_VIDEO_POLL_MS: "5" } },
    );
    expect(result.stderr).not.toMatch(/^error/m);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/\(y\/N\)/);
    expect(result.stderr).toMatch(/a Gradio app's job lives in this process: keep it running/);
    expect(result.stderr).not.toMatch(/it will not pay twice/);
    const [name] = await videosIn(out);
    await expectVideo(join(out, name!), { seconds: 3, width: 832, height: 480 });
  });
});
